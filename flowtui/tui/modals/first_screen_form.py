"""The form behind ``t`` and ``I``: text fields (each with its problem under it), the choice
between navigate (a first screen and its data) and data_exchange, and one button.

Subclasses declare their :attr:`FIELDS` and say what is wrong with :meth:`field_errors`; the
form keeps the button disabled while anything is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from flowtui.tui.widgets.literal import LiteralInput, literal

Result = TypeVar("Result")
Field = tuple[str, str, str]  # (widget id, label, placeholder)
SCREEN_FIELDS: tuple[Field, ...] = (
    ("screen", "First screen (navigate; empty: the flow's first)", "SCREEN_ID"),
    ("data", "First screen's data (a JSON object, optional)", '{"name": "Ana"}'),
)
NOT_AN_OBJECT = 'Not a JSON object, such as {"name": "Ana"}.'


def screen_data(text: str) -> dict[str, Any] | None:
    """The data typed for the first screen: {} for nothing, None when it is no JSON object."""
    if not text:
        return {}
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


class FirstScreenForm(ModalScreen[Result | None], Generic[Result]):
    FIELDS: ClassVar[tuple[Field, ...]] = ()
    BUTTON = "Save"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Submit"),
    ]

    def __init__(
        self, title: str, values: Mapping[str, str], data_exchange: bool, note: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.values = values
        self.data_exchange = data_exchange
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Label(literal(self.title_text), id="form-title")
            if self.note:
                yield Static(literal(self.note), classes="dialog-keys")
            yield Static("", id="form-error")
            for field_id, label, placeholder in (*self.FIELDS, *SCREEN_FIELDS):
                yield Label(label)
                yield LiteralInput(
                    self.values.get(field_id, ""),
                    placeholder=placeholder,
                    id=field_id,
                    compact=True,
                )
                yield Static("", classes="field-error", id=f"{field_id}-error")
            yield Checkbox(
                "Open with data_exchange (INIT asks the endpoint)",
                self.data_exchange,
                id="data-exchange",
            )
            with Horizontal(id="buttons"):
                yield Button(f"{self.BUTTON} (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#{self.FIELDS[0][0]}", Input).focus()
        self.check_fields()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.check_fields()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.check_fields()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    def value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    @property
    def exchanges(self) -> bool:
        return self.query_one("#data-exchange", Checkbox).value

    def field_errors(self) -> dict[str, str]:
        """What is wrong, by field id; the first screen's data is checked here."""
        if not self.exchanges and screen_data(self.value("data").strip()) is None:
            return {"data": NOT_AN_OBJECT}
        return {}

    def check_fields(self) -> dict[str, str]:
        errors = self.field_errors()
        for field_id, _label, _placeholder in SCREEN_FIELDS:
            self.query_one(f"#{field_id}", Input).disabled = self.exchanges
        for label in self.query(".field-error").results(Static):
            field_id = (label.id or "").removesuffix("-error")
            label.update(literal(errors.get(field_id, "")))
        self.query_one("#save", Button).disabled = bool(errors)
        return errors

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        if self.check_fields():
            self.notify("Fix the fields marked in red first.", severity="warning")
            return
        self.submit()

    def submit(self) -> None:
        raise NotImplementedError
