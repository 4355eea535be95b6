"""The keys of a screen as (key, description, availability) rows, from its live bindings.

The help screen and the command palette both read this, so neither can drift from the
bindings themselves. The screen's own keys come first, then the focused widget's, then the
app's; generic scrolling and clipboard keys that every widget has are left out.
"""

from __future__ import annotations

from textual.screen import Screen

NOISE: frozenset[str] = frozenset(
    {"scroll_left", "scroll_right", "page_left", "page_right", "copy_text", "screen.copy_text"}
)


def key_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    chain = list(screen._binding_chain)  # focused widget ... screen, app
    ordered = [entry for entry in chain if entry[0] is screen]
    ordered += [entry for entry in chain if entry[0] is not screen and entry[0] is not screen.app]
    ordered += [entry for entry in chain if entry[0] is screen.app]
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for namespace, bindings in ordered:
        for key, binding_list in bindings.key_to_bindings.items():
            for binding in binding_list:
                if not binding.description or binding.action in NOISE or key in seen:
                    continue
                seen.add(key)
                state = screen.app._check_action_state(binding.action, namespace)
                note = "" if state else ("unavailable now" if state is None else "disabled")
                display = screen.app.get_key_display(binding)
                rows.append((display, binding.tooltip or binding.description, note))
    return rows
