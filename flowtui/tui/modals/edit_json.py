"""The questions of the edit round trip: resume an earlier edit, upload this one, clone."""

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
from flowtui.editing import DiffLine, EditOrigin, KeptEdit, count_changes
from flowtui.editing.working_files import SET_ASIDE
from flowtui.tui.modals.checked_upload import local_errors_text
from flowtui.tui.widgets.diff_view import diff_text
from flowtui.tui.widgets.literal import literal
from flowtui.tui.widgets.status import when

ResumeChoice = Literal["resume", "fresh", "discard"]
UploadChoice = Literal["upload", "edit"]


def kept_edit_facts(kept: KeptEdit) -> Text:
    """What a kept edit was made on, when, and where it is: every resume question shows it."""
    origin = kept.origin
    unknown = Text("unknown", "italic")
    rows: list[tuple[str, Text]]
    if origin is None:
        rows = [
            ("Made on", Text("unknown: kept by an older flowtui, which did not note it", "italic")),
            ("Started", unknown),
        ]
    else:
        rows = [
            ("Made on", literal(f"“{origin.flow_name}” (flow {origin.flow_id})")),
            (
                "Started",
                Text(
                    f"{when(origin.started_at)}, from the live Flow JSON with sha256 "
                    f"{origin.short_hash}…"
                ),
            ),
        ]
    rows.append(("Last saved", Text(when(kept.saved_at)) if kept.saved_at else unknown))
    rows.append(("Kept at", literal(kept.path)))
    facts = Text()
    for number, (label, value) in enumerate(rows):
        if number:
            facts.append("\n")
        facts.append(f"{label:<12}", "bold")
        facts.append_text(value)
    return facts


class ResumeEditModal(ModalScreen[ResumeChoice | None]):
    """An edit of this flow id was left on disk: what it was made on, and what to do with it.

    Made on this flow as it is now (same name, same live Flow JSON): resume it, or start fresh
    (which replaces it). Made on something else (another name, a live JSON that changed since, or
    an unknown origin: sandbox ids repeat between runs): resume anyway, start fresh with the old
    edit set aside, or discard it; it is never replaced without the user saying so."""

    BINDINGS = [
        Binding("r", "choose('resume')", "Resume"),
        Binding("f", "choose('fresh')", "Start fresh"),
        Binding("d", "choose('discard')", "Discard"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, flow_name: str, kept: KeptEdit, current: EditOrigin) -> None:
        super().__init__()
        self.flow_name = flow_name
        self.kept = kept
        self.current = current
        self.matched = kept.matches(current)

    @property
    def path(self) -> Path:
        return self.kept.path

    def compose(self) -> ComposeResult:
        classes = "edit-upload" if self.matched else "edit-upload kept-elsewhere"
        with Vertical(id="dialog", classes=classes):
            if self.matched:
                question = f"An earlier edit of “{self.flow_name}” was not uploaded"
            elif self.kept.origin is None:
                question = f"An edit of unknown origin is kept under the id of “{self.flow_name}”"
            else:
                question = f"The edit kept for “{self.flow_name}” was made on something else"
            yield Label(literal(question), id="question")
            yield Static(kept_edit_facts(self.kept), id="detail")
            if self.matched:
                yield Static(
                    "It was made on this flow as it is now. Resume it, or start fresh: that "
                    "replaces it with the live Flow JSON.",
                    id="resume-hint",
                )
            else:
                yield Static(
                    literal("\n".join(self.kept.differences(self.current)), lines=True),
                    id="kept-differences",
                )
                yield Static(
                    Text.assemble(
                        ("Resume anyway", "bold"),
                        ": go on with it; before any upload it is compared with the live Flow "
                        "JSON as it is now.\n",
                        ("Start fresh", "bold"),
                        literal(
                            f": the kept edit is moved into {self.path.parent / SET_ASIDE}/, and "
                            "the live Flow JSON opens."
                        ),
                        "\n",
                        ("Discard", "bold"),
                        ": the kept edit is deleted, and the live Flow JSON opens.",
                    ),
                    id="resume-hint",
                )
            with Horizontal(id="buttons"):
                yield Button(
                    "Resume (r)" if self.matched else "Resume anyway (r)",
                    id="resume",
                    variant="primary",
                )
                yield Button("Start fresh (f)", id="fresh", variant="warning")
                if not self.matched:
                    yield Button("Discard it (d)", id="discard", variant="error")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        # Enter on the default never loses an edit: resume this one, or set the other aside.
        self.query_one("#resume" if self.matched else "#fresh", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("discard",):
            return not self.matched  # a matching edit is replaced by "start fresh", said so
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        chosen = choice if choice in ("resume", "fresh", "discard") else None
        self.dismiss(chosen)  # type: ignore[arg-type]

    def action_choose(self, choice: ResumeChoice) -> None:
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EditUploadModal(ModalScreen[UploadChoice | None]):
    """The edit against the live JSON, what the local validator says, and what an upload does."""

    BINDINGS = [
        Binding("y", "choose('upload')", "Upload"),
        Binding("e", "choose('edit')", "Edit again"),
        Binding("P", "play", "Play the edit", tooltip="Play your edit before uploading it"),
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
        draft: str = "",
    ) -> None:
        """``draft`` is the edited Flow JSON (``P`` plays it; the question waits meanwhile)."""
        super().__init__()
        self.draft = draft
        self.flow_name = flow_name
        self.diff = diff
        self.local_errors = local_errors
        self.warning = warning
        self.note = note

    def compose(self) -> ComposeResult:
        added, removed = count_changes(self.diff)
        with Vertical(id="dialog", classes="edit-upload"):
            yield Label(literal(f"Upload your edit of “{self.flow_name}”?"), id="question")
            if self.warning:
                yield Static(literal(self.warning), id="upload-warning")
            if self.note:
                yield Static(literal(self.note, lines=True), id="edit-note")
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
                yield Button("Play (P)", id="play")
                yield Button("Keep for later (n)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        if choice == "play":
            self.action_play()
            return
        self.dismiss(choice if choice in ("upload", "edit") else None)  # type: ignore[arg-type]

    def action_choose(self, choice: UploadChoice) -> None:
        self.dismiss(choice)

    def action_play(self) -> None:
        from flowtui.tui.reach import flows_app
        from flowtui.tui.screens.player import play_screen

        screen = play_screen(
            self.draft,
            title=f"{self.flow_name} (your edit)",
            error_count=len(self.local_errors),
            clock=flows_app(self).clock,
        )
        if isinstance(screen, str):
            self.notify(screen, title="Cannot play this edit", severity="error")
        else:
            self.app.push_screen(screen)  # closing it comes back to this question

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
            yield Label(literal(self.question), id="question")
            yield Static(literal(self.detail, lines=True), id="detail")
            with Horizontal(id="buttons"):
                yield Button("Clone it (y)", id="yes", variant="primary")
                yield Button("Not now (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, clone: bool) -> None:
        self.dismiss(clone)
