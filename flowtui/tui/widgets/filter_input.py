"""A text box whose typing repaints only itself, for filters that re-render big tables."""

from __future__ import annotations

from flowtui.tui.widgets.literal import LiteralInput


class FilterInput(LiteralInput):
    """A :class:`LiteralInput` that does not lay out the whole screen on every keystroke.

    Textual's Input sets its ``virtual_size`` whenever its value changes, and ``virtual_size``
    is a layout reactive: each keystroke re-laid out every widget on the screen (10-20 ms with
    the flow list, up to 70 ms, measured in a pty). A box of fixed size never changes the layout,
    so here the new virtual size only updates the box's own scrolling, as the layout would.
    """

    _changing_value = False

    def _watch_value(self, value: str) -> None:
        self._changing_value = True
        try:
            super()._watch_value(value)
        finally:
            self._changing_value = False

    def refresh(
        self,
        *regions: object,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> FilterInput:
        if layout and self._changing_value and not self.styles.auto_dimensions:
            self._scroll_update(self.virtual_size)
            layout = False
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)  # type: ignore[arg-type]
        return self
