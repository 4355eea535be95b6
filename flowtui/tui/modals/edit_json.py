"""The two questions of the edit round trip: resume an earlier edit, and upload this one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from flowtui.api import ValidationError
from flowtui.editing import DiffLine, count_changes
from flowtui.tui.modals.checked_upload import local_errors_text
from flowtui.tui.widgets.diff_view import diff_text

ResumeChoice = Literal["resume", "fresh"]
UploadChoice = Literal["upload", "edit"]


class ResumeEditModal(ModalScreen[ResumeChoice | None]):
    """An edit of this flow was left on disk: go on with it, or start again from the live JSON."""

    BINDINGS = [
        Binding("r", "choose('resume')", "Resume"),
        Binding("f", "choose('fresh')", "Start fresh"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, flow_name: str, path: Path) -> None:
        super().__init__()
        self.flow_name = flow_name
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="edit-upload"):
            yield Label(f"An earlier edit of “{self.flow_name}” was not uploaded", id="question")
            yield Static(
                f"It is kept at {self.path}\nResume it, or start fresh: that replaces it with "
                "the live Flow JSON.",
                id="detail",
            )
            with Horizontal(id="buttons"):
                yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("Start fresh (f)", id="fresh", variant="warning")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        self.dismiss(choice if choice in ("resume", "fresh") else None)  # type: ignore[arg-type]

    def action_choose(self, choice: ResumeChoice) -> None:
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EditUploadModal(ModalScreen[UploadChoice | None]):
    """The edit against the live JSON, what the local validator says, and what an upload does."""

    BINDINGS = [
        Binding("y", "choose('upload')", "Upload"),
        Binding("e", "choose('edit')", "Edit again"),
        Binding("n", "cancel", "Keep for later"),
        Binding("escape", "cancel", "Keep for later"),
    ]

    def __init__(
        self,
        flow_name: str,
        diff: Sequence[DiffLine],
        local_errors: tuple[ValidationError, ...],
        *,
        warning: str = "",
        note: str = "",
    ) -> None:
        super().__init__()
        self.flow_name = flow_name
        self.diff = diff
        self.local_errors = local_errors
        self.warning = warning
        self.note = note

    def compose(self) -> ComposeResult:
        added, removed = count_changes(self.diff)
        with Vertical(id="dialog", classes="edit-upload"):
            yield Label(Text(f"Upload your edit of “{self.flow_name}”?"), id="question")
            if self.warning:
                yield Static(self.warning, id="upload-warning")
            if self.note:
                yield Static(Text(self.note), id="edit-note")
            yield Static(local_errors_text(self.local_errors), id="local-errors")
            yield Static(
                Text.assemble(
                    "Changes against the live Flow JSON: ",
                    (f"+{added}", "green"),
                    " ",
                    (f"-{removed}", "red"),
                    " lines",
                ),
                id="diff-summary",
            )
            with VerticalScroll(id="edit-diff"):
                yield Static(diff_text(self.diff))
            upload = "Upload anyway (y)" if self.local_errors else "Upload (y)"
            with Horizontal(id="buttons"):
                yield Button(upload, id="upload", variant="primary")
                yield Button("Edit again (e)", id="edit")
                yield Button("Keep for later (n)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        self.dismiss(choice if choice in ("upload", "edit") else None)  # type: ignore[arg-type]

    def action_choose(self, choice: UploadChoice) -> None:
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CloneOfferModal(ModalScreen[bool]):
    """Graph refused the upload because the published flow is immutable: offer the clone."""

    BINDINGS = [
        Binding("y", "answer(True)", "Clone"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="edit-upload"):
            yield Label(Text(self.question), id="question")
            yield Static(Text(self.detail), id="detail")
            with Horizontal(id="buttons"):
                yield Button("Clone it (y)", id="yes", variant="primary")
                yield Button("Not now (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, clone: bool) -> None:
        self.dismiss(clone)
