"""The table of flows: a virtual list that draws only the rows on screen.

Textual's DataTable builds every row up front (about 5 s for 10,000 flows here), so the flow
list uses this Line API widget instead. It draws from the flows it is given (the catalog's
list, in order) and the filter's positions into it, copying neither, so sorting, filtering and
loading hand it new lists, and a frame costs the ~35 visible rows whatever the account's size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from flowtui.api import Flow
from flowtui.catalog import SORT_KEYS, SortKey
from flowtui.tui.widgets.literal import literal
from flowtui.tui.widgets.status import status_badge

# (key, header, width)
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("name", "Name", 29),
    ("status", "Status", 13),
    ("categories", "Categories", 23),
    ("errors", "Errors", 9),
    ("json", "JSON", 7),
    ("id", "ID", 17),
    ("updated", "Updated (UTC)", 17),
)


def row_cells(flow: Flow) -> tuple[Text, ...]:
    """The cells of one row, as shown (Graph's text literally, one line each)."""
    count = len(flow.validation_errors)
    return (
        literal(flow.name),
        status_badge(flow.status),
        literal(", ".join(map(str, flow.categories))),
        Text.assemble((str(count), "bold red" if count else "dim")),
        literal(flow.json_version or "-"),
        literal(flow.id),
        Text(flow.updated_at.strftime("%Y-%m-%d %H:%M") if flow.updated_at else "-"),
    )


def _line(cells: Sequence[Text]) -> Text:
    line = Text(" ")
    for cell, (_, _, width) in zip(cells, COLUMNS, strict=True):
        cell = cell.copy()
        cell.truncate(width - 1, overflow="ellipsis", pad=True)
        line.append_text(cell)
        line.append(" ")
    return line


class FlowTable(ScrollView, can_focus=True):
    """Flows, one per line, with a row cursor, vim keys and a sort cycle."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "flow-table--header",
        "flow-table--cursor",
        "flow-table--even",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, flow_id: str | None) -> None:
            super().__init__()
            self.flow_id = flow_id

    class Selected(Message):
        def __init__(self, flow_id: str) -> None:
            super().__init__()
            self.flow_id = flow_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._all: Sequence[Flow] = []  # every flow, in the current order
        self._indices: Sequence[int] | None = None  # the shown ones (a filter), or all
        self._cursor_flow_id: str | None = None
        self.sort: SortKey = SORT_KEYS[0]  # the order the rows come in (its header has the arrow)
        self._lines: dict[str, tuple[Flow, Text]] = {}  # flow id -> (flow, its drawn line)
        # (flow id, row variant, width) -> (flow, strip): a frame re-renders only new rows.
        self._strips: dict[tuple[str, str, int], tuple[Flow, Strip]] = {}

    # --- data ----------------------------------------------------------------------------------

    def show(
        self,
        flows: Sequence[Flow],
        shown: Sequence[int] | None = None,
        *,
        cursor_at: int | None = None,
    ) -> None:
        """Show ``flows`` (every flow, in order), or only those at the positions ``shown``;
        the cursor goes to row ``cursor_at`` when given, else stays where it was. Nothing is
        copied: the rows are drawn from these as they scroll into view (so after the flows
        change, the table must be shown them again)."""
        previous = self.cursor_row
        self._all, self._indices = flows, shown
        self._set_height()
        if cursor_at is not None:
            self.cursor_row = cursor_at
        else:
            self.cursor_row = min(previous, max(0, self.row_count - 1))
        self._find_cursor_flow()
        self.refresh()

    def shown_flows(self) -> list[Flow]:
        """Every row, top to bottom (a copy: for checks, not for drawing)."""
        return [self.row(index) for index in range(self.row_count)]

    def row(self, index: int) -> Flow:
        return self._all[index if self._indices is None else self._indices[index]]

    def _row_or_none(self, index: int) -> Flow | None:
        """The row, or None for a position the flows no longer have: the catalog changes a few
        flows in place, and a frame may come before the screen shows the change."""
        try:
            return self.row(index)
        except IndexError:
            return None

    def select_flow(self, flow_id: str) -> bool:
        """Move the cursor to the flow (a scan: for tests and rare moves)."""
        for index in range(self.row_count):
            if self.row(index).id == flow_id:
                self.cursor_row = index
                return True
        return False

    @property
    def row_count(self) -> int:
        return len(self._all) if self._indices is None else len(self._indices)

    @property
    def current_flow_id(self) -> str | None:
        """The flow under the cursor as last shown: the catalog may have changed in place since
        (and the screen asks which flow to keep before it shows the change)."""
        return self._cursor_flow_id

    def _find_cursor_flow(self) -> None:
        flow = self._row_or_none(self.cursor_row)
        self._cursor_flow_id = flow.id if flow is not None else None

    # --- cursor --------------------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, self.row_count - 1)) if self.row_count else 0

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._find_cursor_flow()
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self.current_flow_id))

    def _scroll_cursor_into_view(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)  # minus the header
        top = round(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_page_up(self) -> None:
        self.cursor_row -= max(1, self.scrollable_content_region.height - 2)

    def action_page_down(self) -> None:
        self.cursor_row += max(1, self.scrollable_content_region.height - 2)

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = self.row_count - 1

    def action_select(self) -> None:
        flow_id = self.current_flow_id
        if flow_id is not None:
            self.post_message(self.Selected(flow_id))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and 0 <= row < self.row_count:
            self.cursor_row = row
            if event.chain == 2:
                self.action_select()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.row_count + 1)

    def _set_height(self) -> None:
        """Size the scrollable area for the rows, without a new layout of the whole screen.

        ``virtual_size`` is a layout reactive: assigning it re-lays out every widget, which was
        most of a filter keystroke's cost with 10,000 flows. This table's own size does not
        change, so setting it quietly and updating the scrollbars is enough.
        """
        size = Size(self.size.width, self.row_count + 1)
        if size != self.virtual_size:
            self.set_reactive(FlowTable.virtual_size, size)
            self._scroll_update(size)

    # --- drawing -------------------------------------------------------------------------------

    def _header(self) -> Text:
        sort = self.sort
        arrow = " ▼" if sort.descending else " ▲"
        cells = [Text(label + (arrow if key == sort.column else "")) for key, label, _ in COLUMNS]
        return _line(cells)

    def _row_text(self, flow: Flow) -> Text:
        cached = self._lines.get(flow.id)
        if cached is not None and cached[0] is flow:
            return cached[1]
        line = _line(row_cells(flow))
        self._lines[flow.id] = (flow, line)
        return line

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # theme or focus changed: every cached row is stale

    def _on_focus(self, event: events.Focus) -> None:
        self._strips.clear()
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._strips.clear()
        self.refresh()

    def _strip(self, text: Text, style: Style, width: int) -> Strip:
        segments = Segment.apply_style(list(text.render(self.app.console)), style)
        return Strip(segments).adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header_style = base + self.get_component_rich_style("flow-table--header")
            return self._strip(self._header(), header_style, width)
        index = round(self.scroll_offset.y) + y - 1
        flow = self._row_or_none(index)
        if flow is None:
            return Strip.blank(width, base)
        variant = "cursor" if index == self.cursor_row else ("even" if index % 2 else "odd")
        cached = self._strips.get((flow.id, variant, width))
        if cached is not None and cached[0] is flow:
            return cached[1]
        text = self._row_text(flow)
        style = base
        if variant == "cursor":
            style = base + self.get_component_rich_style("flow-table--cursor")
            text = text.copy()
            text.stylize(Style(bold=True))
        elif variant == "even":
            style = base + self.get_component_rich_style("flow-table--even")
        if len(self._strips) > 4096:
            self._strips.clear()
        strip = self._strip(text, style, width)
        self._strips[(flow.id, variant, width)] = (flow, strip)
        return strip
