"""Cursor paging on /{waba-id}/flows: limit, after, before, next and previous."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from flowtui.sandbox.server import SandboxServer
from tests.sandbox.conftest import TOKEN, VERSION, WABA, Sandbox, graph_error, start_sandbox


@pytest.fixture(scope="module")
def big_sandbox() -> Iterator[SandboxServer]:
    server, _ = start_sandbox(extra_flows=60)
    yield server
    server.stop()


def _ids(body: dict[str, Any]) -> list[str]:
    return [item["id"] for item in body["data"]]


def test_following_next_visits_every_flow_once(big_sandbox: SandboxServer) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    url: str | None = f"{big_sandbox.base_url}/{VERSION}/{WABA}/flows?limit=10"
    seen: list[str] = []
    pages = 0
    while url is not None:
        body = httpx.get(url, headers=headers).json()
        seen.extend(_ids(body))
        pages += 1
        url = body.get("paging", {}).get("next")
    expected = big_sandbox.store.flow_ids_newest_first(WABA)
    assert seen == expected
    assert len(seen) == 75
    assert pages == 8


def test_first_page_has_next_but_no_previous(shared_sandbox: Sandbox) -> None:
    body = shared_sandbox.client.get(f"/{VERSION}/{WABA}/flows", params={"limit": 4}).json()
    assert len(body["data"]) == 4
    assert body["data"][0]["name"] == "Untitled sign-up"  # newest first
    paging = body["paging"]
    assert "previous" not in paging
    assert paging["next"].startswith(f"{shared_sandbox.graph}/{WABA}/flows?")
    assert f"after={paging['cursors']['after']}" in paging["next"]


def test_after_and_before_move_between_pages(shared_sandbox: Sandbox) -> None:
    client = shared_sandbox.client
    first = client.get(f"/{VERSION}/{WABA}/flows", params={"limit": 5}).json()
    second = client.get(
        f"/{VERSION}/{WABA}/flows",
        params={"limit": 5, "after": first["paging"]["cursors"]["after"]},
    ).json()
    assert set(_ids(first)).isdisjoint(_ids(second))
    assert "previous" in second["paging"]
    back = client.get(
        f"/{VERSION}/{WABA}/flows",
        params={"limit": 5, "before": second["paging"]["cursors"]["before"]},
    ).json()
    assert _ids(back) == _ids(first)


def test_last_page_has_no_next(shared_sandbox: Sandbox) -> None:
    body = shared_sandbox.client.get(f"/{VERSION}/{WABA}/flows", params={"limit": 100}).json()
    assert len(body["data"]) == 15
    assert "next" not in body["paging"]


def test_fields_apply_to_every_item(shared_sandbox: Sandbox) -> None:
    body = shared_sandbox.client.get(
        f"/{VERSION}/{WABA}/flows", params={"limit": 3, "fields": "name,json_version"}
    ).json()
    assert [set(item) for item in body["data"]] == [
        {"name", "id"},
        {"name", "json_version", "id"},
        {"name", "id"},
    ]
    assert "fields=name%2Cjson_version" in body["paging"]["next"]


def test_empty_account_answers_empty_data() -> None:
    server, _ = start_sandbox(data="empty")
    try:
        response = httpx.get(
            f"{server.base_url}/{VERSION}/{WABA}/flows", headers={"Authorization": "Bearer x"}
        )
        assert response.content == b'{"data":[]}'
    finally:
        server.stop()


@pytest.mark.parametrize(
    "params", [{"after": "not-a-cursor"}, {"before": "Zm9v"}, {"limit": "0"}, {"limit": "ten"}]
)
def test_bad_paging_parameters_are_error_100(
    shared_sandbox: Sandbox, params: dict[str, str]
) -> None:
    response = shared_sandbox.client.get(f"/{VERSION}/{WABA}/flows", params=params)
    assert response.status_code == 400
    assert graph_error(response)["code"] == 100
