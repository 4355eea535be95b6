"""The first page of flows, asked for on a thread of its own before the app starts."""

from __future__ import annotations

import pytest

from flowtui.api import AuthError, FlowsClient
from flowtui.sandbox.server import running_sandbox
from flowtui.tui.first_page import PAGE_SIZE, EarlyPage
from tests.sandbox.conftest import WABA


async def test_the_page_and_its_rate_limit_usage_cross_over():
    with running_sandbox(extra_flows=150) as base_url:

        def open_client() -> FlowsClient:
            return FlowsClient("EAAGanyToken", waba_id=WABA, base_url=base_url)

        early = EarlyPage(open_client).start()
        async with open_client() as app_client:
            page = await early.page_for(app_client)
            assert len(page.flows) == PAGE_SIZE and page.has_next
            assert app_client.usage is not None


async def test_a_failure_is_raised_where_the_page_is_awaited():
    with running_sandbox(token="EAAGtheRightToken") as base_url:

        def open_client() -> FlowsClient:
            return FlowsClient("EAAGtheWrongToken", waba_id=WABA, base_url=base_url)

        early = EarlyPage(open_client).start()
        async with open_client() as app_client:
            with pytest.raises(AuthError):
                await early.page_for(app_client)
