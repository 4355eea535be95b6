"""The migration wizard's headless parts: batching, the run report, retries and export.

Nothing here imports Textual or Rich, and nothing here sends a request: the wizard sends,
this package keeps count.
"""

from flowtui.migration.batches import batched_names
from flowtui.migration.export import ExportFormat, format_for, render_report, save_report
from flowtui.migration.report import FailedBatch, MigrationReport

__all__ = [
    "ExportFormat",
    "FailedBatch",
    "MigrationReport",
    "batched_names",
    "format_for",
    "render_report",
    "save_report",
]
