"""``t``: a flow sent to a test phone from a checked form, kept in the sandbox's outbox; the
form keeps what was typed through a refusal and remembers it for the next send of the flow."""

from __future__ import annotations

import httpx

from flowtui.sandbox.demo_ids import OUTBOX_PATH
from flowtui.tui.modals.test_send import SendToPhoneModal

from .conftest import SIZE, go_to, settle, text_of, until
from .snapshot_app import snapshot_app, steps


def outbox(sandbox_url: str) -> list[dict]:
    return httpx.get(f"{sandbox_url}{OUTBOX_PATH}").json()["data"]


def on_form(pilot) -> bool:
    return isinstance(pilot.app.screen, SendToPhoneModal)


async def test_t_sends_the_flow_and_remembers_the_form(make_app, sandbox_url) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Appointment dates")
        await pilot.press("t")
        await until(pilot, lambda: on_form(pilot))
        assert app.screen.query_one("#save").disabled  # no number yet
        await pilot.press(*"+44 7700 900123")
        app.screen.query_one("#screen").value = "AVAILABILITY"
        app.screen.query_one("#data").value = '{"home_days": []}'
        await settle(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not on_form(pilot))
        assert any("Sent “Appointment dates” to +44 7700 900123" in t for t in app.toasts())
        [sent] = outbox(sandbox_url)
        assert (sent["to"], sent["mode"], sent["flow_cta"]) == ("447700900123", "draft", "Open")
        assert sent["flow_action_payload"] == {"screen": "AVAILABILITY", "data": {"home_days": []}}
        await pilot.press("t")  # the same flow again: the form as it was sent
        await until(pilot, lambda: on_form(pilot))
        assert app.screen.query_one("#to").value == "+44 7700 900123"
        assert app.screen.query_one("#screen").value == "AVAILABILITY"


async def test_a_refusal_is_explained_in_the_form_and_nothing_typed_is_lost(
    make_app, sandbox_url
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Appointment dates")
        await pilot.press("t")
        await until(pilot, lambda: on_form(pilot))
        await pilot.press(*"0770 900")
        await settle(pilot)
        assert "international form (E.164)" in text_of(app, "#to-error")
        assert app.screen.query_one("#save").disabled
        app.screen.query_one("#to").value = "+999 1234 5678"  # a phone that never wrote
        await settle(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "131047" in text_of(app, "#form-error"))
        assert "send any message to the business number" in text_of(app, "#form-error")
        assert on_form(pilot) and app.screen.query_one("#to").value == "+999 1234 5678"
    assert outbox(sandbox_url) == []


def test_test_send_form_snapshot(snap_compare):
    keys = ("t", *"+44 7700", "tab", "ctrl+a", *"Book your appointment with us now")
    assert snap_compare(
        snapshot_app(), run_before=steps(*keys, flow="Appointment dates"), terminal_size=(120, 48)
    )
