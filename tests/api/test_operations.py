"""Every FlowsClient operation: method, path, query and body sent; the answer parsed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import httpx
import respx

from flowtui.api import FlowCategory, FlowsClient, FlowStatus

from .conftest import WABA

FLOW_JSON = {
    "version": "7.3",
    "screens": [{"id": "ONE", "layout": {"type": "SingleColumnLayout", "children": []}}],
}

FULL_FLOW = {
    "id": "flow-1",
    "name": "my first flow",
    "categories": ["OTHER"],
    "preview": {
        "preview_url": "https://business.facebook.com/wa/manage/flows/55000/preview/?token=b9d6",
        "expires_at": "2023-05-21T11:18:09+0000",
    },
    "status": "DRAFT",
    "validation_errors": [],
    "json_version": "2.1",
    "data_api_version": "3.0",
    "data_channel_uri": "https://example.com",
    "health_status": {
        "can_send_message": "BLOCKED",
        "entities": [
            {
                "entity_type": "FLOW",
                "id": "flow-1",
                "can_send_message": "BLOCKED",
                "errors": [
                    {
                        "error_code": 131000,
                        "error_description": "endpoint_uri: You need to set the endpoint URI",
                        "possible_solution": "https://developers.facebook.com/docs/x",
                    }
                ],
            },
            {
                "entity_type": "APP",
                "id": "app-1",
                "can_send_message": "LIMITED",
                "additional_info": ["Your app is not subscribed to the message webhook."],
            },
        ],
    },
    "whatsapp_business_account": {
        "id": "waba-1",
        "name": "My Awesome WABA",
        "timezone_id": "54",
        "business_type": "ent",
        "message_template_namespace": "namespace-1",
    },
    "application": {
        "link": "https://www.facebook.com/games/?app_id=app-1",
        "name": "My Awesome App",
        "id": "app-1",
    },
    "updated_at": "2024-10-29T21:09:19+0000",
}


def sent_json(route: respx.Route) -> dict:
    return json.loads(route.calls.last.request.content)


async def test_create_flow_sends_a_json_body_and_parses_validation(graph, client: FlowsClient):
    route = graph.post(f"/{WABA}/flows").respond(
        200,
        json={
            "id": "555",
            "success": True,
            "validation_errors": [
                {
                    "error": "INVALID_PROPERTY_VALUE",
                    "error_type": "FLOW_JSON_ERROR",
                    "message": "Invalid value found for property 'type'.",
                    "line_start": 10,
                    "line_end": 10,
                    "column_start": 21,
                    "column_end": 34,
                    "pointers": [
                        {
                            "line_start": 10,
                            "line_end": 10,
                            "column_start": 21,
                            "column_end": 34,
                            "path": "screens[0].layout.children[0].type",
                        }
                    ],
                }
            ],
        },
    )
    created = await client.create_flow(
        "Sign up", ["sign_up", "OTHER"], flow_json=FLOW_JSON, endpoint_uri="https://ex.com/api"
    )
    body = sent_json(route)
    assert body["name"] == "Sign up"
    assert body["categories"] == ["SIGN_UP", "OTHER"]
    assert json.loads(body["flow_json"]) == FLOW_JSON
    assert body["endpoint_uri"] == "https://ex.com/api"
    assert "publish" not in body
    assert created.id == "555"
    assert created.validation_errors[0].pointers[0].path == "screens[0].layout.children[0].type"
    assert created.validation_errors[0].column_end == 34


async def test_create_flow_with_only_an_id_in_the_answer(graph, client):
    route = graph.post("/999/flows").respond(200, json={"id": "flow-1"})
    created = await client.create_flow("Clone", ["OTHER"], clone_flow_id="123", waba_id="999")
    assert sent_json(route) == {"name": "Clone", "categories": ["OTHER"], "clone_flow_id": "123"}
    assert (created.id, created.success, created.validation_errors) == ("flow-1", True, ())


async def test_create_and_publish_in_one_call(graph, client):
    route = graph.post(f"/{WABA}/flows").respond(200, json={"id": "1", "success": True})
    await client.create_flow("Go", ["SURVEY"], flow_json=json.dumps(FLOW_JSON), publish=True)
    assert sent_json(route)["publish"] is True


async def test_update_metadata_sends_only_what_changes(graph, client):
    route = graph.post("/123").respond(200, json={"success": True})
    await client.update_flow_metadata("123", name="New name", application_id="777")
    assert sent_json(route) == {"name": "New name", "application_id": "777"}
    await client.update_flow_metadata("123", categories=["contact_us"], endpoint_uri="https://e.x")
    assert sent_json(route) == {"categories": ["CONTACT_US"], "endpoint_uri": "https://e.x"}
    await client.update_flow_metadata("123", endpoint_uri="")  # clears it
    assert sent_json(route) == {"endpoint_uri": ""}


async def test_update_flow_json_is_a_multipart_upload(graph, client, tmp_path):
    path = tmp_path / "my-flow.json"
    path.write_text(json.dumps(FLOW_JSON))
    route = graph.post("/123/assets").respond(200, json={"success": True, "validation_errors": []})
    result = await client.update_flow_json("123", path)
    request = route.calls.last.request
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    body = request.content.decode()
    assert 'name="file"; filename="flow.json"' in body
    assert "Content-Type: application/json" in body
    assert 'name="name"\r\n\r\nflow.json' in body
    assert 'name="asset_type"\r\n\r\nFLOW_JSON' in body
    assert path.read_text() in body
    assert result.success and result.validation_errors == ()


async def test_update_flow_json_accepts_bytes_str_and_dict(graph, client):
    route = graph.post("/123/assets").respond(200, json={"success": True})
    for source in (json.dumps(FLOW_JSON).encode(), json.dumps(FLOW_JSON), FLOW_JSON):
        await client.update_flow_json("123", source)
    assert route.call_count == 3


async def test_a_str_naming_a_readable_file_is_that_file(graph, client, dirs):
    """The seed library's signature: update_flow_json(flow_id, "/path/flow.json")."""
    route = graph.post("/1/assets").respond(200, json={"success": True})
    (dirs.cwd / "flow.json").write_text('{"version": "7.3", "screens": []}')
    await client.update_flow_json("1", "flow.json")
    await client.update_flow_json("1", str(dirs.cwd / "flow.json"))
    assert route.call_count == 2
    assert b'{"version": "7.3", "screens": []}' in route.calls.last.request.content


async def test_a_str_that_parses_as_json_is_json_even_if_a_file_has_that_name(graph, client, dirs):
    route = graph.post("/1/assets").respond(200, json={"success": True})
    (dirs.cwd / "[]").write_text('{"version": "7.3"}')
    await client.update_flow_json("1", "[]")
    assert b'{"version": "7.3"}' not in route.calls.last.request.content


async def test_publish_deprecate_delete(graph, client):
    publish = graph.post("/123/publish").respond(200, json={"success": True})
    deprecate = graph.post("/123/deprecate").respond(200, json={"success": True})
    delete = graph.delete("/123").respond(200, json={"success": True})
    await client.publish_flow("123")
    await client.deprecate_flow("123")
    await client.delete_flow("123")
    assert (publish.call_count, deprecate.call_count, delete.call_count) == (1, 1, 1)


async def test_get_flow_parses_every_field_and_keeps_unknown_ones(graph, client):
    route = graph.get("/flow-1").respond(200, json={**FULL_FLOW, "brand_new_field": {"x": 1}})
    flow = await client.get_flow("flow-1", phone_number_id="106540352242922")
    fields = route.calls.last.request.url.params["fields"].split(",")
    assert "preview.invalidate(false)" in fields
    assert "health_status.phone_number(106540352242922)" in fields
    assert {"updated_at", "application", "whatsapp_business_account"} <= set(fields)
    assert flow.status is FlowStatus.DRAFT
    assert flow.categories == (FlowCategory.OTHER,)
    assert flow.preview.expires_at == datetime(2023, 5, 21, 11, 18, 9, tzinfo=UTC)
    assert flow.updated_at == datetime(2024, 10, 29, 21, 9, 19, tzinfo=UTC)
    assert flow.application.name == "My Awesome App"
    assert flow.whatsapp_business_account.timezone_id == "54"
    blocked = flow.health_status.entities[0]
    assert blocked.errors[0].error_code == 131000
    assert flow.health_status.entities[1].additional_info == (
        "Your app is not subscribed to the message webhook.",
    )
    assert flow.raw["brand_new_field"] == {"x": 1}


async def test_get_flow_never_rotates_the_preview_unless_asked(graph, client):
    route = graph.get("/1").respond(200, json={"id": "1"})
    await client.get_flow("1", fields=["id", "preview"])
    assert route.calls.last.request.url.params["fields"] == "id,preview.invalidate(false)"
    await client.get_flow("1", fields=["id"], invalidate_preview=True)
    assert route.calls.last.request.url.params["fields"] == "id,preview.invalidate(true)"


async def test_unknown_status_and_category_are_kept(graph, client):
    graph.get("/1").respond(
        200, json={"id": "1", "status": "PAUSED", "categories": ["SHOPPING", "OTHER"]}
    )
    flow = await client.get_flow("1")
    assert flow.status == "PAUSED" and not flow.status.is_known
    assert [str(c) for c in flow.categories] == ["SHOPPING", "OTHER"]


async def test_dates_as_unix_seconds(graph, client):
    graph.get("/1").respond(200, json={"id": "1", "updated_at": 1700000000})
    flow = await client.get_flow("1")
    assert flow.updated_at == datetime.fromtimestamp(1700000000, tz=UTC)


async def test_assets_and_download_without_the_token(graph, client):
    graph.get("/123/assets").respond(
        200,
        json={
            "data": [
                {
                    "name": "flow.json",
                    "asset_type": "FLOW_JSON",
                    "download_url": "https://scontent.xx.fbcdn.net/m1/v/t0/An_Hq0",
                }
            ],
            "paging": {"cursors": {"before": "b", "after": "a"}},
        },
    )
    cdn = graph.route(method="GET", url="https://scontent.xx.fbcdn.net/m1/v/t0/An_Hq0")
    cdn.respond(200, content=b"{}")
    assets = await client.get_flow_assets("123")
    assert [(a.name, a.asset_type) for a in assets] == [("flow.json", "FLOW_JSON")]
    assert await client.download_asset(assets[0]) == b"{}"
    assert "authorization" not in cdn.calls.last.request.headers


async def test_generate_preview(graph, client):
    route = graph.get("/1").respond(
        200,
        json={
            "id": "1",
            "preview": {"preview_url": "https://p/x", "expires_at": "2023-05-21T11:18:09+0000"},
        },
    )
    preview = await client.generate_preview("1", invalidate=True)
    assert route.calls.last.request.url.params["fields"] == "preview.invalidate(true)"
    assert preview.preview_url == "https://p/x"
    assert preview.is_expired(datetime(2024, 1, 1, tzinfo=UTC))


async def test_migrate_flows(graph, client):
    route = graph.post("/222/migrate_flows").respond(
        200,
        json={
            "migrated_flows": [
                {"source_name": "appointment-booking", "source_id": "1234", "migrated_id": "5678"}
            ],
            "failed_flows": [
                {
                    "source_name": "lead-gen",
                    "error_code": "4233041",
                    "error_message": "Flows Migration Error: Flow with the same name exists "
                    "in destination WABA.",
                }
            ],
        },
    )
    result = await client.migrate_flows("222", "111", ["appointment-booking", "lead-gen"])
    assert sent_json(route) == {
        "source_waba_id": "111",
        "source_flow_names": ["appointment-booking", "lead-gen"],
    }
    assert result.migrated[0].migrated_id == "5678"
    assert result.failed[0].error_code == "4233041"
    await client.migrate_flows("222", "111")
    assert sent_json(route) == {"source_waba_id": "111"}


async def test_metrics(graph, client):
    route = graph.get("/1").respond(
        200,
        json={
            "id": "1",
            "metric": {
                "granularity": "DAY",
                "name": "ENDPOINT_REQUEST_ERROR",
                "data_points": [
                    {
                        "timestamp": "2024-01-28T08:00:00+0000",
                        "data": [{"key": "timeout_error", "value": 25}],
                    },
                    {
                        "timestamp": "2024-01-29T08:00:00+0000",
                        "data": [{"key": "timeout_error", "value": 64}],
                    },
                ],
            },
        },
    )
    series = await client.get_flow_metrics(
        "1", "endpoint_request_error", "day", since=date(2024, 1, 28), until="2024-01-29"
    )
    assert route.calls.last.request.url.params["fields"] == (
        "metric.name(ENDPOINT_REQUEST_ERROR).granularity(DAY).since(2024-01-28).until(2024-01-29)"
    )
    assert [p.values["timeout_error"] for p in series.data_points] == [25, 64]
    assert series.granularity == "DAY"


async def test_health_status(graph, client):
    route = graph.get("/1").respond(
        200, json={"id": "1", "health_status": FULL_FLOW["health_status"]}
    )
    health = await client.get_health_status("1", "200000000000001")
    assert route.calls.last.request.url.params["fields"] == (
        "health_status.phone_number(200000000000001)"
    )
    assert health.can_send_message == "BLOCKED"
    assert [e.entity_type for e in health.entities] == ["FLOW", "APP"]


async def test_rate_limit_usage_is_exposed(graph, client):
    graph.get("/1").respond(
        200,
        json={"id": "1"},
        headers={
            "X-Business-Use-Case-Usage": json.dumps(
                {
                    WABA: [
                        {
                            "type": "whatsapp_business_management",
                            "call_count": 72,
                            "total_cputime": 5,
                            "total_time": 9,
                            "estimated_time_to_regain_access": 0,
                        }
                    ]
                }
            ),
            "X-App-Usage": '{"call_count":10,"total_cputime":1,"total_time":2}',
        },
    )
    assert client.usage is None
    await client.get_flow("1")
    assert client.usage.percent == 72
    assert client.usage.business[0].business_id == WABA
    assert client.usage.app.call_count == 10


async def test_the_client_owns_and_closes_one_http_client():
    async with FlowsClient("t", waba_id="1") as flows:
        http = flows._transport._http
        assert isinstance(http, httpx.AsyncClient) and not http.is_closed
    assert http.is_closed
