"""The migration wizard's headless parts: the run, batching, the report, retries and export.

Nothing here imports Textual or Rich. :class:`MigrationRun` is the only part that sends
requests, through a client given to it; the wizard shows what it reports.
"""

from flowtui.migration.batches import batched_names
from flowtui.migration.export import ExportFormat, format_for, render_report, save_report
from flowtui.migration.report import FailedBatch, MigrationReport
from flowtui.migration.run import (
    BatchFinished,
    BatchOutcome,
    BatchStarted,
    DestinationListed,
    MigrationClient,
    MigrationRun,
    RunEvent,
    RunSummary,
    already_there,
    named_few,
    names_in_destination,
)

__all__ = [
    "BatchFinished",
    "BatchOutcome",
    "BatchStarted",
    "DestinationListed",
    "ExportFormat",
    "FailedBatch",
    "MigrationClient",
    "MigrationReport",
    "MigrationRun",
    "RunEvent",
    "RunSummary",
    "already_there",
    "batched_names",
    "format_for",
    "named_few",
    "names_in_destination",
    "render_report",
    "save_report",
]
