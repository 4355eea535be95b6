"""Publish, deprecate and delete: confirmation, local refusals, Graph refusals, read-only."""

from __future__ import annotations

import pytest

from flowtui.api import FlowStatus, NotFoundError
from flowtui.tui.modals.confirm import ConfirmModal

from .conftest import SIZE, flow_named, go_to, settle


async def test_p_then_y_publishes_and_the_table_follows(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Newsletter sign-up")
        await pilot.press("p")
        assert isinstance(app.screen, ConfirmModal)
        assert "Newsletter sign-up" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert (await flow_named(api, "Newsletter sign-up")).status is FlowStatus.PUBLISHED
        assert any("Published “Newsletter sign-up”" in t for t in app.toasts())
        table = app.screen.table
        assert table.current_flow_id == "1000000000000108"  # the cursor stayed on the flow
        shown = next(f for f in table.shown_flows() if f.id == "1000000000000108")
        assert shown.status is FlowStatus.PUBLISHED


@pytest.mark.parametrize("cancel", ["n", "escape"])
async def test_n_or_escape_cancels(make_app, api, cancel):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Newsletter sign-up")
        await pilot.press("p", cancel)
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmModal)
        assert (await flow_named(api, "Newsletter sign-up")).status is FlowStatus.DRAFT


async def test_x_deprecates_a_published_flow(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Order feedback")
        await pilot.press("x")
        assert app.screen.danger and "Deprecate flow “Order feedback”" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert (await flow_named(api, "Order feedback")).status is FlowStatus.DEPRECATED


async def test_ctrl_d_deletes_a_draft(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Untitled sign-up")
        await pilot.press("ctrl+d", "y")
        await settle(pilot)
        with pytest.raises(NotFoundError):
            await api.get_flow("1000000000000115")
        assert "1000000000000115" not in app.screen.flows


@pytest.mark.parametrize(
    ("name", "key", "reason"),
    [
        ("Order feedback", "p", "Only DRAFT flows can be published"),
        ("Contact us", "p", "Fix the 10 validation errors before publishing"),
        ("Newsletter sign-up", "x", "Only PUBLISHED, THROTTLED or BLOCKED flows can be deprecated"),
        ("Order feedback", "ctrl+d", "Only DRAFT flows can be deleted"),
        ("Book a table", "e", "a DEPRECATED flow can't be changed"),
    ],
)
async def test_a_disallowed_action_is_refused_on_the_spot(make_app, api, name, key, reason):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, name)
        before = await flow_named(api, name)
        action = {"p": "publish", "x": "deprecate", "ctrl+d": "delete", "e": "edit_metadata"}[key]
        assert app.screen.check_action(action, ()) is None  # greyed out in the footer
        await pilot.press(key)
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmModal)  # no confirmation, no request
        assert any(reason.lower() in t.lower() for t in app.toasts()), app.toasts()
        assert (await flow_named(api, name)).status == before.status


async def test_a_graph_refusal_is_a_toast_with_code_trace_and_way_out(make_app, api):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Appointment dates")  # needs an endpoint_uri: the sandbox refuses
        await pilot.press("p", "y")
        await settle(pilot)
        toast = next(t for t in app.toasts() if t.startswith("Could not publish"))
        assert "Graph error 139002" in toast and "fbtrace_id" in toast
        assert "fix the Flow JSON or the publishing checks" in toast
        assert (await flow_named(api, "Appointment dates")).status is FlowStatus.DRAFT


async def test_read_only_offers_no_change(make_app, api):
    app = make_app(read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "Newsletter sign-up")
        for action in ("publish", "delete", "new_flow", "edit_metadata", "upload_json", "clone"):
            assert app.screen.check_action(action, ()) is False
        await pilot.press("p", "ctrl+d", "n")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmModal)
        assert any("read-only" in t for t in app.toasts())
        assert app.screen.check_action("preview", ()) is True  # reading still works
        assert (await flow_named(api, "Newsletter sign-up")).status is FlowStatus.DRAFT


async def test_the_read_only_badge_shows_at_80_columns(make_app):
    from .conftest import screen_text

    app = make_app(read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "READ-ONLY" in screen_text(app).splitlines()[0]
