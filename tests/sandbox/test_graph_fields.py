from __future__ import annotations

import pytest

from flowtui.sandbox.errors import GraphError
from flowtui.sandbox.graph_fields import FieldRequest, parse_fields


def test_plain_fields_keep_their_order() -> None:
    assert parse_fields("id,name, status") == [
        FieldRequest("id"),
        FieldRequest("name"),
        FieldRequest("status"),
    ]


def test_modifiers_chain() -> None:
    (metric,) = parse_fields(
        "metric.name(ENDPOINT_REQUEST_COUNT).granularity(DAY).since(2024-01-01).until(2024-01-31)"
    )
    assert metric.name == "metric"
    assert metric.modifiers == {
        "name": "ENDPOINT_REQUEST_COUNT",
        "granularity": "DAY",
        "since": "2024-01-01",
        "until": "2024-01-31",
    }


def test_modifier_and_nested_selection() -> None:
    preview, health, waba = parse_fields(
        "preview.invalidate(true),health_status.phone_number(200000000000001),"
        "whatsapp_business_account{id,name}"
    )
    assert preview.modifiers == {"invalidate": "true"}
    assert health.modifiers == {"phone_number": "200000000000001"}
    assert waba.subfields == (FieldRequest("id"), FieldRequest("name"))


@pytest.mark.parametrize("text", ["id,,name", "preview.invalidate(true", "a{b", "id name", "a.b"])
def test_malformed_fields_are_a_syntax_error(text: str) -> None:
    with pytest.raises(GraphError) as caught:
        parse_fields(text)
    assert caught.value.message.startswith("Syntax error")
    assert text in caught.value.message
