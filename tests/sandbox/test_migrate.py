"""migrate_flows between the two demo accounts, with per-flow failures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.sandbox.conftest import OTHER_WABA, VERSION, WABA, Sandbox, graph_error

CLASH = {
    "source_name": "Customer satisfaction survey",
    "error_code": "4233041",
    "error_message": "Flows Migration Error: Flow with the same name exists in destination WABA.",
}


def test_migrate_all_flows_with_a_name_clash(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/migrate_flows", params={"source_waba_id": OTHER_WABA}
    )
    body = response.json()
    assert list(body) == ["migrated_flows", "failed_flows"]
    assert body["failed_flows"] == [CLASH]
    assert [item["source_name"] for item in body["migrated_flows"]] == [
        "Pick a gift",
        "Damage photos",
        "Warranty registration",
    ]
    by_name = {item["source_name"]: item for item in body["migrated_flows"]}
    gift = sandbox.client.get(
        f"/{VERSION}/{by_name['Pick a gift']['migrated_id']}", params={"fields": "name,status"}
    ).json()
    assert gift["status"] == "PUBLISHED"  # published source, published copy
    photos = by_name["Damage photos"]
    assert photos["source_id"] == "1000000000000203"
    status = sandbox.client.get(f"/{VERSION}/{photos['migrated_id']}").json()["status"]
    assert status == "DRAFT"
    # The source keeps its flows: migration copies.
    assert len(sandbox.store.flows_of(OTHER_WABA)) == 4


@pytest.mark.parametrize(
    "encoding",
    [
        lambda names: {"json": {"source_waba_id": OTHER_WABA, "source_flow_names": names}},
        lambda names: {
            "files": {
                "source_waba_id": (None, OTHER_WABA),
                "source_flow_names": (None, '["' + '","'.join(names) + '"]'),
            }
        },
        lambda names: {
            "params": {"source_waba_id": OTHER_WABA, "source_flow_names": ",".join(names)}
        },
    ],
    ids=["json-array", "multipart-json-string", "query-comma-joined"],
)
def test_named_flows_in_every_encoding(
    sandbox: Sandbox, encoding: Callable[[list[str]], dict[str, Any]]
) -> None:
    names = ["Warranty registration", "No such flow", "Customer satisfaction survey"]
    response = sandbox.client.post(f"/{VERSION}/{WABA}/migrate_flows", **encoding(names))
    body = response.json()
    assert [item["source_name"] for item in body["migrated_flows"]] == ["Warranty registration"]
    assert body["failed_flows"] == [
        {
            "source_name": "No such flow",
            "error_code": "4233041",
            "error_message": "Flow name not found in source WABA.",
        },
        CLASH,
    ]


def test_source_is_required(sandbox: Sandbox) -> None:
    response = sandbox.client.post(f"/{VERSION}/{WABA}/migrate_flows")
    assert graph_error(response)["message"] == "(#100) The parameter source_waba_id is required"


def test_unknown_source_account(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/migrate_flows", json={"source_waba_id": "123"}
    )
    assert graph_error(response)["code"] == 100


def test_at_most_100_names(sandbox: Sandbox) -> None:
    response = sandbox.client.post(
        f"/{VERSION}/{WABA}/migrate_flows",
        json={"source_waba_id": OTHER_WABA, "source_flow_names": [f"f{n}" for n in range(101)]},
    )
    assert graph_error(response)["code"] == 100
