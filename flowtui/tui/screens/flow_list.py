"""Every flow of the account, loaded page by page, filterable and sortable."""

from __future__ import annotations

import gc
import time
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input

from flowtui.api import Flow, FlowsError
from flowtui.tui.first_page import PAGE_SIZE
from flowtui.tui.reach import flows_app
from flowtui.tui.screens.flow_actions import FlowActionsScreen
from flowtui.tui.widgets.account_bar import AccountBar
from flowtui.tui.widgets.filter_input import FilterInput
from flowtui.tui.widgets.flow_table import FlowTable, filter_words, matching, search_text
from flowtui.tui.widgets.keys_footer import KeysFooter
from flowtui.tui.widgets.status_line import StatusLine

REDRAW_SECONDS = 0.5


class FlowListScreen(FlowActionsScreen):
    AUTO_FOCUS = "#flows"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_flow", "Open", id="open", show=False),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("escape", "clear_filter", "Clear filter", id="clear-filter", show=False),
        Binding("s", "cycle_sort", "Sort", id="sort"),
        Binding("ctrl+r", "refresh", "Refresh", id="refresh"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.flows: dict[str, Flow] = {}
        self._haystacks: dict[str, str] = {}  # flow id -> what the filter searches
        self._sorted: list[Flow] = []  # every flow, in the table's sort order
        self._shown: tuple[list[str], list[Flow]] = ([], [])  # last filter words and result

    def compose(self) -> ComposeResult:
        yield AccountBar(flows_app(self).context, id="account-bar")
        yield FilterInput(
            placeholder="Filter by name, id, status or category", id="filter", compact=True
        )
        yield StatusLine("Loading flows…", id="list-status")
        yield FlowTable(id="flows")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.reload()

    # --- FlowActionsScreen ---------------------------------------------------------------------

    @property
    def table(self) -> FlowTable:
        return self.query_one(FlowTable)

    def current_flow(self) -> Flow | None:
        flow_id = self.table.current_flow_id
        return self.flows.get(flow_id) if flow_id else None

    def reload(self, select: str | None = None) -> None:
        self.load_flows(select or self.table.current_flow_id)

    # --- loading -------------------------------------------------------------------------------

    @work(exclusive=True, group="flow-list", description="Loading the flows")
    async def load_flows(self, keep: str | None = None) -> None:
        """Fetch every page; the first rows appear as soon as the first page arrives, and the
        table grows (still sorted and filtered) as the others come in."""
        client = flows_app(self).client
        status = self.query_one("#list-status", StatusLine)
        status.busy = True  # a slow network shows a spinner, never a frozen screen
        loaded: dict[str, Flow] = {}
        after: str | None = None
        shown_at: float | None = None
        try:
            while True:
                early = flows_app(self).take_early_page() if after is None else None
                if early is not None:
                    page = await early.page_for(client)
                else:
                    page = await client.get_flows_page(after=after, page_size=PAGE_SIZE)
                loaded.update((f.id, f) for f in page.flows)
                if not page.has_next or not page.after or page.after == after:
                    break
                # Redraw the table after the first page, then a few times a second: sorting
                # the whole list on every page would make loading quadratic.
                now = time.monotonic()
                if shown_at is None or now - shown_at > REDRAW_SECONDS:
                    self.set_flows(loaded, keep=self._kept(keep), loading=True)
                    shown_at = now
                after = page.after
        except FlowsError as error:
            flows_app(self).report_error(error, "Could not load the flows")
            self._status(f"Loading stopped after {len(loaded)} flows: {error}")
            return
        except Exception:
            # Not one of ours: the app's worker-failure handler shows it (and logs the
            # traceback); the status line says loading ended instead of "Loading flows…".
            self._status(
                f"Loading stopped after {len(loaded)} flows: flowtui hit a problem it did not "
                "expect (L shows the messages)."
            )
            raise
        finally:
            status.busy = False
            flows_app(self).show_usage()
        self.set_flows(loaded, keep=self._kept(keep if keep in loaded else None))
        self.call_after_refresh(_settle_long_lived_objects)

    def _kept(self, keep: str | None) -> str | None:
        """The flow the cursor stays on while pages arrive: the one asked for, else the one the
        user moved to. The top row is no choice (pages arrive newest first, so it keeps
        changing): a cursor left there stays at the top instead of following that flow away."""
        if keep is not None:
            return keep
        return self.table.current_flow_id if self.table.cursor_row > 0 else None

    def set_flows(self, flows: dict[str, Flow], *, keep: str | None, loading: bool = False) -> None:
        old = self.flows
        self.flows = dict(flows)
        self._haystacks = {
            flow_id: self._haystacks[flow_id]
            if old.get(flow_id) is flow and flow_id in self._haystacks
            else search_text(flow)
            for flow_id, flow in self.flows.items()
        }
        self.resort(keep=keep, loading=loading)

    def resort(self, keep: str | None = None, *, loading: bool = False) -> None:
        self._sorted = self.table.sorted(self.flows.values())
        self._shown = ([], self._sorted)
        self.show_rows(keep=keep, loading=loading)

    def show_rows(self, keep: str | None = None, *, loading: bool = False) -> None:
        """Filter the sorted flows into the table. Typing on narrows the last result instead of
        searching every flow again."""
        needle = self.query_one("#filter", Input).value
        words = filter_words(needle)
        last_words, last_result = self._shown
        narrowing = len(words) >= len(last_words) > 0 and all(
            new.startswith(old) or old == new
            for old, new in zip(last_words, words[: len(last_words)], strict=True)
        )
        source = last_result if narrowing else self._sorted
        shown = matching(source, self._haystacks, words)
        self._shown = (words, shown)
        self.table.show(shown, keep=keep)
        total = f"{len(self.flows)} flows" + (" so far, loading…" if loading else "")
        count = f"{len(shown)} of {total}" if needle else total
        sort = self.table.sort_key.label
        self._status(f"{count} · sorted by {sort}" + (f" · filter “{needle}”" if needle else ""))
        self.update_key_states()
        self._repaint_with_input()

    def _repaint_with_input(self) -> None:
        """Have the table and the status line drawn in the same frame as the typed character.

        A widget asks its screen for a repaint only when its own message queue next goes idle,
        which is after the screen has drawn a frame for the filter box alone: the filtered rows
        came one frame (up to 17 ms, at 60 fps) later, after a frame that drew the table
        without showing it. Asking now, as Textual would on idle, puts them in the first frame.
        (``_check_refresh`` is Textual's own idle-time step; Textual is pinned exactly.)
        """
        for widget in (self.table, self.query_one("#list-status", StatusLine)):
            widget._check_refresh()

    def _status(self, text: str) -> None:
        self.query_one("#list-status", StatusLine).text = text

    # --- keys ----------------------------------------------------------------------------------

    def action_open_flow(self) -> None:
        flow = self.current_flow()
        if flow is not None:
            from flowtui.tui.screens.flow_detail import FlowDetailScreen

            self.app.push_screen(FlowDetailScreen(flow), lambda _: self.reload(select=flow.id))

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value or box.display:
            keep = self.table.current_flow_id
            box.value = ""
            box.display = False
            self.table.focus()
            self.show_rows(keep=keep)

    def action_cycle_sort(self) -> None:
        keep = self.table.current_flow_id
        self.table.cycle_sort()
        self.resort(keep=keep)

    def action_refresh(self) -> None:
        self.reload()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.show_rows(keep=self.table.current_flow_id)

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.table.focus()

    def on_flow_table_selected(self, event: FlowTable.Selected) -> None:
        self.action_open_flow()

    def on_flow_table_highlighted(self, event: FlowTable.Highlighted) -> None:
        self.update_key_states()  # publish/deprecate/delete depend on the selected flow


def _settle_long_lived_objects() -> None:
    """Take what is alive now (the loaded flows above all) out of the cyclic collector's scans.

    With 10,000 flows in memory a full collection takes 70-100 ms; Python starts one every so
    many allocations, and typing in the filter allocates, so now and then a keystroke froze for
    that long. The flows live until the next load, and they have no reference cycles (plain
    data: reference counting frees them), so they are collected once and then frozen. Whatever
    the last freeze kept is unfrozen first, so nothing stays frozen past the next load.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
