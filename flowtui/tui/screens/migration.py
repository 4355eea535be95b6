"""The migration wizard (``m``): copy flows from another WhatsApp Business account.

One screen with a ContentSwitcher holding one widget per step, rather than a screen per step:
every step stays mounted, so going back (``escape``) finds each choice exactly as it was left,
and the keys are declared once, here, enabled per step by :meth:`check_action`.

The screen only drives and shows: the run itself (batches, outcomes, checking the destination
before resending) is :class:`flowtui.migration.MigrationRun`, which never resends by itself.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, Static

from flowtui.api import FlowsClient, FlowsError, InputError, inputs
from flowtui.migration import MigrationRun, RunEvent, save_report
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.modals.save_results import SaveResultsModal
from flowtui.tui.reach import flows_app
from flowtui.tui.widgets.account_bar import AccountBar
from flowtui.tui.widgets.keys_footer import KeysFooter
from flowtui.tui.widgets.migration_destination import DestinationPicker
from flowtui.tui.widgets.migration_flow_picker import FlowPicker
from flowtui.tui.widgets.migration_progress import RunProgress
from flowtui.tui.widgets.migration_results import MigrationResults
from flowtui.tui.widgets.migration_review import ReviewStep
from flowtui.tui.widgets.migration_source import PROFILE_ERRORS, SourcePicker

STEPS: tuple[tuple[str, str], ...] = (
    ("source", "Source"),
    ("flows", "Flows"),
    ("destination", "Destination"),
    ("review", "Review"),
    ("run", "Run"),
    ("results", "Results"),
)
STEP_IDS = tuple(step for step, _ in STEPS)


@dataclass(frozen=True)
class Source:
    """The account the flows come from, and the client that lists them."""

    waba_id: str
    label: str  # how the user chose it: "profile europe" or "typed id"
    client: FlowsClient
    owned: bool  # a client opened for a profile, closed with the wizard

    def __str__(self) -> str:
        return f"{self.waba_id} ({self.label})"


class MigrationWizardScreen(Screen[bool]):
    """Dismisses with True when any migrate request was sent (the flow list then reloads)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="migration-back", tooltip="Previous step"),
        Binding("escape", "close", "Close", id="migration-close", tooltip="Close the wizard"),
        Binding("ctrl+n", "next", "Next", id="migration-next", tooltip="Next step"),
        Binding("slash", "filter", "Filter", id="migration-filter", tooltip="Filter the flows"),
        Binding(
            "ctrl+t", "select_all", "All", id="migration-all", tooltip="Select every shown flow"
        ),
        Binding("ctrl+o", "select_none", "None", id="migration-none", tooltip="Clear shown flows"),
        Binding(
            "ctrl+s",
            "start",
            "Start migration",
            id="migration-start",
            tooltip="Send the migration, after a last confirmation",
        ),
        Binding("r", "retry", "Retry failed", id="migration-retry", tooltip="Resend failures"),
        Binding("s", "save", "Save results", id="migration-save", tooltip="As JSON or CSV"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.step = "source"
        self.source: Source | None = None
        self.destination = ""
        self.migration: MigrationRun | None = None  # once started
        self.running = False

    @property
    def requests_sent(self) -> int:
        return self.migration.requests_sent if self.migration is not None else 0

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        context = flows_app(self).context
        yield AccountBar(context, id="account-bar")
        yield Static(id="wizard-steps")
        with ContentSwitcher(initial="step-source", id="wizard"):
            yield SourcePicker(id="step-source", classes="wizard-step")
            yield FlowPicker(id="step-flows", classes="wizard-step")
            yield DestinationPicker(context.waba_id, id="step-destination", classes="wizard-step")
            yield ReviewStep(id="step-review", classes="wizard-step")
            yield RunProgress(id="step-run", classes="wizard-step")
            yield MigrationResults(id="step-results", classes="wizard-step")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.show_step("source")

    def show_step(self, step: str) -> None:
        self.step = step
        self.query_one("#wizard", ContentSwitcher).current = f"step-{step}"
        marks = []
        for number, (step_id, label) in enumerate(STEPS, start=1):
            style = "bold reverse" if step_id == step else "dim"
            marks.append(Text(f" {number} {label} ", style=style))
        self.query_one("#wizard-steps", Static).update(Text(" › ").join(marks))
        if step == "source":
            self.query_one(SourcePicker).focus_first()
        elif step == "flows":
            self.query_one(FlowPicker).focus_list()  # space ticks at once
        elif step in ("destination", "review", "results"):
            target = {"destination": "#destination-id", "review": "#review-flows"}
            self.query_one(target.get(step, "#results-migrated")).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = {
            "back": self.step != "results",
            "close": self.step == "results",
            "next": self.step in ("source", "flows", "destination"),
            "filter": self.step == "flows",
            "select_all": self.step == "flows",
            "select_none": self.step == "flows",
            "start": self.step == "review" and not self.running,
            "retry": self.step == "results"
            and self.migration is not None
            and self.migration.can_retry,
            "save": self.step == "results",
        }
        return allowed.get(action, True)

    # --- step 1: the source --------------------------------------------------------------------

    @on(SourcePicker.Chosen)
    def _source_chosen(self, event: SourcePicker.Chosen) -> None:
        self.open_source(event.profile, event.waba_id)

    @work(exclusive=True, group="migration-source", exit_on_error=False)
    async def open_source(self, profile: str | None, waba_id: str = "") -> None:
        """Open the source account and list its flows; on failure stay on step 1."""
        picker = self.query_one(SourcePicker)
        picker.show_error("Loading the source's flows…")
        try:
            source = await self._source_for(profile, waba_id)
        except (InputError, *PROFILE_ERRORS) as error:
            picker.show_error(str(error))
            return
        try:
            flows = [f async for f in source.client.list_flows(waba_id=source.waba_id)]
        except FlowsError as error:
            if source.owned:
                await source.client.aclose()
            picker.show_error(f"{error}\n{error.remedy}".strip())
            flows_app(self).report_error(error, "Could not list the source's flows")
            return
        same = self.source is not None and self.source.waba_id == source.waba_id
        await self._close_source()
        self.source = source
        picker.show_error("")
        self.query_one(FlowPicker).show_flows(
            f"Flows of account {source}", flows, keep_choices=same
        )
        self.show_step("flows")

    async def _source_for(self, profile: str | None, waba_id: str) -> Source:
        app = flows_app(self)
        if profile is not None:
            assert app.accounts is not None
            token, context = await asyncio.to_thread(app.accounts.open_profile, profile)
            client = app.open_client(context, token)
            return Source(context.waba_id, f"profile {profile}", client, True)
        account = inputs.check_id(waba_id, "source account id")
        return Source(account, "typed id", app.client, False)

    async def _close_source(self) -> None:
        if self.source is not None and self.source.owned:
            await self.source.client.aclose()

    async def on_unmount(self) -> None:
        await self._close_source()

    # --- step 2: the flows ---------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one(FlowPicker).focus_filter()

    def action_select_all(self) -> None:
        self.query_one(FlowPicker).select_all()

    def action_select_none(self) -> None:
        self.query_one(FlowPicker).select_none()

    # --- step 3: the destination ---------------------------------------------------------------

    @on(Input.Submitted, "#destination-id")
    def _destination_done(self) -> None:
        self.action_next()

    # --- moving between steps ------------------------------------------------------------------

    def action_next(self) -> None:
        if self.step == "source":
            choice = self.query_one(SourcePicker).choice()
            if choice.profile is None and not choice.waba_id.strip() and self.source is not None:
                self.show_step("flows")  # nothing new chosen: the source already loaded
            else:
                self.open_source(choice.profile, choice.waba_id)
        elif self.step == "flows":
            if not self.query_one(FlowPicker).chosen:
                self.notify("Tick at least one flow (space) first.", severity="warning")
                return
            assert self.source is not None
            destination = self.query_one(DestinationPicker)
            destination.source_waba_id = self.source.waba_id
            destination.show_problem()
            self.show_step("destination")
        elif self.step == "destination":
            destination = self.query_one(DestinationPicker)
            if destination.show_problem() or self.source is None:
                return
            self.destination = destination.value
            flows = self.query_one(FlowPicker).chosen_flows()
            current = flows_app(self).context.waba_id
            self.query_one(ReviewStep).show(flows, str(self.source), self.destination, current)
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
        picker = self.query_one(SourcePicker)
        if self.source is None and not self.query_one(FlowPicker).chosen and not picker.typed:
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

    def action_start(self) -> None:
        """A last confirmation naming the count and the destination, then the run."""
        if self.running or self.source is None:
            return
        names = [flow.name or "" for flow in self.query_one(FlowPicker).chosen_flows()]
        confirmation = self.query_one(ReviewStep).confirmation(names, str(self.source))

        def answered(confirmed: bool | None) -> None:
            if confirmed and not self.running and self.source is not None:
                self.migration = MigrationRun(
                    flows_app(self).client,
                    self.source.waba_id,
                    self.destination,
                    source_ids={f.name: f.id for f in self.query_one(FlowPicker).flows if f.name},
                    on_event=self._show_event,
                )
                self._start(names)

        self.app.push_screen(confirmation, answered)

    def action_retry(self) -> None:
        if self.migration is not None and self.migration.can_retry and not self.running:
            self._start(None)

    def _start(self, names: list[str] | None) -> None:
        # Marked running and moved to the run step before the worker starts, so a second
        # ctrl+s or r (pressed before the worker runs) finds nothing to do.
        self.running = True
        self.show_step("run")
        self.query_one(RunProgress).start(self.destination)
        self.migrate(names)

    # Not exclusive: a new worker in an exclusive group cancels the running one, and a
    # migrate request cancelled mid-flight has an unknown outcome. The running flag and the
    # step's keys keep a second run from starting instead.
    @work(group="migration-run", exit_on_error=False)
    async def migrate(self, names: list[str] | None) -> None:
        """Send ``names``; ``None`` retries what did not arrive."""
        run = self.migration
        assert run is not None
        retried = ""
        try:
            summary = await (run.retry() if names is None else run.send(names))
            retried = summary.sentence() if names is None else ""
        except FlowsError as error:  # the destination did not list: nothing was sent
            flows_app(self).report_error(error, "Nothing was sent: the destination did not list")
            if names is not None:
                self.running = False
                self.query_one(ReviewStep).show_error(f"Nothing was sent: {error}")
                self.show_step("review")
                return
            retried = (
                f"Nothing was resent: the destination did not list ({str(error).rstrip('.')})."
            )
        finally:
            if self.running:  # whatever happened, the results so far are shown, never lost
                self.running = False
                self.query_one(MigrationResults).show(run.report, retried)
                self.show_step("results")

    def _show_event(self, event: RunEvent) -> None:
        if self.migration is not None:
            self.query_one(RunProgress).show(event, self.migration.report)

    # --- step 6: results -----------------------------------------------------------------------

    def action_save(self) -> None:
        assert self.migration is not None
        report = self.migration.report

        def save(path: Path) -> str:
            fmt = save_report(report, path)
            return f"Saved the results as {fmt.value.upper()} in {path}."

        def saved(outcome: str | None) -> None:
            if outcome:
                self.notify(outcome, title="Saved")

        suggestion = f"migration-{report.source_waba_id}-to-{report.destination_waba_id}.json"
        self.app.push_screen(SaveResultsModal(save, suggestion), saved)
