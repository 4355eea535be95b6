"""The working file of an edit: where it lives, that it survives, and that it goes away."""

from __future__ import annotations

import pytest

from flowtui.api import InputError
from flowtui.editing import WorkingFiles, default_root


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
