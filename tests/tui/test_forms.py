"""New, clone, edit and upload: checked as typed, and nothing typed is lost on failure."""

from __future__ import annotations

import json

from textual.widgets import Button, Input, SelectionList, Static

from flowtui.api import FlowStatus
from flowtui.tui.modals.confirm import ConfirmModal
from flowtui.tui.modals.flow_form import FlowFormModal
from flowtui.tui.modals.upload import UploadModal
from tests.flow_data import OWN_FLOWS

from .conftest import SIZE, flow_named, go_to, screen_text, settle, unwrapped

VALID_73 = {
    "version": "7.3",
    "screens": [
        {
            "id": "DONE",
            "title": "Thanks",
            "terminal": True,
            "layout": {
                "type": "SingleColumnLayout",
                "children": [
                    {"type": "TextBody", "text": "All set."},
                    {
                        "type": "Footer",
                        "label": "Finish",
                        "on-click-action": {"name": "complete", "payload": {}},
                    },
                ],
            },
        }
    ],
}


def field_error(app, field: str) -> str:
    return str(app.screen.query_one(f"#{field}-error", Static).render())


async def type_into(pilot, selector: str, text: str) -> None:
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = ""
    await pilot.press(*text) if text else None
    await pilot.pause()


async def test_new_flow_checks_fields_as_you_type(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, FlowFormModal)
        assert "name is missing" in field_error(app, "name")
        assert "choose at least one" in field_error(app, "categories")
        assert app.screen.query_one("#save", Button).disabled
        await type_into(pilot, "#endpoint", "ftp://x")
        assert "not an http(s) URL" in field_error(app, "endpoint")
        await type_into(pilot, "#json-path", "/no/such/flow.json")
        assert "does not exist" in field_error(app, "json-path")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FlowFormModal)  # refused, still open
        assert any("Fix the fields" in t for t in app.toasts())


async def test_new_flow_with_a_flow_json_is_created(make_app, api, tmp_path):
    path = tmp_path / "flow.json"
    path.write_text(json.dumps(VALID_73, indent=2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_into(pilot, "#name", "Loyalty survey")
        app.screen.query_one("#categories", SelectionList).select("SURVEY")
        await type_into(pilot, "#json-path", str(path))
        await pilot.pause()
        assert not app.screen.query_one("#save", Button).disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FlowFormModal)
        created = await flow_named(api, "Loyalty survey")
        assert created.status is FlowStatus.DRAFT and created.json_version == "7.3"
        assert [str(c) for c in created.categories] == ["SURVEY"]
        assert app.screen.table.current_flow_id == created.id  # the cursor is on the new flow


async def test_publish_now_with_errors_says_the_flow_stays_a_draft(make_app, api, dirs):
    from textual.widgets import Checkbox

    (dirs.cwd / "empty.json").write_text('{"version": "7.3", "screens": []}')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_into(pilot, "#name", "Spring sale")
        app.screen.query_one("#categories", SelectionList).select("OTHER")
        await type_into(pilot, "#json-path", "empty.json")
        verdict = str(app.screen.query_one("#json-path-verdict", Static).content)
        assert verdict.startswith("Local checks: 1 validation error")  # as u shows it
        assert "MIN_ITEMS_REQUIRED" in verdict
        app.screen.query_one("#publish", Checkbox).value = True
        await pilot.pause()
        verdict = str(app.screen.query_one("#json-path-verdict", Static).content)
        assert "created as a DRAFT, not published" in verdict  # said before sending
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FlowFormModal)
    created = await flow_named(api, "Spring sale")
    assert created.status is FlowStatus.DRAFT
    assert any(
        "as a DRAFT, not published: its Flow JSON has 1 validation error" in t for t in app.toasts()
    )


async def test_a_refused_create_keeps_everything_typed(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_into(pilot, "#name", "Contact us")  # the name exists: Graph refuses
        app.screen.query_one("#categories", SelectionList).select("CONTACT_US")
        await type_into(pilot, "#endpoint", "https://example.com/flow")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FlowFormModal)
        banner = str(form.query_one("#form-error", Static).render())
        assert "Graph error 100" in banner and "not unique" in banner.lower()
        assert form.query_one("#name", Input).value == "Contact us"
        assert form.query_one("#endpoint", Input).value == "https://example.com/flow"
        assert form.query_one("#categories", SelectionList).selected == ["CONTACT_US"]


async def test_c_clones_into_a_prefilled_form(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await pilot.press("c")
        form = app.screen
        assert form.query_one("#name", Input).value == "Order feedback (copy)"
        assert form.query_one("#clone-from", Input).value == "1000000000000114"
        await pilot.press("ctrl+s")
        await settle(pilot)
        clone = await flow_named(api, "Order feedback (copy)")
        assert clone.status is FlowStatus.DRAFT and clone.json_version == "7.3"


async def test_c_carries_the_endpoint_uri_as_the_form_shows(make_app, api):
    await api.update_flow_metadata("1000000000000110", endpoint_uri="https://example.com/flow")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Appointment dates")
        await pilot.press("c")
        assert app.screen.query_one("#endpoint", Input).value == "https://example.com/flow"
        await pilot.press("ctrl+s")
        await settle(pilot)
    clone = await flow_named(api, "Appointment dates (copy)")
    assert clone.endpoint_uri == "https://example.com/flow"


async def test_e_edits_name_and_categories(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Newsletter sign-up")
        await pilot.press("e")
        assert app.screen.query_one("#name", Input).value == "Newsletter sign-up"
        assert not app.screen.query("#json-path")  # edit has no file or clone fields
        await type_into(pilot, "#name", "Weekly newsletter")
        app.screen.query_one("#categories", SelectionList).select("LEAD_GENERATION")
        await pilot.press("ctrl+s")
        await settle(pilot)
        flow = await api.get_flow("1000000000000108")
        assert flow.name == "Weekly newsletter"
        assert {str(c) for c in flow.categories} == {"SIGN_UP", "LEAD_GENERATION"}


async def test_e_clears_the_endpoint_uri(make_app, api):
    flow_id = "1000000000000110"  # Appointment dates: an endpoint flow, DRAFT
    await api.update_flow_metadata(flow_id, endpoint_uri="https://example.com/flow")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Appointment dates")
        await pilot.press("e")
        assert app.screen.query_one("#endpoint", Input).value == "https://example.com/flow"
        app.screen.query_one("#endpoint", Input).value = ""
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FlowFormModal)
    assert (await api.get_flow(flow_id)).endpoint_uri is None
    assert any("its endpoint URI is cleared" in t for t in app.toasts())


async def test_u_uploads_a_flow_json_and_reports_its_errors(make_app, api):
    app = make_app()
    source = OWN_FLOWS / "invalid_action_name.json"  # a 2.1 Footer whose action is "submit"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Untitled sign-up")
        await pilot.press("u")
        assert isinstance(app.screen, UploadModal)
        assert app.screen.query_one("#upload", Button).disabled  # no path yet
        await type_into(pilot, "#path", str(source))
        verdict = str(app.screen.query_one("#local-errors", Static).content)
        assert verdict.startswith("Local checks: 1 validation error\n")  # before anything is sent
        assert "INVALID_ENUM_VALUE" in verdict
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)  # errors: a second, explicit yes
        assert (await api.get_flow("1000000000000115")).json_version is None
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, UploadModal)
        flow = await api.get_flow("1000000000000115")
        assert flow.json_version == "2.1" and flow.validation_errors
        assert any("validation error(s) to fix" in t for t in app.toasts())


async def test_the_upload_with_errors_question_is_shown_whole(make_app, dirs):
    (dirs.cwd / "empty.json").write_text('{"version": "7.3", "screens": []}')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Untitled sign-up")
        await pilot.press("u")
        await type_into(pilot, "#path", "empty.json")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        shown = unwrapped(screen_text(app))
        assert "Upload with 1 local validation error?" in shown
        assert (
            "Graph saves the file anyway, but the flow can't be published until they are fixed."
            in shown
        )


async def test_upload_refuses_a_broken_file_before_sending(make_app, api, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "version": "7.3",\n  "screens": [\n}')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Untitled sign-up")
        await pilot.press("u")
        await type_into(pilot, "#path", str(broken))
        assert "not valid JSON" in field_error(app, "path") and "line 4" in field_error(app, "path")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, UploadModal)
        assert app.screen.query_one("#path", Input).value == str(broken)
        assert (await api.get_flow("1000000000000115")).json_version is None


async def test_the_upload_dialog_checks_a_file_once_and_off_the_ui_thread(
    make_app, dirs, monkeypatch
):
    import threading

    from flowtui.tui import file_checks

    checked: list[bool] = []
    real = file_checks.check_flow_json_file

    def recording(path):
        if path.is_file():  # (paths that are no file fail at once, without reading)
            checked.append(threading.current_thread() is threading.main_thread())
        return real(path)

    monkeypatch.setattr(file_checks, "check_flow_json_file", recording)
    (dirs.cwd / "empty.json").write_text('{"version": "7.3", "screens": []}')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Untitled sign-up")
        await pilot.press("u")
        await type_into(pilot, "#path", "empty.json")
        await settle(pilot)
        await pilot.press("backspace", *"n")  # the same file typed again
        await settle(pilot)
        verdict = str(app.screen.query_one("#local-errors", Static).content)
        assert verdict.startswith("Local checks: 1 validation error")
    assert checked == [False]  # once, and never on the UI thread
