"""A flow's assets: the list Graph returns, the Flow JSON read-only and highlighted, saving it
to a file, and uploading a checked local file whose validation errors are then positioned in
the JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from flowtui.api import Asset, Flow, FlowsError, ValidationError
from flowtui.api.lifecycle import FlowAction, refusal
from flowtui.editing import FLOW_JSON_ASSET, suggested_file_name
from flowtui.tui.modals.checked_upload import CheckedUploadModal, back_to_draft_warning
from flowtui.tui.modals.save_json import SaveJsonModal
from flowtui.tui.reach import flows_app
from flowtui.tui.widgets.account_bar import AccountBar
from flowtui.tui.widgets.json_view import JsonView, error_lines
from flowtui.tui.widgets.keys_footer import KeysFooter
from flowtui.tui.widgets.literal import literal
from flowtui.tui.widgets.status import status_badge
from flowtui.tui.widgets.vim_table import VimTable

if TYPE_CHECKING:
    pass


class AssetBrowserScreen(Screen[bool]):
    """Dismisses with True when it uploaded a Flow JSON (the flow changed)."""

    AUTO_FOCUS = "#asset-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("s", "save_json", "Save JSON", id="save-json", tooltip="Save the Flow JSON"),
        Binding("u", "upload_checked", "Upload", id="upload-checked", tooltip="Check, then send"),
        Binding("ctrl+r", "refresh", "Refresh", id="refresh-assets"),
        Binding("P", "play", "Play", id="play-assets", tooltip="Play this Flow JSON"),
    ]

    def __init__(self, flow: Flow) -> None:
        super().__init__()
        self.flow = flow
        self.assets: list[Asset] = []
        self.flow_json: bytes | None = None
        self.errors: tuple[ValidationError, ...] = flow.validation_errors
        self.errors_origin = "Validation errors"
        self._uploaded: tuple[ValidationError, ...] | None = None

    def compose(self) -> ComposeResult:
        yield AccountBar(flows_app(self).context, id="account-bar")
        yield Static(id="assets-title")
        yield VimTable(id="asset-table")
        with Horizontal(id="assets-body"):
            with Vertical(id="assets-side"):
                yield Label("Validation errors", id="asset-errors-title", classes="assets-heading")
                yield VimTable(id="asset-errors")
                yield Static(id="asset-error-message")
            yield JsonView(id="json-view")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        assets = self.query_one("#asset-table", VimTable)
        assets.add_column("Name", key="name")
        assets.add_column("Type", key="type")
        assets.add_column("Download URL", key="url")
        errors = self.query_one("#asset-errors", VimTable)
        errors.add_column("Line", key="line", width=5)
        errors.add_column("Col", key="col", width=4)
        errors.add_column("Error", key="error")
        self.show_title()
        self.show_errors()
        self.load_assets()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Read-only: the upload key is not even offered.
        return not (action == "upload_checked" and flows_app(self).context.read_only)

    def action_play(self) -> None:
        from flowtui.tui.screens.player import play_screen

        if self.flow_json is None:
            self.notify("There is no Flow JSON to play yet.")
            return
        screen = play_screen(
            self.flow_json.decode("utf-8", "replace"),
            title=self.flow.name or self.flow.id,
            error_count=len(self.errors),
            clock=flows_app(self).clock,
        )
        if isinstance(screen, str):
            self.notify(screen, title="Cannot play this flow", severity="error")
        else:
            self.app.push_screen(screen)

    # --- loading -------------------------------------------------------------------------------

    @work(exclusive=True, group="assets", description="Loading the assets")
    async def load_assets(self, *, refresh_flow: bool = False, keep_errors: bool = False) -> None:
        client = flows_app(self).client
        self.query_one("#json-view", JsonView).loading = True
        try:
            if refresh_flow:
                self.flow = await client.get_flow(self.flow.id)
                self.show_title()
            self.assets = await client.get_flow_assets(self.flow.id)
            self.show_assets()
            flow_json = next((a for a in self.assets if a.asset_type == FLOW_JSON_ASSET), None)
            self.flow_json = None
            if flow_json is not None and flow_json.download_url:
                self.flow_json = await client.download_asset(flow_json)
        except FlowsError as error:
            flows_app(self).report_error(error, "Could not load the assets")
            self.query_one("#json-view", JsonView).show_message(
                "The Flow JSON could not be loaded: ctrl+r tries again."
            )
            return
        finally:
            self.query_one("#json-view", JsonView).loading = False
            flows_app(self).show_usage()
        text = None if self.flow_json is None else self.flow_json.decode("utf-8", "replace")
        self.query_one("#json-view", JsonView).show(text)
        if not keep_errors:
            self.errors = self.flow.validation_errors
            self.errors_origin = "Validation errors"
        self.show_errors()

    # --- rendering -----------------------------------------------------------------------------

    def show_title(self) -> None:
        flow = self.flow
        title = Text.assemble(
            ("Assets of ", "bold"),
            literal(flow.name or flow.id, "bold"),
            "  ",
            status_badge(flow.status),
        )
        self.query_one("#assets-title", Static).update(title)

    def show_assets(self) -> None:
        table = self.query_one("#asset-table", VimTable)
        table.clear()
        for index, asset in enumerate(self.assets):
            url = literal(asset.download_url or "-")
            url.overflow = "ellipsis"
            table.add_row(  # Graph's text: a DataTable reads a str cell as markup
                literal(asset.name), literal(asset.asset_type or "-"), url, key=str(index)
            )
        if not self.assets:
            table.add_row(Text("no assets", style="dim"), "", "")

    def show_errors(self) -> None:
        table = self.query_one("#asset-errors", VimTable)
        table.clear()
        for index, error in enumerate(self.errors):
            table.add_row(
                str(error.line_start or "-"),
                str(error.column_start or "-"),
                literal(error.error, "bold red"),
                key=str(index),
            )
        count = len(self.errors)
        origin = self.errors_origin
        self.query_one("#asset-errors-title", Label).update(
            f"{origin} ({count})" if count else f"{origin}: none"
        )
        self.show_selected_error()

    def selected_error(self) -> ValidationError | None:
        table = self.query_one("#asset-errors", VimTable)
        if not self.errors or table.row_count == 0:
            return None
        return self.errors[min(table.cursor_row, len(self.errors) - 1)]

    def show_selected_error(self) -> None:
        error = self.selected_error()
        message: Text | str = ""
        if error is not None:
            lines = error_lines(error)
            where = f"line {lines.start}, column {error.column_start or '?'}: " if lines else ""
            message = Text.assemble(
                literal(error.error, "bold red"), f"  {where}", literal(error.message)
            )
        self.query_one("#asset-error-message", Static).update(message)
        self.query_one("#json-view", JsonView).highlight(error_lines(error))

    @on(DataTable.RowHighlighted, "#asset-errors")
    def _error_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_selected_error()

    # --- keys ----------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(self._uploaded is not None)

    def action_refresh(self) -> None:
        self.load_assets(refresh_flow=True)

    def action_save_json(self) -> None:
        if self.flow_json is None:
            self.notify("This flow has no Flow JSON to save.", severity="warning")
            return
        initial = f"./{suggested_file_name(self.flow.name, self.flow.id)}"
        self.app.push_screen(
            SaveJsonModal(self.flow.name or self.flow.id, self.flow_json, initial_path=initial),
            self._saved,
        )

    def _saved(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"Saved to {path}", title="Flow JSON saved")

    def action_upload_checked(self) -> None:
        reason = refusal(FlowAction.EDIT, self.flow)
        if reason:
            self.notify(f"“{self.flow.name}”: {reason}.", severity="warning")
            return
        flow = self.flow

        async def upload(path: Path) -> str:
            result = await flows_app(self).client.update_flow_json(flow.id, path)
            self._uploaded = result.validation_errors
            count = len(result.validation_errors)
            if count:
                return f"Uploaded to “{flow.name}” with {count} validation error(s) to fix."
            return f"Uploaded to “{flow.name}”: no validation errors."

        self.app.push_screen(
            CheckedUploadModal(flow.name or flow.id, upload, warning=back_to_draft_warning(flow)),
            self._upload_done,
        )

    def _upload_done(self, outcome: str | None) -> None:
        if outcome is None or self._uploaded is None:
            return
        self.notify(outcome, title="Uploaded")
        self.errors = self._uploaded
        self.errors_origin = "Errors from the upload"
        self._uploaded = None
        self.load_assets(refresh_flow=True, keep_errors=True)  # the upload is now the live JSON
