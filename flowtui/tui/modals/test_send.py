"""``t``: send the flow to a test phone, from a form checked as it is typed.

The checks are :class:`~flowtui.api.flow_message.FlowMessage`'s own (E.164, the button text,
the body, the action); the request runs from the form, so a refusal (outside the 24-hour
window, say) is shown above the fields and everything typed stays. What was sent is remembered
for the flow (``flowtui.sending.defaults``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import work
from textual.widgets import Button, Static

from flowtui.api import FlowsError
from flowtui.api.flow_message import MAX_CTA_CHARS, FlowMessage
from flowtui.sending.defaults import SendDefaults
from flowtui.tui.modals.first_screen_form import FirstScreenForm, screen_data
from flowtui.tui.widgets.literal import literal

Send = Callable[[FlowMessage, SendDefaults], Awaitable[str]]  # -> the sentence on success
# Which field a problem of FlowMessage.problems() belongs to.
PART_FIELDS = {"to": "to", "cta": "cta", "body": "body", "flow_token": "flow-token"}


class SendToPhoneModal(FirstScreenForm[str]):
    FIELDS = (
        ("to", "Test phone (international form)", "+447700900123"),
        ("cta", f"Button text (at most {MAX_CTA_CHARS} characters)", "Open"),
        ("body", "Message text", "What the message says above the button"),
        ("flow-token", "Flow token (sent back with the answer)", "flowtui-test"),
    )
    BUTTON = "Send"

    def __init__(
        self, flow_id: str, title: str, mode: str, initial: SendDefaults, send: Send
    ) -> None:
        values = {
            "to": initial.to,
            "cta": initial.cta,
            "body": initial.body,
            "flow-token": initial.flow_token,
            "screen": initial.screen,
            "data": initial.data,
        }
        super().__init__(title, values, initial.data_exchange, note=f"Sent as mode {mode}.")
        self.flow_id = flow_id
        self.mode = mode  # draft for a DRAFT flow, else published
        self._send = send

    def typed(self) -> SendDefaults:
        return SendDefaults(
            to=self.value("to").strip(),
            cta=self.value("cta"),
            body=self.value("body"),
            flow_token=self.value("flow-token").strip(),
            screen=self.value("screen").strip(),
            data=self.value("data").strip(),
            data_exchange=self.exchanges,
        )

    def message(self) -> FlowMessage:
        typed = self.typed()
        return FlowMessage(
            to=typed.to,
            flow_id=self.flow_id,
            cta=typed.cta,
            body=typed.body,
            flow_token=typed.flow_token,
            mode=self.mode,
            flow_action="data_exchange" if typed.data_exchange else "navigate",
            screen=None if typed.data_exchange else (typed.screen or None),
            data={} if typed.data_exchange else (screen_data(typed.data) or {}),
        )

    def field_errors(self) -> dict[str, str]:
        errors = super().field_errors()
        for part, problem in self.message().problems().items():
            errors.setdefault(PART_FIELDS.get(part, "body"), problem)
        return errors

    def submit(self) -> None:
        self.send(self.message(), self.typed())

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
