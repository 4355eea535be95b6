"""One flow: metadata, preview link, health, and its validation errors next to the JSON."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Label, Static

from flowtui.api import Flow, FlowsError, HealthStatus, Preview, ValidationError
from flowtui.text import printable
from flowtui.tui.reach import flows_app
from flowtui.tui.screens.flow_actions import FlowActionsScreen
from flowtui.tui.widgets.account_bar import AccountBar
from flowtui.tui.widgets.json_excerpt import excerpt
from flowtui.tui.widgets.keys_footer import KeysFooter
from flowtui.tui.widgets.literal import literal
from flowtui.tui.widgets.status import status_badge, when
from flowtui.tui.widgets.vim_table import VimTable

HEALTH_STYLES = {"AVAILABLE": "green", "LIMITED": "yellow", "BLOCKED": "bold red"}


class FlowDetailScreen(FlowActionsScreen):
    AUTO_FOCUS = "#errors"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+r", "refresh", "Refresh", id="refresh"),
    ]

    def __init__(self, flow: Flow) -> None:
        super().__init__()
        self.flow = flow
        self.flow_json: str | None = None

    def compose(self) -> ComposeResult:
        yield AccountBar(flows_app(self).context, id="account-bar")
        yield Static(id="detail-title")
        with Horizontal(id="detail-body"):
            with VerticalScroll(id="detail-meta"):
                yield Static(id="metadata")
                yield Static(id="health")
            with Vertical(id="detail-errors"):
                yield Label("Validation errors", id="errors-title")
                yield VimTable(id="errors")
                yield Static(id="error-message")
                yield Static(id="excerpt")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#errors", VimTable)
        table.add_column("Line", key="line", width=5)
        table.add_column("Col", key="col", width=4)
        table.add_column("Error", key="error", width=30)
        table.add_column("Message", key="message")
        self.show_flow()
        self.load_flow()

    # --- FlowActionsScreen ---------------------------------------------------------------------

    def current_flow(self) -> Flow | None:
        return self.flow

    def catalog_changed(self, select: str | None = None) -> None:
        if self.flow.id not in flows_app(self).catalog:  # deleted (here, or found gone)
            self.dismiss(None)

    def flow_changed(self, flow_id: str, *, select: bool = False) -> None:
        if flow_id == self.flow.id:
            self.load_flow()  # which puts it into the catalog too: the list needs no read
        else:  # another flow (a clone made from here)
            super().flow_changed(flow_id, select=select)

    def show_preview(self, flow: Flow, preview: Preview) -> None:
        if flow.id == self.flow.id:  # the old link is revoked (O): never show it again
            self.flow = replace(self.flow, preview=preview)
            self.query_one("#metadata", Static).update(metadata_table(self.flow))

    def action_back(self) -> None:
        self.dismiss(None)  # the list shows the catalog, this flow as read here, no request

    def action_refresh(self) -> None:
        self.load_flow()

    # --- loading -------------------------------------------------------------------------------

    @work(exclusive=True, group="flow-detail", description="Loading the flow")
    async def load_flow(self) -> None:
        client = flows_app(self).client
        phone = flows_app(self).context.phone_number_id
        self.query_one("#detail-title", Static).loading = True
        try:
            self.flow = await client.get_flow(self.flow.id, phone_number_id=phone)
            flows_app(self).catalog.put([self.flow])
            self.show_flow()
            assets = await client.get_flow_assets(self.flow.id)
            flow_json = next((a for a in assets if a.asset_type == "FLOW_JSON"), None)
            if flow_json is not None and flow_json.download_url:
                self.flow_json = (await client.download_asset(flow_json)).decode("utf-8", "replace")
        except FlowsError as error:
            flows_app(self).report_error(error, "Could not load the flow")
        finally:
            self.query_one("#detail-title", Static).loading = False
            flows_app(self).show_usage()
        self.show_excerpt()

    # --- rendering -----------------------------------------------------------------------------

    def show_flow(self) -> None:
        flow = self.flow
        title = Text.assemble(
            literal(flow.name or flow.id, "bold"), "  ", status_badge(flow.status)
        )
        self.query_one("#detail-title", Static).update(title)
        self.query_one("#metadata", Static).update(metadata_table(flow))
        self.query_one("#health", Static).update(health_view(flow.health_status))
        table = self.query_one("#errors", VimTable)
        table.clear()
        for index, error in enumerate(flow.validation_errors):
            table.add_row(
                str(error.line_start or "-"),
                str(error.column_start or "-"),
                literal(error.error, "bold red"),
                literal(error.message),
                key=str(index),
            )
        count = len(flow.validation_errors)
        self.query_one("#errors-title", Label).update(
            f"Validation errors ({count})" if count else "Validation errors: none"
        )
        self.update_key_states()

    def selected_error(self) -> ValidationError | None:
        table = self.query_one("#errors", VimTable)
        errors = self.flow.validation_errors
        if not errors or table.row_count == 0:
            return None
        return errors[min(table.cursor_row, len(errors) - 1)]

    def show_excerpt(self) -> None:
        error = self.selected_error()
        message: Text | str = ""
        if error is not None:
            where = (
                f"line {error.line_start}, column {error.column_start}: "
                if error.line_start
                else ""
            )
            message = Text.assemble(
                literal(error.error, "bold red"), f"  {where}", literal(error.message)
            )
        self.query_one("#error-message", Static).update(message)
        self.query_one("#excerpt", Static).update(excerpt(self.flow_json, error))

    @on(DataTable.RowHighlighted, "#errors")
    def _error_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_excerpt()


def metadata_table(flow: Flow) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    application = flow.application
    preview = flow.preview
    # Every value is Graph's text: literal (a Rich Table reads a str cell as markup).
    rows: list[tuple[str, RenderableType]] = [
        ("Status", status_badge(flow.status)),
        ("ID", literal(flow.id)),
        ("Categories", literal(", ".join(map(str, flow.categories)) or "-")),
        ("JSON version", literal(flow.json_version or "-")),
        ("Data API version", literal(flow.data_api_version or "-")),
        ("Endpoint URI", literal(flow.endpoint_uri or "-")),
        (
            "Application",
            literal(f"{application.name} ({application.id})")
            if application and application.name
            else Text("-"),
        ),
        ("Updated", Text(when(flow.updated_at))),
        ("Preview", fold(literal(preview.preview_url)) if preview else Text("-")),
        ("Preview expires", Text(when(preview.expires_at) if preview else "-")),
    ]
    for label, value in rows:
        table.add_row(label, value)
    return table


def fold(text: Text) -> Text:
    text.overflow = "fold"
    return text


def health_view(health: HealthStatus | None) -> RenderableType:
    if health is None:
        return Text("Health: not reported", style="dim")
    overall = printable(str(health.can_send_message or "?"))
    parts: list[RenderableType] = [
        Text.assemble(("Health  ", "bold"), (overall, HEALTH_STYLES.get(overall, "")))
    ]
    for entity in health.entities:
        state = printable(str(entity.can_send_message or "?"))
        parts.append(
            Text.assemble(
                literal(f"  {entity.entity_type} {entity.id or ''}  "),
                (state, HEALTH_STYLES.get(state, "")),
            )
        )
        for problem in entity.errors:
            parts.append(literal(f"    {problem.error_code}: {problem.error_description}", "red"))
            if problem.possible_solution:
                parts.append(literal(f"    → {problem.possible_solution}", "dim"))
        for info in entity.additional_info:
            parts.append(literal(f"    {info}", "yellow"))
    return Group(*parts)
