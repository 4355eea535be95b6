"""``t``: send the flow to a test phone, from a form checked as it is typed.

The checks are :class:`~flowtui.api.flow_message.FlowMessage`'s own (E.164, the button text,
the body, the action); the request runs from the form, so a refusal (outside the 24-hour
window, say) is shown above the fields and everything typed stays. What was sent is remembered
for the flow (``flowtui.sending.defaults``).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from flowtui.api import FlowsError
from flowtui.api.flow_message import MAX_CTA_CHARS, FlowMessage
from flowtui.sending.defaults import SendDefaults
from flowtui.tui.widgets.literal import LiteralInput, literal

Send = Callable[[FlowMessage, SendDefaults], Awaitable[str]]  # -> the sentence on success

FIELDS = (  # (id, label, placeholder)
    ("to", "Test phone (international form)", "+447700900123"),
    ("cta", f"Button text (at most {MAX_CTA_CHARS} characters)", "Open"),
    ("body", "Message text", "What the message says above the button"),
    ("flow-token", "Flow token (sent back with the answer)", "flowtui-test"),
    ("screen", "First screen (navigate; empty: the flow's first)", "SCREEN_ID"),
    ("data", "First screen's data (a JSON object, optional)", '{"name": "Ana"}'),
)

# Which field a refusal of FlowMessage.checked() belongs to.
PART_FIELDS = {"to": "to", "cta": "cta", "body": "body", "flow_token": "flow-token"}


class SendToPhoneModal(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Send"),
    ]

    def __init__(
        self, flow_id: str, title: str, mode: str, initial: SendDefaults, send: Send
    ) -> None:
        super().__init__()
        self.flow_id = flow_id
        self.title_text = title
        self.mode = mode  # draft for a DRAFT flow, else published
        self.initial = initial
        self._send = send

    def compose(self) -> ComposeResult:
        values = {
            "to": self.initial.to,
            "cta": self.initial.cta,
            "body": self.initial.body,
            "flow-token": self.initial.flow_token,
            "screen": self.initial.screen,
            "data": self.initial.data,
        }
        with VerticalScroll(id="dialog"):
            yield Label(literal(self.title_text), id="form-title")
            yield Static(literal(f"Sent as mode {self.mode}."), classes="dialog-keys")
            yield Static("", id="form-error")
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
                yield Button("Send (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#to", Input).focus()
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

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def typed(self) -> SendDefaults:
        return SendDefaults(
            to=self._value("to").strip(),
            cta=self._value("cta"),
            body=self._value("body"),
            flow_token=self._value("flow-token").strip(),
            screen=self._value("screen").strip(),
            data=self._value("data").strip(),
            data_exchange=self.query_one("#data-exchange", Checkbox).value,
        )

    def message_and_errors(self) -> tuple[FlowMessage | None, dict[str, str]]:
        typed = self.typed()
        errors: dict[str, str] = {}
        data: dict[str, Any] = {}
        if typed.data:
            try:
                parsed = json.loads(typed.data)
            except (ValueError, RecursionError):
                parsed = None
            if not isinstance(parsed, dict):
                errors["data"] = 'Not a JSON object, such as {"name": "Ana"}.'
            else:
                data = parsed
        message = FlowMessage(
            to=typed.to,
            flow_id=self.flow_id,
            cta=typed.cta,
            body=typed.body,
            flow_token=typed.flow_token,
            mode=self.mode,
            flow_action="data_exchange" if typed.data_exchange else "navigate",
            screen=None if typed.data_exchange else (typed.screen or None),
            data={} if typed.data_exchange else data,
        )
        for part, problem in message.problems().items():
            errors.setdefault(PART_FIELDS.get(part, "body"), problem)
        return (None if errors else message), errors

    def check_fields(self) -> dict[str, str]:
        _message, errors = self.message_and_errors()
        exchange = self.query_one("#data-exchange", Checkbox).value
        for field_id in ("screen", "data"):
            self.query_one(f"#{field_id}", Input).disabled = exchange
        for label in self.query(".field-error").results(Static):
            field_id = (label.id or "").removesuffix("-error")
            label.update(literal(errors.get(field_id, "")))
        self.query_one("#save", Button).disabled = bool(errors)
        return errors

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        message, errors = self.message_and_errors()
        self.check_fields()
        if message is None or errors:
            self.notify("Fix the fields marked in red first.", severity="warning")
            return
        self.send(message, self.typed())

    @work(exclusive=True, group="test-send", description="Sending the flow")
    async def send(self, message: FlowMessage, typed: SendDefaults) -> None:
        banner = self.query_one("#form-error", Static)
        banner.update("Sending…")
        self.query_one("#save", Button).disabled = True
        try:
            outcome = await self._send(message, typed)
        except FlowsError as error:
            banner.update(literal(f"{error}\n{error.remedy}".strip(), lines=True))
            self.query_one("#save", Button).disabled = False
            self.notify(str(error), title="Not sent", severity="error", timeout=8)
            return
        self.dismiss(outcome)
