"""Upload a Flow JSON file after the local validator has had its say.

The path is checked as in :class:`UploadModal`, and the offline validator runs on the file as
soon as it can be read: the count and the first errors, with their positions, show before
anything is sent. A file with errors is sent only after a second, explicit yes.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from flowtui.api import Flow, FlowStatus, ValidationError
from flowtui.tui.file_checks import FileCheck, validated
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.modals.upload import Upload, UploadModal
from flowtui.tui.widgets.literal import literal

ERRORS_SHOWN = 5


def back_to_draft_warning(flow: Flow) -> str:
    """What an upload does to a published flow, said before it happens."""
    if flow.status != FlowStatus.PUBLISHED:
        return ""
    return (
        f"“{flow.name}” is PUBLISHED: an upload sends it back to DRAFT (publish it again "
        "afterwards). Older flows can't be updated at all once published: then clone it (c)."
    )


def local_errors_text(errors: tuple[ValidationError, ...]) -> Text:
    """The local validator's verdict: a green all-clear, or the count and the first errors."""
    if not errors:
        return Text("Local checks: no validation errors.", style="green")
    count = len(errors)
    text = Text(f"Local checks: {count} validation error{'s' if count != 1 else ''}", "bold red")
    for error in errors[:ERRORS_SHOWN]:
        where = f"line {error.line_start}, col {error.column_start}" if error.line_start else "-"
        text.append(f"\n  {where}: ", style="red")
        text.append_text(literal(f"{error.error}  {error.message}"))  # they quote the file
    if count > ERRORS_SHOWN:
        text.append(f"\n  … and {count - ERRORS_SHOWN} more", style="dim")
    return text


class CheckedUploadModal(UploadModal):
    def __init__(
        self, flow_name: str, upload: Upload, *, initial_path: str = "", warning: str = ""
    ) -> None:
        super().__init__(flow_name, upload, initial_path=initial_path)
        self.warning = warning

    def compose_above(self) -> ComposeResult:
        if self.warning:
            yield Static(literal(self.warning), id="upload-warning")

    def compose_below(self) -> ComposeResult:
        yield Static("", id="local-errors")

    def check_file(self, path: Path) -> FileCheck:
        return validated(path)

    def problem(self, value: str) -> tuple[str, str]:
        problem, note = super().problem(value)
        verdict = local_errors_text(self.local_errors) if not problem else Text()
        self.query_one("#local-errors", Static).update(verdict)
        return problem, note

    @property
    def local_errors(self) -> tuple[ValidationError, ...]:
        """The local validator's errors for the file in the box (once it is checked)."""
        check = self.file_checks.get(self.path) if self.path.name else None
        return check.errors if check is not None else ()

    def action_submit(self) -> None:
        if self.check_path():
            return
        if not self.local_errors:
            self.send(self.path)
            return
        path = self.path
        count = len(self.local_errors)

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.send(path)

        self.app.push_screen(
            ConfirmModal(
                f"Upload with {count} local validation error{'s' if count != 1 else ''}?",
                "Graph saves the file anyway, but the flow can't be published until they are "
                "fixed.",
            ),
            answered,
        )
