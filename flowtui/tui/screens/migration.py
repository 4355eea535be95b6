"""The migration wizard (``m``): copy flows from another WhatsApp Business account.

One screen with a ContentSwitcher holding one container per step, rather than a screen per
step: every step's widgets stay mounted, so going back (``escape``) finds each choice exactly
as it was left, the choices live in one place, and the keys are declared once, here, enabled
per step by :meth:`check_action`.

Migration is not idempotent, so nothing here ever resends a request by itself: a failed
batch stays failed until the user asks to retry, and a batch whose outcome is unknown is
checked against the destination's flows before anything is resent.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import (
    ContentSwitcher,
    DataTable,
    Input,
    Label,
    OptionList,
    ProgressBar,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from flowtui.accounts.config_file import ConfigFileError
from flowtui.accounts.profiles import ProfileError
from flowtui.accounts.token_store import KeyringUnavailableError
from flowtui.api import Flow, FlowsClient, FlowsError, InputError, OutcomeUnknownError, inputs
from flowtui.api.models import MigratedFlow
from flowtui.migration import MigrationReport, batched_names, save_report
from flowtui.migration.report import Outcome
from flowtui.tui.account_source import AccountUnavailableError
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.modals.save_results import SaveResultsModal
from flowtui.tui.reach import flows_app
from flowtui.tui.widgets.account_bar import AccountBar
from flowtui.tui.widgets.filter_input import FilterInput
from flowtui.tui.widgets.keys_footer import KeysFooter
from flowtui.tui.widgets.migration_results import MigrationResults
from flowtui.tui.widgets.status import status_badge
from flowtui.tui.widgets.vim_table import VimTable

if TYPE_CHECKING:
    pass

# Why a saved profile can't be opened now (the message says what to do).
PROFILE_ERRORS = (AccountUnavailableError, KeyringUnavailableError, ProfileError, ConfigFileError)
STEPS: tuple[tuple[str, str], ...] = (
    ("source", "Source"),
    ("flows", "Flows"),
    ("destination", "Destination"),
    ("review", "Review"),
    ("run", "Run"),
    ("results", "Results"),
)
STEP_IDS = tuple(step for step, _ in STEPS)
NOT_IDEMPOTENT = (
    "⚠ Migration copies: the source keeps its flows. It is not idempotent: a request that "
    "failed midway is never resent by itself. Published flows arrive published, drafts as "
    "drafts; a name the destination already has is refused for that flow."
)


@dataclass(frozen=True)
class Source:
    """The account the flows come from, and the client that lists them."""

    waba_id: str
    label: str  # how the user chose it: "profile europe" or "typed id"
    client: FlowsClient
    owned: bool  # a client opened for a profile, closed with the wizard


def _plain(text: str) -> Text:
    """User data on screen: never read as markup."""
    return Text(text)


class MigrationWizardScreen(Screen[bool]):
    """Dismisses with True when any migrate request was sent (the flow list then reloads)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="migration-back", tooltip="Previous step"),
        Binding("escape", "close", "Close", id="migration-close", tooltip="Close the wizard"),
        Binding("ctrl+n", "next", "Next", id="migration-next", tooltip="Next step"),
        Binding(
            "ctrl+t", "select_all", "All", id="migration-all", tooltip="Select every shown flow"
        ),
        Binding("ctrl+o", "select_none", "None", id="migration-none", tooltip="Clear shown flows"),
        Binding("ctrl+r", "run", "Migrate", id="migration-run", tooltip="Send the migration"),
        Binding("r", "retry", "Retry failed", id="migration-retry", tooltip="Resend failures"),
        Binding("s", "save", "Save results", id="migration-save", tooltip="As JSON or CSV"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.step = "source"
        self.source: Source | None = None
        self.source_flows: list[Flow] = []
        self.chosen: set[str] = set()  # flow ids of the source chosen for copying
        self.destination = ""
        self.report: MigrationReport | None = None
        self.running = False
        self.requests_sent = 0
        self._before_ids: set[str] = set()  # destination flow ids before the latest run

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        context = flows_app(self).context
        yield AccountBar(context, id="account-bar")
        yield Static(id="wizard-steps")
        with ContentSwitcher(initial="step-source", id="wizard"):
            with Vertical(id="step-source", classes="wizard-step"):
                yield Label("Where do the flows come from?", classes="step-title")
                yield Label(
                    "A saved profile (enter chooses it), or type an id below:",
                    id="profiles-label",
                )
                yield OptionList(id="source-profiles")
                yield Label("The account (WABA) id, read with the current token:")
                yield Input(placeholder="e.g. 100000000000002", id="source-id", compact=True)
                yield Static("", classes="step-error", id="source-error")
            with Vertical(id="step-flows", classes="wizard-step"):
                yield Static("", classes="step-title", id="flows-title")
                yield FilterInput(placeholder="Filter by name, status or id", id="flow-filter")
                yield SelectionList[str](id="flow-choices")
                yield Static("", id="flows-count")
            with Vertical(id="step-destination", classes="wizard-step"):
                yield Label("Where do the copies go?", classes="step-title")
                yield Label("Destination account (WABA) id; the current account by default:")
                yield Input(context.waba_id, id="destination-id", compact=True)
                yield Static("", classes="step-error", id="destination-error")
            with Vertical(id="step-review", classes="wizard-step"):
                yield Label("Review", classes="step-title")
                yield Static("", id="review-summary")
                yield Static(NOT_IDEMPOTENT, id="review-warning")
                yield VimTable(id="review-flows")
                yield Static("", classes="step-error", id="review-error")
            with Vertical(id="step-run", classes="wizard-step"):
                yield Label("Migrating", classes="step-title")
                yield Static("", id="run-status")
                yield ProgressBar(id="run-progress", show_eta=False)
                yield Static("", id="run-tally")
            yield MigrationResults(id="step-results", classes="wizard-step")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#review-flows", DataTable).add_columns("Name", "Status", "Source id")
        self.query_one("#source-profiles").display = False
        self.query_one("#profiles-label").display = False
        self.show_step("source")
        if flows_app(self).accounts is not None:
            self.load_profiles()

    def show_step(self, step: str) -> None:
        self.step = step
        self.query_one("#wizard", ContentSwitcher).current = f"step-{step}"
        marks = []
        for number, (step_id, label) in enumerate(STEPS, start=1):
            style = "bold reverse" if step_id == step else "dim"
            marks.append(Text(f" {number} {label} ", style=style))
        self.query_one("#wizard-steps", Static).update(Text(" › ").join(marks))
        focus = {
            "source": "#source-id",
            "flows": "#flow-filter",
            "destination": "#destination-id",
            "review": "#review-flows",
            "results": "#results-migrated",
        }.get(step)
        if focus == "#source-id" and self.query_one("#source-profiles").display:
            focus = "#source-profiles"
        if focus:
            self.query_one(focus).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = {
            "back": self.step != "results",
            "close": self.step == "results",
            "next": self.step in ("source", "flows", "destination"),
            "select_all": self.step == "flows",
            "select_none": self.step == "flows",
            "run": self.step == "review",
            "retry": self.step == "results"
            and self.report is not None
            and self.report.has_failures,
            "save": self.step == "results",
        }
        return allowed.get(action, True)

    # --- step 1: the source --------------------------------------------------------------------

    @work(exclusive=True, group="migration-profiles", exit_on_error=False)
    async def load_profiles(self) -> None:
        accounts = flows_app(self).accounts
        assert accounts is not None
        try:
            names = await asyncio.to_thread(accounts.profile_names)
        except PROFILE_ERRORS as error:
            self._error("source", f"Saved profiles unavailable: {error}")
            return
        # The profile on screen is the default destination: offer the others as sources.
        names = tuple(n for n in names if n != flows_app(self).context.profile)
        options = self.query_one("#source-profiles", OptionList)
        options.clear_options()
        options.add_options([Option(_plain(f"profile {name}"), id=name) for name in names])
        shown = bool(names)
        if shown:
            options.highlighted = 0
        options.display = shown
        self.query_one("#profiles-label").display = shown
        if shown and self.step == "source":
            options.focus()

    @on(OptionList.OptionSelected, "#source-profiles")
    def _profile_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_source(profile=event.option.id)

    @on(Input.Submitted, "#source-id")
    def _source_typed(self, event: Input.Submitted) -> None:
        self.open_source(waba_id=event.value)

    @work(exclusive=True, group="migration-source", exit_on_error=False)
    async def open_source(self, *, profile: str | None = None, waba_id: str = "") -> None:
        """Open the source account and list its flows; on failure stay on step 1."""
        self._error("source", "Loading the source's flows…")
        try:
            source = await self._source_for(profile, waba_id)
        except (InputError, *PROFILE_ERRORS) as error:
            self._error("source", str(error))
            return
        try:
            flows = [f async for f in source.client.list_flows(waba_id=source.waba_id)]
        except FlowsError as error:
            if source.owned:
                await source.client.aclose()
            self._error("source", f"{error}\n{error.remedy}".strip())
            flows_app(self).report_error(error, "Could not list the source's flows")
            return
        same = self.source is not None and self.source.waba_id == source.waba_id
        await self._close_source()
        self.source = source
        self.source_flows = sorted(flows, key=lambda f: ((f.name or "").casefold(), f.id))
        if not same:
            self.chosen.clear()
        self._error("source", "")
        self.query_one("#flows-title", Static).update(
            _plain(
                f"Flows of account {source.waba_id} ({source.label}): "
                "space ticks, ctrl+t ticks all shown, ctrl+o clears them"
            )
        )
        self.show_flow_choices()
        self.show_step("flows")

    async def _source_for(self, profile: str | None, waba_id: str) -> Source:
        if profile is not None:
            accounts = flows_app(self).accounts
            assert accounts is not None
            token, context = await asyncio.to_thread(accounts.open_profile, profile)
            return Source(
                context.waba_id,
                f"profile {profile}",
                flows_app(self).open_client(context, token),
                True,
            )
        account = inputs.check_id(waba_id, "source account id")
        return Source(account, "typed id", flows_app(self).client, False)

    async def _close_source(self) -> None:
        if self.source is not None and self.source.owned:
            await self.source.client.aclose()

    async def on_unmount(self) -> None:
        await self._close_source()

    # --- step 2: the flows ---------------------------------------------------------------------

    def shown_flows(self) -> list[Flow]:
        words = self.query_one("#flow-filter", Input).value.casefold().split()
        return [
            flow
            for flow in self.source_flows
            if all(
                w in f"{flow.name or ''} {flow.status or ''} {flow.id}".casefold() for w in words
            )
        ]

    def show_flow_choices(self) -> None:
        choices = self.query_one("#flow-choices", SelectionList)
        cursor = choices.highlighted_option
        shown = self.shown_flows()
        choices.clear_options()
        choices.add_options(
            [
                (
                    Text.assemble(
                        (flow.name or "(no name)"), "  ", status_badge(flow.status), f"  {flow.id}"
                    ),
                    flow.id,
                    flow.id in self.chosen,
                )
                for flow in shown
            ]
        )
        ids = [flow.id for flow in shown]
        if ids:  # the cursor stays on its flow when still shown, else goes to the top
            kept = cursor.value if isinstance(cursor, Selection) else None
            choices.highlighted = ids.index(kept) if kept in ids else 0
        self._count_choices()

    def _count_choices(self) -> None:
        shown = len(self.query_one("#flow-choices", SelectionList).options)
        text = f"{len(self.chosen)} of {len(self.source_flows)} flows chosen"
        if shown != len(self.source_flows):
            text += f" · {shown} shown by the filter"
        self.query_one("#flows-count", Static).update(_plain(text))

    @on(Input.Changed, "#flow-filter")
    def _filter_changed(self) -> None:
        self.show_flow_choices()

    @on(Input.Submitted, "#flow-filter")
    def _filter_done(self) -> None:
        self.query_one("#flow-choices").focus()

    @on(SelectionList.SelectedChanged, "#flow-choices")
    def _choices_changed(self, event: SelectionList.SelectedChanged) -> None:
        choices = self.query_one("#flow-choices", SelectionList)
        shown = {str(choices.get_option_at_index(i).value) for i in range(choices.option_count)}
        self.chosen = (self.chosen - shown) | set(choices.selected)
        self._count_choices()

    def action_select_all(self) -> None:
        self.query_one("#flow-choices", SelectionList).select_all()

    def action_select_none(self) -> None:
        self.query_one("#flow-choices", SelectionList).deselect_all()

    def chosen_flows(self) -> list[Flow]:
        return [flow for flow in self.source_flows if flow.id in self.chosen]

    # --- step 3: the destination ---------------------------------------------------------------

    def destination_problem(self) -> str:
        typed = self.query_one("#destination-id", Input).value
        try:
            account = inputs.check_id(typed, "destination account id")
        except InputError as error:
            return str(error)
        if self.source is not None and account == self.source.waba_id:
            return "That is the source account: choose another account to copy into."
        return ""

    @on(Input.Changed, "#destination-id")
    def _destination_changed(self) -> None:
        self._error("destination", self.destination_problem())

    @on(Input.Submitted, "#destination-id")
    def _destination_done(self) -> None:
        self.action_next()

    # --- step 4: review ------------------------------------------------------------------------

    def show_review(self) -> None:
        assert self.source is not None
        flows = self.chosen_flows()
        batches = len(batched_names([f.name or "" for f in flows]))
        current = flows_app(self).context.waba_id
        where = " (the current account)" if self.destination == current else ""
        requests = "1 request" if batches == 1 else f"{batches} requests of at most 100 flows"
        self.query_one("#review-summary", Static).update(
            _plain(
                f"Copy {len(flows)} flow{'s' if len(flows) != 1 else ''} from account "
                f"{self.source.waba_id} ({self.source.label}) to account "
                f"{self.destination}{where}, in {requests}. ctrl+r migrates; escape goes back."
            )
        )
        table = self.query_one("#review-flows", DataTable)
        table.clear()
        for flow in flows:
            table.add_row(_plain(flow.name or ""), status_badge(flow.status), flow.id)
        self._error("review", "")

    # --- moving between steps ------------------------------------------------------------------

    def action_next(self) -> None:
        if self.step == "source":
            options = self.query_one("#source-profiles", OptionList)
            typed = self.query_one("#source-id", Input).value
            if options.has_focus and options.highlighted_option is not None:
                self.open_source(profile=options.highlighted_option.id)
            elif typed.strip() or self.source is None:
                self.open_source(waba_id=typed)
            else:
                self.show_step("flows")
        elif self.step == "flows":
            if not self.chosen:
                self.notify("Tick at least one flow (space) first.", severity="warning")
                return
            self._destination_changed()
            self.show_step("destination")
        elif self.step == "destination":
            problem = self.destination_problem()
            if problem:
                self._error("destination", problem)
                return
            self.destination = self.query_one("#destination-id", Input).value.strip()
            self.show_review()
            self.show_step("review")

    def action_back(self) -> None:
        if self.step == "run":
            self.notify("A migration is running: its results come next.", severity="warning")
        elif self.step == "source":
            self._close_if_confirmed()
        else:
            self.show_step(STEP_IDS[STEP_IDS.index(self.step) - 1])

    def action_close(self) -> None:
        """From the results: there is no going back to a migration that ran."""
        self.dismiss(self.requests_sent > 0)

    def _close_if_confirmed(self) -> None:
        typed = self.query_one("#source-id", Input).value.strip()
        if self.source is None and not self.chosen and not typed:
            self.dismiss(False)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmModal("Close the migration wizard?", "The choices made so far are dropped."),
            answered,
        )

    # --- step 5: running -----------------------------------------------------------------------

    def action_run(self) -> None:
        if self.running or self.source is None:
            return
        self.report = MigrationReport(self.source.waba_id, self.destination)
        self._start_run([f.name or "" for f in self.chosen_flows()])

    def action_retry(self) -> None:
        if self.report is not None and self.report.has_failures and not self.running:
            self._start_run(None)

    def _start_run(self, names: list[str] | None) -> None:
        # Marked running and moved to the run step before the worker starts, so a second
        # ctrl+r or r (pressed before the worker runs) finds nothing to do.
        self.running = True
        self.show_step("run")
        self._run_status("Listing the destination's flows first…", 0, 1)
        self.migrate(names)

    # Not exclusive: a new worker in an exclusive group cancels the running one, and a
    # migrate request cancelled mid-flight has an unknown outcome. The running flag and the
    # step's keys keep a second run from starting instead.
    @work(group="migration-run", exit_on_error=False)
    async def migrate(self, names: list[str] | None) -> None:
        """Send ``names`` in batches; ``None`` retries what the report says failed."""
        report = self.report
        assert report is not None
        client = flows_app(self).client
        try:
            present = [f async for f in client.list_flows(waba_id=report.destination_waba_id)]
        except FlowsError as error:
            self.running = False
            flows_app(self).report_error(error, "Nothing was sent: the destination did not list")
            self._error("review", f"Nothing was sent: {error}")
            self.show_step("review" if names is not None else "results")
            return
        try:
            if names is None:
                names = report.start_retry(self._arrived(report, present))
            self._before_ids = {flow.id for flow in present}
            await self._send_batches(client, report, names)
        finally:  # whatever happened, the results so far are shown, never lost
            self.running = False
            self.show_results()
            self.show_step("results")

    def _arrived(self, report: MigrationReport, present: list[Flow]) -> list[MigratedFlow]:
        """Flows of outcome-unknown batches that reached the destination after all: new ids
        (absent before the run) with a name from those batches."""
        unknown = set(report.unknown_names)
        source_ids = {flow.name: flow.id for flow in self.source_flows if flow.name}
        return [
            MigratedFlow(flow.name, source_ids.get(flow.name), flow.id)
            for flow in present
            if flow.name in unknown and flow.id not in self._before_ids
        ]

    async def _send_batches(
        self, client: FlowsClient, report: MigrationReport, names: list[str]
    ) -> None:
        """One request per batch, each outcome recorded; a failed batch never stops the rest
        and is never resent here."""
        batches = batched_names(names)
        for number, batch in enumerate(batches, start=1):
            self._run_status(
                f"Batch {number} of {len(batches)}: copying {len(batch)} flows…",
                number - 1,
                len(batches),
            )
            self.requests_sent += 1
            try:
                result = await client.migrate_flows(
                    report.destination_waba_id, report.source_waba_id, batch
                )
            except OutcomeUnknownError as error:
                report.add_failed_batch(batch, str(error), outcome_unknown=True)
            except FlowsError as error:
                report.add_failed_batch(batch, str(error), outcome_unknown=False)
            else:
                report.add_result(result)
        self._run_status(f"Sent {len(batches)} of {len(batches)} batches.", 1, 1)

    def _run_status(self, text: str, done: int, total: int) -> None:
        self.query_one("#run-status", Static).update(_plain(text))
        self.query_one("#run-progress", ProgressBar).update(total=total, progress=done)
        if self.report is not None:
            counts = self.report.counts()
            tally = (
                f"Copied so far: {counts[Outcome.MIGRATED]} · not copied: {counts[Outcome.FAILED]}"
            )
            self.query_one("#run-tally", Static).update(_plain(tally))

    # --- step 6: results -----------------------------------------------------------------------

    def show_results(self) -> None:
        assert self.report is not None
        self.query_one(MigrationResults).show(self.report)

    def action_save(self) -> None:
        report = self.report
        assert report is not None

        def save(path: Path) -> str:
            fmt = save_report(report, path)
            return f"Saved the results as {fmt.value.upper()} in {path}."

        def saved(outcome: str | None) -> None:
            if outcome:
                self.notify(outcome, title="Saved")

        suggestion = f"migration-{report.source_waba_id}-to-{report.destination_waba_id}.json"
        self.app.push_screen(SaveResultsModal(save, suggestion), saved)

    # --- helpers -------------------------------------------------------------------------------

    def _error(self, step: str, text: str) -> None:
        self.query_one(f"#{step}-error", Static).update(_plain(text))
