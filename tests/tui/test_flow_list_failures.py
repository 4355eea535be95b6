"""Loading the flows ends with a message whatever goes wrong: the status line never stays
"Loading flows…" (issue #12, item 6)."""

from __future__ import annotations

from flowtui.api import FlowsClient, Token
from flowtui.tui.app import FlowtuiApp

from .conftest import SIZE, account, settle


class BrokenClient(FlowsClient):
    async def flow_pages(self, **kwargs: object):  # type: ignore[override]
        raise OverflowError("timestamp out of range for platform time_t")
        yield


async def test_an_unexpected_error_ends_the_spinner_with_a_message() -> None:
    app = FlowtuiApp(
        account("http://127.0.0.1:9"),
        Token("tui-test-token-0123456789"),
        client_factory=lambda context, token: BrokenClient(
            token, waba_id=context.waba_id, base_url=context.base_url
        ),
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        status = app.screen.query_one("#list-status")
        assert not status.busy
        assert status.text == (
            "Loading stopped after 0 flows: flowtui hit a problem it did not expect "
            "(L shows the messages)."
        )
        toasts = [(n.title, n.message) for n in app._notifications]
        assert toasts and toasts[0][0] == "Loading the flows failed"
        assert "time_t" not in toasts[0][1]
