"""The migration wizard's review step: what is copied where, and names the destination has.

Graph refuses a flow whose name the destination already has (4233041), so the step lists
the destination (a worker, while the rest is already on screen) and names the chosen flows
that would be refused. Nothing is sent from here: ``ctrl+s`` asks the wizard to start.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from flowtui.api import Flow, FlowsError
from flowtui.migration import batched_names, named_few, names_in_destination
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.reach import flows_app
from flowtui.tui.widgets.literal import literal
from flowtui.tui.widgets.status import status_badge
from flowtui.tui.widgets.vim_table import VimTable

NOT_IDEMPOTENT = (
    "⚠ Migration copies: the source keeps its flows. It is not idempotent: a request that "
    "failed midway is never resent by itself. Published flows arrive published, drafts as "
    "drafts; a name the destination already has is refused for that flow."
)
CHECK_STATES = ("-checking", "-clear", "-clash", "-unchecked")


def flow_count(count: int) -> str:
    return f"{count} flow" if count == 1 else f"{count} flows"


def requests_for(names: list[str]) -> str:
    batches = len(batched_names(names))
    return "1 request" if batches == 1 else f"{batches} requests of at most 100 flows"


class ReviewStep(Vertical):
    """The summary, the warning, the destination check and the chosen flows."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.destination = ""
        self.existing: tuple[str, ...] | None = None  # chosen names already there, once known

    def compose(self) -> ComposeResult:
        yield Label("Review", classes="step-title")
        yield Static("", id="review-summary")
        yield Static(NOT_IDEMPOTENT, id="review-warning")
        yield Static("", id="review-check")
        yield VimTable(id="review-flows")
        yield Static("", classes="step-error", id="review-error")

    def on_mount(self) -> None:
        self.query_one("#review-flows", DataTable).add_columns("Name", "Status", "Source id")

    def show(self, flows: list[Flow], source: str, destination: str, current: str) -> None:
        """``source``: the account and how it was chosen, e.g. "100… (typed id)"."""
        names = [flow.name or "" for flow in flows]
        self.destination, self.existing = destination, None
        where = " (the current account)" if destination == current else ""
        self.query_one("#review-summary", Static).update(
            literal(
                f"Copy {flow_count(len(flows))} from account {source} to account "
                f"{destination}{where}, in {requests_for(names)}. ctrl+s starts (after a "
                "last confirmation); escape goes back."
            )
        )
        table = self.query_one("#review-flows", DataTable)
        table.clear()
        for flow in flows:
            table.add_row(literal(flow.name), status_badge(flow.status), literal(flow.id))
        self.show_error("")
        self.check_destination(destination, names)

    def confirmation(self, names: list[str], source: str) -> ConfirmModal:
        """The last question before anything is sent: count, destination, what to expect."""
        clash = ""
        if self.existing:
            are = "is" if len(self.existing) == 1 else "are"
            clash = f"{len(self.existing)} of them {are} already there and will be refused. "
        question = f"Copy {flow_count(len(names))} to account {self.destination}?"
        detail = (
            f"From account {source}, in {requests_for(names)}. {clash}Nothing is ever resent "
            "by itself: the results say what failed, and r resends it."
        )
        return ConfirmModal(question, detail)

    def show_error(self, text: str) -> None:
        self.query_one("#review-error", Static).update(literal(text))

    def _check(self, text: str, state: str) -> None:
        check = self.query_one("#review-check", Static)
        check.remove_class(*CHECK_STATES)
        check.add_class(state)
        check.update(literal(text))  # it names flows

    @work(exclusive=True, group="migration-review", exit_on_error=False)
    async def check_destination(self, destination: str, names: list[str]) -> None:
        """Name the chosen flows the destination already has (listing it is idempotent, so
        a newer check may cancel this one)."""
        self._check(f"Listing account {destination} for names it already has…", "-checking")
        client = flows_app(self).client
        try:
            existing = await names_in_destination(client, destination, names)
        except FlowsError as error:
            self._check(
                f"Could not list account {destination} to look for names it already has: "
                f"{str(error).rstrip('.')}. Flows with such a name would be refused one by one.",
                "-unchecked",
            )
            return
        self.existing = existing
        if not existing:
            self._check(f"✓ Account {destination} has none of these names yet.", "-clear")
            return
        if len(names) == 1:
            which = "This name is"
        else:
            which = f"{len(existing)} of these {len(names)} names "
            which += "is" if len(existing) == 1 else "are"
        refused = "that flow" if len(existing) == 1 else "those flows"
        others = "; the others are copied" if len(existing) < len(names) else ""
        self._check(
            f"⚠ {which} already in account {destination}: {named_few(existing)}. Graph refuses "
            f"{refused} (4233041){others}.",
            "-clash",
        )
