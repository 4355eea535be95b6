"""The shared shape of every "give a file path" dialog: a title, an optional banner for
request errors, one path box checked as typed, and OK / Cancel.

Subclasses say what is wrong with a path (:meth:`problem`), what OK does
(:meth:`action_submit`) and may add widgets around the box (:meth:`compose_above` and
:meth:`compose_below`). The path stays in the box whatever happens.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from flowtui.tui.file_checks import FileCheck, FileChecks, readable
from flowtui.tui.widgets.literal import LiteralInput, literal

CHECKING = "Checking the file…"

ResultType = TypeVar("ResultType")


class PathPromptModal(ModalScreen[ResultType]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit_when_checked", "OK"),
    ]
    FIELD_LABEL = "Flow JSON file"
    SUBMIT_ID = "ok"
    HAS_BANNER = True  # a line above the box for errors of the request OK sends

    def __init__(self, title: str, submit_label: str, *, initial_path: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.submit_label = submit_label
        self.initial_path = initial_path
        self.file_checks = FileChecks(self, self.check_file, self._file_checked)
        self._submit_pending = False

    def check_file(self, path: Path) -> FileCheck:
        """What :meth:`problem` asks about the typed file; runs in a thread, once per version
        of the file. By default the service layer's own checks (exists, UTF-8, JSON, size)."""
        return readable(path)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(literal(self.title_text), id="form-title")
            yield from self.compose_above()
            if self.HAS_BANNER:
                yield Static("", id="form-error")
            yield Label(self.FIELD_LABEL)
            yield LiteralInput(
                self.initial_path, placeholder="path/to/flow.json", id="path", compact=True
            )
            yield Static("", classes="field-error", id="path-error")
            yield from self.compose_below()
            with Horizontal(id="buttons"):
                yield Button(f"{self.submit_label} (ctrl+s)", id=self.SUBMIT_ID, variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def compose_above(self) -> ComposeResult:
        yield from ()

    def compose_below(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self.check_path()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.check_path()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit_when_checked()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.SUBMIT_ID:
            self.action_submit_when_checked()
        else:
            self.action_cancel()

    def action_submit_when_checked(self) -> None:
        """OK: at once, or as soon as the file typed is checked (the check runs apart)."""
        self._submit_pending = self.check_path() == CHECKING
        if not self._submit_pending:
            self.action_submit()

    def _file_checked(self) -> None:
        if self.check_path() != CHECKING and self._submit_pending:
            self._submit_pending = False
            self.action_submit()

    @property
    def path(self) -> Path:
        return Path(self.query_one("#path", Input).value.strip()).expanduser()

    def problem(self, value: str) -> tuple[str, str]:
        """(what blocks OK, a note that does not) for the typed ``value``. By default: a
        readable, valid Flow JSON file, with the service layer's own checks."""
        if not value:
            return "Give the path of a Flow JSON file.", ""
        check = self.file_checks.get(self.path)
        return (CHECKING, "") if check is None else (check.problem, "")

    def check_path(self) -> str:
        problem, note = self.problem(self.query_one("#path", Input).value.strip())
        shown = literal(problem or note, "dim" if problem == CHECKING else "")
        self.query_one("#path-error", Static).update(shown)
        self.query_one(f"#{self.SUBMIT_ID}", Button).disabled = bool(problem)
        return problem

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        raise NotImplementedError
