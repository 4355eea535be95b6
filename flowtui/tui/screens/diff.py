"""The live Flow JSON of a flow against a local file, as a coloured unified diff."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from flowtui.api import Flow, FlowsError, InputError, inputs
from flowtui.editing import count_changes, download_flow_json, unified_diff_lines
from flowtui.tui.reach import flows_app
from flowtui.tui.widgets.account_bar import AccountBar
from flowtui.tui.widgets.diff_view import diff_text
from flowtui.tui.widgets.keys_footer import KeysFooter
from flowtui.tui.widgets.literal import literal

if TYPE_CHECKING:
    pass


class DiffScreen(Screen[None]):
    AUTO_FOCUS = "#diff-scroll"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+r", "refresh", "Refresh", id="refresh-diff", tooltip="Compare again"),
    ]

    def __init__(self, flow: Flow, path: Path) -> None:
        super().__init__()
        self.flow = flow
        self.path = path

    def compose(self) -> ComposeResult:
        yield AccountBar(flows_app(self).context, id="account-bar")
        yield Static(id="diff-title")
        yield Static(id="diff-summary")
        with VerticalScroll(id="diff-scroll", can_focus=True):
            yield Static(Text("Comparing…", style="dim"), id="diff-lines")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        name = self.flow.name or self.flow.id
        self.query_one("#diff-title", Static).update(
            Text.assemble(("Diff  ", "bold"), literal(f"live “{name}”  →  {self.path}"))
        )
        self.compare()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_refresh(self) -> None:
        self.compare()

    @work(exclusive=True, group="diff", description="Comparing the Flow JSON")
    async def compare(self) -> None:
        summary = self.query_one("#diff-summary", Static)
        try:
            local = inputs.load_flow_json(self.path).decode("utf-8")
        except InputError as error:
            summary.update(literal(error, "red"))
            return
        try:
            live = await download_flow_json(flows_app(self).client, self.flow.id)
        except FlowsError as error:
            flows_app(self).report_error(error, "Could not download the live Flow JSON")
            summary.update(Text("The live Flow JSON could not be downloaded.", style="red"))
            return
        finally:
            flows_app(self).show_usage()
        lines = unified_diff_lines(
            (live or b"").decode("utf-8", "replace"),
            local,
            old_label="live flow.json",
            new_label=self.path.name,
        )
        added, removed = count_changes(lines)
        if not lines:
            summary.update(Text("The file is identical to the live Flow JSON.", style="green"))
        else:
            summary.update(
                Text.assemble(
                    ("+" + str(added), "green"), " ", ("-" + str(removed), "red"), " lines"
                )
            )
        self.query_one("#diff-lines", Static).update(diff_text(lines))
