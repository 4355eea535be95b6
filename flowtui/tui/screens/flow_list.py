"""Every flow of the account, loaded page by page, filterable and sortable."""

from __future__ import annotations

import contextlib
import gc
import time
from bisect import bisect_left
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input

from flowtui.api import Flow, FlowsError
from flowtui.catalog import SORT_KEYS, FlowCatalog, filter_words
from flowtui.settings import DEFAULT_STALE_MINUTES, list_settings
from flowtui.tui.first_page import PAGE_SIZE
from flowtui.tui.reach import flows_app
from flowtui.tui.screens.flow_actions import FlowActionsScreen
from flowtui.tui.widgets.account_bar import AccountBar
from flowtui.tui.widgets.filter_input import FilterInput
from flowtui.tui.widgets.flow_table import FlowTable
from flowtui.tui.widgets.keys_footer import KeysFooter
from flowtui.tui.widgets.status_line import StatusLine

REDRAW_SECONDS = 0.5
DRAW_SHARE = 10  # while loading, the wait until the next draw is at least 10x the last draw
STALE_CHECK_SECONDS = 30.0
PREPARE_SECONDS = 0.3  # after a load, one more sort order is made every this often


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
        self._reading_account = False
        self.stale_after = DEFAULT_STALE_MINUTES * 60
        self.load_flows()
        self.read_settings()
        self.set_interval(STALE_CHECK_SECONDS, self.check_stale)

    def on_screen_resume(self) -> None:
        """Back from a detail, a dialog or the wizard: the catalog as it is now, no request."""
        known = self.catalog.outdated or self.catalog.loaded_at is not None
        if known and not self._reading_account:
            self.catalog_changed()

    # --- FlowActionsScreen ---------------------------------------------------------------------

    @property
    def catalog(self) -> FlowCatalog:
        return flows_app(self).catalog

    @property
    def flows(self) -> dict[str, Flow]:
        return self.catalog.flows

    @property
    def table(self) -> FlowTable:
        return self.query_one(FlowTable)

    def current_flow(self) -> Flow | None:
        flow_id = self.table.current_flow_id
        return self.catalog.get(flow_id) if flow_id else None

    def catalog_changed(self, select: str | None = None) -> None:
        if self.catalog.outdated and not self._reading_account:
            self.load_flows(select or self.table.current_flow_id)
        else:
            self.show_rows(keep=select or self.table.current_flow_id)

    # --- loading -------------------------------------------------------------------------------

    @work(exclusive=True, group="flow-list", description="Loading the flows")
    async def load_flows(self, keep: str | None = None) -> None:
        """Read every page. The first load fills the app's catalog as pages come, the table
        growing (sorted, filtered) a few times a second; a reload (ctrl+r) reads into a fresh
        catalog while the table keeps showing the old one, then shows the new one."""
        app = flows_app(self)
        client = app.client
        shown = app.catalog
        catalog = shown if not shown.flows else FlowCatalog(clock=shown.clock)
        catalog.set_sort(shown.sort)
        growing = catalog is shown
        status = self.query_one("#list-status", StatusLine)
        status.busy = True  # a slow network shows a spinner, never a frozen screen
        self._reading_account = True
        draw_at = 0.0  # when the table is next drawn while pages come
        try:
            early = app.take_early_page()
            first = await early.page_for(client) if early is not None else None
            pages = client.flow_pages(first=first, page_size=PAGE_SIZE, keep_raw=False)
            async with contextlib.aclosing(pages):
                async for page in pages:  # (the next page is on its way meanwhile)
                    catalog.put(page.flows)
                    # Out of the cyclic collector's scans as they come: each of its full
                    # collections scans every object alive, and a load triggers one every time
                    # the heap grows by a quarter (a tenth of the time of a 100,000-flow load).
                    # The young generations are collected first (a page's worth of objects), so
                    # what is frozen is what lives on, not the garbage of the last page.
                    gc.collect(1)
                    gc.freeze()
                    # Drawn after the first page, then a few times a second, and never for
                    # more than a tenth of the time (a draw merges what arrived into the
                    # order: the larger the list, the more it costs).
                    now = time.monotonic()
                    if page.has_next and now >= draw_at:
                        if growing:
                            self.show_rows(keep=self._kept(keep), loading=True)
                        else:
                            self._status(f"Refreshing: {len(catalog):,} flows read so far…")
                        cost = time.monotonic() - now
                        draw_at = now + max(REDRAW_SECONDS, DRAW_SHARE * cost)
        except FlowsError as error:
            app.report_error(error, "Could not load the flows")
            self._status(f"Loading stopped after {len(catalog)} flows: {error}")
            return
        except Exception:
            # Not one of ours: the app's worker-failure handler shows it (and logs the
            # traceback); the status line says loading ended instead of "Loading flows…".
            self._status(
                f"Loading stopped after {len(catalog)} flows: flowtui hit a problem it did not "
                "expect (L shows the messages)."
            )
            raise
        finally:
            self._reading_account = False
            status.busy = False
            app.show_usage()
            # What the freezes kept from being collected (garbage of the load too) is now.
            self.app.call_after_refresh(_settle_long_lived_objects)
        catalog.mark_loaded()
        if not growing:
            app.catalog = catalog
        self.query_one(AccountBar).stale_minutes = None
        self.show_rows(keep=self._kept(keep if keep in catalog else None))
        self.set_timer(PREPARE_SECONDS, self._prepare_orders)

    def _prepare_orders(self) -> None:
        """Once loaded, the other sorts are made one by one while the user reads (so ``s``
        shows a kept order, never sorts 100,000 flows on the key press)."""
        if self._reading_account or not self.is_attached:
            return
        if self.catalog.prepare_next_order():
            self.set_timer(PREPARE_SECONDS, self._prepare_orders)

    def _kept(self, keep: str | None) -> str | None:
        """The flow the cursor stays on while pages arrive: the one asked for, else the one the
        user moved to. The top row is no choice (pages arrive newest first, so it keeps
        changing): a cursor left there stays at the top instead of following that flow away."""
        if keep is not None:
            return keep
        return self.table.current_flow_id if self.table.cursor_row > 0 else None

    def show_rows(self, keep: str | None = None, *, loading: bool = False) -> None:
        """The catalog into the table, filtered; the cursor stays on flow ``keep`` when it is
        still shown. Typing on narrows the last result instead of searching every flow."""
        catalog = self.catalog
        rows = catalog.rows()
        needle = self.query_one("#filter", Input).value
        words = filter_words(needle)
        shown = catalog.matching(words) if words else None
        cursor_at = None
        position = catalog.position(keep) if keep is not None else None
        if position is not None:
            if shown is None:
                cursor_at = position
            elif (at := bisect_left(shown, position)) < len(shown) and shown[at] == position:
                cursor_at = at
        self.table.sort = catalog.sort
        self.table.show(rows, shown, cursor_at=cursor_at)
        total = f"{len(rows):,} flows" + (" so far, loading…" if loading else "")
        count = f"{len(shown):,} of {total}" if shown is not None else total
        status = f"{count} · sorted by {catalog.sort.label}"
        self._status(status + (f" · filter “{needle}”" if needle else ""))
        self.update_key_states()
        self._repaint_with_input()

    # --- staleness -----------------------------------------------------------------------------

    @work(thread=True, group="list-settings", description="Reading the list's settings")
    def read_settings(self) -> None:
        accounts = flows_app(self).accounts
        if accounts is not None:
            minutes = list_settings(accounts.config_path).stale_after_minutes
            self.app.call_from_thread(setattr, self, "stale_after", minutes * 60)

    def check_stale(self) -> None:
        """A list older than the setting says so in the header (and ctrl+r refreshes it): it
        is never reloaded behind the user's back."""
        age = self.catalog.age()
        stale = age is not None and age >= self.stale_after and not self._reading_account
        self.query_one(AccountBar).stale_minutes = int(age // 60) if stale and age else None

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

            self.app.push_screen(FlowDetailScreen(flow))  # back: on_screen_resume, no request

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
        catalog = self.catalog
        catalog.set_sort(SORT_KEYS[(SORT_KEYS.index(catalog.sort) + 1) % len(SORT_KEYS)])
        self.show_rows(keep=keep)

    def action_refresh(self) -> None:
        """ctrl+r: read the whole account again (the one thing that does)."""
        self.load_flows(self.table.current_flow_id)

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
