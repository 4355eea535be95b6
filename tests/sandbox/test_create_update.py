"""Create and update Flows with every parameter encoding the reference shows."""

from __future__ import annotations

import json

from tests.sandbox.conftest import (
    DRAFT_INVALID,
    PUBLISHED,
    THROTTLED,
    VERSION,
    WABA,
    Sandbox,
    graph_error,
)

VALID_FLOW_JSON = json.dumps(
    {
        "version": "7.3",
        "screens": [
            {
                "id": "THANKS",
                "title": "Thanks",
                "terminal": True,
                "success": True,
                "layout": {
                    "type": "SingleColumnLayout",
                    "children": [
                        {"type": "TextBody", "text": "Thank you."},
                        {
                            "type": "Footer",
                            "label": "Close",
                            "on-click-action": {"name": "complete", "payload": {}},
                        },
                    ],
                },
            }
        ],
    }
)


def _flow(sandbox: Sandbox, flow_id: str, fields: str) -> dict[str, object]:
    return sandbox.client.get(f"/{VERSION}/{flow_id}", params={"fields": fields}).json()


def test_create_with_a_json_body(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows", json={"name": "Signup", "categories": ["SIGN_UP", "OTHER"]}
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["id"]
    created = _flow(sandbox, body["id"], "name,status,categories")
    assert created == {
        "name": "Signup",
        "status": "DRAFT",
        "categories": ["SIGN_UP", "OTHER"],
        "id": body["id"],
    }


def test_create_with_multipart_lists_as_json_strings(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows",
        files={"name": (None, "Postman flow"), "categories": (None, '["OTHER"]')},
    )
    flow_id = response.json()["id"]
    assert _flow(sandbox, flow_id, "categories")["categories"] == ["OTHER"]


def test_create_with_a_urlencoded_form(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows",
        data={"name": "Form flow", "categories": '["SURVEY","CONTACT_US"]'},
    )
    flow_id = response.json()["id"]
    assert _flow(sandbox, flow_id, "categories")["categories"] == ["SURVEY", "CONTACT_US"]


def test_create_with_query_parameters_on_post(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows", params={"name": "Query flow", "categories": "LEAD_GENERATION"}
    )
    assert _flow(sandbox, response.json()["id"], "name")["name"] == "Query flow"


def test_create_with_flow_json_reports_validation(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows",
        json={"name": "With JSON", "categories": ["OTHER"], "flow_json": VALID_FLOW_JSON},
    )
    body = response.json()
    assert body == {"id": body["id"], "success": True, "validation_errors": []}
    assert _flow(sandbox, body["id"], "json_version,status") == {
        "json_version": "7.3",
        "status": "DRAFT",
        "id": body["id"],
    }


def test_create_and_publish_in_one_call(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows",
        json={
            "name": "Straight out",
            "categories": ["OTHER"],
            "flow_json": VALID_FLOW_JSON,
            "publish": True,
        },
    )
    assert _flow(sandbox, response.json()["id"], "status")["status"] == "PUBLISHED"


def test_publish_on_create_does_nothing_for_invalid_json(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows",
        json={
            "name": "Broken",
            "categories": ["OTHER"],
            "flow_json": '{"screens": []}',
            "publish": "true",
        },
    )
    body = response.json()
    assert body["success"] is True
    assert body["validation_errors"]
    assert _flow(sandbox, body["id"], "status")["status"] == "DRAFT"


def test_clone(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows",
        json={"name": "Agent copy", "categories": ["OTHER"], "clone_flow_id": PUBLISHED},
    )
    clone_id = response.json()["id"]
    assets = sandbox.client.get(f"/{VERSION}/{clone_id}/assets").json()["data"]
    original = sandbox.client.get(f"/{VERSION}/{PUBLISHED}/assets").json()["data"]
    download = sandbox.client.get(assets[0]["download_url"]).content
    assert download == sandbox.client.get(original[0]["download_url"]).content
    assert _flow(sandbox, clone_id, "status,json_version")["status"] == "DRAFT"


def test_clone_of_an_unknown_flow(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows",
        json={"name": "Ghost", "categories": ["OTHER"], "clone_flow_id": "42"},
    )
    assert graph_error(response)["error_user_msg"] == "Flow with specified ID does not exist"


def test_name_must_be_unique_in_the_account(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows", json={"name": "Talk to an agent", "categories": ["OTHER"]}
    )
    error = graph_error(response)
    assert (error["code"], error["error_user_title"]) == (100, "Flow name is not unique")


def test_missing_name(sandbox: Sandbox) -> None:
    response = sandbox.client.post(f"/{VERSION}/{WABA}/flows", json={"categories": ["OTHER"]})
    assert graph_error(response)["message"] == "(#100) The parameter name is required"


def test_unknown_category(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows", json={"name": "Shop", "categories": ["OTHER", "SHOPPING"]}
    )
    assert graph_error(response)["message"] == (
        "(#100) Param categories[1] must be one of {SIGN_UP, SIGN_IN, APPOINTMENT_BOOKING, "
        'LEAD_GENERATION, CONTACT_US, CUSTOMER_SUPPORT, SURVEY, OTHER} - got "SHOPPING".'
    )


def test_unknown_flow_json_version_is_refused_on_create(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/flows",
        json={"name": "Future", "categories": ["OTHER"], "flow_json": '{"version": "99.0"}'},
    )
    assert graph_error(response)["error_user_title"] == "Invalid Flow JSON version"


def test_update_metadata(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{DRAFT_INVALID}",
        json={"name": "Lead capture v2", "categories": ["LEAD_GENERATION", "SIGN_UP"]},
    )
    assert response.content == b'{"success":true}'
    assert _flow(sandbox, DRAFT_INVALID, "name,categories,updated_at,status") == {
        "name": "Lead capture v2",
        "categories": ["LEAD_GENERATION", "SIGN_UP"],
        "updated_at": "2026-11-01T09:00:00+0000",  # the sandbox clock
        "status": "DRAFT",
        "id": DRAFT_INVALID,
    }


def test_update_endpoint_uri_must_be_a_url(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/1000000000000110", data={"endpoint_uri": "not a url"}
    )
    assert graph_error(response)["error_user_title"] == "Invalid Endpoint URI"


def test_an_empty_endpoint_uri_clears_it(sandbox: Sandbox) -> None:
    flow = f"/{VERSION}/1000000000000110"
    sandbox.client.post(flow, json={"endpoint_uri": "https://example.com/flow"})
    assert "endpoint_uri" in _flow(sandbox, "1000000000000110", "endpoint_uri")
    response = sandbox.client.post(flow, json={"endpoint_uri": ""})
    assert response.content == b'{"success":true}'
    assert "endpoint_uri" not in _flow(sandbox, "1000000000000110", "endpoint_uri")


def test_update_to_a_taken_name(sandbox: Sandbox) -> None:
    response = sandbox.client.post(f"/{VERSION}/{DRAFT_INVALID}", json={"name": "Order feedback"})
    assert graph_error(response)["error_user_title"] == "Flow name is not unique"


def test_update_of_a_throttled_flow_is_refused(sandbox: Sandbox) -> None:
    response = sandbox.client.post(f"/{VERSION}/{THROTTLED}", json={"name": "Renamed"})
    error = graph_error(response)
    assert (error["code"], error["message"]) == (139001, "Flow can't be updated")
