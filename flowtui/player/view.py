"""What a screen shows now: its components with every dynamic value resolved, If and Switch
decided, ``visible: false`` left out, and a labelled placeholder for what the player can't show."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flowtui.flowjson.components import COMPONENTS
from flowtui.flowjson.expressions import as_text, truthy
from flowtui.player.document import FlowDocument
from flowtui.player.values import Scope, resolve, run

PLACEHOLDER = "Placeholder"
MAX_NESTING = 24  # Forms, Ifs and Switches inside one another
# Properties that hold components or actions: resolved when they are used, not when shown.
_LATER = frozenset(
    {
        "children",
        "then",
        "else",
        "cases",
        "on-click-action",
        "on-select-action",
        "on-unselect-action",
    }
)


@dataclass(frozen=True)
class Shown:
    """One component on screen. ``key`` is its place in the layout (stable while the flow runs:
    the TUI keys its widgets by it); ``raw`` is the component as written (its actions)."""

    kind: str
    key: str
    props: Mapping[str, Any]
    raw: Mapping[str, Any] = field(default_factory=dict)
    problem: str | None = None  # why a placeholder stands here

    @property
    def name(self) -> str | None:
        name = self.raw.get("name")
        return name if isinstance(name, str) else None

    @property
    def is_input(self) -> bool:
        spec = COMPONENTS.get(self.kind)
        return spec is not None and spec.input

    def text(self, prop: str, default: str = "") -> str:
        value = self.props.get(prop)
        if value is None:
            return default
        if isinstance(value, list):
            return "\n".join(as_text(item) for item in value)
        if isinstance(value, Mapping):  # a range CalendarPicker's {"start-date", "end-date"}
            return " – ".join(as_text(item) for item in value.values())
        return as_text(value)

    def flag(self, prop: str, default: bool) -> bool:
        value = self.props.get(prop, default)
        if isinstance(value, str):
            return value.strip().lower() not in ("false", "")
        return truthy(value) if value is not None else default


@dataclass(frozen=True)
class ScreenView:
    id: str
    title: str
    terminal: bool
    components: tuple[Shown, ...]
    problems: tuple[str, ...]  # expressions that did not parse, and the like

    @property
    def footer(self) -> Shown | None:
        return next((c for c in self.components if c.kind == "Footer"), None)

    @property
    def inputs(self) -> dict[str, Shown]:
        found: dict[str, Shown] = {}
        for component in self.components:
            if component.is_input and component.name:
                found.setdefault(component.name, component)
        return found


def screen_view(document: FlowDocument, screen_id: str, scope: Scope) -> ScreenView:
    screen = document.screens[screen_id]
    problems: list[str] = [document.version_problem] if document.version_problem else []
    walker = _Walker(document, scope, problems.append)
    layout = screen.get("layout")
    children = layout.get("children") if isinstance(layout, Mapping) else None
    shown: list[Shown] = []
    walker.walk(children if isinstance(children, list) else [], "", shown, form={})
    title = resolve(screen.get("title", ""), scope, problems=problems.append)
    return ScreenView(
        id=screen_id,
        title=as_text(title),
        terminal=screen.get("terminal") is True,
        components=tuple(shown),
        problems=tuple(dict.fromkeys(problems)),
    )


@dataclass
class _Walker:
    document: FlowDocument
    scope: Scope
    problem: Callable[[str], None]

    def walk(self, items: list[Any], at: str, out: list[Shown], form: Mapping[str, Any]) -> None:
        if at.count(".") > MAX_NESTING:  # (Meta allows If three deep; a hostile file more)
            out.append(Shown(PLACEHOLDER, at, {}, problem="components nested too deeply"))
            return
        for index, item in enumerate(items):
            key = f"{at}{index}"
            if not isinstance(item, Mapping):
                out.append(Shown(PLACEHOLDER, key, {}, problem="not a component (not an object)"))
                continue
            kind = item.get("type")
            kind = kind if isinstance(kind, str) else ""
            if kind == "If":
                self._if(item, key, out, form)
            elif kind == "Switch":
                self._switch(item, key, out, form)
            elif kind == "Form":
                self._form(item, key, out)
            else:
                self._one(item, kind, key, out, form)

    def _one(
        self,
        item: Mapping[str, Any],
        kind: str,
        key: str,
        out: list[Shown],
        form: Mapping[str, Any],
    ) -> None:
        why = self.document.component_known(kind)
        if why is not None:
            out.append(Shown(PLACEHOLDER, key, {"type": kind}, item, problem=why))
            return
        props = {
            name: resolve(value, self.scope, problems=self.problem)
            for name, value in item.items()
            if name not in _LATER
        }
        name = item.get("name")
        if isinstance(name, str):  # a Form's init-values and error-messages reach its inputs
            for source, target in (
                ("init-values", "init-value"),
                ("error-messages", "error-message"),
            ):
                values = form.get(source)
                if isinstance(values, Mapping) and name in values and target not in props:
                    props[target] = values[name]
        shown = Shown(kind, key, props, item)
        if shown.flag("visible", True):
            out.append(shown)

    def _form(self, item: Mapping[str, Any], key: str, out: list[Shown]) -> None:
        form = {
            name: resolve(item.get(name), self.scope, problems=self.problem)
            for name in ("init-values", "error-messages")
        }
        children = item.get("children")
        self.walk(children if isinstance(children, list) else [], f"{key}.", out, form)

    def _if(
        self, item: Mapping[str, Any], key: str, out: list[Shown], form: Mapping[str, Any]
    ) -> None:
        condition = item.get("condition")
        if isinstance(condition, str):
            holds = truthy(run(condition, self.scope, self.problem))
        else:
            holds = truthy(condition)
        branch = item.get("then" if holds else "else")
        branch_key = f"{key}.{'then' if holds else 'else'}."
        self.walk(branch if isinstance(branch, list) else [], branch_key, out, form)

    def _switch(
        self, item: Mapping[str, Any], key: str, out: list[Shown], form: Mapping[str, Any]
    ) -> None:
        value = as_text(resolve(item.get("value"), self.scope, problems=self.problem))
        cases = item.get("cases")
        branch = cases.get(value) if isinstance(cases, Mapping) else None
        # No case for the value: nothing is shown (UNCONFIRMED at Meta; reference B6).
        self.walk(branch if isinstance(branch, list) else [], f"{key}.{value}.", out, form)
