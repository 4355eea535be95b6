"""The seed data: fixed ids and dates, every status and category, and generated Flows."""

from __future__ import annotations

from flowtui.sandbox.demo import build_store
from flowtui.sandbox.model import FLOW_CATEGORIES, FlowStatus
from flowtui.sandbox.persistence import state_document
from tests.sandbox.conftest import OTHER_WABA, WABA


def test_demo_data_does_not_depend_on_the_clock() -> None:
    today = state_document(build_store("demo", 20, lambda: 1_900_000_000.0))
    another_day = state_document(build_store("demo", 20, lambda: 1_700_000_000.0))
    assert today == another_day


def test_demo_covers_every_status_and_category() -> None:
    store = build_store("demo", 0, lambda: 0.0)
    flows = store.flows_of(WABA)
    assert {flow.status for flow in flows} == set(FlowStatus)
    assert {category for flow in flows for category in flow.categories} == set(FLOW_CATEGORIES)
    assert any(flow.validation_errors for flow in flows)
    names = {flow.name for flow in flows}
    assert any(flow.name in names for flow in store.flows_of(OTHER_WABA))  # a migration clash


def test_empty_data_has_both_accounts_and_no_flows() -> None:
    store = build_store("empty", 0, lambda: 0.0)
    assert set(store.accounts) == {WABA, OTHER_WABA}
    assert store.flows == {}


def test_generated_flows_are_numbered_after_the_demo() -> None:
    store = build_store("demo", 3, lambda: 0.0)
    generated = store.flows_of(WABA)[-3:]
    assert [flow.name for flow in generated] == [
        "Generated flow 00001",
        "Generated flow 00002",
        "Generated flow 00003",
    ]
    assert [int(flow.id) for flow in generated] == list(
        range(int(generated[0].id), int(generated[0].id) + 3)
    )
    assert int(generated[0].id) > max(int(f.id) for f in store.flows_of(OTHER_WABA))
