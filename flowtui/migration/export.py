"""Saving a migration report as JSON or CSV; an existing file is never overwritten."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path

from flowtui.migration.report import MigrationReport, Outcome

CSV_COLUMNS = (
    "outcome",
    "source_name",
    "source_id",
    "migrated_id",
    "error_code",
    "error_message",
)


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
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**asdict(row), "outcome": str(row.outcome)} for row in rows)
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
    """Write the report in the format the suffix names. FileExistsError if ``path`` exists."""
    fmt = format_for(path)
    text = render_report(report, fmt)
    with path.open("x", encoding="utf-8", newline="") as file:
        file.write(text)
    return fmt
