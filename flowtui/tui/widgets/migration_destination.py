"""The migration wizard's third step: the account the copies go to (the current one by
default), checked as it is typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from flowtui.api import InputError, inputs
from flowtui.tui.widgets.literal import LiteralInput, literal


class DestinationPicker(Vertical):
    """:attr:`source_waba_id` is set by the wizard: copying into the source is refused."""

    def __init__(self, default: str, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.default = default
        self.source_waba_id = ""

    def compose(self) -> ComposeResult:
        yield Label("Where do the copies go?", classes="step-title")
        yield Label("Destination account (WABA) id; the current account by default:")
        yield LiteralInput(self.default, id="destination-id", compact=True)
        yield Static("", classes="step-error", id="destination-error")

    @property
    def value(self) -> str:
        return self.query_one("#destination-id", Input).value.strip()

    def problem(self) -> str:
        """Why the typed id can't be the destination; "" when it can."""
        try:
            account = inputs.check_id(self.value, "destination account id")
        except InputError as error:
            return str(error)
        if account == self.source_waba_id:
            return "That is the source account: choose another account to copy into."
        return ""

    def show_problem(self) -> str:
        """Show (and return) :meth:`problem`."""
        problem = self.problem()
        self.query_one("#destination-error", Static).update(literal(problem))  # quotes input
        return problem

    @on(Input.Changed, "#destination-id")
    def _changed(self) -> None:
        self.show_problem()
