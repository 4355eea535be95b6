"""The seed data: fixed ids and dates, every status and category, and generated Flows."""

from __future__ import annotations

from collections import Counter

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


def test_only_the_flows_meant_to_be_broken_have_validation_errors() -> None:
    # The rest are clean, so their health and publishing show the status and version rules.
    store = build_store("demo", 0, lambda: 0.0)
    broken = {
        flow.name: Counter(item["error"] for item in flow.validation_errors)
        for flow in store.flows.values()
        if flow.validation_errors
    }
    assert broken == {
        "Ferry ticket booking": {"INVALID_PROPERTY_VALUE": 12},
        "Contact us": {
            "INVALID_PROPERTY_KEY": 1,
            "INVALID_PROPERTY_VALUE": 2,
            "INVALID_NAVIGATE_ACTION_PAYLOAD": 3,
            "INVALID_SCREEN_DATA": 1,
            "INVALID_ACTION_PAYLOAD_PROPERTY": 1,
            "MAX_FOOTER_PER_SCREEN": 1,
            "INVALID_ENUM_VALUE": 1,
        },
        "Lead capture": {"MISSING_FLOW_JSON_VERSION": 1, "MISSING_TERMINAL_SCREEN": 1},
    }


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
