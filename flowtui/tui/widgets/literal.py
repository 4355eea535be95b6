"""Text from outside, ready for a widget: shown as written, never read as markup.

Textual and Rich read a plain ``str`` as markup almost everywhere (``Static``, ``Label``,
``Static.update``, ``DataTable`` and Rich ``Table`` cells, the command palette's hits, a
widget's ``render``): a flow named ``Spring sale [/bold]`` crashed the screen showing it, and
one named ``[@click=app.quit]…`` became a button. So every string that comes from Graph, a
file, the keyboard or the environment is handed to widgets through :func:`literal` (a
``rich.text.Text``, which is never parsed) after :func:`flowtui.text.printable` (no control
character reaches the terminal). Strings flowtui writes itself may stay plain.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.content import Content
from textual.expand_tabs import expand_tabs_inline
from textual.widgets import Input

from flowtui.text import printable, printable_lines, without_lone_surrogates


def literal(text: object, style: str = "", *, lines: bool = False) -> Text:
    """``text`` (None shows as nothing) as a Text that shows exactly what it says, with its
    control characters made visible; ``lines`` keeps its line breaks (a message of several
    lines)."""
    plain = "" if text is None else str(text)
    return Text(printable_lines(plain) if lines else printable(plain), style=style)


def literal_content(text: object) -> Content:
    """:func:`literal` as Textual :class:`Content`, for the places that want Content (the
    command palette's hits)."""
    return Content(printable("" if text is None else str(text)))


class LiteralInput(Input):
    """A text box that shows its value as :func:`printable` does: a name with an escape
    sequence, prefilled from Graph or pasted, is edited as ``␛[2J``, never sent to the
    terminal. The value itself is kept as it is (saving a form sends what was there), but for a
    lone surrogate, which nothing could send."""

    def validate_value(self, value: str) -> str:
        """A lone surrogate (only Graph's JSON can bring one) becomes U+FFFD: no file name or
        request can carry it, and checking one as a path raised out of the form."""
        return without_lone_surrogates(value)

    def _shown(self, text: str) -> str:
        return printable(text, keep_tabs=True)  # one character for one: the cursor still fits

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(self._shown(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(self._shown(self.value[:position]), 4))

    def _cell_offset_to_index(self, offset: int) -> int:
        """Textual's, measured on the text shown (a control character shows one cell wide)."""
        shown = self._shown(self.value)
        offset += self.scroll_offset.x
        cell_offset = 0
        for index, character in enumerate(shown):
            width = get_character_cell_size(character)
            if cell_offset <= offset < cell_offset + width:
                return index
            cell_offset += width
        return max(0, min(offset, len(shown)))
