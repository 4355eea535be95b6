"""Fuzzing the validator and ``flowtui validate`` with broken versions of real Flow JSON.

Every document in ``flows/`` is mutated (values replaced, keys added and removed, strings made
hostile: lone surrogates, controls, bidi overrides), serialised in several ways and, as text,
cut and patched; random JSON values and strings go the same way. Neither the validator nor the
command may raise, and the command's exit code is the verdict's: 0 exactly when the validator
finds nothing, 1 when it finds something, 2 when the bytes are not UTF-8 (never 3, the crash
code). Its output survives every string: text lines are printable, ``--json`` is ASCII and
gives back the validator's items. Bounded (a few seconds), as the suite runs it every time.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowtui.flowjson import command, validate_flow_json
from flowtui.text import printable

FLOWS = Path(__file__).parent / "flows"
DOCUMENTS = {path.name: json.loads(path.read_text("utf-8")) for path in FLOWS.glob("*.json")}

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Characters of every category, lone surrogates (Cs) included, which st.text() leaves out.
any_character = st.characters(exclude_categories=())
HOSTILE = [
    "A\ud800B",
    "\udfff",
    "\ud83d",
    "\x1b]52;c;cGF3bmVk\x07",
    "\x1b[2J",
    "line\nbreak",
    "\r",
    "\x00",
    "\x85\x9b",
    "\u202eevil",
    "\u2066x\u2069",
    "\ufeff",
    "${data.\ud800}",
    "`${form.x} \udc00`",
    "é" * 40,
    "x" * 300,
]
strings = st.sampled_from(HOSTILE) | st.text(any_character, max_size=10)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | strings
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(strings, inner, max_size=4),
    max_leaves=12,
)
Node = tuple[str | int, ...]


def node_paths(value: Any, path: Node = ()) -> list[Node]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(node_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(node_paths(item, (*path, index)))
    return found


def at(document: Any, path: Node) -> Any:
    for segment in path:
        document = document[segment]
    return document


def mutate(document: Any, data: st.DataObject) -> Any:
    """One change at a random node: replaced, removed, grown, or its strings made hostile."""
    path = data.draw(st.sampled_from(node_paths(document)))
    how = data.draw(st.sampled_from(["replace", "remove", "add", "copy", "hostile"]))
    if not path:
        return data.draw(values) if how == "replace" else document
    parent, last = at(document, path[:-1]), path[-1]
    if how == "replace":
        parent[last] = data.draw(values)
    elif how == "remove":
        del parent[last]
    elif how == "hostile":
        parent[last] = data.draw(strings)
    node = at(document, path) if how in ("add", "copy") else None
    if how == "add" and isinstance(node, dict):
        node[data.draw(strings)] = data.draw(values)
    elif how == "add" and isinstance(node, list):
        node.insert(data.draw(st.integers(0, len(node))), data.draw(values))
    elif how == "copy" and isinstance(parent, list):
        parent.extend([parent[last]] * data.draw(st.integers(1, 3)))
    return document


def serialise(document: Any, data: st.DataObject) -> str:
    return json.dumps(
        document,
        indent=data.draw(st.sampled_from([None, 2, "\t"])),
        ensure_ascii=data.draw(st.booleans()),
    )


def patched(text: str, data: st.DataObject) -> str:
    """``text`` with a piece cut out and something put in its place (mostly keeps it JSON-ish)."""
    if not text or not data.draw(st.booleans()):
        return text
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start, min(len(text), start + 8)))
    pieces = st.sampled_from(["", ",", "}", "]", '"', "\\ud800", "\\", "\ud800"])
    insert = data.draw(pieces | strings)
    return text[:start] + insert + text[end:]


@st.composite
def flow_texts(draw: st.DrawFn) -> str:
    data = draw(st.data())
    document = json.loads(json.dumps(DOCUMENTS[draw(st.sampled_from(sorted(DOCUMENTS)))]))
    for _ in range(draw(st.integers(1, 3))):
        document = mutate(document, data)
    return patched(serialise(document, data), data)


random_texts = values.map(lambda value: json.dumps(value, ensure_ascii=False)) | strings
texts = flow_texts() | random_texts


def as_file_bytes(text: str, how: str) -> bytes:
    """The bytes a file holding ``text`` could have: UTF-8 (a lone surrogate, which UTF-8
    cannot hold, written as its JSON escape or as the invalid bytes some tools write)."""
    if how == "escape":
        return text.encode("utf-8", "backslashreplace")
    if how == "invalid":
        return text.encode("utf-8", "surrogatepass")
    return ("\ufeff" + text).encode("utf-8", "backslashreplace")


def assert_issue_items(items: list[dict[str, Any]]) -> None:
    assert isinstance(items, list)
    for item in items:
        assert isinstance(item["error"], str) and isinstance(item["message"], str)
        assert item["line_start"] >= 1 and item["column_start"] >= 1
    json.dumps(items, ensure_ascii=True)


@FUZZ
@given(texts, st.booleans())
def test_the_validator_never_raises(text: str, publishing: bool) -> None:
    assert_issue_items(validate_flow_json(text, for_publishing=publishing))
    as_bytes = text.encode("utf-8", "surrogatepass")
    assert_issue_items(validate_flow_json(as_bytes, for_publishing=publishing))


def run_validate(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="flowtui")
    command.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["validate", *argv])
    return args.handler(args)


@FUZZ
@given(text=texts, how=st.sampled_from(["escape", "invalid", "bom"]))
def test_the_command_never_crashes_and_keeps_exit_codes_apart(
    text: str, how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fuzzed.json"
    data = as_file_bytes(text, how)
    path.write_bytes(data)
    try:
        expected: list[dict[str, Any]] | None = validate_flow_json(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        expected = None  # not UTF-8: the file is unreadable, there is no verdict on it

    code = run_validate([str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), err
    if expected is None:
        assert code == 2 and "not UTF-8 text" in err
    else:
        assert code == (1 if expected else 0), err
        assert len(out.splitlines()) == len(expected) + 1  # one line each, and the summary
    assert all(printable(line) == line for line in out.splitlines())
    assert "internal error" not in err

    code = run_validate(["--json", str(path)])
    out, err = capsys.readouterr()
    assert code == (2 if expected is None else 1 if expected else 0), err
    assert out.isascii()
    assert json.loads(out) == ({} if expected is None else {str(path): expected})
