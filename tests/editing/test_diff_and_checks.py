"""Diff lines tagged for colouring, local checks with positions, and saving without clobbering."""

from __future__ import annotations

import json

import pytest

from flowtui.api import InputError
from flowtui.editing import (
    DiffKind,
    check_flow_json_file,
    check_flow_json_text,
    count_changes,
    suggested_file_name,
    unified_diff_lines,
    write_new_file,
)

OLD = '{\n  "version": "7.2",\n  "screens": []\n}\n'
NEW = '{\n  "version": "7.3",\n  "screens": []\n}\n'


def test_a_diff_tags_every_line():
    lines = unified_diff_lines(OLD, NEW, old_label="live", new_label="mine")
    assert [(line.kind, line.text) for line in lines] == [
        (DiffKind.FILE, "--- live"),
        (DiffKind.FILE, "+++ mine"),
        (DiffKind.HUNK, "@@ -1,4 +1,4 @@"),
        (DiffKind.CONTEXT, " {"),
        (DiffKind.REMOVED, '-  "version": "7.2",'),
        (DiffKind.ADDED, '+  "version": "7.3",'),
        (DiffKind.CONTEXT, '   "screens": []'),
        (DiffKind.CONTEXT, " }"),
    ]
    assert count_changes(lines) == (1, 1)


def test_equal_texts_have_no_diff_and_a_removed_dash_line_is_no_header():
    assert unified_diff_lines(OLD, OLD, old_label="a", new_label="b") == []
    lines = unified_diff_lines("-- x\n", "y\n", old_label="a", new_label="b")
    assert [line.kind for line in lines[3:]] == [DiffKind.REMOVED, DiffKind.ADDED]


def test_local_checks_report_validator_errors_with_positions(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": "7.3", "screens": [{"id": "x!"}]}, indent=2))
    checked = check_flow_json_file(bad)
    assert checked.text == bad.read_text()
    assert checked.errors and all(error.line_start for error in checked.errors)


def test_local_checks_refuse_what_cannot_be_sent(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        check_flow_json_file(tmp_path / "missing.json")
    with pytest.raises(InputError, match="line 1, column 2"):
        check_flow_json_text(b"{,}")


def test_suggested_names():
    assert suggested_file_name("Order feedback", "114") == "order-feedback.json"
    assert suggested_file_name("  Café & co. ", "114") == "caf-co.json"
    assert suggested_file_name(None, "114") == "114.json"


def test_write_new_file_never_clobbers_unless_told(tmp_path):
    target = tmp_path / "f.json"
    assert write_new_file(target, b"\x00exact") == target.resolve()
    assert target.read_bytes() == b"\x00exact"
    with pytest.raises(FileExistsError):
        write_new_file(target, b"other")
    write_new_file(target, b"other", overwrite=True)
    assert target.read_bytes() == b"other"
