"""Asks where to save the migration results: ``.json`` or ``.csv``, never over an existing file.

The path is checked as it is typed; ``save`` writes the file and returns the sentence to show.
When writing fails the reason shows above the field and the typed path stays.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from flowtui.migration import format_for
from flowtui.tui.widgets.literal import LiteralInput, literal

Save = Callable[[Path], str]


def path_problem(typed: str) -> str:
    """What is wrong with ``typed`` as a place to save, or ""."""
    if not typed.strip():
        return "Type a file name ending in .json or .csv."
    path = Path(typed.strip()).expanduser()
    try:
        format_for(path)
    except ValueError as error:
        return str(error)
    if path.exists():
        return f"“{path}” already exists: flowtui never overwrites, so choose another name."
    if not path.parent.is_dir():
        return f"The folder “{path.parent}” does not exist."
    return ""


class SaveResultsModal(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, save: Save, suggestion: str = "") -> None:
        super().__init__()
        self._save = save
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Save the migration results", id="form-title")
            yield Static("", id="form-error")
            yield Label("File (.json or .csv; enter saves)")
            yield LiteralInput(
                self.suggestion, placeholder="migration.json", id="save-path", compact=True
            )
            yield Static("", classes="field-error", id="save-path-error")

    def on_mount(self) -> None:
        self.query_one("#save-path", Input).focus()
        self._check()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._check()

    def _check(self) -> str:
        problem = path_problem(self.query_one("#save-path", Input).value)
        self.query_one("#save-path-error", Static).update(literal(problem))
        return problem

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._check():
            return
        try:
            outcome = self._save(Path(event.value.strip()).expanduser())
        except (OSError, ValueError) as error:
            self.query_one("#form-error", Static).update(literal(f"Not saved: {error}"))
            return
        self.dismiss(outcome)

    def action_cancel(self) -> None:
        self.dismiss(None)
