"""The encryption, checked against a decryptor and an encryptor written here from the documented
steps (Meta's *Implementing Endpoints*, reference §B3), not with flowtui's own helpers."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from flowtui.endpoint import crypto

PRIVATE = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PUBLIC_PEM = (
    PRIVATE.public_key()
    .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    .decode()
)
OAEP = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def meta_example_decrypt(body: dict) -> tuple[dict, bytes, bytes]:
    """Meta's Python example, step by step."""
    flow_data = base64.b64decode(body["encrypted_flow_data"])
    iv = base64.b64decode(body["initial_vector"])
    aes_key = PRIVATE.decrypt(base64.b64decode(body["encrypted_aes_key"]), OAEP)
    ciphertext, tag = flow_data[:-16], flow_data[-16:]
    plaintext = AESGCM(aes_key).decrypt(iv, ciphertext + tag, None)
    return json.loads(plaintext), aes_key, iv


def meta_example_encrypt(reply: dict, aes_key: bytes, iv: bytes, *, flip: bool = True) -> str:
    flipped_iv = bytes(b ^ 0xFF for b in iv) if flip else iv
    sealed = AESGCM(aes_key).encrypt(flipped_iv, json.dumps(reply).encode(), None)
    return base64.b64encode(sealed).decode()


def test_a_request_decrypts_as_metas_example_decrypts_it() -> None:
    request = {"version": "3.0", "action": "ping", "note": "olá"}
    sent = crypto.encrypt_request(request, crypto.load_public_key(PUBLIC_PEM))
    assert set(sent.body) == {"encrypted_flow_data", "encrypted_aes_key", "initial_vector"}
    decrypted, aes_key, iv = meta_example_decrypt(sent.body)
    assert decrypted == request
    assert len(aes_key) == 16 and len(iv) == 16  # AES-128, a 16-byte IV
    assert (aes_key, iv) == (sent.aes_key, sent.iv)
    assert repr(sent.aes_key) not in repr(sent)  # the key never reaches a log through a repr


def test_a_reply_encrypted_as_metas_example_encrypts_it_decrypts() -> None:
    sent = crypto.encrypt_request({"action": "ping"}, crypto.load_public_key(PUBLIC_PEM))
    _, aes_key, iv = meta_example_decrypt(sent.body)
    reply = {"data": {"status": "active"}}
    assert crypto.decrypt_reply(meta_example_encrypt(reply, aes_key, iv), aes_key, iv) == reply


def test_the_endpoint_side_round_trips_with_the_client_side() -> None:
    sent = crypto.encrypt_request(
        {"action": "INIT", "flow_token": "t"}, crypto.load_public_key(PUBLIC_PEM)
    )
    request, aes_key, iv = crypto.decrypt_request(sent.body, PRIVATE)
    assert request == {"action": "INIT", "flow_token": "t"}
    body = crypto.encrypt_reply({"screen": "A", "data": {}}, aes_key, iv)
    assert meta_example_decrypt_reply(body, aes_key, iv) == {"screen": "A", "data": {}}


def meta_example_decrypt_reply(body: str, aes_key: bytes, iv: bytes) -> dict:
    flipped_iv = bytes(b ^ 0xFF for b in iv)
    return json.loads(AESGCM(aes_key).decrypt(flipped_iv, base64.b64decode(body), None))


@pytest.mark.parametrize(
    ("reply", "cause"),
    [
        (lambda key, iv: '{"data": {"status": "active"}}', "answered in plain JSON"),
        (lambda key, iv: "not base64 at all!", "is not base64"),
        (
            lambda key, iv: meta_example_encrypt({"a": 1}, key, iv, flip=False),
            "encrypted with the request IV instead of the flipped one",
        ),
        (
            lambda key, iv: meta_example_encrypt({"a": 1}, bytes(16), iv),
            "does not decrypt with the request's key and the flipped IV",
        ),
    ],
)
def test_wrong_replies_are_named(reply, cause) -> None:
    sent = crypto.encrypt_request({"action": "ping"}, crypto.load_public_key(PUBLIC_PEM))
    with pytest.raises(crypto.ReplyDecryptionError, match=cause):
        crypto.decrypt_reply(reply(sent.aes_key, sent.iv), sent.aes_key, sent.iv)


def test_keys_are_refused_for_what_they_are() -> None:
    private_pem = PRIVATE.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    with pytest.raises(crypto.KeyFormatError, match="a PKCS#8 private key: give the public key"):
        crypto.load_public_key(private_pem)
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key()
    small_pem = small.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    with pytest.raises(crypto.KeyFormatError, match="1024 bits; Flows needs 2048"):
        crypto.load_public_key(small_pem)
    pkcs1 = (
        PRIVATE.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1)
        .decode()
    )
    assert crypto.load_public_key(pkcs1).public_numbers() == PRIVATE.public_key().public_numbers()
    with pytest.raises(crypto.KeyFormatError, match="not a PEM key"):
        crypto.load_public_key("hello")
