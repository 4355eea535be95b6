"""The migration wizard's run step: what a :class:`MigrationRun` reports, as it reports it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar, Static

from flowtui.migration import (
    BatchFinished,
    BatchStarted,
    DestinationListed,
    MigrationReport,
    RunEvent,
)
from flowtui.migration.report import Outcome
from flowtui.tui.widgets.literal import literal


class RunProgress(Vertical):
    """A status line, a bar of batches sent, and the tally so far."""

    def compose(self) -> ComposeResult:
        yield Label("Migrating", classes="step-title")
        yield Static("", id="run-status")
        yield ProgressBar(id="run-progress", show_eta=False)
        yield Static("", id="run-tally")

    def start(self, destination: str) -> None:
        self._status(f"Listing the flows of account {destination} first…", 0, 1)
        self.query_one("#run-tally", Static).update("")

    def show(self, event: RunEvent, report: MigrationReport) -> None:
        if isinstance(event, DestinationListed):
            text = f"Account {report.destination_waba_id} has {event.flow_count} flows."
            if event.arrived:
                text += (
                    f" {event.arrived} of a batch with an unknown outcome had arrived: counted "
                    "as copied, not resent."
                )
            self._status(text, 0, 1)
        elif isinstance(event, BatchStarted):
            self._status(
                f"Batch {event.number} of {event.total}: copying {len(event.names)} flows…",
                event.number - 1,
                event.total,
            )
        elif isinstance(event, BatchFinished):
            if event.number == event.total:
                self._status(f"Sent {event.total} of {event.total} batches.", 1, 1)
            else:
                self.query_one("#run-progress", ProgressBar).update(progress=event.number)
        counts = report.counts()
        tally = f"Copied so far: {counts[Outcome.MIGRATED]} · not copied: {counts[Outcome.FAILED]}"
        if counts[Outcome.UNKNOWN]:
            tally += f" · unknown: {counts[Outcome.UNKNOWN]}"
        self.query_one("#run-tally", Static).update(literal(tally))

    def _status(self, text: str, done: int, total: int) -> None:
        self.query_one("#run-status", Static).update(literal(text))  # it names the accounts
        self.query_one("#run-progress", ProgressBar).update(total=total, progress=done)
