"""Cursor paging: every flow across pages, and one page at a time for lazy screens."""

from __future__ import annotations

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
