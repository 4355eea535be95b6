"""The footer of keys, redrawn once for a burst of binding changes."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's :class:`Footer`, recomposed once however many binding changes come at once.

    The Footer rebuilds all its keys (one widget each) whenever the screen's bindings may have
    changed, and it queues a rebuild per change: opening the flow list queued six (focus,
    screen stack, the first highlighted flow, ...), each 15-40 ms with fourteen keys, most of
    them after the first rows were due on screen. A rebuild already queued shows the latest
    bindings anyway, so a change that finds one queued adds nothing.
    """

    _rebuild_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_queued:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False
        await self.recompose()
