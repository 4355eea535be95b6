"""A token that cannot be sent is refused where it enters, in a sentence quoting none of it;
what httpx says about a request it refused never reaches the user (issue #12, item 4)."""

from __future__ import annotations

import json
import logging
from urllib.parse import quote, quote_plus

import httpx
import pytest

from flowtui.api import FlowsClient, Token
from flowtui.api import errors as e
from flowtui.api.secret import redact_every_token

from .conftest import TOKEN, WABA

HALF = "EAAGfirstHALF0123"
OTHER_HALF = "EAAGsecondHALF4567"


@pytest.mark.parametrize(
    ("inside", "said"),
    [
        ("\n", "a line break at position 18"),
        ("\r\n", "a line break at position 18"),
        ("\r", "a line break at position 18"),
        ("\u2028", "a line break at position 18"),
        ("\x85", "a line break at position 18"),
        ("\t", "a tab at position 18"),
        ("\x00", "a NUL character at position 18"),
        ("\x7f", "a control character (U+007F) at position 18"),
        ("\x1b", "a control character (U+001B) at position 18"),
        ("\x9b", "a control character (U+009B) at position 18"),
        ("\u200b", "an invisible character (U+200B) at position 18"),
        ("\ufeff", "an invisible character (U+FEFF) at position 18"),
    ],
)
def test_a_control_character_inside_the_token_is_refused_without_quoting_it(
    inside: str, said: str
) -> None:
    with pytest.raises(e.InvalidTokenError) as caught:
        Token(f"  {HALF}{inside}{OTHER_HALF}\n")
    message = str(caught.value)
    assert message == f"The access token contains {said}: paste it again on one line."
    assert caught.value.problem == said
    assert HALF not in message and OTHER_HALF not in message
    assert "EAAG" not in repr(caught.value)
    assert isinstance(caught.value, e.FlowsError) and isinstance(caught.value, ValueError)


def test_whitespace_around_the_token_is_still_trimmed() -> None:
    assert Token(f"{TOKEN}\r\n").reveal() == TOKEN
    assert Token(f" \t{TOKEN}\n").reveal() == TOKEN


def test_the_client_refuses_such_a_token_before_any_request(graph) -> None:
    with pytest.raises(e.InvalidTokenError, match="line break at position 18"):
        FlowsClient(f"{HALF}\n{OTHER_HALF}", waba_id=WABA)
    assert not graph.calls


ODD = "EAAG'quote\"d\\back-slash é+/ and=more%"


@pytest.mark.parametrize(
    "printed",
    [
        ODD,
        repr(ODD),
        repr(ODD.encode()),
        str([ODD]),
        json.dumps(ODD),
        json.dumps({"token": ODD}),
        quote(ODD, safe=""),
        quote(ODD),
        quote_plus(ODD),
        ODD.encode("unicode_escape").decode(),
        f"Illegal header value {('Bearer ' + ODD).encode()!r}",
    ],
)
def test_redaction_finds_the_token_as_libraries_print_it(printed: str) -> None:
    token = Token(ODD)
    assert "quote" not in token.redact(printed), token.redact(printed)
    assert "quote" not in redact_every_token(printed)
    assert "***" in token.redact(printed)


REFUSED_HEADER = httpx.LocalProtocolError(f"Illegal header value b'Bearer {TOKEN}\\nEAAGmore'")


async def test_a_request_httpx_refuses_to_write_is_not_a_dropped_connection(graph, client, caplog):
    caplog.set_level(logging.DEBUG)
    route = graph.get(f"/{WABA}/flows").mock(side_effect=REFUSED_HEADER)
    with pytest.raises(e.RequestNotSentError) as caught:
        await client.get_flows_page()
    message = str(caught.value)
    assert message == (
        "Could not list the flows: the request could not be built (the access token or the URL "
        "holds a character HTTP does not allow), so it was not sent."
    )
    assert not isinstance(caught.value, e.ConnectionFailedError)
    assert route.call_count == 1  # the same request fails the same way: never repeated
    for said in (message, caught.value.remedy, caplog.text):
        assert TOKEN not in said and "Illegal header" not in said
    assert "LocalProtocolError" in caplog.text  # the class, for whoever reads the log


async def test_a_refused_request_that_changes_something_is_known_not_to_have_happened(
    graph, client
):
    route = graph.post("/1/publish").mock(side_effect=REFUSED_HEADER)
    with pytest.raises(e.RequestNotSentError, match="Could not publish the flow: the request"):
        await client.publish_flow("1")
    assert route.call_count == 1


@pytest.mark.parametrize(
    "failure",
    [
        OverflowError("getsockaddrarg: port must be 0-65535."),
        ExceptionGroup("unhandled errors in a TaskGroup", [OSError(f"boom {TOKEN}")]),
        UnicodeEncodeError("ascii", TOKEN, 0, 1, "no"),
    ],
)
async def test_an_exception_from_below_httpx_is_a_flows_error_without_its_text(
    graph, client, caplog, failure
):
    caplog.set_level(logging.DEBUG)
    graph.get("/1").mock(side_effect=failure)
    with pytest.raises(e.TransportError) as caught:
        await client.get_flow("1")
    assert (
        str(caught.value) == "Could not read the flow: the request failed on its way to the server."
    )
    assert TOKEN not in caplog.text and "boom" not in caplog.text and "65535" not in caplog.text


async def test_an_asset_download_refused_by_httpx_says_so(graph, client):
    graph.route(method="GET", url="https://cdn.example/f.json").mock(side_effect=REFUSED_HEADER)
    with pytest.raises(e.RequestNotSentError, match="Could not download the asset: the request"):
        await client.download_asset("https://cdn.example/f.json")
