"""--state FILE: state survives a restart; a bad file is a clear error, never a silent reset."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from flowtui.sandbox.persistence import StateFileError, load_state
from tests.sandbox.conftest import PUBLISHED, VERSION, WABA, start_sandbox

HEADERS = {"Authorization": "Bearer t"}


def test_state_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "sandbox.json"
    server, _ = start_sandbox(state_path=state)
    try:
        created = httpx.post(
            f"{server.base_url}/{VERSION}/{WABA}/flows",
            json={"name": "Kept", "categories": ["OTHER"]},
            headers=HEADERS,
        ).json()
        httpx.post(f"{server.base_url}/{VERSION}/{PUBLISHED}/deprecate", headers=HEADERS)
    finally:
        server.stop()
    assert [p.name for p in tmp_path.iterdir()] == ["sandbox.json"]  # no temp files left

    restarted, _ = start_sandbox(state_path=state, data="empty")
    try:
        kept = httpx.get(
            f"{restarted.base_url}/{VERSION}/{created['id']}?fields=name,status", headers=HEADERS
        ).json()
        assert kept == {"name": "Kept", "status": "DRAFT", "id": created["id"]}
        status = httpx.get(f"{restarted.base_url}/{VERSION}/{PUBLISHED}", headers=HEADERS).json()
        assert status["status"] == "DEPRECATED"
        # New ids continue after the saved ones.
        newer = httpx.post(
            f"{restarted.base_url}/{VERSION}/{WABA}/flows",
            json={"name": "Newer", "categories": ["OTHER"]},
            headers=HEADERS,
        ).json()
        assert int(newer["id"]) > int(created["id"])
    finally:
        restarted.stop()


def test_a_new_state_file_is_written_at_start(tmp_path: Path) -> None:
    state = tmp_path / "deep" / "state.json"
    server, _ = start_sandbox(state_path=state, data="empty")
    server.stop()
    document = json.loads(state.read_text())
    assert document["format"] == "flowtui-sandbox-state"
    assert document["flows"] == []


def test_a_corrupt_file_names_the_file_and_the_problem(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"format": "flowtui-sandbox-state", "flows": [')
    with pytest.raises(StateFileError) as caught:
        start_sandbox(state_path=state)
    assert str(state) in str(caught.value)
    assert "not valid JSON (line 1" in str(caught.value)
    assert state.read_text().endswith("[")  # untouched


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[]", '"format" must be "flowtui-sandbox-state"'),
        (
            '{"format": "flowtui-sandbox-state", "format_version": 1, "accounts": {}, "flows": []}',
            '"accounts" must be of type list',
        ),
        (b"\xff\xfe\x00", "is not UTF-8 text"),
    ],
)
def test_wrong_content_is_reported(tmp_path: Path, content: str | bytes, problem: str) -> None:
    state = tmp_path / "state.json"
    if isinstance(content, bytes):
        state.write_bytes(content)
    else:
        state.write_text(content)
    with pytest.raises(StateFileError) as caught:
        load_state(state, lambda: 0.0)
    assert problem in str(caught.value)


def test_an_unreadable_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StateFileError) as caught:
        load_state(tmp_path, lambda: 0.0)  # a directory
    assert "cannot be read" in str(caught.value)


def test_an_unwritable_location_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StateFileError) as caught:
        start_sandbox(state_path=blocker / "state.json")  # a file where a folder should be
    assert "cannot be written" in str(caught.value)
