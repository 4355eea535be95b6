"""``I``: the fields of Meta's interactive preview, checked as they are typed; the screen then
asks Graph for the link and opens it with them
(:func:`~flowtui.api.preview_link.interactive_preview_url`)."""

from __future__ import annotations

import json

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from flowtui.sending.defaults import PreviewDefaults
from flowtui.tui.widgets.literal import LiteralInput, literal

FIELDS = (  # (id, label, placeholder)
    ("flow-token", "Flow token (endpoint requests carry it)", "any text, such as run-42"),
    ("phone-number", "Business phone number (its key encrypts endpoint requests)", "+15550001"),
    ("screen", "First screen (navigate; empty: the flow's first)", "SCREEN_ID"),
    ("data", "First screen's data (a JSON object, optional)", '{"name": "Ana"}'),
)


class InteractivePreviewModal(ModalScreen[PreviewDefaults | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Open"),
    ]

    def __init__(self, title: str, initial: PreviewDefaults) -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial

    def compose(self) -> ComposeResult:
        values = {
            "flow-token": self.initial.flow_token,
            "phone-number": self.initial.phone_number,
            "screen": self.initial.screen,
            "data": self.initial.data,
        }
        with VerticalScroll(id="dialog"):
            yield Label(literal(self.title_text), id="form-title")
            for field_id, label, placeholder in FIELDS:
                yield Label(label)
                yield LiteralInput(
                    values[field_id], placeholder=placeholder, id=field_id, compact=True
                )
                yield Static("", classes="field-error", id=f"{field_id}-error")
            yield Checkbox(
                "Open with data_exchange (INIT asks the endpoint)",
                self.initial.data_exchange,
                id="data-exchange",
            )
            with Horizontal(id="buttons"):
                yield Button("Open (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#flow-token", Input).focus()
        self.check_fields()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.check_fields()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.check_fields()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_submit()
        else:
            self.dismiss(None)

    def typed(self) -> PreviewDefaults:
        def value(field_id: str) -> str:
            return self.query_one(f"#{field_id}", Input).value.strip()

        return PreviewDefaults(
            flow_token=value("flow-token"),
            phone_number=value("phone-number"),
            screen=value("screen"),
            data=value("data"),
            data_exchange=self.query_one("#data-exchange", Checkbox).value,
        )

    def field_errors(self, typed: PreviewDefaults) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not typed.flow_token:
            errors["flow-token"] = "The flow token is empty: endpoint requests carry it."
        if typed.data and not typed.data_exchange:
            try:
                parsed = json.loads(typed.data)
            except (ValueError, RecursionError):
                parsed = None
            if not isinstance(parsed, dict):
                errors["data"] = 'Not a JSON object, such as {"name": "Ana"}.'
        return errors

    def check_fields(self) -> dict[str, str]:
        typed = self.typed()
        errors = self.field_errors(typed)
        for field_id in ("screen", "data"):
            self.query_one(f"#{field_id}", Input).disabled = typed.data_exchange
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
        self.dismiss(self.typed())
