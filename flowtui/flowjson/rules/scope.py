"""What the rules learn about each screen while walking it, for the cross-screen rules after."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flowtui.flowjson.components import ActionChoice, ComponentSpec
from flowtui.flowjson.context import Path


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a component sits: inside which Form, inside which If/Switch branch, how deep."""

    form: Path | None = None
    # "If" or "Switch" when inside a branch of one (the innermost), else None.
    branch: str | None = None
    if_depth: int = 0
    # The outermost If/Switch around the component and which of its branches ("then", "else" or
    # a case key) holds it; and the same for the innermost one.
    outer: Path | None = None
    outer_branch: str | None = None
    inner: Path | None = None


@dataclass(frozen=True, slots=True)
class PlacedComponent:
    spec: ComponentSpec
    value: dict[str, Any]
    path: Path
    placement: Placement


@dataclass(frozen=True, slots=True)
class ActionSite:
    """An action object and what its property allows (``on-click-action`` of a Footer, ...)."""

    value: Any
    path: Path
    owner: str
    choices: tuple[ActionChoice, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    """A string holding ``${...}``; ``expects`` are the JSON types the property takes literally."""

    text: str
    path: Path
    expects: tuple[str, ...] = ()
    # An If condition or Switch value: an expression, where text may surround references.
    expression: bool = False


# Where an expression sits (ExpressionSite.kind).
PROPERTY = "property"
ACTION = "action"
CONDITION = "condition"


@dataclass(frozen=True, slots=True)
class ExpressionSite:
    """A string holding an expression: a nested expression (``property``, ``action``) or an If
    ``condition``; ``expects`` are the JSON types the property takes literally."""

    text: str
    path: Path
    kind: str
    expects: tuple[str, ...] = ()


@dataclass
class ScreenScope:
    index: int
    path: Path
    id: str | None
    terminal: bool
    data: dict[str, Any] = field(default_factory=dict)
    components: list[PlacedComponent] = field(default_factory=list)
    actions: list[ActionSite] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    expressions: list[ExpressionSite] = field(default_factory=list)
    # Over MAX_COMPONENTS_PER_SCREEN: the walk stopped one component past the limit, so what
    # was learnt about the screen is partial (the check ends after the screens).
    crowded: bool = False

    def inputs(self) -> dict[str, PlacedComponent]:
        """Input components by name (the first of duplicates)."""
        found: dict[str, PlacedComponent] = {}
        for placed in self.components:
            name = placed.value.get("name")
            if placed.spec.input and isinstance(name, str):
                found.setdefault(name, placed)
        return found
