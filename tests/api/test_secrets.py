"""The token travels only in the Authorization header and shows up nowhere else."""

from __future__ import annotations

import logging
import pickle
import traceback

import httpx
import pytest

from flowtui.api import FlowsClient, Token
from flowtui.api import errors as e

from .conftest import TOKEN, WABA, graph_error


def everything_said_about(exc: BaseException) -> str:
    """Every string a user, a log or a crash report could see, locals of every frame included."""
    parts = [str(exc), repr(exc), *map(str, exc.args), str(getattr(exc, "remedy", ""))]
    detail = getattr(exc, "detail", None)
    if detail is not None:
        parts += [repr(detail), str(dict(detail.raw))]
    parts += traceback.TracebackException.from_exception(exc, capture_locals=True).format()
    return "\n".join(parts)


FAILURES = [
    httpx.Response(401, json=graph_error(190, "Invalid OAuth access token")),
    httpx.Response(400, json=graph_error(100, f"Invalid parameter: token {TOKEN} is wrong")),
    httpx.Response(500, json=graph_error(2, "down", is_transient=True)),
    httpx.Response(429, json=graph_error(4, "limit"), headers={"Retry-After": "1"}),
    httpx.Response(200, text=f"<html>{TOKEN}</html>"),
    httpx.Response(502, text=f"bad gateway {TOKEN}"),
    httpx.ConnectError("refused"),
    httpx.ReadTimeout("slow"),
    httpx.RemoteProtocolError("dropped"),
]


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("operation", ["get", "publish"])
async def test_no_error_reveals_the_token(graph, client, failure, operation, caplog):
    caplog.set_level(logging.DEBUG)
    graph.get("/1").mock(side_effect=[failure] * 4)
    graph.post("/1/publish").mock(side_effect=[failure] * 4)
    with pytest.raises(e.FlowsError) as caught:
        if operation == "get":
            await client.get_flow("1")
        else:
            await client.publish_flow("1")
    said = everything_said_about(caught.value)
    assert TOKEN not in said
    assert TOKEN not in caplog.text


async def test_a_token_echoed_by_the_server_is_redacted(graph, client):
    graph.get("/1").respond(400, json=graph_error(100, f"bad token {TOKEN}"))
    with pytest.raises(e.InvalidParameterError, match=r"bad token \*\*\*"):
        await client.get_flow("1")


async def test_the_token_is_sent_only_as_a_bearer_header(graph, client, tmp_path):
    routes = [
        graph.get("/1").respond(200, json={"id": "1"}),
        graph.post(f"/{WABA}/flows").respond(200, json={"id": "2"}),
        graph.post("/1/assets").respond(200, json={"success": True}),
    ]
    await client.get_flow("1")
    await client.create_flow("x", ["OTHER"], flow_json={"version": "7.3"})
    await client.update_flow_json("1", {"version": "7.3"})
    for route in routes:
        request = route.calls.last.request
        assert request.headers["authorization"] == f"Bearer {TOKEN}"
        assert TOKEN not in str(request.url)
        assert TOKEN.encode() not in request.content
        assert f"Bearer {TOKEN}" not in repr(request.headers)


async def test_reprs_and_strs_are_redacted():
    token = Token(TOKEN)
    async with FlowsClient(token, waba_id=WABA) as flows:
        texts = [repr(flows), str(flows), repr(flows._transport), repr(flows._transport._http.auth)]
        texts += [repr(token), str(token), f"{token}", f"{token!r}", "%s" % token]  # noqa: UP031
    assert all(TOKEN not in text for text in texts)
    with pytest.raises(TypeError):
        vars(token)
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(token)
    with pytest.raises(AttributeError):
        token._reveal = lambda: "x"


async def test_another_host_never_gets_the_token(graph, client):
    evil = graph.route(method="GET", url="https://evil.example/steal").respond(200, content=b"x")
    await client.download_asset("https://evil.example/steal")
    assert "authorization" not in evil.calls.last.request.headers


def test_every_live_token_is_redacted_from_log_text_even_after_an_equal_one_dies() -> None:
    import gc

    from flowtui.api.secret import redact_every_token

    first = Token("EAAGlogLeakTOKEN0123456789")
    kept = Token(first)  # equal, held by a client
    del first
    gc.collect()
    assert redact_every_token("sent EAAGlogLeakTOKEN0123456789 to x") == "sent *** to x"
    del kept
    gc.collect()
    assert "EAAGlogLeakTOKEN" in redact_every_token("EAAGlogLeakTOKEN0123456789")  # none left


def test_the_log_file_never_holds_a_token_even_in_a_traceback(tmp_path) -> None:
    import logging

    from flowtui import applog

    token = Token("EAAGfileLeakTOKEN0123456789")
    path = applog.configure(tmp_path)
    assert path is not None
    logger = logging.getLogger("flowtui.test")
    try:
        raise RuntimeError(f"refused {token.reveal()}")
    except RuntimeError:
        logger.exception("sending with %s", token.reveal())
    finally:
        for handler in [h for h in logging.getLogger("flowtui").handlers]:
            if isinstance(handler, applog.LogFile):
                logging.getLogger("flowtui").removeHandler(handler)
                handler.close()
    text = path.read_text()
    assert "sending with ***" in text and "RuntimeError: refused ***" in text
    assert token.reveal() not in text


def test_the_log_file_shows_control_characters_instead_of_obeying_them(tmp_path) -> None:
    import logging

    from flowtui import applog

    path = applog.configure(tmp_path)
    assert path is not None
    try:
        logging.getLogger("flowtui.test").warning("Created “Promo\x1b]0;pwned\x07”")
    finally:
        for handler in list(logging.getLogger("flowtui").handlers):
            if isinstance(handler, applog.LogFile):
                logging.getLogger("flowtui").removeHandler(handler)
                handler.close()
    text = path.read_text()
    assert "Created “Promo␛]0;pwned␇”" in text and "\x1b" not in text
