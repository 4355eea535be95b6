"""The Flow JSON view: numbered, highlighted lines drawn only as they come on screen."""

from __future__ import annotations

import json
from pathlib import Path

from textual.app import App, ComposeResult

from flowtui.tui.widgets.json_view import JsonView

ASSETS_CSS = Path(__file__).resolve().parents[2] / "flowtui" / "tui" / "assets.tcss"
DOCUMENT = json.dumps(
    {"version": "7.3", "screens": [{"id": f"S{n}", "terminal": n == 99} for n in range(100)]},
    indent=2,
)


class ViewApp(App[None]):
    CSS_PATH = ASSETS_CSS

    def compose(self) -> ComposeResult:
        yield JsonView(id="json-view")


def line_text(view: JsonView, y: int) -> str:
    return view.render_line(y).text


async def test_lines_are_numbered_and_an_error_is_marked_and_scrolled_to():
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(JsonView)
        view.show(DOCUMENT)
        await pilot.pause()
        assert line_text(view, 0).startswith("  1 {")
        assert line_text(view, 1).startswith('  2   "version": "7.3",')
        view.highlight(range(300, 302))
        await pilot.pause()
        assert view.scroll_y == 300 - 1 - 3  # three lines of context above
        marked = view.get_component_rich_style("json-view--marked").bgcolor
        row = view.render_line(3)
        assert row.text.startswith("300 ")
        assert all(segment.style.bgcolor == marked for segment in row if segment.style)
        assert view.render_line(5).text.startswith("302 ")
        assert all(s.style is None or s.style.bgcolor != marked for s in view.render_line(5))


async def test_keys_and_strings_are_coloured_apart():
    app = ViewApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(JsonView)
        view.show('{\n  "version": "7.3",\n  "n": 3, "ok": true\n}')
        await pilot.pause()
        colours = {s.text: s.style.color for s in view.render_line(1) if s.style and s.text.strip()}
        key = view.get_component_rich_style("json-view--key").color
        string = view.get_component_rich_style("json-view--string").color
        assert colours['"version"'] == key and colours['"7.3"'] == string and key != string
        colours = {s.text: s.style.color for s in view.render_line(2) if s.style and s.text.strip()}
        assert colours["3"] == view.get_component_rich_style("json-view--number").color
        assert colours["true"] == view.get_component_rich_style("json-view--literal").color


async def test_a_wide_line_scrolls_sideways_under_fixed_line_numbers():
    app = ViewApp()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(JsonView)
        view.show('{\n  "text": "' + "x" * 200 + 'END"\n}')
        await pilot.pause()
        view.scroll_to(x=190, animate=False)
        await pilot.pause()
        line = line_text(view, 1)
        assert line.startswith("2 ") and "END" in line


async def test_a_message_replaces_the_json():
    app = ViewApp()
    async with app.run_test(size=(80, 10)) as pilot:
        view = app.query_one(JsonView)
        view.show(None)
        await pilot.pause()
        assert view.flow_json is None
        assert line_text(view, 0).startswith("This flow has no Flow JSON yet.")
