"""``flowtui validate FILE...``: check Flow JSON files offline, in a format editors and CI can read.

Only ``argparse`` is imported at module level, so registering the command costs nothing; the
validator is imported when the command runs.
"""

from __future__ import annotations

import argparse

EXIT_CLEAN = 0
EXIT_INVALID = 1
EXIT_UNREADABLE = 2


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check Flow JSON files offline with Meta's validation rules",
        description=(
            "Check Flow JSON files offline. Prints FILE:LINE:COL: ERROR_CODE message for each "
            "problem. Exit status: 0 all clean, 1 problems found, 2 a file could not be read."
        ),
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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from flowtui.flowjson.validator import validate_flow_json

    results: dict[str, list[dict[str, object]]] = {}
    unreadable: list[str] = []
    for name in args.files:
        try:
            with open(name, "rb") as handle:
                data = handle.read()
            text = data.decode("utf-8-sig")
        except FileNotFoundError:
            print(f"flowtui validate: {name}: no such file", file=sys.stderr)
        except IsADirectoryError:
            print(f"flowtui validate: {name}: is a directory, not a file", file=sys.stderr)
        except PermissionError:
            print(f"flowtui validate: {name}: permission denied", file=sys.stderr)
        except UnicodeDecodeError as error:
            print(
                f"flowtui validate: {name}: not UTF-8 text "
                f"(invalid byte 0x{error.object[error.start]:02x} at byte offset {error.start})",
                file=sys.stderr,
            )
        except OSError as error:
            print(f"flowtui validate: {name}: cannot read: {error.strerror}", file=sys.stderr)
        else:
            results[name] = validate_flow_json(
                text, for_publishing=getattr(args, "for_publishing", False)
            )
            continue
        unreadable.append(name)

    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        for name, items in results.items():
            for item in items:
                print(
                    f"{name}:{item['line_start']}:{item['column_start']}: "
                    f"{item['error']} {item['message']}"
                )
        print(_summary(results, unreadable), file=sys.stdout)

    if unreadable:
        return EXIT_UNREADABLE
    if any(results.values()):
        return EXIT_INVALID
    return EXIT_CLEAN


def _summary(results: dict[str, list[dict[str, object]]], unreadable: list[str]) -> str:
    problems = sum(len(items) for items in results.values())
    with_problems = sum(1 for items in results.values() if items)
    parts = [
        f"{len(results)} file{'s' if len(results) != 1 else ''} checked",
        f"{problems} problem{'s' if problems != 1 else ''}"
        + (f" in {with_problems} file{'s' if with_problems != 1 else ''}" if problems else ""),
    ]
    if unreadable:
        parts.append(f"{len(unreadable)} unreadable")
    return ", ".join(parts) + "."
