"""What a migration run did so far: flows copied, flows refused, batches that failed whole.

A batch can fail in two ways. Graph refused it (or it never left): none of its flows were
copied, so resending it is safe. Or its outcome is unknown (a 5xx or a timeout after the
request went out): some flows may have arrived, so before resending, the destination must be
listed and the names already there left out. Migration is not idempotent, so nothing here
ever resends on its own: :meth:`MigrationReport.start_retry` only says what to send.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from flowtui.api.models import FailedMigration, MigratedFlow, MigrationResult


class Outcome(StrEnum):
    MIGRATED = "migrated"
    FAILED = "failed"
    UNKNOWN = "unknown"  # the flow's batch may or may not have been copied


@dataclass(frozen=True)
class FailedBatch:
    """A whole request that failed; ``outcome_unknown`` when it may have taken effect."""

    names: tuple[str, ...]
    message: str
    outcome_unknown: bool


@dataclass(frozen=True)
class ReportRow:
    """One flow's line in the results (and in the exported file)."""

    outcome: Outcome
    source_name: str
    source_id: str = ""
    migrated_id: str = ""
    error_code: str = ""
    error_message: str = ""


@dataclass
class MigrationReport:
    source_waba_id: str
    destination_waba_id: str
    migrated: list[MigratedFlow] = field(default_factory=list)
    failed: list[FailedMigration] = field(default_factory=list)
    failed_batches: list[FailedBatch] = field(default_factory=list)

    # --- recording ------------------------------------------------------------------------------

    def add_result(self, result: MigrationResult) -> None:
        self.migrated.extend(result.migrated)
        self.failed.extend(result.failed)

    def add_failed_batch(
        self, names: Iterable[str], message: str, *, outcome_unknown: bool
    ) -> None:
        self.failed_batches.append(FailedBatch(tuple(names), message, outcome_unknown))

    # --- reading --------------------------------------------------------------------------------

    @property
    def unknown_names(self) -> tuple[str, ...]:
        """Names whose batch may or may not have been copied."""
        return tuple(n for b in self.failed_batches if b.outcome_unknown for n in b.names)

    @property
    def needs_destination_check(self) -> bool:
        """Whether a retry must first list the destination to see what arrived."""
        return bool(self.unknown_names)

    @property
    def has_failures(self) -> bool:
        return bool(self.failed or self.failed_batches)

    def rows(self) -> list[ReportRow]:
        """Every flow's outcome: copied first, then refused, then unknown."""
        rows = [
            ReportRow(
                Outcome.MIGRATED, m.source_name, m.source_id or "", migrated_id=m.migrated_id or ""
            )
            for m in self.migrated
        ]
        rows += [
            ReportRow(
                Outcome.FAILED,
                f.source_name,
                error_code=f.error_code or "",
                error_message=f.error_message,
            )
            for f in self.failed
        ]
        for batch in self.failed_batches:
            outcome = Outcome.UNKNOWN if batch.outcome_unknown else Outcome.FAILED
            rows += [ReportRow(outcome, name, error_message=batch.message) for name in batch.names]
        return rows

    def counts(self) -> Mapping[Outcome, int]:
        counted = dict.fromkeys(Outcome, 0)
        for row in self.rows():
            counted[row.outcome] += 1
        return counted

    # --- retrying -------------------------------------------------------------------------------

    def start_retry(self, arrived: Iterable[MigratedFlow] = ()) -> list[str]:
        """The names to send again, leaving the report as if they had not been sent yet.

        ``arrived``: flows of outcome-unknown batches that the destination now holds (found by
        listing it); they count as copied and are not resent. Refused flows and the rest of
        every failed batch are resent.
        """
        found = {flow.source_name: flow for flow in arrived}
        unknown = set(self.unknown_names)
        self.migrated.extend(flow for name, flow in found.items() if name in unknown)
        resend = [f.source_name for f in self.failed]
        for batch in self.failed_batches:
            resend += [n for n in batch.names if not (batch.outcome_unknown and n in found)]
        self.failed.clear()
        self.failed_batches.clear()
        return list(dict.fromkeys(resend))
