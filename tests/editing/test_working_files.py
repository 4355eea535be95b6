"""The working file of an edit: where it lives, that it survives, and that it goes away."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from flowtui.api import InputError
from flowtui.editing import EditOrigin, WorkingFiles, base_digest, default_root
from flowtui.editing.working_files import origin_path_of


def test_the_default_root_is_under_the_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_root() == tmp_path / "flowtui" / "edits"
    assert WorkingFiles().path("100", "7") == tmp_path / "flowtui" / "edits" / "100" / "7.json"


def test_save_then_resume_then_discard(tmp_path):
    files = WorkingFiles(tmp_path)
    assert files.existing("100", "7") is None
    path = files.save("100", "7", b'{"version": "7.3"}')
    assert files.existing("100", "7") == path
    assert path.read_bytes() == b'{"version": "7.3"}'
    files.save("100", "7", b"{}")  # replaced whole, no temporary left beside it
    assert path.read_bytes() == b"{}" and [p.name for p in path.parent.iterdir()] == ["7.json"]
    files.discard("100", "7")
    assert files.existing("100", "7") is None
    files.discard("100", "7")  # discarding twice is fine


def test_flows_of_other_accounts_do_not_collide(tmp_path):
    files = WorkingFiles(tmp_path)
    files.save("100", "7", b"a")
    files.save("200", "7", b"b")
    assert files.path("100", "7").read_bytes() == b"a"
    assert files.path("200", "7").read_bytes() == b"b"


@pytest.mark.parametrize("flow_id", ["../7", "7/../../x", ""])
def test_ids_cannot_steer_the_path(tmp_path, flow_id):
    with pytest.raises(InputError):
        WorkingFiles(tmp_path).path("100", flow_id)


# --- what a kept edit was made on ------------------------------------------------------------

LIVE = b'{"version": "7.3", "screens": []}'
THEN = datetime(2026, 10, 30, 11, 0, tzinfo=UTC)


def origin(name: str = "Order feedback", base: bytes = LIVE, flow_id: str = "7") -> EditOrigin:
    return EditOrigin.of("100", flow_id, name, base, now=THEN)


def test_the_origin_is_kept_beside_the_draft_and_read_back(tmp_path):
    files = WorkingFiles(tmp_path)
    path = files.save("100", "7", LIVE, origin())
    assert sorted(p.name for p in path.parent.iterdir()) == ["7.json", "7.origin.json"]
    kept = files.kept("100", "7")
    assert kept is not None and kept.path == path
    assert kept.origin == origin()
    assert kept.origin.base_sha256 == hashlib.sha256(LIVE).hexdigest() == base_digest(LIVE)
    assert kept.saved_at is not None and kept.saved_at.tzinfo is not None
    assert kept.matches(origin()) and kept.differences(origin()) == []


def test_a_kept_edit_matches_only_the_same_flow_name_and_live_json(tmp_path):
    files = WorkingFiles(tmp_path)
    files.save("100", "7", b"{}", origin())
    kept = files.kept("100", "7")
    assert kept is not None
    renamed, changed = origin(name="Newsletter"), origin(base=b'{"version": "7.2"}')
    assert not kept.matches(renamed) and not kept.matches(changed)
    assert kept.differences(renamed) == [
        "It was made on a flow named “Order feedback”; this one is named “Newsletter”."
    ]
    (change,) = kept.differences(changed)
    assert change.startswith("The live Flow JSON changed since the edit started (sha256 ")
    assert kept.origin is not None and kept.origin.short_hash in change
    assert kept.matches(EditOrigin.of("100", "7", "Order feedback", LIVE))  # any start time


def test_an_old_style_draft_is_of_unknown_origin_and_never_matches(tmp_path):
    files = WorkingFiles(tmp_path)
    path = files.save("100", "7", b"{}")  # as an older flowtui left it: no origin beside it
    kept = files.kept("100", "7")
    assert kept is not None and kept.path == path and kept.origin is None
    assert not kept.matches(origin())
    assert "older flowtui" in kept.differences(origin())[0]
    assert path.read_bytes() == b"{}"  # looking never drops it


@pytest.mark.parametrize(
    "sidecar",
    [b"", b"not json", b"[]", b'{"format": 1}', b'{"format": 2, "waba_id": "100"}'],
)
def test_an_unreadable_origin_is_unknown_not_an_error(tmp_path, sidecar):
    files = WorkingFiles(tmp_path)
    files.save("100", "7", b"{}", origin())
    files.origin_path("100", "7").write_bytes(sidecar)
    kept = files.kept("100", "7")
    assert kept is not None and kept.origin is None


def test_resuming_onto_a_newer_live_relabels_the_edit(tmp_path):
    files = WorkingFiles(tmp_path)
    files.save("100", "7", b"{}", origin())
    now = EditOrigin.of("100", "7", "Renamed", b"{ }")
    files.label("100", "7", origin().rebased(now))
    kept = files.kept("100", "7")
    assert kept is not None and kept.matches(now)
    assert kept.origin is not None and kept.origin.started_at == THEN  # still started then


def test_set_aside_keeps_the_draft_and_its_origin_out_of_the_way(tmp_path):
    files = WorkingFiles(tmp_path)
    files.save("100", "7", b"old", origin())
    first = files.set_aside("100", "7")
    assert files.kept("100", "7") is None
    assert first.parent == tmp_path / "100" / "set-aside" and first.read_bytes() == b"old"
    assert EditOrigin.from_json(origin_path_of(first).read_bytes()) == origin()
    files.save("100", "7", b"older")  # of unknown origin, set aside in the same second
    second = files.set_aside("100", "7")
    assert second != first and second.read_bytes() == b"older"
    assert not origin_path_of(second).exists()


def test_discard_takes_the_origin_too(tmp_path):
    files = WorkingFiles(tmp_path)
    path = files.save("100", "7", b"{}", origin())
    files.discard("100", "7")
    assert list(path.parent.iterdir()) == []
    path = files.save("100", "7", b"{}", origin())
    files.save("100", "7", b"{}")  # a draft saved without an origin drops the stale one
    assert [p.name for p in path.parent.iterdir()] == ["7.json"]
