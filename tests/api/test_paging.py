"""Cursor paging: every flow across pages, and one page at a time for lazy screens."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest

from flowtui.api import errors as e

from .conftest import WABA


def page(ids: list[str], after: str | None, *, has_next: bool) -> httpx.Response:
    paging: dict = {"cursors": {"before": f"before-{ids[0]}" if ids else "b", "after": after}}
    if has_next:
        paging["next"] = f"https://graph.facebook.com/v26.0/{WABA}/flows?after={after}"
    return httpx.Response(
        200,
        json={
            "data": [{"id": i, "name": f"flow {i}", "status": "DRAFT"} for i in ids],
            "paging": paging,
        },
    )


async def test_list_flows_follows_cursors_until_there_is_no_next(graph, client):
    route = graph.get(f"/{WABA}/flows").mock(
        side_effect=[
            page(["1", "2"], "c1", has_next=True),
            page([], "c2", has_next=True),  # an empty page with next: keep going
            page(["3"], "c3", has_next=False),
        ]
    )
    ids = [flow.id async for flow in client.list_flows(page_size=2)]
    assert ids == ["1", "2", "3"]
    params = [call.request.url.params for call in route.calls]
    assert [p.get("after") for p in params] == [None, "c1", "c2"]
    assert all(p["limit"] == "2" for p in params)
    assert "json_version" in params[0]["fields"].split(",")


async def test_a_repeated_cursor_stops_the_loop(graph, client):
    route = graph.get(f"/{WABA}/flows").mock(return_value=page(["1"], "same", has_next=True))
    ids = [flow.id async for flow in client.list_flows()]
    assert ids == ["1", "1"] and route.call_count == 2


async def test_one_page_with_its_cursors(graph, client):
    route = graph.get("/777/flows").mock(return_value=page(["1"], "next-cursor", has_next=True))
    result = await client.get_flows_page(after="prev", waba_id="777", fields=["id", "name"])
    assert route.calls.last.request.url.params["after"] == "prev"
    assert route.calls.last.request.url.params["fields"] == "id,name"
    assert (result.after, result.has_next, result.has_previous) == ("next-cursor", True, False)
    assert [f.name for f in result.flows] == ["flow 1"]


async def test_metas_sample_without_next_is_one_page(graph, client):
    graph.get(f"/{WABA}/flows").respond(
        200,
        json={
            "data": [
                {
                    "id": "flow-1",
                    "name": "flow 1",
                    "status": "DRAFT",
                    "categories": ["CONTACT_US"],
                    "validation_errors": [],
                },
            ],
            "paging": {"cursors": {"before": "QVFI", "after": "QVFI"}},
        },
    )
    flows = [flow async for flow in client.list_flows()]
    assert [f.id for f in flows] == ["flow-1"]


async def test_page_arguments_are_checked(client):
    with pytest.raises(e.InvalidOptionError, match="positive integer"):
        await client.get_flows_page(page_size=0)
    with pytest.raises(e.InvalidOptionError, match="not both"):
        await client.get_flows_page(after="a", before="b")


async def test_the_next_page_is_asked_for_while_the_caller_holds_this_one(graph, client):
    route = graph.get(f"/{WABA}/flows").mock(
        side_effect=[
            page(["1", "2"], "c1", has_next=True),
            page(["3"], "c2", has_next=True),
            page(["4"], "c3", has_next=False),
        ]
    )
    pages = client.flow_pages(page_size=2)
    seen = []
    async with contextlib.aclosing(pages):
        async for one in pages:
            await asyncio.sleep(0)  # the caller puts the page away (any await)
            seen.append(([f.id for f in one.flows], route.call_count))
    # Page 1 in hand, page 2 already asked for; the last page asks for nothing more.
    assert seen == [(["1", "2"], 2), (["3"], 3), (["4"], 3)]


async def test_a_page_read_already_is_not_asked_for_again(graph, client):
    from flowtui.api import FlowPage

    first = FlowPage.from_graph(page(["1"], "c1", has_next=True).json())
    route = graph.get(f"/{WABA}/flows").mock(return_value=page(["2"], "c2", has_next=False))
    ids = [[f.id for f in p.flows] async for p in client.flow_pages(first=first)]
    assert ids == [["1"], ["2"]]
    assert [call.request.url.params.get("after") for call in route.calls] == ["c1"]


async def test_stopping_early_cancels_the_request_in_flight(graph, client):
    started, cancelled = asyncio.Event(), asyncio.Event()

    async def slow_second_page(request):
        started.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return page(["2"], "c2", has_next=False)

    graph.get(f"/{WABA}/flows", params={"after": "c1"}).mock(side_effect=slow_second_page)
    graph.get(f"/{WABA}/flows").mock(side_effect=[page(["1"], "c1", has_next=True)])
    pages = client.flow_pages()
    async with contextlib.aclosing(pages):
        async for _ in pages:
            await started.wait()  # the second request is in flight
            break
    await asyncio.wait_for(cancelled.wait(), timeout=5)


async def test_assets_follow_cursors_and_stop_at_a_repeated_one(graph, client):
    def assets(name: str, after: str) -> httpx.Response:
        return httpx.Response(
            200,
            json={
                "data": [{"name": name, "asset_type": "FLOW_JSON", "download_url": "https://x/"}],
                "paging": {"cursors": {"after": after}, "next": f"https://graph/?after={after}"},
            },
        )

    route = graph.get("/123/assets").mock(
        side_effect=[assets("a.json", "c1"), assets("b.json", "c2"), assets("c.json", "c2")]
    )
    found = await client.get_flow_assets("123")
    assert [a.name for a in found] == ["a.json", "b.json", "c.json"]
    assert [call.request.url.params.get("after") for call in route.calls] == [None, "c1", "c2"]
