"""``flowtui validate``: the FILE:LINE:COL output, ``--json``, and exit codes 0/1/2."""

from __future__ import annotations

import argparse
import json
import os
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


# --- hardening: any string, any file, any failure ---------------------------------------------


def test_a_lone_surrogate_is_a_verdict_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``"A\\ud800B"`` is valid JSON whose string cannot be encoded: issue #12 item 7."""
    path = tmp_path / "surrogate.json"
    path.write_text(text_of(flow(terminal_screen("A\ud800B"))).replace("\ud800", "\\ud800"))
    assert run(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Invalid screen id 'A\ufffdB'" in out
    assert run(["validate", "--json", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.isascii()
    (item,) = [i for i in json.loads(out)[str(path)] if i["error"] == "PATTERN_MISMATCH"]
    assert "'A\ud800B'" in item["message"]  # the document's own string, escaped in the JSON


def test_names_and_messages_cannot_drive_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / "evil\x1b]52;c;AAAA\x07\u202e.json"
    name.write_text(text_of(flow(terminal_screen("X\x1b[2J"))))
    missing = tmp_path / "gone\x1b[31m.json"
    assert run(["validate", str(name), str(missing)]) == 2
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
    assert "evil␛]52;c;AAAA␇\ufffd.json:" in captured.out
    assert "'X␛[2J'" in captured.out
    assert "gone␛[31m.json: no such file" in captured.err


def test_output_survives_a_narrow_encoding(tmp_path: Path) -> None:
    path = tmp_path / "café.json"
    path.write_text(text_of(flow(terminal_screen("Ünïcødé"))), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "flowtui", "validate", str(path)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert b"caf?.json:" in result.stdout and b"Traceback" not in result.stderr


def test_what_is_not_a_regular_file_is_refused_without_blocking(tmp_path: Path) -> None:
    """A FIFO with no writer would block ``open`` and ``read`` forever; /dev/zero never ends."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    # 2 GiB of address space: if the check broke, reading /dev/zero fails fast in the child
    # instead of taking the machine's memory.
    capped = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
        "from flowtui.cli import main; raise SystemExit(main())"
    )
    result = subprocess.run(
        [sys.executable, "-c", capped, "validate", str(fifo), "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert f"{fifo}: is a FIFO (named pipe), not a regular file" in result.stderr
    assert "/dev/zero: is a character device, not a regular file" in result.stderr


def test_a_file_over_the_limit_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from flowtui.flowjson.validator import MAX_FLOW_JSON_BYTES

    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FLOW_JSON_BYTES + 1)  # sparse: NUL bytes, never JSON
    assert run(["validate", str(huge)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{huge}:1:1: INVALID_FLOW_JSON Flow JSON is {MAX_FLOW_JSON_BYTES + 1:,} bytes; at most "
        f"{MAX_FLOW_JSON_BYTES:,} are allowed.",
        "1 file checked, 1 problem in 1 file.",
    ]


def test_an_internal_error_is_exit_3_in_one_line(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from flowtui.flowjson import validator

    real = validator.validate_flow_json

    def broken(text: str, **options: bool) -> list[dict[str, object]]:
        if '"v1"' in text:
            raise ValueError("\x1b[31mboom")
        return real(text, **options)

    monkeypatch.setattr(validator, "validate_flow_json", broken)
    assert run(["validate", str(files["bad"]), str(files["good"])]) == 3
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line == (
        f"flowtui validate: internal error while checking {files['bad']} (ValueError: "
        "␛[31mboom). This is a bug in flowtui: please report it; --debug shows the traceback."
    )
    assert captured.out.splitlines() == [
        "1 file checked, 0 problems, 1 not checked (internal error)."
    ]
    assert run(["validate", "--debug", str(files["bad"])]) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last):" in err and "in broken" in err


def test_a_report_that_cannot_be_written_is_exit_3(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    import io

    class FullDisk(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys, "stdout", FullDisk())
    assert run(["validate", str(files["bad"])]) == 3
    assert capsys.readouterr().err == (
        "flowtui validate: cannot write the report: No space left on device\n"
    )


def test_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["validate", "--help"])
    out = capsys.readouterr().out
    for line in ("0  every file is clean", "1  problems found", "2  a file could not be read"):
        assert line in out
    assert "3  no verdict: an internal error" in out
