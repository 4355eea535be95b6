"""The status machine over HTTP: every transition and every refusal, with Meta's codes."""

from __future__ import annotations

import json

import httpx
import pytest

from flowtui.sandbox.lifecycle import TRANSITIONS, Action, Refusal
from flowtui.sandbox.model import EditRule, FlowStatus
from tests.sandbox.conftest import (
    BLOCKED,
    DEPRECATED,
    DRAFT_FROZEN_VERSION,
    DRAFT_INVALID,
    DRAFT_NO_ENDPOINT,
    DRAFT_NO_JSON,
    DRAFT_PUBLISHABLE,
    PUBLISHED,
    PUBLISHED_IMMUTABLE,
    THROTTLED,
    VERSION,
    WABA,
    Sandbox,
    graph_error,
)
from tests.sandbox.test_create_update import VALID_FLOW_JSON

FLOW_IN_STATUS = {
    FlowStatus.DRAFT: DRAFT_PUBLISHABLE,
    FlowStatus.PUBLISHED: PUBLISHED,
    FlowStatus.THROTTLED: THROTTLED,
    FlowStatus.BLOCKED: BLOCKED,
    FlowStatus.DEPRECATED: DEPRECATED,
}

REFUSALS = [
    (action, status, outcome)
    for action, table in TRANSITIONS.items()
    for status, outcome in table.items()
    if isinstance(outcome, Refusal)
]


def _status(sandbox: Sandbox, flow_id: str) -> str:
    return sandbox.client.get(f"/{VERSION}/{flow_id}", params={"fields": "status"}).json()["status"]


def _attempt(sandbox: Sandbox, action: Action, flow_id: str) -> httpx.Response:
    client = sandbox.client
    if action is Action.PUBLISH:
        return client.post(f"/{VERSION}/{flow_id}/publish")
    if action is Action.DEPRECATE:
        return client.post(f"/{VERSION}/{flow_id}/deprecate")
    if action is Action.DELETE:
        return client.delete(f"/{VERSION}/{flow_id}")
    return client.post(f"/{VERSION}/{flow_id}", json={"name": "Edited name"})


def test_the_table_covers_every_action_and_status() -> None:
    for table in TRANSITIONS.values():
        assert set(table) == set(FlowStatus)


@pytest.mark.parametrize(
    ("action", "status", "refusal"),
    REFUSALS,
    ids=[f"{action.value}-{status.value}" for action, status, _ in REFUSALS],
)
def test_refusal(sandbox: Sandbox, action: Action, status: FlowStatus, refusal: Refusal) -> None:
    flow_id = FLOW_IN_STATUS[status]
    response = _attempt(sandbox, action, flow_id)
    assert response.status_code == 400
    error = graph_error(response)
    assert (error["code"], error["message"], error["type"]) == (
        refusal.code,
        refusal.message,
        "OAuthException",
    )
    assert error["error_user_msg"] == refusal.user_msg
    assert _status(sandbox, flow_id) == status.value  # nothing changed


def test_publish_a_valid_draft(sandbox: Sandbox) -> None:
    response = sandbox.client.post(f"/{VERSION}/{DRAFT_PUBLISHABLE}/publish")
    assert response.content == b'{"success":true}'
    assert _status(sandbox, DRAFT_PUBLISHABLE) == "PUBLISHED"


@pytest.mark.parametrize(
    ("flow_id", "message"),
    [
        (DRAFT_INVALID, "Publishing Flow with validation errors"),
        (DRAFT_NO_JSON, "Publishing Flow with validation errors"),
        (DRAFT_FROZEN_VERSION, "Versions in Flow JSON file are not available for publishing"),
        (DRAFT_NO_ENDPOINT, "Publishing without specifying endpoint_uri is forbidden"),
    ],
)
def test_publish_checks(sandbox: Sandbox, flow_id: str, message: str) -> None:
    error = graph_error(sandbox.client.post(f"/{VERSION}/{flow_id}/publish"))
    assert (error["code"], error["message"]) == (139002, message)
    assert _status(sandbox, flow_id) == "DRAFT"


def test_endpoint_flow_publishes_once_its_endpoint_is_set(sandbox: Sandbox) -> None:
    update = sandbox.client.post(
        f"/{VERSION}/{DRAFT_NO_ENDPOINT}", json={"endpoint_uri": "https://example.com/flow"}
    )
    assert update.json() == {"success": True}
    assert sandbox.client.post(f"/{VERSION}/{DRAFT_NO_ENDPOINT}/publish").json() == {
        "success": True
    }


def test_endpoint_uri_on_a_flow_json_below_3_is_139001(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{DEPRECATED}", json={"endpoint_uri": "https://example.com"}
    )
    assert graph_error(response)["code"] == 139001
    # The same on a draft whose JSON is 2.1:
    created = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows",
        json={"name": "Old", "categories": ["OTHER"], "clone_flow_id": DEPRECATED},
    ).json()
    error = graph_error(
        sandbox.client.post(
            f"/{VERSION}/{created['id']}", json={"endpoint_uri": "https://example.com"}
        )
    )
    assert (error["code"], error["message"]) == (139001, "Specify Endpoint Uri in Flow JSON")


def test_editing_a_published_flow_makes_it_a_draft_again(sandbox: Sandbox) -> None:
    response = sandbox.client.post(f"/{VERSION}/{PUBLISHED}", json={"name": "Agent v2"})
    assert response.json() == {"success": True}
    assert _status(sandbox, PUBLISHED) == "DRAFT"


def test_uploading_to_a_published_flow_makes_it_a_draft_again(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{PUBLISHED}/assets",
        files={"file": ("flow.json", VALID_FLOW_JSON, "application/json")},
        data={"name": "flow.json", "asset_type": "FLOW_JSON"},
    )
    assert response.json() == {"success": True, "validation_errors": []}
    assert _status(sandbox, PUBLISHED) == "DRAFT"


def test_older_flows_are_immutable_once_published(sandbox: Sandbox) -> None:
    for response in (
        sandbox.client.post(f"/{VERSION}/{PUBLISHED_IMMUTABLE}", json={"name": "Survey v2"}),
        sandbox.client.post(
            f"/{VERSION}/{PUBLISHED_IMMUTABLE}/assets",
            files={"file": ("flow.json", VALID_FLOW_JSON, "application/json")},
            data={"name": "flow.json", "asset_type": "FLOW_JSON"},
        ),
    ):
        error = graph_error(response)
        assert (error["code"], error["message"]) == (139001, "Flow can't be updated")
    assert _status(sandbox, PUBLISHED_IMMUTABLE) == "PUBLISHED"


def test_the_edit_rule_is_switchable_per_flow(sandbox: Sandbox) -> None:
    sandbox.store.set_edit_rule(PUBLISHED, EditRule.IMMUTABLE)
    response = sandbox.client.post(f"/{VERSION}/{PUBLISHED}", json={"name": "Agent v2"})
    assert graph_error(response)["code"] == 139001


def test_full_round_trip(sandbox: Sandbox) -> None:
    client = sandbox.client
    flow_id = client.post(
        f"/{VERSION}/{WABA}/flows", json={"name": "Round trip", "categories": ["OTHER"]}
    ).json()["id"]
    upload = client.post(
        f"/{VERSION}/{flow_id}/assets",
        files={"file": ("flow.json", VALID_FLOW_JSON, "application/json")},
        data={"name": "flow.json", "asset_type": "FLOW_JSON"},
    )
    assert upload.json()["validation_errors"] == []
    assert client.post(f"/{VERSION}/{flow_id}/publish").json() == {"success": True}
    assert client.post(f"/{VERSION}/{flow_id}/deprecate").json() == {"success": True}
    assert _status(sandbox, flow_id) == "DEPRECATED"
    second = client.post(
        f"/{VERSION}/{WABA}/flows", json={"name": "Throwaway", "categories": ["OTHER"]}
    ).json()["id"]
    assert client.delete(f"/{VERSION}/{second}").json() == {"success": True}
    gone = client.get(f"/{VERSION}/{second}")
    assert graph_error(gone)["error_subcode"] == 33


def test_method_override_delete(sandbox: Sandbox) -> None:
    flow_id = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows", json={"name": "Override", "categories": ["OTHER"]}
    ).json()["id"]
    response = sandbox.client.post(f"/{VERSION}/{flow_id}", params={"method": "delete"})
    assert json.loads(response.content) == {"success": True}
    assert sandbox.store.flow(flow_id) is None


def test_monitoring_blocks_and_recovers_stepwise(sandbox: Sandbox) -> None:
    def flow_health() -> str:
        body = sandbox.client.get(
            f"/{VERSION}/{PUBLISHED}", params={"fields": "status,health_status"}
        ).json()
        return f"{body['status']}/{body['health_status']['can_send_message']}"

    assert flow_health() == "PUBLISHED/AVAILABLE"
    sandbox.store.set_monitoring_status(PUBLISHED, FlowStatus.BLOCKED)
    assert flow_health() == "BLOCKED/BLOCKED"
    sandbox.store.set_monitoring_status(PUBLISHED, FlowStatus.THROTTLED)
    assert flow_health() == "THROTTLED/LIMITED"
    sandbox.store.set_monitoring_status(PUBLISHED, FlowStatus.PUBLISHED)
    assert flow_health() == "PUBLISHED/AVAILABLE"
