"""``get_business_public_key``: both shapes Meta documents, and a phone number without a key."""

from __future__ import annotations

import pytest

from flowtui.api import errors

PEM = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n"
PHONE = "106540352242922"


@pytest.mark.parametrize(
    "answer",
    [
        {"data": [{"business_public_key": PEM, "business_public_key_signature_status": "VALID"}]},
        {"business_public_key": PEM, "business_public_key_signature_status": "VALID"},  # flat
    ],
)
async def test_the_key_is_read_in_either_shape(graph, client, answer):
    route = graph.get(f"/{PHONE}/whatsapp_business_encryption").respond(200, json=answer)
    assert await client.get_business_public_key(PHONE) == PEM
    assert route.called


async def test_no_key_says_to_upload_one(graph, client):
    graph.get(f"/{PHONE}/whatsapp_business_encryption").respond(200, json={"data": []})
    with pytest.raises(errors.MalformedResponseError, match="no business public key: upload one"):
        await client.get_business_public_key(PHONE)


async def test_a_bad_phone_number_id_is_refused_before_any_request(graph, client):
    with pytest.raises(errors.InputError):
        await client.get_business_public_key("12/../34")
