"""The new-flow, clone and edit-metadata form.

Fields are checked as the user types with the service layer's own checks, and the request
runs from the form itself: when Graph refuses, the error is shown above the fields and
everything typed stays where it was.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, SelectionList, Static

from flowtui.api import FlowsError, InputError, inputs
from flowtui.api.inputs import CATEGORIES
from flowtui.tui.file_checks import FileCheck, FileChecks, validated
from flowtui.tui.modals.checked_upload import local_errors_text
from flowtui.tui.modals.path_prompt import CHECKING
from flowtui.tui.widgets.literal import LiteralInput, literal


@dataclass(frozen=True)
class FlowForm:
    """What the user typed, already checked."""

    name: str
    categories: tuple[str, ...]
    flow_json_path: str = ""
    endpoint_uri: str = ""
    clone_flow_id: str = ""
    publish: bool = False


Submit = Callable[[FlowForm], Awaitable[str]]


class FlowFormModal(ModalScreen[str | None]):
    """``mode`` is ``new``, ``clone`` or ``edit``; ``submit`` sends the request and returns the
    sentence to show on success."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save"),
    ]

    def __init__(
        self,
        mode: str,
        submit: Submit,
        *,
        initial: FlowForm | None = None,
        title: str = "",
    ) -> None:
        super().__init__()
        self.mode = mode
        self._submit = submit
        self.initial = initial or FlowForm(name="", categories=())
        self.file_checks = FileChecks(self, validated, self._file_checked)
        self._submit_pending = False
        self.title_text = (
            title or {"new": "New flow", "clone": "Clone flow", "edit": "Edit flow"}[mode]
        )

    def compose(self) -> ComposeResult:
        initial = self.initial
        with VerticalScroll(id="dialog"):
            yield Label(literal(self.title_text), id="form-title")
            yield Static("", id="form-error")
            yield Label("Name")
            yield LiteralInput(
                initial.name, placeholder="e.g. Book an appointment", id="name", compact=True
            )
            yield Static("", classes="field-error", id="name-error")
            yield Label("Categories (space toggles)")
            yield SelectionList[str](
                *[(c.replace("_", " ").title(), c, c in initial.categories) for c in CATEGORIES],
                id="categories",
            )
            yield Static("", classes="field-error", id="categories-error")
            yield Label(
                "Endpoint URI (the flow's, copied: change or clear it)"
                if self.mode == "clone"
                else "Endpoint URI (optional)"
            )
            yield LiteralInput(
                initial.endpoint_uri,
                placeholder="https://example.com/flow",
                id="endpoint",
                compact=True,
            )
            yield Static("", classes="field-error", id="endpoint-error")
            if self.mode != "edit":
                yield Label("Flow JSON file (optional)")
                yield LiteralInput(
                    initial.flow_json_path,
                    placeholder="path/to/flow.json",
                    id="json-path",
                    compact=True,
                )
                yield Static("", classes="field-error", id="json-path-error")
                yield Static("", id="json-path-verdict")
                yield Label("Clone from flow id (optional)")
                yield LiteralInput(
                    initial.clone_flow_id, placeholder="flow id", id="clone-from", compact=True
                )
                yield Static("", classes="field-error", id="clone-from-error")
                yield Checkbox(
                    "Publish now (needs a Flow JSON file)", initial.publish, id="publish"
                )
            with Horizontal(id="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.check_fields()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.check_fields()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.check_fields()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.check_fields()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    def _value(self, widget_id: str) -> str:
        found = self.query(f"#{widget_id}")
        return found.first(Input).value.strip() if found else ""

    def current_form(self) -> FlowForm:
        publish = self.query("#publish")
        return FlowForm(
            name=self._value("name"),
            categories=tuple(self.query_one("#categories", SelectionList).selected),
            flow_json_path=self._value("json-path"),
            endpoint_uri=self._value("endpoint"),
            clone_flow_id=self._value("clone-from"),
            publish=bool(publish and publish.first(Checkbox).value),
        )

    def field_errors(self, form: FlowForm) -> dict[str, str]:
        """Per field, what is wrong, using the same checks as the service layer."""
        checks: dict[str, Callable[[], object]] = {
            "name": lambda: inputs.check_name(form.name),
            "categories": lambda: inputs.check_categories(form.categories),
        }
        if form.endpoint_uri:
            checks["endpoint"] = lambda: inputs.check_url(form.endpoint_uri, "endpoint URI")
        if form.clone_flow_id:
            checks["clone-from"] = lambda: inputs.check_id(form.clone_flow_id, "flow id")
        errors: dict[str, str] = {}
        for field_id, check in checks.items():
            try:
                check()
            except InputError as error:
                errors[field_id] = str(error)
        file = self.json_file_check(form)
        if form.flow_json_path and (file is None or file.problem):
            errors["json-path"] = file.problem if file is not None else CHECKING
        if form.publish and not form.flow_json_path:
            errors["json-path"] = "Publishing now needs a Flow JSON file."
        if form.flow_json_path and form.clone_flow_id:
            errors["clone-from"] = "Give a Flow JSON file or a flow to clone, not both."
        return errors

    def json_file_check(self, form: FlowForm) -> FileCheck | None:
        """The Flow JSON file's check (done in the background; None until it is in)."""
        if not form.flow_json_path:
            return FileCheck()
        return self.file_checks.get(Path(form.flow_json_path).expanduser())

    def check_fields(self) -> dict[str, str]:
        form = self.current_form()
        errors = self.field_errors(form)
        for label in self.query(".field-error").results(Static):
            field_id = (label.id or "").removesuffix("-error")
            problem = errors.get(field_id, "")  # they quote what was typed
            label.update(literal(problem, "dim" if problem == CHECKING else ""))
        verdict = self.query("#json-path-verdict")
        if verdict:  # the local validator's say on the file, as u shows it
            shown = Text()
            file = self.json_file_check(form)
            if form.flow_json_path and "json-path" not in errors and file is not None:
                shown = local_errors_text(file.errors)
                if form.publish and file.errors:
                    shown.append(
                        "\nWith these errors the flow is created as a DRAFT, not published.",
                        style="yellow",
                    )
            verdict.first(Static).update(shown)
        self.query_one("#save", Button).disabled = bool(errors)
        return errors

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        errors = self.check_fields()
        self._submit_pending = set(errors.values()) == {CHECKING}  # sent once it is checked
        if self._submit_pending:
            return
        if errors:
            self.notify("Fix the fields marked in red first.", severity="warning")
            return
        self.send(self.current_form())

    def _file_checked(self) -> None:
        errors = self.check_fields()
        if self._submit_pending and CHECKING not in errors.values():
            self.action_submit()

    @work(exclusive=True, group="flow-form", description="Saving the flow")
    async def send(self, form: FlowForm) -> None:
        banner = self.query_one("#form-error", Static)
        banner.update("Sending…")
        self.query_one("#save", Button).disabled = True
        try:
            outcome = await self._submit(form)
        except FlowsError as error:
            banner.update(literal(f"{error}\n{error.remedy}".strip(), lines=True))
            self.query_one("#save", Button).disabled = False
            self.notify(str(error), title="Not saved", severity="error", timeout=8)
            return
        self.dismiss(outcome)
