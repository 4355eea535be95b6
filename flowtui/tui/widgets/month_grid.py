"""A month of days to pick from, as a CalendarPicker shows it on the phone.

Days the flow refuses (before ``min-date``, after ``max-date``, ``unavailable-dates``, a
weekday not in ``include-days``) are drawn struck through and cannot be picked; while the month
has the focus, the line under it says why the day under the cursor is refused. The rule is the
player's own (:func:`flowtui.player.inputs.day_rule`), handed in: the grid draws, it does not
decide. Keys: arrows move a day or a week, page up and down a month, enter or space picks; a
click on a day picks it, on ‹ or › turns the month.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

CELL = 5  # columns per day: "  12 "
WEEKS = 6  # rows of days, whatever the month (the grid keeps its height)
WIDTH = 7 * CELL
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_MONTHS = calendar.Calendar(firstweekday=calendar.MONDAY)

Refusal = Callable[[date], str | None]


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), the month's last day where it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, date.min.year), date.max.year)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def next_range(start: date | None, end: date | None, day: date) -> tuple[date, date | None]:
    """A range picked day by day: the first pick starts it, the second ends it (an earlier
    day starts it again), and a pick after a whole range starts a new one."""
    if start is None or end is not None or day < start:
        return day, None
    return start, day


def weeks_of(month: date) -> list[list[date | None]]:
    """Six rows of seven: the month's days under their weekdays, None elsewhere."""
    rows: list[list[date | None]] = [
        [day if day.month == month.month else None for day in week]
        for week in _MONTHS.monthdatescalendar(month.year, month.month)
    ]
    while len(rows) < WEEKS:
        rows.append([None] * 7)
    return rows


class MonthGrid(Widget, can_focus=True):
    """One month; posts :class:`MonthGrid.Picked` with a day the flow accepts."""

    BINDINGS = [
        Binding("left", "move(-1)", "Day before", show=False),
        Binding("right", "move(1)", "Day after", show=False),
        Binding("up", "move(-7)", "Week before", show=False),
        Binding("down", "move(7)", "Week after", show=False),
        Binding("pageup", "turn(-1)", "Month before", show=False),
        Binding("pagedown", "turn(1)", "Month after", show=False),
        Binding("enter,space", "pick", "Pick the day", show=False),
    ]
    COMPONENT_CLASSES = {
        "month-grid--title",
        "month-grid--weekday",
        "month-grid--refused",
        "month-grid--chosen",
        "month-grid--between",
        "month-grid--today",
        "month-grid--cursor",
        "month-grid--note",
    }

    class Picked(Message):
        def __init__(self, grid: MonthGrid, day: date) -> None:
            super().__init__()
            self.grid = grid
            self.day = day

        @property
        def control(self) -> MonthGrid:
            return self.grid

    cursor: reactive[date] = reactive(date(2000, 1, 1))

    def __init__(
        self,
        *,
        cursor: date,
        today: date,
        refusal: Refusal,
        chosen: tuple[date | None, date | None] = (None, None),
        classes: str | None = None,
    ) -> None:
        super().__init__(classes=classes)
        self.set_reactive(MonthGrid.cursor, cursor)
        self.today = today
        self.refusal = refusal
        self.chosen = chosen

    def choose(self, start: date | None, end: date | None) -> None:
        """Show these days as chosen (typed, or filled by the flow); the month follows."""
        if (start, end) == self.chosen:
            return
        (old_start, old_end), self.chosen = self.chosen, (start, end)
        # The cursor goes to the day that changed; a day picked here is the cursor already.
        changed = end if end is not None and end != old_end else start
        if changed is not None and changed != old_start and changed != self.cursor:
            self.cursor = changed
        self.refresh()

    # --- keys and mouse --------------------------------------------------------------------

    def action_move(self, days: int) -> None:
        try:
            self.cursor = self.cursor + timedelta(days=days)
        except OverflowError:
            return

    def action_turn(self, months: int) -> None:
        self.cursor = add_months(self.cursor, months)

    def action_pick(self) -> None:
        if self.refusal(self.cursor) is None:
            self.post_message(MonthGrid.Picked(self, self.cursor))
        else:
            self.app.bell()

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        x, y = offset
        if y == 0:
            if x < CELL:
                self.action_turn(-1)
            elif x >= WIDTH - CELL:
                self.action_turn(1)
            return
        week, column = y - 2, x // CELL
        if 0 <= week < WEEKS and 0 <= column < 7:
            day = weeks_of(first_of_month(self.cursor))[week][column]
            if day is not None:
                self.cursor = day
                self.action_pick()

    def watch_cursor(self) -> None:
        self.refresh()

    # --- drawing ---------------------------------------------------------------------------

    def render(self) -> Text:
        month = first_of_month(self.cursor)
        title = f"{calendar.month_name[month.month]} {month.year}"
        style = self.get_component_rich_style
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" ‹ " + title.center(WIDTH - 6) + " › \n", style("month-grid--title"))
        text.append("".join(f"{name:^{CELL}}" for name in WEEKDAYS) + "\n")
        text.stylize(style("month-grid--weekday"), WIDTH + 1, 2 * WIDTH + 1)
        for week in weeks_of(month):
            for day in week:
                if day is None:
                    text.append(" " * CELL)
                else:
                    text.append(f"{day.day:^{CELL}}", self._day_style(day))
            text.append("\n")
        why = self.refusal(self.cursor) if self.has_focus else None
        text.append(why or "", style("month-grid--note"))
        return text

    def _day_style(self, day: date) -> Style:
        style = self.get_component_rich_style
        start, end = self.chosen
        looks = Style()
        if self.refusal(day) is not None:
            looks += style("month-grid--refused")
        if day == self.today:
            looks += style("month-grid--today")
        if start is not None and end is not None and start < day < end:
            looks += style("month-grid--between")
        if day in (start, end):
            looks += style("month-grid--chosen")
        if day == self.cursor and self.has_focus:
            looks += style("month-grid--cursor")
        return looks

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
