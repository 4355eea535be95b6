"""``flowtui validate``: the FILE:LINE:COL output, ``--json``, and exit codes 0/1/2."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from flowtui.flowjson import command

from .builders import flow, terminal_screen, text_of

GOOD = text_of(flow())
BAD = '{\n  "version": "v1",\n  "screens": []\n}\n'


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="flowtui")
    command.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"good": tmp_path / "good.json", "bad": tmp_path / "bad.json"}
    paths["good"].write_text(GOOD, encoding="utf-8")
    paths["bad"].write_text(BAD, encoding="utf-8")
    return paths


def test_clean_files_exit_0(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(files["good"])]) == 0
    out = capsys.readouterr().out
    assert out == "1 file checked, 0 problems.\n"


def test_problems_print_file_line_col_code_message(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["validate", str(files["good"]), str(files["bad"])]) == 1
    lines = capsys.readouterr().out.splitlines()
    bad = str(files["bad"])
    assert lines == [
        f"{bad}:2:14: INVALID_FLOW_JSON_VERSION Invalid Flow JSON version 'v1': expected "
        '"major.minor", e.g. "7.3".',
        f"{bad}:3:14: MIN_ITEMS_REQUIRED Property 'screens' must have at least 1 item(s), but "
        "found 0.",
        "2 files checked, 2 problems in 1 file.",
    ]


def test_syntax_error_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "version": "7.3",\n  "screens": [,]\n}', encoding="utf-8")
    assert run(["validate", str(broken)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"{broken}:3:15: INVALID_FLOW_JSON Invalid JSON: Expecting value."


def test_unreadable_files_exit_2_and_the_rest_is_still_checked(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"text": "café"}'.encode("latin-1"))
    missing = tmp_path / "missing.json"
    code = run(["validate", str(missing), str(latin1), str(tmp_path), str(files["bad"])])
    assert code == 2
    captured = capsys.readouterr()
    assert f"{missing}: no such file" in captured.err
    assert f"{latin1}: not UTF-8 text (invalid byte 0xe9 at byte offset 13)" in captured.err
    assert f"{tmp_path}: is a directory" in captured.err
    assert f"{files['bad']}:2:14: INVALID_FLOW_JSON_VERSION" in captured.out
    assert captured.out.splitlines()[-1] == "1 file checked, 2 problems in 1 file, 3 unreadable."


def test_json_output(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--json", str(files["good"]), str(files["bad"])]) == 1
    result = json.loads(capsys.readouterr().out)
    assert list(result) == [str(files["good"]), str(files["bad"])]
    assert result[str(files["good"])] == []
    assert [item["error"] for item in result[str(files["bad"])]] == [
        "INVALID_FLOW_JSON_VERSION",
        "MIN_ITEMS_REQUIRED",
    ]


def test_for_publishing_flag(tmp_path: Path) -> None:
    frozen = tmp_path / "frozen.json"
    frozen.write_text(text_of(flow(terminal_screen(), version="4.0")), encoding="utf-8")
    assert run(["validate", str(frozen)]) == 0
    assert run(["validate", "--for-publishing", str(frozen)]) == 1


def test_module_imports_only_argparse_at_top_level() -> None:
    code = (
        "import sys; import flowtui.flowjson.command as c; "
        "print('flowtui.flowjson.validator' in sys.modules, 'textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


def test_flowjson_is_headless() -> None:
    code = (
        "import sys; import flowtui.flowjson; flowtui.flowjson.validate_flow_json('{}'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_public_names_resolve() -> None:
    import flowtui.flowjson as package

    for name in package.__all__:
        assert getattr(package, name) is not None, name
    assert package.validate_flow_json("{}")[0]["error"] == "MISSING_FLOW_JSON_VERSION"
    issue = package.validate_issues("{}")[0]
    assert issue.as_graph_dict() == package.validate_flow_json("{}")[0]
