"""Bad input is refused with a specific ValueError before any request is sent.

The ``graph`` router has no routes and asserts every request is mocked, so a request sent by
mistake fails the test with a respx error instead of the expected InputError.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from flowtui.api import FlowsClient
from flowtui.api import errors as e
from flowtui.api.inputs import FLOW_JSON_MAX_BYTES

VALID = {"version": "7.3", "screens": []}


@pytest.fixture(autouse=True)
def _no_request_is_sent(graph):
    yield
    assert graph.calls.call_count == 0


@pytest.mark.parametrize(
    ("kwargs", "error", "says"),
    [
        ({"name": "", "categories": ["OTHER"]}, e.MissingNameError, "name is missing"),
        ({"name": "   ", "categories": ["OTHER"]}, e.MissingNameError, "non-blank"),
        ({"name": "x", "categories": []}, e.MissingCategoriesError, "at least one of SIGN_UP"),
        ({"name": "x", "categories": ["SHOPPING"]}, e.UnknownCategoryError, "'SHOPPING'"),
        (
            {"name": "x", "categories": ["OTHER"], "publish": True},
            e.PublishWithoutFlowJsonError,
            "needs a flow_json",
        ),
        (
            {"name": "x", "categories": ["OTHER"], "endpoint_uri": "ftp://x"},
            e.InvalidOptionError,
            "https://host/path",
        ),
        (
            {"name": "x", "categories": ["OTHER"], "clone_flow_id": "12/../34"},
            e.InvalidIdError,
            "not a Graph id",
        ),
        (
            {"name": "x", "categories": ["OTHER"], "flow_json": VALID, "clone_flow_id": "1"},
            e.InvalidOptionError,
            "not both",
        ),
    ],
)
async def test_create_flow_refuses(client: FlowsClient, kwargs, error, says):
    with pytest.raises(error, match=says) as caught:
        await client.create_flow(**kwargs)
    assert isinstance(caught.value, ValueError)


async def test_unknown_categories_are_all_named(client):
    with pytest.raises(e.UnknownCategoryError) as caught:
        await client.create_flow("x", ["OTHER", "SHOPPING", "GAMES"])
    assert "'SHOPPING', 'GAMES'" in str(caught.value)
    assert "CUSTOMER_SUPPORT" in str(caught.value)


async def test_create_needs_an_account():
    async with FlowsClient("t") as flows:
        with pytest.raises(e.MissingWabaIdError, match="pass waba_id"):
            await flows.create_flow("x", ["OTHER"])


async def test_more_than_100_migration_names(client):
    names = [f"flow {i}" for i in range(101)]
    with pytest.raises(e.TooManyFlowNamesError, match=r"101 flow names .* batches of 100"):
        await client.migrate_flows("2", "1", names)


async def test_migration_refuses_blank_names_and_the_same_account(client):
    with pytest.raises(e.MissingNameError, match="number 2"):
        await client.migrate_flows("2", "1", ["ok", " "])
    with pytest.raises(e.InvalidOptionError, match="same"):
        await client.migrate_flows("1", "1")


async def test_update_metadata_with_nothing_to_change(client):
    with pytest.raises(e.InvalidOptionError, match="Nothing to update"):
        await client.update_flow_metadata("1")
    with pytest.raises(e.MissingCategoriesError):
        await client.update_flow_metadata("1", categories=[])


async def test_ids_that_would_change_the_url(client):
    for bad in ("", "1?fields=x", "1/publish", "a b"):
        with pytest.raises(e.InvalidIdError):
            await client.publish_flow(bad)


async def test_flow_json_file_missing(client, tmp_path: Path):
    with pytest.raises(e.FlowJsonFileNotFoundError, match="does not exist"):
        await client.update_flow_json("1", tmp_path / "nope.json")
    with pytest.raises(e.FlowJsonFileNotFoundError, match="not a file"):
        await client.update_flow_json("1", tmp_path)


async def test_flow_json_file_unreadable(client, tmp_path: Path, monkeypatch):
    path = tmp_path / "flow.json"
    path.write_text("{}")

    real_open = os.open

    def refuse(name, flags, *args):  # tests run as root, for whom chmod refuses nothing
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(e.FlowJsonUnreadableError, match="Permission denied"):
        await client.update_flow_json("1", path)


async def test_what_is_not_a_regular_file_is_refused_without_reading(client, tmp_path: Path):
    """A FIFO blocked the upload forever; /dev/zero read until memory ran out (item 13)."""
    fifo = tmp_path / "flow.json"
    os.mkfifo(fifo)
    with pytest.raises(e.FlowJsonFileNotFoundError, match=r"is not a file but a FIFO"):
        await client.update_flow_json("1", fifo)
    with pytest.raises(e.FlowJsonFileNotFoundError, match=r"not a file but a character device"):
        await client.update_flow_json("1", Path("/dev/zero"))


def test_a_file_is_read_at_most_one_byte_past_the_limit(monkeypatch):
    """/proc files say they hold 0 bytes: the limit is kept on what is read, not on the size."""
    from flowtui.api import inputs

    monkeypatch.setattr(inputs, "FLOW_JSON_MAX_BYTES", 16)
    with pytest.raises(e.FlowJsonTooLargeError, match="is over Meta's 10 MB limit") as caught:
        inputs.load_flow_json(Path("/proc/self/status"))
    assert caught.value.size == 17


async def test_flow_json_not_utf8(client, tmp_path: Path):
    path = tmp_path / "flow.json"
    path.write_bytes('{\n"name": "caf\u00e9"}'.encode("latin-1"))
    with pytest.raises(e.FlowJsonNotUtf8Error, match=r"not UTF-8 .*line 2.*UTF-8 encoding"):
        await client.update_flow_json("1", path)


async def test_flow_json_syntax_error_names_line_and_column(client, tmp_path: Path):
    path = tmp_path / "flow.json"
    path.write_text('{\n  "version": "7.3",\n  "screens": [,]\n}')
    with pytest.raises(e.FlowJsonSyntaxError) as caught:
        await client.update_flow_json("1", path)
    assert (caught.value.line, caught.value.column) == (3, 15)
    assert "line 3, column 15" in str(caught.value)


async def test_a_str_that_is_neither_explains_both_readings(client, dirs):
    with pytest.raises(e.FlowJsonFileNotFoundError) as caught:
        await client.update_flow_json("1", "flow.json")
    message = str(caught.value)
    assert "'flow.json' is neither JSON text nor a file" in message
    assert "read as JSON text, Expecting value at line 1, column 1." in message
    assert f"Read as a path, no such file exists (relative paths start in {dirs.cwd})" in message

    with pytest.raises(e.FlowJsonSyntaxError) as syntax:
        await client.update_flow_json("1", '{"version": "7.3",}')
    assert (syntax.value.line, syntax.value.column) == (1, 19)
    assert "neither JSON text nor a file" in str(syntax.value)

    (dirs.cwd / "folder").mkdir()
    with pytest.raises(e.FlowJsonFileNotFoundError, match="Read as a path, not a file"):
        await client.update_flow_json("1", "folder")
    with pytest.raises(e.FlowJsonFileNotFoundError, match="not a readable file"):
        await client.update_flow_json("1", "x" * 5000)  # a name too long for the system


async def test_flow_json_over_10_mb(client, tmp_path: Path):
    path = tmp_path / "big.json"
    with path.open("wb") as handle:  # sparse: no 10 MB written to disk
        handle.truncate(FLOW_JSON_MAX_BYTES + 1)
    with pytest.raises(e.FlowJsonTooLargeError, match="over Meta's 10 MB limit") as caught:
        await client.update_flow_json("1", path)
    assert caught.value.size == FLOW_JSON_MAX_BYTES + 1
    big_text = json.dumps({"version": "7.3", "pad": "x" * FLOW_JSON_MAX_BYTES})
    with pytest.raises(e.FlowJsonTooLargeError):
        await client.create_flow("x", ["OTHER"], flow_json=big_text)


async def test_metric_inputs(client):
    with pytest.raises(e.InvalidOptionError, match="Unknown metric 'CLICKS'"):
        await client.get_flow_metrics("1", "CLICKS", "DAY")
    with pytest.raises(e.InvalidOptionError, match="Unknown granularity 'WEEK'"):
        await client.get_flow_metrics("1", "ENDPOINT_REQUEST_COUNT", "WEEK")
    with pytest.raises(e.InvalidOptionError, match="YYYY-MM-DD"):
        await client.get_flow_metrics("1", "ENDPOINT_REQUEST_COUNT", "DAY", since="28/01/2024")
    with pytest.raises(e.InvalidOptionError, match="after until"):
        await client.get_flow_metrics(
            "1", "ENDPOINT_REQUEST_COUNT", "DAY", since="2024-02-01", until="2024-01-01"
        )


async def test_bad_base_url_and_empty_token():
    with pytest.raises(e.InvalidOptionError, match="not an http"):
        FlowsClient("t", base_url="graph.facebook.com")
    with pytest.raises(ValueError, match="token is empty"):
        FlowsClient("  ")


def test_paths_can_be_any_pathlike(tmp_path: Path):
    from flowtui.api.inputs import load_flow_json

    path = tmp_path / "f.json"
    path.write_text('{"version": "7.3"}')

    class Custom(os.PathLike):
        def __fspath__(self) -> str:
            return str(path)

    assert load_flow_json(Custom()) == b'{"version": "7.3"}'


async def test_a_name_holding_a_lone_surrogate_is_refused_before_sending(client):
    with pytest.raises(e.UnsendableTextError, match="character 5, as a garbled answer"):
        await client.create_flow("Pizz\ud800a", ["OTHER"])
    with pytest.raises(e.UnsendableTextError, match="flow name number 2 in source_flow_names"):
        await client.migrate_flows("2", "3", ["Fine", "Bad \udfff"])
