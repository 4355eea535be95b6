"""Whatever Graph sends in a field, a model reads it as a value or as unknown, never as an
exception; no exception other than a FlowsError leaves a client method (issue #12, item 6)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowtui.api import errors as e
from flowtui.api import models
from flowtui.api.models import parse_timestamp

from .conftest import WABA

GARBAGE_DATES = [
    1e20,
    -1e20,
    math.nan,
    math.inf,
    -math.inf,
    10**30,
    -(10**30),
    "99999999999999999999",
    "9" * 5000,
    "NaN",
    "1e20",
    "-1",
    "²³",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "",
    [],
    {},
    True,
]


@pytest.mark.parametrize("value", GARBAGE_DATES, ids=lambda v: repr(v)[:24])
def test_a_date_out_of_range_or_not_a_date_is_unknown(value: object) -> None:
    assert parse_timestamp(value) is None


@pytest.mark.parametrize(
    "value", [1684667889, 1684667889.5, "1684667889", "2023-05-21T11:18:09+0000", "2023-05-21"]
)
def test_real_dates_still_read(value: object) -> None:
    parsed = parse_timestamp(value)
    assert parsed is not None and parsed.year == 2023 and parsed.tzinfo is not None


@pytest.mark.parametrize("value", GARBAGE_DATES[:8], ids=lambda v: repr(v)[:24])
async def test_a_garbled_updated_at_lists_the_flow_with_an_unknown_date(
    graph, client, value: object
) -> None:
    flows = [{"id": "1", "name": "A", "status": "DRAFT", "updated_at": value}]
    body = json.dumps({"data": flows})  # NaN and Infinity as Python's json reads them
    graph.get(f"/{WABA}/flows").respond(200, content=body.encode())
    page = await client.get_flows_page()
    assert [(f.id, f.updated_at) for f in page.flows] == [("1", None)]


# Every model and the keys it reads, so the garbage lands where the readers look.
MODELS = [
    models.ValidationPointer,
    models.ValidationError,
    models.Preview,
    models.Application,
    models.BusinessAccount,
    models.HealthProblem,
    models.HealthEntity,
    models.HealthStatus,
    models.Flow,
    models.FlowPage,
    models.CreatedFlow,
    models.FlowJsonUpload,
    models.Asset,
    models.MigratedFlow,
    models.FailedMigration,
    models.MigrationResult,
    models.MetricDataPoint,
    models.MetricSeries,
]
KEYS = sorted(
    {
        "id", "name", "status", "categories", "validation_errors", "json_version",
        "data_api_version", "endpoint_uri", "data_channel_uri", "updated_at", "preview",
        "health_status", "application", "whatsapp_business_account", "paging", "cursors",
        "before", "after", "next", "previous", "data", "success", "asset_type", "download_url",
        "preview_url", "expires_at", "link", "timezone_id", "message_template_namespace",
        "business_type", "error_code", "error_description", "possible_solution", "entity_type",
        "can_send_message", "errors", "additional_info", "entities", "error", "error_type",
        "message", "line_start", "line_end", "column_start", "column_end", "pointers", "path",
        "source_name", "source_id", "migrated_id", "error_message", "migrated_flows",
        "failed_flows", "timestamp", "key", "value", "granularity", "data_points",
        "_missing_", "__class__", "mro",
    }
)  # fmt: skip
ODD_VALUES = [-(10**30), 1e20, "DRAFT", "OTHER", "1e20", "NaN", "99999999999999999999",
              "2023-05-21T11:18:09+0000", "0001-01-01T00:00:00+14:00", "²", "\ud800"]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(ODD_VALUES),
    st.builds(lambda: 10**5000),  # past str()'s 4300 digits (built: hypothesis reprs values)
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=8))
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=6)
    ),
    max_leaves=20,
)
payloads = st.dictionaries(keys, values, max_size=12)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=st.sampled_from(MODELS), payload=payloads)
def test_no_payload_makes_a_model_raise(model: Any, payload: dict[str, Any]) -> None:
    parsed = model.from_graph(payload)
    for name in ("updated_at", "expires_at", "timestamp"):
        moment = getattr(parsed, name, None)
        if moment is not None:
            moment.astimezone()  # any date a model keeps can be shown in any time zone


async def test_a_model_failure_is_a_flows_error_naming_the_operation(
    graph, client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(payload: object) -> object:
        raise OverflowError("a bug in a model")

    monkeypatch.setattr(models.Flow, "from_graph", staticmethod(broken))
    graph.get("/1").respond(200, json={"id": "1"})
    with pytest.raises(e.MalformedResponseError) as caught:
        await client.get_flow("1")
    assert str(caught.value) == (
        "Graph answered the request to read the flow, but flowtui could not read the answer."
    )
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


async def test_assets_that_are_not_a_list_are_no_assets(graph, client) -> None:
    graph.get("/1/assets").respond(200, json={"data": "flow.json"})
    assert await client.get_flow_assets("1") == []


def test_flows_share_their_repeated_values_and_keep_no_payload_when_asked() -> None:
    from flowtui.api import models
    from flowtui.api.models import Flow, FlowStatus

    payload = {
        "id": "1",
        "status": "DRAFT",
        "categories": ["SURVEY", "OTHER"],
        "json_version": "7.3",
    }
    first = Flow.from_graph(dict(payload), keep_raw=False)
    second = Flow.from_graph(dict(payload, id="2", json_version="".join(["7", ".3"])))
    assert first.status is FlowStatus.DRAFT and first.categories is second.categories
    assert first.json_version is second.json_version  # one string, however many flows
    assert not first.raw and second.raw["id"] == "2"
    for number in range(5000):  # a server sending endless distinct values can't grow it
        Flow.from_graph({"id": "3", "status": f"S{number}", "json_version": f"v{number}"})
    assert len(models._STATUSES) <= models._SHARED_MAX
    assert len(models._SHORT_TEXTS) <= models._SHARED_MAX
