"""How a flow's status, dates and error counts are written on screen."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from flowtui.api import FlowStatus
from flowtui.text import printable

# Theme-independent enough to read on dark and light backgrounds.
STATUS_STYLES: dict[str, str] = {
    FlowStatus.DRAFT: "bold black on #d7af00",
    FlowStatus.PUBLISHED: "bold black on #5fd75f",
    FlowStatus.DEPRECATED: "bold white on #6c6c6c",
    FlowStatus.THROTTLED: "bold black on #ff8700",
    FlowStatus.BLOCKED: "bold white on #d70000",
}


def status_badge(status: str | None) -> Text:
    label = printable(str(status)) if status else "?"  # an open enum: Graph's own text
    # A span, not the Text's base style, so padding the cell does not widen the badge.
    return Text.assemble((f" {label} ", STATUS_STYLES.get(label, "reverse")))


def when(moment: datetime | None) -> str:
    """A date as users read it; absolute, so screens don't change with the clock."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"
