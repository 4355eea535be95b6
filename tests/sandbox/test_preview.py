"""Preview links: reused while valid, replaced on invalidate(true) or expiry, served as HTML."""

from __future__ import annotations

import httpx

from flowtui.sandbox.store import PREVIEW_LIFETIME_SECONDS
from tests.sandbox.conftest import DRAFT_NO_JSON, PUBLISHED, VERSION, Sandbox


def _preview(sandbox: Sandbox, modifier: str = "", **params: str) -> dict[str, str]:
    response = sandbox.client.get(
        f"/{VERSION}/{PUBLISHED}", params={"fields": f"preview{modifier}", **params}
    )
    body = response.json()
    assert list(body) == ["preview", "id"]
    return body["preview"]


def test_the_link_is_reused_until_invalidated(sandbox: Sandbox) -> None:
    first = _preview(sandbox, ".invalidate(false)")
    assert _preview(sandbox) == first
    assert first["expires_at"] == "2026-12-01T09:00:00+0000"  # 30 days on the sandbox clock
    renewed = _preview(sandbox, ".invalidate(true)")
    assert renewed["preview_url"] != first["preview_url"]
    assert httpx.get(first["preview_url"]).status_code == 404
    assert httpx.get(renewed["preview_url"]).status_code == 200


def test_an_expired_link_is_replaced(sandbox: Sandbox) -> None:
    first = _preview(sandbox)
    sandbox.clock.now += PREVIEW_LIFETIME_SECONDS + 1
    assert httpx.get(first["preview_url"]).status_code == 404
    second = _preview(sandbox)
    assert second["preview_url"] != first["preview_url"]


def test_expires_at_in_unix_seconds(sandbox: Sandbox) -> None:
    preview = _preview(sandbox, date_format="U")
    assert preview["expires_at"] == int(sandbox.clock.now) + PREVIEW_LIFETIME_SECONDS


def test_the_page_renders_screens_and_components(sandbox: Sandbox) -> None:
    url = _preview(sandbox)["preview_url"]
    assert url.startswith(f"{sandbox.base_url}/preview/")
    page = httpx.get(url)
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "<title>Talk to an agent - Flow preview</title>" in html
    # agent_connect.json: one screen with inputs, a checkbox group and a footer.
    assert 'class="screen"' in html
    assert "<textarea>" in html
    assert 'type="checkbox"' in html
    assert 'class="footer"' in html


def test_a_flow_without_json_still_gets_a_page(sandbox: Sandbox) -> None:
    body = sandbox.client.get(
        f"/{VERSION}/{DRAFT_NO_JSON}", params={"fields": "preview.invalidate(false)"}
    ).json()
    page = httpx.get(body["preview"]["preview_url"])
    assert page.status_code == 200
    assert "no readable Flow JSON" in page.text


def test_a_made_up_token_is_refused(sandbox: Sandbox) -> None:
    url = _preview(sandbox)["preview_url"]
    forged = url.split("token=")[0] + "token=0123456789abcdef"
    assert httpx.get(forged).status_code == 404
