"""``flowtui validate FILE...``: check Flow JSON files offline, in a format editors and CI can read.

Only ``argparse`` is imported at module level, so registering the command costs nothing; the
validator is imported when the command runs.

Exit status (the README and ``--help`` say the same):

- 0: every file was read and is clean;
- 1: problems found (a file over Meta's 10 MB limit is one);
- 2: a file could not be read (missing, not a regular file, not UTF-8), or bad arguments;
- 3: no verdict: flowtui failed (a bug, reported in one line; ``--debug`` adds the traceback)
  or could not write its report.

When several apply the highest wins: a verdict is never given for a run that did not finish.
Everything printed from outside (file names, messages quoting the document) goes through
:func:`flowtui.text.printable`, and ``--json`` is pure ASCII, so no string can break the output.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

EXIT_CLEAN = 0
EXIT_INVALID = 1
EXIT_UNREADABLE = 2
EXIT_INTERNAL = 3

EXIT_STATUS_HELP = """\
exit status:
  0  every file is clean
  1  problems found (a file over 10 MB is one)
  2  a file could not be read (missing, not a regular file, not UTF-8), or bad arguments
  3  no verdict: an internal error in flowtui (please report it), or the report could not be
     written
the highest that applies wins.
"""
# How much of an internal error's own message the one-line report quotes.
_DETAIL_CHARS = 300


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check Flow JSON files offline with Meta's validation rules",
        description=(
            "Check Flow JSON files offline. Prints FILE:LINE:COL: ERROR_CODE message for each "
            "problem."
        ),
        epilog=EXIT_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="Flow JSON file(s) to check")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object mapping each file to its list of validation_errors items",
    )
    parser.add_argument(
        "--for-publishing",
        action="store_true",
        help="also report versions that can be sent but no longer published (2.1-5.0)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="after an internal error (exit 3), print its traceback too",
    )
    parser.set_defaults(handler=run)


class _Unreadable(Exception):
    """Why a file could not be read, as the end of a sentence."""


def run(args: argparse.Namespace) -> int:
    import sys

    try:
        return _run(args)
    except BrokenPipeError:
        # The reader went away (``| head``): no report was delivered, so no verdict either.
        _silence(sys.stdout)
        _say("flowtui validate: the output was closed before the report was complete")
        return EXIT_INTERNAL
    except OSError as error:
        _say(f"flowtui validate: cannot write the report: {error.strerror or error}")
        return EXIT_INTERNAL
    except Exception as error:  # a bug: never answered with one of the verdicts' codes
        _report_internal_error(error, "", debug=getattr(args, "debug", False))
        return EXIT_INTERNAL


def _run(args: argparse.Namespace) -> int:
    import json
    import sys

    from flowtui.text import printable

    debug = getattr(args, "debug", False)
    for_publishing = getattr(args, "for_publishing", False)
    results: dict[str, list[dict[str, Any]]] = {}
    unreadable: list[str] = []
    failed: list[str] = []
    for name in args.files:
        try:
            results[name] = _check_file(name, for_publishing=for_publishing)
        except _Unreadable as problem:
            _say(f"flowtui validate: {printable(name)}: {problem}")
            unreadable.append(name)
        except Exception as error:  # a bug; the other files are still checked
            _report_internal_error(error, name, debug=debug)
            failed.append(name)

    out = sys.stdout
    if args.json:
        # ASCII only: every other character (a lone surrogate, a control) is a JSON escape.
        _write(out, json.dumps(results, indent=2, ensure_ascii=True) + "\n")
    else:
        for name, items in results.items():
            shown = printable(name)
            for item in items:
                _write(
                    out,
                    f"{shown}:{item['line_start']}:{item['column_start']}: "
                    f"{item['error']} {printable(str(item['message']))}\n",
                )
        _write(out, _summary(results, unreadable, failed) + "\n")
    out.flush()

    if failed:
        return EXIT_INTERNAL
    if unreadable:
        return EXIT_UNREADABLE
    if any(results.values()):
        return EXIT_INVALID
    return EXIT_CLEAN


def _check_file(name: str, *, for_publishing: bool) -> list[dict[str, Any]]:
    """The issues of one file; :class:`_Unreadable` when it cannot be read as text."""
    from flowtui.files import FileTooLargeError, UnreadableFileError, read_text_file
    from flowtui.flowjson.validator import (
        MAX_FLOW_JSON_BYTES,
        too_large_issue,
        validate_flow_json,
    )

    try:
        text = read_text_file(name, MAX_FLOW_JSON_BYTES)
    except FileTooLargeError as error:  # a verdict, as Meta would give it: not read at all
        return [too_large_issue(error.size, exact=error.exact).as_graph_dict()]
    except UnreadableFileError as error:
        raise _Unreadable(str(error)) from None
    return validate_flow_json(text, for_publishing=for_publishing)


def _report_internal_error(error: BaseException, name: str, *, debug: bool) -> None:
    """One line on standard error; the traceback too with ``--debug``."""
    import traceback

    from flowtui.text import printable, printable_lines

    try:
        detail = f"{type(error).__name__}: {error}"
    except Exception:  # an exception whose message itself fails
        detail = type(error).__name__
    detail = printable(detail)
    if len(detail) > _DETAIL_CHARS:
        detail = detail[: _DETAIL_CHARS - 3] + "..."
    where = f" while checking {printable(name)}" if name else ""
    _say(
        f"flowtui validate: internal error{where} ({detail}). This is a bug in flowtui: please "
        "report it" + ("." if debug else "; --debug shows the traceback.")
    )
    if debug:
        _say(printable_lines("".join(traceback.format_exception(error)).rstrip("\n")))


def _write(stream: TextIO, text: str) -> None:
    """Write ``text`` so that it survives the stream's encoding (a Latin-1 terminal, say)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = text.encode(encoding, "replace").decode(encoding)
    except LookupError:
        pass
    stream.write(text)


def _say(text: str) -> None:
    """A line on standard error; if even that cannot be written, nothing more can be done."""
    import sys

    try:
        _write(sys.stderr, text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _silence(stream: TextIO) -> None:
    """Point a closed output at /dev/null, so the interpreter's final flush does not fail."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _summary(
    results: dict[str, list[dict[str, Any]]], unreadable: list[str], failed: list[str]
) -> str:
    problems = sum(len(items) for items in results.values())
    with_problems = sum(1 for items in results.values() if items)
    parts = [
        f"{len(results)} file{'s' if len(results) != 1 else ''} checked",
        f"{problems} problem{'s' if problems != 1 else ''}"
        + (f" in {with_problems} file{'s' if with_problems != 1 else ''}" if problems else ""),
    ]
    if unreadable:
        parts.append(f"{len(unreadable)} unreadable")
    if failed:
        parts.append(f"{len(failed)} not checked (internal error)")
    return ", ".join(parts) + "."
