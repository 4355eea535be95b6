"""Flows endpoint encryption, exactly as WhatsApp does it (reference: endpoints-player-2026.md §B3,
from Meta's *Implementing Endpoints* and its Python example).

Request: a fresh 16-byte AES-128 key and 16-byte IV; the UTF-8 JSON encrypted with AES-GCM
(128-bit tag appended, no associated data); the key encrypted with RSA-OAEP (SHA-256 for OAEP
and MGF1, no label) under the business public key; all three base64 in one JSON body.
Reply: base64 text, AES-GCM under the same key with the IV's every bit inverted.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 16  # AES-128: WhatsApp sends 16-byte keys (an endpoint expecting AES-256 fails)
IV_BYTES = 16
TAG_BYTES = 16
MIN_RSA_BITS = 2048
_OAEP = padding.OAEP(
    mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
)


class KeyFormatError(ValueError):
    """A key file that is not what it should be, saying what it is instead."""


class ReplyDecryptionError(ValueError):
    """An endpoint reply that cannot be read (``response-decryption-error``), with the cause."""


class RequestDecryptionError(ValueError):
    """A request an endpoint cannot decrypt (it answers 421)."""


@dataclass(frozen=True)
class EncryptedRequest:
    body: dict[str, str]  # what is POSTed
    aes_key: bytes = field(repr=False)
    iv: bytes


def flipped(iv: bytes) -> bytes:
    return bytes(byte ^ 0xFF for byte in iv)


def key_kind(pem: str) -> str:
    """What a PEM text holds, in words ("a PKCS#8 private key", "an X.509 certificate", ...)."""
    kinds = (
        ("-----BEGIN PUBLIC KEY-----", "a public key (SubjectPublicKeyInfo)"),
        ("-----BEGIN RSA PUBLIC KEY-----", "a PKCS#1 RSA public key"),
        ("-----BEGIN CERTIFICATE-----", "an X.509 certificate"),
        ("-----BEGIN ENCRYPTED PRIVATE KEY-----", "an encrypted PKCS#8 private key"),
        ("-----BEGIN PRIVATE KEY-----", "a PKCS#8 private key"),
        ("-----BEGIN RSA PRIVATE KEY-----", "a PKCS#1 RSA private key"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----", "an OpenSSH private key"),
        ("ssh-rsa ", "an OpenSSH public key"),
    )
    return next((name for marker, name in kinds if marker in pem), "not a PEM key")


def load_public_key(pem: str) -> rsa.RSAPublicKey:
    """The RSA public key in ``pem`` (SubjectPublicKeyInfo or PKCS#1), 2048 bits or more."""
    kind = key_kind(pem)
    if "private" in kind:
        raise KeyFormatError(f"This is {kind}: give the public key (never send a private one).")
    try:
        if kind == "an X.509 certificate":
            from cryptography import x509

            key: Any = x509.load_pem_x509_certificate(pem.encode()).public_key()
        else:
            key = serialization.load_pem_public_key(pem.encode())
    except ValueError:
        raise KeyFormatError(
            f"This is {kind}, and it cannot be read as one: expected -----BEGIN PUBLIC KEY-----."
        ) from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise KeyFormatError("This is not an RSA key: Flows endpoints use RSA 2048.")
    if key.key_size < MIN_RSA_BITS:
        raise KeyFormatError(f"This RSA key has {key.key_size} bits; Flows needs {MIN_RSA_BITS}.")
    return key


def load_private_key(pem: bytes, passphrase: bytes | None = None) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase)
    except TypeError:
        raise KeyFormatError("This private key is encrypted: give its passphrase.") from None
    except ValueError:
        raise KeyFormatError(
            f"This is {key_kind(pem.decode('ascii', 'replace'))}, not a readable private key "
            "(or the passphrase is wrong)."
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise KeyFormatError("This is not an RSA private key.")
    return key


def public_pem(key: rsa.RSAPublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def encrypt_request(payload: Mapping[str, Any], public_key: rsa.RSAPublicKey) -> EncryptedRequest:
    """What WhatsApp POSTs for ``payload`` (client side)."""
    aes_key, iv = os.urandom(KEY_BYTES), os.urandom(IV_BYTES)
    plaintext = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    body = {
        "encrypted_flow_data": _b64(AESGCM(aes_key).encrypt(iv, plaintext, None)),
        "encrypted_aes_key": _b64(public_key.encrypt(aes_key, _OAEP)),
        "initial_vector": _b64(iv),
    }
    return EncryptedRequest(body, aes_key, iv)


def decrypt_reply(text: str, aes_key: bytes, iv: bytes) -> dict[str, Any]:
    """The endpoint's reply, decrypted with the flipped IV (client side); names the usual
    mistakes: a reply in plain JSON, not base64, encrypted with the request's own IV."""
    stripped = text.strip()
    if stripped.startswith("{"):
        raise ReplyDecryptionError(
            "the endpoint answered in plain JSON: encrypt the reply (AES-GCM with the request's "
            "key and the flipped IV) and send it base64-encoded"
        )
    try:
        sealed = base64.b64decode(stripped, validate=True)
    except (binascii.Error, ValueError):
        raise ReplyDecryptionError("the endpoint's reply is not base64") from None
    if len(sealed) < TAG_BYTES:
        raise ReplyDecryptionError("the endpoint's reply is too short to be encrypted")
    cipher = AESGCM(aes_key)
    try:
        plaintext = cipher.decrypt(flipped(iv), sealed, None)
    except InvalidTag:
        try:
            cipher.decrypt(iv, sealed, None)
        except InvalidTag:
            raise ReplyDecryptionError(
                "the endpoint's reply does not decrypt with the request's key and the flipped IV"
            ) from None
        raise ReplyDecryptionError(
            "the reply is encrypted with the request IV instead of the flipped one (invert every "
            "bit of the IV: byte ^ 0xFF)"
        ) from None
    try:
        reply = json.loads(plaintext.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or JSON too deep to read
        raise ReplyDecryptionError("the endpoint's reply decrypts to something not JSON") from None
    if not isinstance(reply, dict):
        raise ReplyDecryptionError("the endpoint's reply decrypts to JSON that is not an object")
    return reply


def decrypt_request(
    body: Mapping[str, Any], private_key: rsa.RSAPrivateKey
) -> tuple[dict[str, Any], bytes, bytes]:
    """An endpoint's side: the decrypted request, its AES key and its IV."""
    try:
        sealed = base64.b64decode(str(body["encrypted_flow_data"]), validate=True)
        wrapped = base64.b64decode(str(body["encrypted_aes_key"]), validate=True)
        iv = base64.b64decode(str(body["initial_vector"]), validate=True)
        aes_key = private_key.decrypt(wrapped, _OAEP)
        plaintext = AESGCM(aes_key).decrypt(iv, sealed, None)
        request = json.loads(plaintext.decode("utf-8"))
    except (KeyError, binascii.Error, ValueError, InvalidTag, RecursionError) as error:
        raise RequestDecryptionError(
            f"cannot decrypt the request ({type(error).__name__})"
        ) from None
    if not isinstance(request, dict):
        raise RequestDecryptionError("the request is not a JSON object")
    return request, aes_key, iv


def encrypt_reply(reply: Mapping[str, Any], aes_key: bytes, iv: bytes) -> str:
    """An endpoint's side: the reply body (base64 text)."""
    plaintext = json.dumps(reply, ensure_ascii=False, separators=(",", ":")).encode()
    return _b64(AESGCM(aes_key).encrypt(flipped(iv), plaintext, None))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
