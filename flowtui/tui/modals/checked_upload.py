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

from flowtui.api import Flow, FlowStatus, InputError, ValidationError
from flowtui.editing import check_flow_json_file
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


class FileVerdict:
    """The local validator's errors for a file, worked out again only when the file changes
    (forms ask on every keystroke). Raises :class:`InputError` when the file can't be sent."""

    def __init__(self) -> None:
        self.errors: tuple[ValidationError, ...] = ()
        self._checked: tuple[Path, float, int] | None = None  # the file the errors belong to

    def check(self, path: Path) -> tuple[ValidationError, ...]:
        stat = path.stat() if path.is_file() else None
        key = (path, stat.st_mtime, stat.st_size) if stat else None
        if key is None or key != self._checked:
            self._checked = None
            self.errors = check_flow_json_file(path).errors
            self._checked = key
        return self.errors


class CheckedUploadModal(UploadModal):
    def __init__(
        self, flow_name: str, upload: Upload, *, initial_path: str = "", warning: str = ""
    ) -> None:
        super().__init__(flow_name, upload, initial_path=initial_path)
        self.warning = warning
        self.verdict = FileVerdict()

    def compose_above(self) -> ComposeResult:
        if self.warning:
            yield Static(literal(self.warning), id="upload-warning")

    def compose_below(self) -> ComposeResult:
        yield Static("", id="local-errors")

    def problem(self, value: str) -> tuple[str, str]:
        problem, note = super().problem(value)
        verdict: Text | str = ""
        if not problem:
            try:
                verdict = local_errors_text(self.verdict.check(self.path))
            except InputError as error:
                problem = str(error)
        self.query_one("#local-errors", Static).update(verdict)
        return problem, note

    @property
    def local_errors(self) -> tuple[ValidationError, ...]:
        return self.verdict.errors

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
