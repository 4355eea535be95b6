"""The endpoint's key pair: written safely, refused before upload when it is not Meta's format."""

from __future__ import annotations

import base64
import datetime
import hashlib
import os
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from flowtui.endpoint.crypto import KeyFormatError, load_private_key
from flowtui.endpoint.keys import (
    PRIVATE_FILE,
    PUBLIC_FILE,
    KeyFileExistsError,
    fingerprint,
    generate_pair,
    uploadable_public_key,
    write_pair,
)


def test_a_pair_is_pkcs8_and_a_public_key_meta_takes(tmp_path: Path) -> None:
    pair = generate_pair()
    assert pair.private_pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert "PRIVATE" not in repr(pair)
    key = load_private_key(pair.private_pem)
    assert key.key_size == 2048
    assert uploadable_public_key(pair.public_pem) == pair.public_pem


def test_a_passphrase_encrypts_the_private_key() -> None:
    pair = generate_pair(b"correct horse")
    assert pair.private_pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    with pytest.raises(KeyFormatError, match="encrypted"):
        load_private_key(pair.private_pem)
    assert load_private_key(pair.private_pem, b"correct horse").key_size == 2048


def test_the_files_are_the_owners_alone_and_never_written_over(tmp_path: Path) -> None:
    pair = generate_pair()
    private, public = write_pair(pair, tmp_path / "new-folder")
    assert private.read_bytes() == pair.private_pem and public.read_text() == pair.public_pem
    for path in (private, public):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = generate_pair()
    with pytest.raises(KeyFileExistsError, match="nothing was written"):
        write_pair(again, tmp_path / "new-folder")
    assert private.read_bytes() == pair.private_pem  # the first pair is intact


def test_a_symlink_in_the_way_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    os.symlink(target, tmp_path / PRIVATE_FILE)  # dangling: a write through it would create
    with pytest.raises(KeyFileExistsError):
        write_pair(generate_pair(), tmp_path)
    assert not target.exists() and not (tmp_path / PUBLIC_FILE).exists()


def _pem(key, fmt) -> str:
    return key.public_bytes(serialization.Encoding.PEM, fmt).decode()


def _certificate(key: rsa.RSAPrivateKey) -> str:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "endpoint")])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            KEY.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ).decode(),
            "This is a PKCS#8 private key: upload the public key",
        ),
        (
            KEY.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            ).decode(),
            "This is a PKCS#1 RSA private key",
        ),
        (
            _pem(KEY.public_key(), serialization.PublicFormat.PKCS1),
            "This is a PKCS#1 RSA public key; Meta takes a PEM public key .* -RSAPublicKey_in",
        ),
        (_certificate(KEY), "This is an X.509 certificate; .*openssl x509"),
        (
            KEY.public_key()
            .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
            .decode(),
            "This is an OpenSSH public key; .*ssh-keygen",
        ),
        (
            _pem(
                rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key(),
                serialization.PublicFormat.SubjectPublicKeyInfo,
            ),
            "This RSA key has 1024 bits; Flows needs 2048",
        ),
        (
            _pem(
                ec.generate_private_key(ec.SECP256R1()).public_key(),
                serialization.PublicFormat.SubjectPublicKeyInfo,
            ),
            "This is not an RSA key",
        ),
        ("hello", "This is not a PEM key"),
    ],
    ids=[
        "pkcs8-private",
        "pkcs1-private",
        "pkcs1-public",
        "certificate",
        "openssh",
        "1024",
        "ec",
        "text",
    ],
)
def test_what_meta_would_refuse_is_refused_saying_what_it_is(text: str, said: str) -> None:
    with pytest.raises(KeyFormatError, match=said):
        uploadable_public_key(text)


def test_a_fingerprint_is_the_keys_not_the_texts() -> None:
    pem = _pem(KEY.public_key(), serialization.PublicFormat.SubjectPublicKeyInfo)
    body = "".join(pem.splitlines()[1:-1])
    rewrapped = (
        "-----BEGIN PUBLIC KEY-----\n"
        + "\n".join(body[i : i + 40] for i in range(0, len(body), 40))
        + "\n-----END PUBLIC KEY-----\n"
    )
    assert fingerprint(rewrapped) == fingerprint(pem)
    der = base64.b64decode(body)
    assert (
        fingerprint(pem).replace(":", "").removeprefix("SHA256") == hashlib.sha256(der).hexdigest()
    )
    assert fingerprint(pem) != fingerprint(generate_pair().public_pem)
