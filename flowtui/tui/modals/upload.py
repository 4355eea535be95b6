"""Upload a Flow JSON file to a flow: the path is checked (exists, UTF-8, valid JSON, size)
before anything is sent, and the path stays in the box when the upload fails."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from flowtui.api import FlowsError, InputError, inputs

Upload = Callable[[Path], Awaitable[str]]


class UploadModal(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Upload"),
    ]

    def __init__(self, flow_name: str, upload: Upload, *, initial_path: str = "") -> None:
        super().__init__()
        self.flow_name = flow_name
        self._upload = upload
        self.initial_path = initial_path

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Upload Flow JSON to “{self.flow_name}”", id="form-title")
            yield Static("", id="form-error")
            yield Label("Flow JSON file")
            yield Input(self.initial_path, placeholder="path/to/flow.json", id="path", compact=True)
            yield Static("", classes="field-error", id="path-error")
            with Horizontal(id="buttons"):
                yield Button("Upload (ctrl+s)", id="upload", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self.check_path()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.check_path()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "upload":
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
        self.query_one("#upload", Button).disabled = bool(problem)
        return problem

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        if not self.check_path():
            self.send(self.path)

    @work(exclusive=True, group="upload", exit_on_error=False)
    async def send(self, path: Path) -> None:
        banner = self.query_one("#form-error", Static)
        banner.update("Uploading…")
        try:
            outcome = await self._upload(path)
        except FlowsError as error:
            banner.update(f"{error}\n{error.remedy}".strip())
            self.notify(str(error), title="Not uploaded", severity="error", timeout=8)
            return
        self.dismiss(outcome)
