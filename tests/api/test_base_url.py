"""One rule for the Graph base URL: http(s) with a host, nothing a typo could make of it, and
plain http:// only to this machine unless allowed (issue #12, items 5, 6 and 12)."""

from __future__ import annotations

import httpx
import pytest
import respx

from flowtui.api import FlowsClient
from flowtui.api import errors as e
from flowtui.api.inputs import check_api_version, check_base_url, check_url, is_loopback_host

from .conftest import TOKEN, WABA


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.8.9.10", "localhost", "LOCALHOST", "localhost.", "::1", "[::1]",
     "::ffff:127.0.0.1"],
)  # fmt: skip
def test_loopback_hosts(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host",
    ["10.0.0.5", "192.168.1.2", "0.0.0.0", "graph.facebook.com", "localhost.example.com",
     "127.0.0.1.nip.io", "::2", "::ffff:10.0.0.1", "0x7f.1", ""],
)  # fmt: skip
def test_hosts_that_are_not_this_machine(host: str) -> None:
    assert not is_loopback_host(host)


def test_plain_http_to_another_machine_is_refused_and_says_why() -> None:
    with pytest.raises(e.InsecureBaseUrlError) as caught:
        check_base_url("http://sandbox.lan:8765/")
    assert str(caught.value) == (
        "The base URL 'http://sandbox.lan:8765/' is plain http:// to sandbox.lan, which is not "
        "this machine: the access token would travel in clear text. Use https://, or pass "
        "--allow-insecure-http if you trust every network in between."
    )
    allowed = check_base_url("http://sandbox.lan:8765/", allow_insecure_http=True)
    assert allowed == "http://sandbox.lan:8765"


@pytest.mark.parametrize(
    "url",
    [
        "https://graph.facebook.com",
        "http://127.0.0.1:8765",
        "http://localhost:9/",
        "http://[::1]:80",
    ],
)
def test_https_and_loopback_need_no_permission(url: str) -> None:
    assert check_base_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://x", "it starts with ftp://"),
        ("graph.facebook.com", "it starts with no scheme"),
        ("http://", "it names no host"),
        ("http://[::1", "its host cannot be read: an IPv6 address goes in square brackets, closed"),
        ("http://127.0.0.1:99999", "its port is not a number from 1 to 65535"),
        ("http://127.0.0.1:-1", "its port is not a number from 1 to 65535"),
        ("http://127.0.0.1:0", "port 0 is not a port to connect to"),
        ("https://u:p@graph.facebook.com", "no query, fragment or credentials"),
        ("https://graph.facebook.com/?x=1", "no query, fragment or credentials"),
        ("https://graph.face book.com", "it holds a space or an invisible character"),
        ("https://graph.facebook.com\u200b", "it holds a space or an invisible character"),
    ],
)
def test_urls_that_cannot_work_are_one_sentence(url: str, reason: str) -> None:
    with pytest.raises(e.InvalidBaseUrlError) as caught:
        check_base_url(url)
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"The base URL {url!r} is not an http(s) URL")


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:99999", "http://127.0.0.1:x"])
def test_other_urls_cannot_escape_as_value_errors(url: str) -> None:
    with pytest.raises(e.InvalidOptionError, match="is not an http"):
        check_url(url, "endpoint URI")


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:99999", "http://[::1", "http://", "ftp://x", "http://10.0.0.5",
     "https://exa mple.com", "https://exa\x01mple.com", "https://exämple..com"],
)  # fmt: skip
def test_the_client_checks_its_base_url_before_any_request(url: str) -> None:
    with respx.mock(assert_all_mocked=True) as router:
        with pytest.raises(e.InvalidOptionError):
            FlowsClient(TOKEN, waba_id=WABA, base_url=url)
        assert not router.calls


async def test_the_client_sends_over_plain_http_to_another_machine_only_when_allowed() -> None:
    with respx.mock(assert_all_mocked=True) as router:
        route = router.get(f"http://10.0.0.5:8765/v26.0/{WABA}/flows").respond(json={"data": []})
        async with FlowsClient(
            TOKEN, waba_id=WABA, base_url="http://10.0.0.5:8765", allow_insecure_http=True
        ) as client:
            await client.get_flows_page()
        assert route.calls.last.request.headers["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("version", ["../../x", "v26", "26.0", "v26.0/../x", "v٢٦.٠", "", None])
def test_the_api_version_is_checked_where_it_enters_the_path(version: object) -> None:
    with pytest.raises(e.InvalidOptionError, match="not a Graph API version"):
        check_api_version(version)
    with pytest.raises(e.InvalidOptionError, match="not a Graph API version"):
        FlowsClient(TOKEN, api_version=version)  # type: ignore[arg-type]


async def test_a_download_url_httpx_cannot_parse_is_an_input_error(client) -> None:
    with pytest.raises(e.InvalidOptionError, match="download URL"):
        await client.download_asset("https://[::1/x")


def test_httpx_itself_accepts_what_the_rule_lets_through() -> None:
    for url in ("https://graph.facebook.com", "http://[::1]:8080", "http://localhost:1"):
        httpx.URL(f"{check_base_url(url)}/v26.0")
