"""The CalendarPicker's month: picked with keys and clicks, refusing what the flow refuses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flowtui.player.document import FlowDocument
from flowtui.tui.player_app import PlayerApp
from flowtui.tui.widgets.month_grid import MonthGrid, add_months, next_range, weeks_of

from .conftest import FIXED_NOW, settle

FLOW = Path(__file__).parents[1] / "player/flows/calendar.json"


def test_a_range_is_picked_day_by_day() -> None:
    first, later, earlier = date(2026, 12, 8), date(2026, 12, 11), date(2026, 12, 1)
    assert next_range(None, None, first) == (first, None)
    assert next_range(first, None, later) == (first, later)
    assert next_range(first, None, earlier) == (earlier, None)  # before the start: starts again
    assert next_range(first, later, earlier) == (earlier, None)  # after a whole range: a new one


def test_months_turn_to_the_last_day_where_a_month_is_shorter() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2027, 3, 31), -13) == date(2026, 2, 28)


def test_a_month_is_six_weeks_from_monday() -> None:
    weeks = weeks_of(date(2026, 12, 1))
    assert len(weeks) == 6 and all(len(week) == 7 for week in weeks)
    assert weeks[0][:2] == [None, date(2026, 12, 1)]  # 1 December 2026 is a Tuesday
    assert weeks[4][3] == date(2026, 12, 31) and weeks[5] == [None] * 7


def app() -> PlayerApp:
    document = FlowDocument.from_text(FLOW.read_text())
    return PlayerApp(document, title="calendar.json", clock=lambda: FIXED_NOW)


def grids(pilot) -> list[MonthGrid]:
    return list(pilot.app.screen.query(MonthGrid).results(MonthGrid))


def form(pilot) -> dict:
    return pilot.app.screen.player.current.form


async def test_keys_pick_an_accepted_day_and_refuse_the_others() -> None:
    async with app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        visit = grids(pilot)[0]
        assert visit.cursor == date(2026, 12, 3)  # the first day it takes, not today (2 Nov)
        visit.focus()
        await pilot.press("right", "right", "right")  # Sunday 6 December
        await settle(pilot)
        assert "Sundays cannot be chosen" in str(visit.render())
        await pilot.press("enter")
        await settle(pilot)
        assert "visit" not in form(pilot)
        await pilot.press("left", "left", "enter")  # Friday 4 December
        await settle(pilot)
        assert form(pilot)["visit"] == "2026-12-04"
        await pilot.press("down", "down", "down", "enter")  # Friday 25 December: unavailable
        await settle(pilot)
        assert form(pilot)["visit"] == "2026-12-04"
        await pilot.press("pagedown", "enter")  # Monday 25 January 2027
        await settle(pilot)
        assert form(pilot)["visit"] == "2027-01-25"
        assert "January 2027" in str(visit.render())


async def test_a_range_takes_two_picks_and_a_typed_day_moves_the_month() -> None:
    async with app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        stay = grids(pilot)[1]
        assert stay.cursor == date(2026, 11, 2)  # no earliest day: it opens on today
        stay.focus()
        await pilot.press("enter", "right", "right", "enter")
        await settle(pilot)
        assert form(pilot)["stay"] == {"start-date": "2026-11-02", "end-date": "2026-11-04"}
        assert pilot.app.screen.player.footer_state().enabled
        start = pilot.app.screen.query_one(".date-start")
        start.focus()
        start.value = ""
        await pilot.press(*"2027-02-10")
        await settle(pilot)
        assert stay.chosen == (date(2027, 2, 10), date(2026, 11, 4))
        assert "February 2027" in str(stay.render())


async def test_a_click_on_a_day_picks_it_and_on_an_arrow_turns_the_month() -> None:
    async with app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        visit = grids(pilot)[0]
        await pilot.click(visit, offset=(34, 0))  # ›: January 2027
        await settle(pilot)
        assert "January 2027" in str(visit.render())
        week, column = next(
            (row, days.index(date(2027, 1, 13)))
            for row, days in enumerate(weeks_of(date(2027, 1, 1)))
            if date(2027, 1, 13) in days
        )
        await pilot.click(visit, offset=(column * 5 + 2, week + 2))
        await settle(pilot)
        assert form(pilot)["visit"] == "2027-01-13"
