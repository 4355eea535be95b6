"""The migration wizard's last step: what was copied, what was not, and what to do next."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from flowtui.migration import MigrationReport
from flowtui.migration.report import Outcome
from flowtui.tui.widgets.literal import literal
from flowtui.tui.widgets.vim_table import VimTable


def summary_of(report: MigrationReport) -> str:
    counts = report.counts()
    total = sum(counts.values())
    summary = (
        f"Copied {counts[Outcome.MIGRATED]} of {total} flows from account "
        f"{report.source_waba_id} to account {report.destination_waba_id}"
    )
    if counts[Outcome.FAILED]:
        summary += f"; {counts[Outcome.FAILED]} failed"
    if counts[Outcome.UNKNOWN]:
        summary += f"; {counts[Outcome.UNKNOWN]} with an unknown outcome"
    return summary + "."


def next_steps(report: MigrationReport) -> str:
    note = "s saves the results as JSON or CSV; escape closes."
    if report.needs_destination_check:
        return (
            "A batch's outcome is unknown (see below). r lists the destination first and "
            "resends only the flows that did not arrive. " + note
        )
    if report.has_failures:
        return "r resends only the flows that failed. " + note
    return note


class MigrationResults(Vertical):
    """Shows a :class:`MigrationReport`: a summary, what the latest retry did, the way on,
    then two tables; under the second, the highlighted failure's whole message (the table
    cuts long ones short)."""

    def compose(self) -> ComposeResult:
        yield Static("", classes="step-title", id="results-summary")
        yield Static("", id="results-retry")
        yield Static("", id="results-note")
        yield Label("Copied", classes="table-title")
        yield VimTable(id="results-migrated")
        yield Label("Not copied", classes="table-title")
        yield VimTable(id="results-failed")
        yield Static("", id="failure-detail")

    def on_mount(self) -> None:
        self.query_one("#results-migrated", DataTable).add_columns(
            "Source name", "Source id", "New id"
        )
        self.query_one("#results-failed", DataTable).add_columns("Name", "Error code", "Message")

    def show(self, report: MigrationReport, retried: str = "") -> None:
        """``retried``: what the latest retry sent and what came back, if one was made."""
        self.query_one("#results-summary", Static).update(literal(summary_of(report)))
        retry = self.query_one("#results-retry", Static)
        retry.update(literal(retried))
        retry.display = bool(retried)
        self.query_one("#results-note", Static).update(Text(next_steps(report)))
        copied = self.query_one("#results-migrated", DataTable)
        copied.clear()
        for flow in report.migrated:
            copied.add_row(  # Graph's text: a DataTable reads a str cell as markup
                literal(flow.source_name),
                literal(flow.source_id or "-"),
                literal(flow.migrated_id or "-"),
            )
        failed = self.query_one("#results-failed", DataTable)
        failed.clear()
        for row in report.rows():
            if row.outcome is not Outcome.MIGRATED:
                code = row.error_code or ("unknown" if row.outcome is Outcome.UNKNOWN else "-")
                failed.add_row(literal(row.source_name), literal(code), literal(row.error_message))
        self._show_failure(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "results-failed":
            self._show_failure(event.cursor_row)

    def _show_failure(self, index: int) -> None:
        failed = self.query_one("#results-failed", DataTable)
        detail = Text()
        if 0 <= index < failed.row_count:
            name, code, message = failed.get_row_at(index)
            detail = Text.assemble((str(name), "bold"), f" ({code}): ", message or "no message")
        self.query_one("#failure-detail", Static).update(detail)
