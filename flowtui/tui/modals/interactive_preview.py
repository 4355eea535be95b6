"""``I``: the fields of Meta's interactive preview, checked as they are typed; the screen then
asks Graph for the link and opens it with them
(:func:`~flowtui.api.preview_link.interactive_preview_url`)."""

from __future__ import annotations

from flowtui.sending.defaults import PreviewDefaults
from flowtui.tui.modals.first_screen_form import FirstScreenForm


class InteractivePreviewModal(FirstScreenForm[PreviewDefaults]):
    FIELDS = (
        ("flow-token", "Flow token (endpoint requests carry it)", "any text, such as run-42"),
        ("phone-number", "Business phone number (its key encrypts endpoint requests)", "+15550001"),
    )
    BUTTON = "Open"

    def __init__(self, title: str, initial: PreviewDefaults) -> None:
        values = {
            "flow-token": initial.flow_token,
            "phone-number": initial.phone_number,
            "screen": initial.screen,
            "data": initial.data,
        }
        super().__init__(title, values, initial.data_exchange)

    def typed(self) -> PreviewDefaults:
        return PreviewDefaults(
            flow_token=self.value("flow-token").strip(),
            phone_number=self.value("phone-number").strip(),
            screen=self.value("screen").strip(),
            data=self.value("data").strip(),
            data_exchange=self.exchanges,
        )

    def field_errors(self) -> dict[str, str]:
        errors = super().field_errors()
        if not self.value("flow-token").strip():
            errors["flow-token"] = "The flow token is empty: endpoint requests carry it."
        return errors

    def submit(self) -> None:
        self.dismiss(self.typed())
