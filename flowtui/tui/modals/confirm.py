"""A yes/no question about one flow: ``y`` confirms, ``n`` or ``escape`` cancels.

The question and its detail are shown literally (names from Graph are not markup, and their
control characters are shown, never obeyed) and wrap to the dialog's width: a confirmation is
never cut.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from flowtui.tui.widgets.literal import literal


class ConfirmModal(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "confirm", "Yes"),
        Binding("n", "cancel", "No"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, question: str, detail: str = "", *, danger: bool = False) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.danger = danger

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="-danger" if self.danger else ""):
            yield Static(literal(self.question), id="question")
            if self.detail:
                yield Static(literal(self.detail, lines=True), id="detail")
            with Horizontal(id="buttons"):
                yield Button("Yes (y)", id="yes", variant="error" if self.danger else "primary")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe choice has focus

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
