"""What the user's chat shows once a flow completes: each answer with its label, ``sensitive``
fields (5.1+) masked as WhatsApp masks them (reference B6): text, dates and choices as dots,
passwords, passcodes and picked files left out, an OptIn as it is."""

from __future__ import annotations

from typing import Any

from flowtui.flowjson.expressions import as_text
from flowtui.player.engine import Player
from flowtui.player.inputs import MANY_OF_KINDS, MEDIA_KINDS, ONE_OF_KINDS, label
from flowtui.player.view import Shown, screen_view

MASK = "••••••"
SECRET_INPUT_TYPES = frozenset({"password", "passcode"})


def answers(player: Player) -> list[tuple[str, str]]:
    """(label, what the chat shows) for every filled input of the screens on the way."""
    shown: list[tuple[str, str]] = []
    for state in player.stack:
        screen = player.document.screens[state.id]
        sensitive = screen.get("sensitive")
        masked = (
            {n for n in sensitive if isinstance(n, str)} if isinstance(sensitive, list) else set()
        )
        view = screen_view(player.document, state.id, player.scope(state))
        for name, component in view.inputs.items():
            value = state.form.get(name)
            if value is None or value == "" or value == []:
                continue
            text = _shown(component, value, masked=name in masked)
            if text is not None:
                shown.append((label(component), text))
    return shown


def _shown(component: Shown, value: Any, *, masked: bool) -> str | None:
    kind = component.kind
    if masked:
        if kind in MEDIA_KINDS or component.text("input-type") in SECRET_INPUT_TYPES:
            return None
        if kind == "OptIn":
            return "Yes" if value is True else "No"
        return MASK
    if component.text("input-type") in SECRET_INPUT_TYPES:
        return MASK  # never shown, sensitive or not
    if kind in ONE_OF_KINDS | MANY_OF_KINDS:
        titles = _titles(component)
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(titles.get(str(v), str(v)) for v in chosen)
    if kind == "OptIn":
        return "Yes" if value is True else "No"
    if kind in MEDIA_KINDS and isinstance(value, list):
        return f"{len(value)} file{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return " – ".join(as_text(value.get(k)) for k in ("start-date", "end-date"))
    return as_text(value)


def _titles(component: Shown) -> dict[str, str]:
    source = component.props.get("data-source")
    return {
        str(item["id"]): as_text(item.get("title"))
        for item in (source if isinstance(source, list) else [])
        if isinstance(item, dict) and "id" in item
    }
