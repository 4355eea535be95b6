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
