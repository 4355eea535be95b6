"""Saving a migration report as JSON or CSV; an existing file is never overwritten.

A save is all or nothing: the report is written to a temporary file in the same folder, synced,
and then given its name with ``os.link``, which fails if the name exists (so the no-overwrite
rule holds even against a file that appears meanwhile); the temporary name is then removed.
A save that fails (a full disk) leaves no file behind, least of all an empty one that would
then block saving under that name. Where the file system has no hard links, the name is first
claimed with ``O_EXCL`` and the written file renamed over that claim.

CSV cells are neutralised as OWASP advises against CSV injection: a cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so a flow named
``=HYPERLINK(...)`` or a message starting with ``-`` is shown as text, never run as a formula.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path

from flowtui.files import temporary_beside, write_new_synced
from flowtui.migration.report import MigrationReport, Outcome
from flowtui.text import without_lone_surrogates

CSV_COLUMNS = (
    "outcome",
    "source_name",
    "source_id",
    "migrated_id",
    "error_code",
    "error_message",
)


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# os.link's errors where the file system has no hard links (FAT, some network shares).
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK}


def csv_cell(value: str) -> str:
    """``value`` safe as a spreadsheet cell: a formula prefix neutralised, UTF-8 encodable."""
    value = without_lone_surrogates(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


def format_for(path: Path) -> ExportFormat:
    """The format a path's suffix asks for; ValueError for any other suffix."""
    suffix = path.suffix.lower().lstrip(".")
    try:
        return ExportFormat(suffix)
    except ValueError:
        raise ValueError(f"Save as .json or .csv: “{path.name}” names neither format.") from None


def render_report(report: MigrationReport, fmt: ExportFormat) -> str:
    rows = report.rows()
    if fmt is ExportFormat.CSV:
        out = io.StringIO()
        # CRLF, as RFC 4180 has it: the writer then quotes a cell holding either character
        # (with "\n" alone, a carriage return in a name went out bare and split the row).
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            cells = {**asdict(row), "outcome": str(row.outcome)}
            writer.writerow({key: csv_cell(str(value)) for key, value in cells.items()})
        return out.getvalue()
    document = {
        "source_waba_id": report.source_waba_id,
        "destination_waba_id": report.destination_waba_id,
        "migrated": [
            {"source_name": r.source_name, "source_id": r.source_id, "migrated_id": r.migrated_id}
            for r in rows
            if r.outcome is Outcome.MIGRATED
        ],
        "failed": [
            {
                "source_name": r.source_name,
                "error_code": r.error_code or None,
                "error_message": r.error_message,
            }
            for r in rows
            if r.outcome is Outcome.FAILED
        ],
        "outcome_unknown": [
            {"source_name": r.source_name, "error_message": r.error_message}
            for r in rows
            if r.outcome is Outcome.UNKNOWN
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def save_report(report: MigrationReport, path: Path) -> ExportFormat:
    """Write the report in the format the suffix names. FileExistsError if ``path`` exists;
    any other OSError when the write fails, and then no file is left (see the module)."""
    fmt = format_for(path)
    # A lone surrogate (from a \\ud800 escape in a flow's name) cannot be UTF-8: in JSON text it
    # can only be inside a string, where its backslash form is the JSON escape that reads back.
    data = render_report(report, fmt).encode("utf-8", "backslashreplace")
    if path.exists() or path.is_symlink():
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    temporary = temporary_beside(path)
    try:
        write_new_synced(temporary, data, 0o644)
        _link_without_replacing(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    return fmt


def _link_without_replacing(source: Path, target: Path) -> None:
    """Give ``source``'s content the name ``target``, which must not exist (FileExistsError)."""
    try:
        os.link(source, target)
        return
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
    # No hard links: claim the name exclusively, then rename the written file over the claim.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    try:
        os.replace(source, target)
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
