"""--state FILE: state survives a restart; a bad file is a clear error, never a silent reset."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import httpx
import pytest

from flowtui.sandbox.persistence import StateFileError, load_state
from tests.sandbox.conftest import (
    DRAFT_NO_JSON,
    DRAFT_PUBLISHABLE,
    OTHER_WABA,
    PUBLISHED,
    VERSION,
    WABA,
    graph_error,
    start_sandbox,
)

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
        ("[" * 100_000, "is not valid JSON"),
        (
            '{"format": "flowtui-sandbox-state", "format_version": 1, "next_flow_id": 1, '
            '"accounts": [{"id": "1", "name": "A", "phone_number_id": "2", "timezone_id": "3", '
            '"business_type": "ent", "message_template_namespace": ""}], "flows": [{"id": "abc", '
            '"waba_id": "1", "name": "F", "categories": [], "status": "DRAFT", "created_at": 0, '
            '"updated_at": 0, "validation_errors": [], "edit_rule": "immutable", '
            '"asset_revision": 0, "endpoint_request_count": 0}]}',
            "is not a sandbox state file (invalid literal for int()",
        ),
    ],
    ids=["not-an-object", "accounts-not-a-list", "not-utf8", "too-deep", "flow-id-not-a-number"],
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


# --- a change counts once saved (issue #12 item 8) -----------------------------------------------


def _create(base_url: str, body: bytes | dict[str, object]) -> httpx.Response:
    url = f"{base_url}/{VERSION}/{WABA}/flows"
    if isinstance(body, bytes):
        return httpx.post(
            url, content=body, headers={**HEADERS, "content-type": "application/json"}
        )
    return httpx.post(url, json=body, headers=HEADERS)


def _flow(base_url: str, flow_id: str) -> dict[str, object]:
    fields = "name,status,json_version"
    return httpx.get(f"{base_url}/{VERSION}/{flow_id}?fields={fields}", headers=HEADERS).json()


def test_a_lone_surrogate_is_saved_and_survives_a_restart(tmp_path: Path) -> None:
    """``"A\\ud800B"`` is valid JSON that UTF-8 cannot hold: the save failed (a bare 500), the
    change stayed in memory and a restart lost it."""
    state = tmp_path / "state.json"
    server, _ = start_sandbox(state_path=state)
    try:
        created = _create(server.base_url, b'{"name": "A\\ud800B", "categories": ["OTHER"]}')
        assert created.status_code == 200, created.text
    finally:
        server.stop()
    assert b"A\\ud800B" in state.read_bytes()  # its JSON escape: the file is UTF-8
    restarted, _ = start_sandbox(state_path=state)
    try:
        assert _flow(restarted.base_url, created.json()["id"])["name"] == "A\ud800B"
    finally:
        restarted.stop()


def test_a_change_that_cannot_be_saved_is_undone_and_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "state"
    state = folder / "state.json"
    server, _ = start_sandbox(state_path=state)
    base = server.base_url
    try:
        before = [_flow(base, flow_id) for flow_id in (PUBLISHED, DRAFT_NO_JSON)]
        saved = state.read_bytes()
        # The save's folder becomes a file: every save now fails, as on a full disk.
        folder.rename(tmp_path / "aside")
        folder.write_text("")
        upload = {"name": "flow.json", "asset_type": "FLOW_JSON"}
        attempts = [
            _create(base, {"name": "Lost", "categories": ["OTHER"]}),
            httpx.post(f"{base}/{VERSION}/{PUBLISHED}/deprecate", headers=HEADERS),
            httpx.post(f"{base}/{VERSION}/{DRAFT_NO_JSON}", json={"name": "X"}, headers=HEADERS),
            httpx.post(
                f"{base}/{VERSION}/{DRAFT_NO_JSON}/assets",
                files={"file": ("flow.json", '{"version": "7.3", "screens": []}')},
                data=upload,
                headers=HEADERS,
            ),
            httpx.delete(f"{base}/{VERSION}/{DRAFT_PUBLISHABLE}", headers=HEADERS),
            httpx.post(
                f"{base}/{VERSION}/{OTHER_WABA}/migrate_flows",
                json={"source_waba_id": WABA},
                headers=HEADERS,
            ),
        ]
        for response in attempts:
            assert response.status_code == 503, response.text
            error = graph_error(response)
            assert (error["code"], error["is_transient"]) == (2, True)
            assert error["error_user_title"] == "Change not saved"
        # Nothing of it is served...
        assert [_flow(base, flow_id) for flow_id in (PUBLISHED, DRAFT_NO_JSON)] == before
        assert _flow(base, DRAFT_PUBLISHABLE)["status"] == "DRAFT"
        listed = httpx.get(f"{base}/{VERSION}/{WABA}/flows?fields=name", headers=HEADERS).json()
        assert "Lost" not in [flow["name"] for flow in listed["data"]]
        other = httpx.get(f"{base}/{VERSION}/{OTHER_WABA}/flows", headers=HEADERS).json()
        assert len(other["data"]) == 4
        # ... and the sandbox works on once it can save again; ids lost to nothing.
        folder.unlink()
        (tmp_path / "aside").rename(folder)
        assert state.read_bytes() == saved
        kept = _create(base, {"name": "Kept", "categories": ["OTHER"]})
        assert kept.status_code == 200
    finally:
        server.stop()
    assert any("could not be saved, so it was undone" in r.message for r in caplog.records)
    restarted, _ = start_sandbox(state_path=state)
    try:
        assert _flow(restarted.base_url, PUBLISHED)["status"] == "PUBLISHED"
        assert _flow(restarted.base_url, kept.json()["id"])["name"] == "Kept"
        assert int(kept.json()["id"]) == 1000000000000205  # the refused create used up no id
    finally:
        restarted.stop()
    assert sorted(p.name for p in folder.iterdir()) == ["state.json"]  # no temporary file left


def test_stale_temporary_files_are_removed_at_start_and_only_ours(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    state = tmp_path / "state.json"
    ours = [
        tmp_path / ".state.json.0123456789abcdef.tmp",
        tmp_path / ".state.json.fedcba9876543210.tmp",
    ]
    others = [
        tmp_path / ".state.json.tmp",
        tmp_path / ".state.json.0123456789abcdef.tmp.keep",
        tmp_path / ".other.json.0123456789abcdef.tmp",
        tmp_path / "state.json.0123456789abcdef.tmp",
        tmp_path / ".state.json.0123456789ABCDEF.tmp",
    ]
    for path in [*ours, *others]:
        path.write_text("half a state")
    with caplog.at_level(logging.WARNING, logger="flowtui.sandbox"):
        server, _ = start_sandbox(state_path=state)
        server.stop()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [state.name, *(p.name for p in others)]
    )
    assert sum("left by a sandbox stopped while saving" in r.message for r in caplog.records) == 2


def test_a_folder_as_state_is_refused_unread(tmp_path: Path) -> None:
    # A FIFO and /dev/full are tried on a process of their own (test_command.py): if the check
    # ever broke, /dev/full would be read here until this process ran out of memory.
    with pytest.raises(StateFileError) as caught:
        start_sandbox(state_path=tmp_path)
    assert "cannot be read: it is a directory, not a regular file" in str(caught.value)


def test_a_state_file_over_the_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flowtui.sandbox import persistence

    state = tmp_path / "state.json"
    with state.open("wb") as handle:
        handle.truncate(4096)
    monkeypatch.setattr(persistence, "MAX_STATE_FILE_BYTES", 1024)
    with pytest.raises(StateFileError) as caught:
        load_state(state, lambda: 0.0)
    assert "is 4,096 bytes, over the 1,024 a state file may hold" in str(caught.value)
    assert os.path.getsize(state) == 4096


def test_no_state_is_saved_that_could_not_be_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flowtui.sandbox import persistence

    state = tmp_path / "state.json"
    server, _ = start_sandbox(state_path=state)
    try:
        saved = state.read_bytes()
        monkeypatch.setattr(persistence, "MAX_STATE_FILE_BYTES", len(saved) + 1000)
        refused = _create(server.base_url, {"name": "N" * 2000, "categories": ["OTHER"]})
        assert refused.status_code == 503
        assert graph_error(refused)["code"] == 2
        assert _create(server.base_url, {"name": "N", "categories": ["OTHER"]}).status_code == 200
    finally:
        server.stop()
    assert len(state.read_bytes()) <= len(saved) + 1000
