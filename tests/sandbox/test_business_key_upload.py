"""Keys through the sandbox with ``flowtui keys``: generated, uploaded, read back, kept across a
restart with ``--state``; refused before any request when they are not Meta's format; and the
private key appears in no output, log, state file or request."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from flowtui import cli
from flowtui.endpoint.keys import PRIVATE_FILE, PUBLIC_FILE, fingerprint
from flowtui.sandbox.demo import PRIMARY_ACCOUNT
from flowtui.sandbox.server import running_sandbox

PHONE = PRIMARY_ACCOUNT.phone_number_id


def flowtui(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FLOWTUI_TOKEN", "sandbox-token")
    return tmp_path


def test_generate_upload_status_round_trip_and_a_restart_keeps_the_key(in_tmp, capsys) -> None:
    state = in_tmp / "state.json"
    outputs: list[str] = []
    code, out, err = flowtui(capsys, "keys", "generate", "--out", "keys")
    assert code == 0, err
    outputs += [out, err]
    public = (in_tmp / "keys" / PUBLIC_FILE).read_text()
    private_body = "".join((in_tmp / "keys" / PRIVATE_FILE).read_text().splitlines()[1:-1])
    assert fingerprint(public) in out and "next: flowtui keys upload" in out

    with running_sandbox(state_path=state) as url:
        account = ("--base-url", url)
        code, out, err = flowtui(
            capsys,
            *account,
            "keys",
            "status",
            "--phone-number-id",
            PHONE,
            "--compare",
            "keys/" + PRIVATE_FILE,
        )
        outputs += [out, err]
        assert code == 1 and "a different key" in out  # the sandbox's own demo key is there
        code, out, err = flowtui(
            capsys, *account, "keys", "upload", "--phone-number-id", PHONE, "keys/" + PUBLIC_FILE
        )
        outputs += [out, err]
        assert code == 0, err
        assert out == f"uploaded for phone number {PHONE}: {fingerprint(public)}\n"
    with running_sandbox(state_path=state) as url:  # the same state file: a restart
        code, out, err = flowtui(
            capsys,
            "--base-url",
            url,
            "keys",
            "status",
            "--phone-number-id",
            PHONE,
            "--compare",
            "keys/" + PRIVATE_FILE,
            "--json",
        )
        outputs += [out, err]
        assert code == 0, err
        assert json.loads(out) == {
            "phone_number_id": PHONE,
            "fingerprint": fingerprint(public),
            "signature_status": "VALID",
            "matches": True,
        }
        served = httpx.get(
            f"{url}/v26.0/{PHONE}/whatsapp_business_encryption",
            headers={"Authorization": "Bearer x"},
        ).json()
        assert served["data"][0]["business_public_key"] == public

    logs = list(in_tmp.rglob("flowtui.log"))
    assert logs and "whatsapp_business_encryption -> 200" in logs[0].read_text()
    seen = [*outputs, state.read_text(), *(log.read_text() for log in logs)]
    for text in seen:
        for line in (private_body[i : i + 64] for i in range(0, len(private_body), 64)):
            assert line not in text


@pytest.mark.parametrize(
    ("make", "exit_code", "said"),
    [
        (lambda keys: keys / PRIVATE_FILE, 2, "This is a PKCS#8 private key: upload the public"),
        (lambda keys: keys / "missing.pem", 2, "missing.pem: no such file."),
        (lambda keys: keys, 2, "is a directory, not a file."),
    ],
    ids=["private", "missing", "folder"],
)
def test_a_bad_key_file_is_refused_before_any_request(in_tmp, capsys, make, exit_code, said):
    assert flowtui(capsys, "keys", "generate", "--out", "keys")[0] == 0
    # An address where nothing listens: had a request been sent, the refusal would differ.
    code, out, err = flowtui(
        capsys,
        "--base-url",
        "http://127.0.0.1:9",
        "keys",
        "upload",
        "--phone-number-id",
        PHONE,
        str(make(in_tmp / "keys")),
    )
    assert (code, out) == (exit_code, "")
    assert said in err


def test_generate_never_writes_over_a_key_and_takes_a_passphrase(in_tmp, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    assert flowtui(capsys, "keys", "generate", "--passphrase-stdin")[0] == 0
    first = (in_tmp / PRIVATE_FILE).read_bytes()
    assert first.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    code, _, err = flowtui(capsys, "keys", "generate")
    assert code == 2 and "is there already: nothing was written" in err
    assert (in_tmp / PRIVATE_FILE).read_bytes() == first


def test_graph_refuses_a_key_that_is_not_pem(in_tmp, capsys) -> None:
    with running_sandbox() as url:
        answer = httpx.post(
            f"{url}/v26.0/{PHONE}/whatsapp_business_encryption",
            data={
                "business_public_key": "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----"
            },
            headers={"Authorization": "Bearer x"},
        )
        assert answer.status_code == 400
        error = answer.json()["error"]
        assert (error["code"], error["message"], error["error_user_title"]) == (
            100,
            "Business public key is invalid",
            "Invalid Public Key",
        )
        code, _, err = flowtui(capsys, "--base-url", url, "keys", "status")
        assert code == 2 and "which phone number?" in err  # no profile holds one
