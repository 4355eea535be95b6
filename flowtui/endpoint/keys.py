"""The business key pair of a Flows endpoint: made, written safely, checked before upload.

Meta takes one RSA 2048 public key per phone number, as PEM SubjectPublicKeyInfo
(``-----BEGIN PUBLIC KEY-----``; reference flows-graph-api.md §8.7); the endpoint keeps the
private half. A private key is only ever written to the file named for it (0600, never over an
existing file) and is never printed or sent anywhere.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from flowtui.endpoint.crypto import MIN_RSA_BITS, KeyFormatError, key_kind, load_public_key
from flowtui.files import write_new_synced

PRIVATE_FILE = "flow-endpoint-private.pem"
PUBLIC_FILE = "flow-endpoint-public.pem"
UPLOADABLE = "a public key (SubjectPublicKeyInfo)"  # what key_kind calls Meta's format
FILE_MODE = 0o600


@dataclass(frozen=True)
class KeyPair:
    private_pem: bytes = field(repr=False)  # PKCS#8, encrypted when a passphrase was given
    public_pem: str


class KeyFileExistsError(FileExistsError):
    """A key would be written over a file that is there: nothing was written."""


def generate_pair(passphrase: bytes | None = None) -> KeyPair:
    """A new RSA 2048 pair: the private key as PKCS#8 PEM (under ``passphrase`` when one is
    given), the public key as the PEM Meta takes."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=MIN_RSA_BITS)
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return KeyPair(private, public.decode("ascii"))


def write_pair(pair: KeyPair, folder: Path) -> tuple[Path, Path]:
    """Both files in ``folder`` (made if missing), each readable by its owner alone; refuses,
    writing neither, when either file is there already."""
    private, public = folder / PRIVATE_FILE, folder / PUBLIC_FILE
    for path in (private, public):
        if path.exists() or path.is_symlink():
            raise KeyFileExistsError(f"{path} is there already: nothing was written.")
    folder.mkdir(parents=True, exist_ok=True)
    _write_new(private, pair.private_pem)
    try:
        _write_new(public, pair.public_pem.encode("ascii"))
    except OSError:
        private.unlink(missing_ok=True)  # half a pair is no pair
        raise
    return private, public


def _write_new(path: Path, data: bytes) -> None:
    """Created here (never over an existing file, nor through a symlink: ``O_EXCL``), mode
    0600 from the start: the private key is never readable by others, not even for a moment."""
    try:
        write_new_synced(path, data, FILE_MODE)
    except FileExistsError:
        raise KeyFileExistsError(f"{path} is there already: nothing was written.") from None


def uploadable_public_key(text: str) -> str:
    """The PEM to send as ``business_public_key``, normalised; refuses (saying what the text
    is) a private key, a PKCS#1 key, a certificate, an OpenSSH key, another algorithm or a key
    shorter than 2048 bits, before anything is sent."""
    kind = key_kind(text)
    if "private" in kind:
        raise KeyFormatError(
            f"This is {kind}: upload the public key (never send a private one). "
            "`flowtui keys generate` writes both halves."
        )
    if kind != UPLOADABLE:
        hints = {
            "a PKCS#1 RSA public key": "convert it with `openssl rsa -RSAPublicKey_in -in FILE "
            "-pubout`",
            "an X.509 certificate": "take its key with `openssl x509 -in FILE -pubkey -noout`",
            "an OpenSSH public key": "convert it with `ssh-keygen -e -m PKCS8 -f FILE`",
        }
        hint = hints.get(kind, "make a pair with `flowtui keys generate`")
        raise KeyFormatError(
            f"This is {kind}; Meta takes a PEM public key (-----BEGIN PUBLIC KEY-----): {hint}."
        )
    key = load_public_key(text)
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def fingerprint(public_pem: str) -> str:
    """SHA-256 of the key's DER SubjectPublicKeyInfo, as ``SHA256:`` and hex pairs (the same
    key in any PEM layout has the same fingerprint)."""
    key = load_public_key(public_pem)
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    digest = hashlib.sha256(der).hexdigest()
    return "SHA256:" + ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
