"""``get_business_public_key``: both shapes Meta documents, and a phone number without a key."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx
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


async def test_the_signature_status_is_read_and_a_missing_one_is_none(graph, client):
    answers = [
        {
            "data": [
                {"business_public_key": PEM, "business_public_key_signature_status": "MISMATCH"}
            ]
        },
        {"business_public_key": PEM},
    ]
    graph.get(f"/{PHONE}/whatsapp_business_encryption").mock(
        side_effect=[httpx.Response(200, json=answer) for answer in answers]
    )
    first, second = [await client.get_business_key_status(PHONE) for _ in answers]
    assert (first.public_key, first.signature_status) == (PEM, "MISMATCH")
    assert (second.public_key, second.signature_status) == (PEM, None)


async def test_an_upload_sends_the_pem_as_a_form_field(graph, client):
    route = graph.post(f"/{PHONE}/whatsapp_business_encryption").respond(
        200, json={"success": True}
    )
    await client.set_business_public_key(PHONE, PEM)
    sent = route.calls.last.request
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(sent.content.decode()) == {"business_public_key": [PEM]}


async def test_a_private_key_is_never_uploaded(graph, client):
    route = graph.post(f"/{PHONE}/whatsapp_business_encryption")
    private = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"
    with pytest.raises(errors.InputError, match="private key"):
        await client.set_business_public_key(PHONE, private)
    assert not route.called
