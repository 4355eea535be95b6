"""Ask for a local Flow JSON file, checked as typed with the service layer's file checks."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from flowtui.api import InputError, inputs


class FlowJsonPathModal(ModalScreen[Path | None]):
    """Dismisses with the path of a readable, valid Flow JSON file, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "OK"),
    ]

    def __init__(self, title: str, button: str, *, initial_path: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.button_label = button
        self.initial_path = initial_path

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="form-title")
            yield Label("Flow JSON file")
            yield Input(self.initial_path, placeholder="path/to/flow.json", id="path", compact=True)
            yield Static("", classes="field-error", id="path-error")
            with Horizontal(id="buttons"):
                yield Button(f"{self.button_label} (ctrl+s)", id="ok", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self.check_path()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.check_path()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_submit()
        else:
            self.action_cancel()

    @property
    def path(self) -> Path:
        return Path(self.query_one("#path", Input).value.strip()).expanduser()

    def check_path(self) -> str:
        value = self.query_one("#path", Input).value.strip()
        problem = "Give the path of a Flow JSON file." if not value else ""
        if value:
            try:
                inputs.load_flow_json(self.path)
            except InputError as error:
                problem = str(error)
        self.query_one("#path-error", Static).update(problem)
        self.query_one("#ok", Button).disabled = bool(problem)
        return problem

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        if not self.check_path():
            self.dismiss(self.path)
