"""Every worker failure reaches the user as a sentence and the log with its traceback.

The app installs :class:`ReportingWorkerManager` as its worker manager, so a failure in any
worker (on any screen) lands in one place, whatever the worker was started with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerState
from textual.worker_manager import WorkerManager

from flowtui.api import FlowsError

if TYPE_CHECKING:
    from flowtui.tui.app import FlowtuiApp

# What a worker without a description of ours was doing.
SOMETHING = "A background task"


def failure_sentence(error: BaseException, doing: str) -> tuple[str, str]:
    """The sentence for a failed worker, and the way out."""
    if isinstance(error, FlowsError):
        return str(error), error.remedy
    return (
        f"{doing} stopped: flowtui hit a problem it did not expect.",
        "Try again. The details are in the log (L shows this run's messages and where the log "
        "is); if it happens again, report it with the log.",
    )


def doing(worker: Worker[Any]) -> str:
    """What the worker did, from its description ("Loading the flow"), when one was given."""
    description = worker.description
    return description if description[:1].isupper() else SOMETHING


class ReportingWorkerManager(WorkerManager):
    """Textual's worker manager, which also reports every worker that ends in an error."""

    def __init__(self, app: FlowtuiApp) -> None:
        super().__init__(app)
        self.flows_app = app

    def add_worker(self, worker: Worker[Any], start: bool = True, exclusive: bool = True) -> None:
        worker.exit_on_error = False  # reported below: a failure never takes the app down
        super().add_worker(worker, start=start, exclusive=exclusive)

    def _remove_worker(self, worker: Worker[Any]) -> None:
        super()._remove_worker(worker)
        if worker.state is WorkerState.ERROR and worker.error is not None:
            self.flows_app.report_failure(worker.error, doing(worker))
