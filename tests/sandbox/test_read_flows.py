"""Reading Flows over HTTP: default and selected fields, expansion, errors, dates, headers."""

from __future__ import annotations

import json

import httpx

from tests.sandbox.conftest import (
    DRAFT_INVALID,
    DRAFT_NO_ENDPOINT,
    PHONE,
    PUBLISHED,
    THROTTLED,
    VERSION,
    WABA,
    Sandbox,
    graph_error,
)

ALL_FIELDS = (
    "id,name,categories,preview,status,validation_errors,json_version,data_api_version,"
    "endpoint_uri,whatsapp_business_account,application,health_status"
)


def test_get_flow_without_fields_answers_the_five_default_fields(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(f"/{VERSION}/{PUBLISHED}")
    assert response.status_code == 200
    assert response.content == (
        b'{"id":"1000000000000104","name":"Talk to an agent","status":"PUBLISHED",'
        b'"categories":["CUSTOMER_SUPPORT","CONTACT_US"],"validation_errors":[]}'
    )


def test_any_version_prefix_is_answered_and_named_in_the_header(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(f"/v23.0/{PUBLISHED}")
    assert response.status_code == 200
    assert response.headers["facebook-api-version"] == "v23.0"
    assert response.json()["id"] == PUBLISHED


def test_an_expired_version_is_served_by_the_oldest_usable_one(shared_sandbox: Sandbox) -> None:
    # The sandbox clock stands at 2026-11-01: v18.0 to v20.0 have expired, v21.0 has not.
    response = shared_sandbox.client.get(f"/v18.0/{PUBLISHED}")
    assert response.headers["facebook-api-version"] == "v21.0"


def test_metas_all_fields_request(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(f"/{VERSION}/{THROTTLED}", params={"fields": ALL_FIELDS})
    body = response.json()
    assert list(body) == [name for name in ALL_FIELDS.split(",") if name != "endpoint_uri"]
    assert body["json_version"] == "2.1"
    assert body["data_api_version"] == "3.0"
    assert body["whatsapp_business_account"] == {
        "id": WABA,
        "name": "Acme Retail",
        "timezone_id": "54",
        "message_template_namespace": "acme_retail_ns",
        "business_type": "ent",
    }
    assert body["application"] == {
        "link": "https://www.facebook.com/games/?app_id=400000000000001",
        "name": "flowtui Sandbox App",
        "id": "400000000000001",
    }
    assert set(body["preview"]) == {"preview_url", "expires_at"}
    assert "endpoint_uri" not in body  # unset fields are left out, as Graph does
    assert b"https:\\/\\/www.facebook.com" in response.content  # Graph escapes slashes


def test_id_is_appended_when_not_asked_for(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(
        f"/{VERSION}/{PUBLISHED}", params={"fields": "name,updated_at"}
    )
    assert response.json() == {
        "name": "Talk to an agent",
        "updated_at": "2026-01-05T11:00:00+0000",
        "id": PUBLISHED,
    }


def test_date_format_u_gives_unix_seconds(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(
        f"/{VERSION}/{PUBLISHED}", params={"fields": "updated_at", "date_format": "U"}
    )
    assert response.json()["updated_at"] == 1767610800


def test_nested_field_selection(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(
        f"/{VERSION}/{PUBLISHED}", params={"fields": "whatsapp_business_account{id,name}"}
    )
    assert response.json() == {
        "whatsapp_business_account": {"id": WABA, "name": "Acme Retail"},
        "id": PUBLISHED,
    }


def test_unknown_field_is_graph_error_100(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(
        f"/{VERSION}/{PUBLISHED}", params={"fields": "name,colour"}
    )
    assert response.status_code == 400
    error = graph_error(response)
    assert error == {
        "message": "(#100) Tried accessing nonexisting field (colour) on node type (WhatsAppFlow)",
        "type": "OAuthException",
        "code": 100,
        "fbtrace_id": response.headers["x-fb-trace-id"],
    }


def test_each_refusal_gets_a_fresh_trace_id(shared_sandbox: Sandbox) -> None:
    traces = {
        graph_error(shared_sandbox.client.get(f"/{VERSION}/{PUBLISHED}?fields=nope"))["fbtrace_id"]
        for _ in range(3)
    }
    assert len(traces) == 3


def test_unknown_object(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(f"/{VERSION}/999")
    assert response.status_code == 400
    assert graph_error(response) == {
        "message": "Unsupported get request. Object with ID '999' does not exist, cannot be "
        "loaded due to missing permissions, or does not support this operation. Please read the "
        "Graph API documentation at https://developers.facebook.com/docs/graph-api",
        "type": "GraphMethodException",
        "code": 100,
        "error_subcode": 33,
        "fbtrace_id": response.headers["x-fb-trace-id"],
    }


def test_unknown_edge(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(f"/{VERSION}/{PUBLISHED}/comments")
    assert graph_error(response)["code"] == 2500
    assert graph_error(response)["message"] == "Unknown path components: /comments"


def test_headers_like_the_real_api(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(f"/{VERSION}/{WABA}/flows")
    assert response.headers["facebook-api-version"] == VERSION
    assert len(response.headers["x-fb-trace-id"]) == 11
    usage = json.loads(response.headers["x-business-use-case-usage"])
    (figures,) = usage[WABA]
    assert set(figures) == {
        "type",
        "call_count",
        "total_cputime",
        "total_time",
        "estimated_time_to_regain_access",
    }
    assert figures["type"] == "whatsapp_business_management"


def test_health_status_of_a_throttled_flow(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(
        f"/{VERSION}/{THROTTLED}", params={"fields": "health_status"}
    )
    health = response.json()["health_status"]
    assert health["can_send_message"] == "LIMITED"
    flow, waba, business, app = health["entities"]
    assert flow["entity_type"] == "FLOW"
    assert flow["can_send_message"] == "LIMITED"
    assert flow["additional_info"]
    assert [waba["entity_type"], business["entity_type"], app["entity_type"]] == [
        "WABA",
        "BUSINESS",
        "APP",
    ]


def test_health_status_of_a_draft_without_endpoint_is_blocked(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(
        f"/{VERSION}/{DRAFT_NO_ENDPOINT}", params={"fields": f"health_status.phone_number({PHONE})"}
    )
    health = response.json()["health_status"]
    assert health["can_send_message"] == "BLOCKED"
    flow, phone = health["entities"][:2]
    assert flow["errors"][0]["error_code"] == 131000
    assert flow["errors"][0]["error_description"].startswith("endpoint_uri:")
    assert phone == {"entity_type": "PHONE_NUMBER", "id": PHONE, "can_send_message": "AVAILABLE"}


def test_health_status_for_a_foreign_phone_number(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(
        f"/{VERSION}/{PUBLISHED}", params={"fields": "health_status.phone_number(200000000000002)"}
    )
    assert graph_error(response)["code"] == 100


def test_validation_errors_are_meta_shaped(shared_sandbox: Sandbox) -> None:
    body = shared_sandbox.client.get(f"/{VERSION}/{DRAFT_INVALID}").json()
    assert body["validation_errors"]
    for item in body["validation_errors"]:
        assert {"error", "error_type", "message"} <= set(item)


def test_metrics(shared_sandbox: Sandbox) -> None:
    fields = (
        "metric.name(ENDPOINT_REQUEST_COUNT).granularity(DAY).since(2026-10-01).until(2026-10-03)"
    )
    response = shared_sandbox.client.get(f"/{VERSION}/{THROTTLED}", params={"fields": fields})
    body = response.json()
    assert body["id"] == THROTTLED
    metric = body["metric"]
    assert metric["name"] == "ENDPOINT_REQUEST_COUNT"
    assert metric["granularity"] == "DAY"
    assert [point["timestamp"] for point in metric["data_points"]] == [
        "2026-10-01T08:00:00+0000",
        "2026-10-02T08:00:00+0000",
        "2026-10-03T08:00:00+0000",
    ]
    assert all(point["data"][0]["key"] == "value" for point in metric["data_points"])
    again = shared_sandbox.client.get(f"/{VERSION}/{THROTTLED}", params={"fields": fields})
    assert again.json() == body  # deterministic


def test_metrics_below_the_threshold_are_139006(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(
        f"/{VERSION}/{PUBLISHED}",
        params={"fields": "metric.name(ENDPOINT_AVAILABILITY).granularity(LIFETIME)"},
    )
    error = graph_error(response)
    assert (error["code"], error["message"]) == (139006, "Metrics threshold is not reached")


def test_metrics_need_a_granularity(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(
        f"/{VERSION}/{THROTTLED}", params={"fields": "metric.name(ENDPOINT_REQUEST_ERROR)"}
    )
    assert graph_error(response)["message"] == "(#100) The parameter granularity is required"


def test_waba_node(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(f"/{VERSION}/{WABA}", params={"fields": "name"})
    assert response.json() == {"name": "Acme Retail", "id": WABA}


def test_plain_httpx_without_base_url(shared_sandbox: Sandbox) -> None:
    url = f"{shared_sandbox.graph}/{PUBLISHED}?fields=status"
    response = httpx.get(url, headers={"Authorization": "Bearer anything"})
    assert response.json() == {"status": "PUBLISHED", "id": PUBLISHED}


def test_error_envelope_bytes(shared_sandbox: Sandbox) -> None:
    response = shared_sandbox.client.get(f"/{VERSION}/{PUBLISHED}", params={"fields": "x"})
    trace = response.headers["x-fb-trace-id"]
    assert response.content == (
        b'{"error":{"message":"(#100) Tried accessing nonexisting field (x) on node type '
        b'(WhatsAppFlow)","type":"OAuthException","code":100,"fbtrace_id":"'
        + trace.encode()
        + b'"}}'
    )
