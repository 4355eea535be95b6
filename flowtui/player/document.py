"""A Flow JSON as the player reads it: its screens, their declared data, the routing model."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flowtui.flowjson.components import COMPONENTS
from flowtui.flowjson.versions import at_least, is_well_formed

# The newest Flow JSON version the player knows; a newer one plays with a warning.
NEWEST_VERSION = "7.3"
EXPRESSIONS_SINCE = "6.0"  # backtick expressions in properties (reference section 14.4)


class FlowDocumentError(ValueError):
    """A Flow JSON the player cannot start: not JSON, no screens."""


@dataclass(frozen=True)
class FlowDocument:
    raw: Mapping[str, Any]
    version: str
    screens: Mapping[str, Mapping[str, Any]]  # by id, in the file's order
    routing_model: Mapping[str, tuple[str, ...]] | None
    data_api_version: str | None

    @classmethod
    def from_text(cls, text: str) -> FlowDocument:
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as error:
            raise FlowDocumentError(
                f"This is not JSON: {error.msg} at line {error.lineno}, column {error.colno}."
            ) from None
        except (ValueError, RecursionError):  # a 5,000-digit number, lists 5,000 deep
            raise FlowDocumentError("This JSON cannot be read: too deep or too large.") from None
        return cls.from_json(raw)

    @classmethod
    def from_json(cls, raw: object) -> FlowDocument:
        if not isinstance(raw, dict):
            raise FlowDocumentError("A Flow JSON is an object with a list of screens.")
        screens_raw = raw.get("screens")
        screens = {
            screen["id"]: screen
            for screen in (screens_raw if isinstance(screens_raw, list) else [])
            if isinstance(screen, dict) and isinstance(screen.get("id"), str)
        }
        if not screens:
            raise FlowDocumentError("This Flow JSON has no screens to play.")
        version = raw.get("version")
        routing = raw.get("routing_model")
        routing_model = (
            {
                str(source): tuple(str(t) for t in targets if isinstance(t, str))
                for source, targets in routing.items()
                if isinstance(targets, list)
            }
            if isinstance(routing, dict)
            else None
        )
        api = raw.get("data_api_version")
        return cls(
            raw=raw,
            version=version if isinstance(version, str) else "",
            screens=screens,
            routing_model=routing_model,
            data_api_version=api if isinstance(api, str) else None,
        )

    @property
    def plays_as(self) -> str:
        """The version whose rules the player follows: the flow's own, or, when it has none
        that can be read (``"v2.1"``, missing), the newest the player knows."""
        return self.version if is_well_formed(self.version) else NEWEST_VERSION

    @property
    def version_problem(self) -> str | None:
        if is_well_formed(self.version):
            if at_least(self.version, NEWEST_VERSION) and self.version != NEWEST_VERSION:
                return (
                    f"Flow JSON {self.version} is newer than the player knows: it plays as "
                    f"{NEWEST_VERSION}."
                )
            return None
        shown = repr(self.version) if self.version else "no version"
        return f"This flow has {shown}, not a version such as 7.3: it plays as {NEWEST_VERSION}."

    @property
    def first_screen(self) -> str:
        """The entry screen: with a routing model, the first screen no route leads to."""
        if self.routing_model:
            targets = {t for ts in self.routing_model.values() for t in ts}
            for screen_id in self.screens:
                if screen_id not in targets:
                    return screen_id
        return next(iter(self.screens))

    @property
    def has_endpoint(self) -> bool:
        return self.data_api_version is not None

    def at_least(self, version: str) -> bool:
        return at_least(self.plays_as, version)

    def declared_data(self, screen_id: str) -> Mapping[str, Any]:
        """The screen's ``data`` declarations (name -> JSON schema with ``__example__``)."""
        data = self.screens.get(screen_id, {}).get("data")
        return data if isinstance(data, dict) else {}

    def example_data(self, screen_id: str) -> dict[str, Any]:
        """Each declared field's ``__example__``, as Meta's preview fills a first screen."""
        return {
            name: schema["__example__"]
            for name, schema in self.declared_data(screen_id).items()
            if isinstance(schema, dict) and "__example__" in schema
        }

    def allows(self, source: str, target: str) -> bool:
        """Whether the routing model lets ``source`` lead to ``target`` (always without one)."""
        if self.routing_model is None:
            return True
        return target in self.routing_model.get(source, ())

    def component_known(self, kind: str) -> str | None:
        """Why a component type cannot be shown (None when it can)."""
        spec = COMPONENTS.get(kind)
        if spec is None:
            return f"{kind or 'a component without a type'} is not a Flow JSON component"
        if not self.at_least(spec.since):
            return f"{kind} needs Flow JSON {spec.since}; this flow is {self.plays_as}"
        return None
