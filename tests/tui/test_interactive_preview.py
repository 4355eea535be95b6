"""``I``: Meta's interactive preview opened with the form's parameters, remembered per flow."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from flowtui.api.errors import InputError
from flowtui.api.preview_link import interactive_preview_url
from flowtui.tui.modals.interactive_preview import InteractivePreviewModal

from .conftest import SIZE, go_to, settle, until

LINK = "https://business.facebook.com/wa/manage/flows/55/preview/?token=b9d6"


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_link_keeps_its_token_and_gains_the_interactive_parameters() -> None:
    url = interactive_preview_url(
        LINK, flow_token="t-1", screen="WELCOME", data={"name": "Ana"}, phone_number="+1555"
    )
    assert url.startswith("https://business.facebook.com/wa/manage/flows/55/preview/?token=b9d6&")
    assert query(url) == {
        "token": ["b9d6"],
        "interactive": ["true"],
        "flow_token": ["t-1"],
        "flow_action": ["navigate"],
        "flow_action_payload": ['{"screen":"WELCOME","data":{"name":"Ana"}}'],
        "phone_number": ["+1555"],
        "debug": ["true"],
    }
    exchange = query(interactive_preview_url(LINK, flow_token="t", data_exchange=True))
    assert exchange["flow_action"] == ["data_exchange"] and "flow_action_payload" not in exchange
    with pytest.raises(InputError, match="flow token is empty"):
        interactive_preview_url(LINK, flow_token=" ")


async def test_i_opens_the_interactive_preview_and_remembers_the_form(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Appointment dates")
        await pilot.press("I")
        await until(pilot, lambda: isinstance(app.screen, InteractivePreviewModal))
        app.screen.query_one("#screen").value = "AVAILABILITY"
        app.screen.query_one("#data").value = "[1]"
        await settle(pilot)
        assert app.screen.query_one("#save").disabled  # not an object
        app.screen.query_one("#data").value = '{"home_days": []}'
        await settle(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(app.opened))
        opened = query(app.opened[-1])
        assert opened["interactive"] == ["true"] and opened["flow_token"] == ["flowtui-preview"]
        payload = json.loads(opened["flow_action_payload"][0])
        assert payload == {"screen": "AVAILABILITY", "data": {"home_days": []}}
        await pilot.press("I")
        await until(pilot, lambda: isinstance(app.screen, InteractivePreviewModal))
        assert app.screen.query_one("#screen").value == "AVAILABILITY"


def test_interactive_preview_form_snapshot(snap_compare):
    from .snapshot_app import snapshot_app, steps

    keys = ("I", "ctrl+a", "ctrl+k", "tab", *"+1 555 0100", "tab", *"AVAILABILITY", "tab", "x")
    assert snap_compare(
        snapshot_app(), run_before=steps(*keys, flow="Appointment dates"), terminal_size=SIZE
    )
