"""The one way a screen, widget or command provider reaches the running :class:`FlowtuiApp`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.app import App

    from flowtui.tui.app import FlowtuiApp


class InApp(Protocol):
    """Anything Textual attaches to an app: widgets, screens, command providers."""

    @property
    def app(self) -> App[Any]: ...


def flows_app(node: InApp) -> FlowtuiApp:
    """The app ``node`` runs in, typed; a TypeError if that is some other Textual app."""
    from flowtui.tui.app import FlowtuiApp  # here: the app module imports the screens

    app = node.app
    if not isinstance(app, FlowtuiApp):
        raise TypeError(f"{type(node).__name__} runs in {type(app).__name__}, not FlowtuiApp")
    return app
