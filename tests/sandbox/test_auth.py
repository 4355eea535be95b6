"""Authentication: Bearer tokens, the --token check, and the token-free CDN and preview."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from flowtui.sandbox.server import SandboxServer
from tests.sandbox.conftest import PUBLISHED, VERSION, WABA, graph_error, start_sandbox

SECRET = "EAAGtheOnlyGoodToken"


@pytest.fixture(scope="module")
def guarded() -> Iterator[SandboxServer]:
    server, _ = start_sandbox(token=SECRET)
    yield server
    server.stop()


def test_no_token_is_190_with_http_401(guarded: SandboxServer) -> None:
    response = httpx.get(f"{guarded.base_url}/{VERSION}/{WABA}/flows")
    assert response.status_code == 401
    assert graph_error(response) == {
        "message": "An access token is required to request this resource.",
        "type": "OAuthException",
        "code": 190,
        "fbtrace_id": response.headers["x-fb-trace-id"],
    }
    assert response.headers["www-authenticate"].startswith('OAuth "Facebook Platform"')


def test_a_wrong_token_is_190(guarded: SandboxServer) -> None:
    response = httpx.get(
        f"{guarded.base_url}/{VERSION}/{WABA}/flows", headers={"Authorization": "Bearer nope"}
    )
    assert response.status_code == 401
    assert graph_error(response)["message"] == (
        "Invalid OAuth access token - Cannot parse access token"
    )


def test_an_empty_bearer_is_no_token(guarded: SandboxServer) -> None:
    response = httpx.get(
        f"{guarded.base_url}/{VERSION}/{WABA}/flows", headers={"Authorization": "Bearer"}
    )
    assert graph_error(response)["code"] == 190


def test_the_right_token_in_header_or_query(guarded: SandboxServer) -> None:
    by_header = httpx.get(
        f"{guarded.base_url}/{VERSION}/{PUBLISHED}", headers={"Authorization": f"Bearer {SECRET}"}
    )
    by_query = httpx.get(f"{guarded.base_url}/{VERSION}/{PUBLISHED}?access_token={SECRET}")
    assert by_header.status_code == by_query.status_code == 200
    assert by_header.json() == by_query.json()


def test_without_token_option_any_token_works() -> None:
    server, _ = start_sandbox(data="empty")
    try:
        response = httpx.get(
            f"{server.base_url}/{VERSION}/{WABA}", headers={"Authorization": "Bearer whatever"}
        )
        assert response.status_code == 200
        refused = httpx.get(f"{server.base_url}/{VERSION}/{WABA}")
        assert refused.status_code == 401
    finally:
        server.stop()


def test_cdn_and_preview_need_no_token(guarded: SandboxServer) -> None:
    headers = {"Authorization": f"Bearer {SECRET}"}
    flow = httpx.get(
        f"{guarded.base_url}/{VERSION}/{PUBLISHED}?fields=preview", headers=headers
    ).json()
    asset = httpx.get(f"{guarded.base_url}/{VERSION}/{PUBLISHED}/assets", headers=headers).json()
    assert httpx.get(flow["preview"]["preview_url"]).status_code == 200
    assert httpx.get(asset["data"][0]["download_url"]).status_code == 200
