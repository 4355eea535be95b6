"""Save a downloaded Flow JSON to a file: the path is prefilled, an existing file is only
replaced after a yes, and the path stays in the box when writing fails."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from flowtui.editing import write_new_file
from flowtui.tui.modals.confirm import ConfirmModal


class SaveJsonModal(ModalScreen[Path | None]):
    """Dismisses with the absolute path written, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save"),
    ]

    def __init__(self, flow_name: str, data: bytes, *, initial_path: str) -> None:
        super().__init__()
        self.flow_name = flow_name
        self.data = data
        self.initial_path = initial_path

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Save the Flow JSON of “{self.flow_name}”", id="form-title")
            yield Static("", id="form-error")
            yield Label("Save to")
            yield Input(self.initial_path, placeholder="path/to/flow.json", id="path", compact=True)
            yield Static("", classes="field-error", id="path-error")
            with Horizontal(id="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self.check_path()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.check_path()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    @property
    def path(self) -> Path:
        return Path(self.query_one("#path", Input).value.strip()).expanduser()

    def check_path(self) -> str:
        value = self.query_one("#path", Input).value.strip()
        path = self.path
        problem = ""
        note = ""
        if not value:
            problem = "Give the path of the file to write."
        elif path.is_dir():
            problem = f"{str(path)!r} is a folder: add a file name."
        elif not path.parent.is_dir():
            problem = f"The folder {str(path.parent)!r} does not exist: create it or pick another."
        elif path.exists():
            note = "This file exists: saving asks before replacing it."
        self.query_one("#path-error", Static).update(problem or note)
        self.query_one("#save", Button).disabled = bool(problem)
        return problem

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        if self.check_path():
            return
        path = self.path
        if not path.exists():
            self.write(path, overwrite=False)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.write(path, overwrite=True)

        self.app.push_screen(
            ConfirmModal(f"Replace {path.name}?", f"{path} exists.", danger=True), answered
        )

    def write(self, path: Path, *, overwrite: bool) -> None:
        try:
            saved = write_new_file(path, self.data, overwrite=overwrite)
        except OSError as error:
            self.query_one("#form-error", Static).update(
                f"Not saved: {error.strerror or error} ({path})."
            )
            return
        self.dismiss(saved)
