"""``flowtui play --steps --endpoint`` against the sandbox's demo endpoint, over loopback:
the key from the sandbox's encryption edge, requests encrypted, replies decrypted."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import httpx
import pytest

from flowtui.cli import main
from flowtui.endpoint import crypto
from flowtui.sandbox.demo import PRIMARY_ACCOUNT
from flowtui.sandbox.server import running_sandbox

BOOK_A_TABLE = "1000000000000102"
TOKEN = "player-test-token"


@pytest.fixture
def sandbox() -> str:
    with running_sandbox(token=TOKEN) as url:
        yield url


def public_key_file(sandbox: str, tmp_path: Path) -> Path:
    response = httpx.get(
        f"{sandbox}/v26.0/{PRIMARY_ACCOUNT.phone_number_id}/whatsapp_business_encryption",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200
    (node,) = response.json()["data"]
    assert node["business_public_key_signature_status"] == "VALID"
    path = tmp_path / "public.pem"
    path.write_text(node["business_public_key"])
    return path


def play(tmp_path: Path, capsys, steps: list, *options: str) -> tuple[int, dict]:
    flow = tmp_path / "book_a_table.json"
    flow.write_text(
        resources.files("flowtui.sandbox").joinpath("demo_flows/book_a_table.json").read_text()
    )
    steps_file = tmp_path / "steps.json"
    steps_file.write_text(json.dumps(steps))
    code = main(["play", str(flow), "--steps", str(steps_file), "--json", *options])
    return code, json.loads(capsys.readouterr().out)


def test_an_endpoint_flow_plays_end_to_end(sandbox, tmp_path, capsys) -> None:
    key = public_key_file(sandbox, tmp_path)
    steps = [
        {"expect_screen": "TABLE"},
        {"select": {"cafe": "riverside"}},  # data_exchange: the screen comes back refreshed
        {"expect_screen": "TABLE"},
        {"fill": {"party_size": "4", "date": "1767744000000", "time": "1900"}},
        {"click": "footer"},  # navigate
        {"fill": {"guest_name": "Sam Lee"}},
        {"click": "footer"},  # data_exchange: the endpoint leads on to CONFIRM
        {"expect_screen": "CONFIRM"},
        {"fill": {"terms": True}},
        {"click": "footer"},  # data_exchange on a terminal screen: SUCCESS
    ]
    code, transcript = play(
        tmp_path,
        capsys,
        steps,
        "--endpoint",
        f"{sandbox}/endpoint/{BOOK_A_TABLE}",
        "--public-key",
        str(key),
        "--flow-token",
        "booking-77",
    )
    assert transcript["error"] is None and code == 0
    assert transcript["screens"] == ["TABLE", "GUESTS", "CONFIRM"]
    kinds = [(a["type"], a["screen"]) for a in transcript["actions"]]
    assert kinds == [
        ("init", ""),
        ("data_exchange", "TABLE"),
        ("navigate", "TABLE"),
        ("data_exchange", "GUESTS"),
        ("data_exchange", "CONFIRM"),
        ("complete", "CONFIRM"),
    ]
    init = transcript["actions"][0]
    assert init["reply"]["screen"] == "TABLE"
    exchange = transcript["actions"][3]
    assert exchange["payload"] == {"guest_name": "Sam Lee"}  # empty optional inputs: no key
    assert exchange["reply"]["screen"] == "CONFIRM"
    assert transcript["result"] == {
        "type": "complete",
        "payload": {"flow_token": "booking-77"},
    }


def test_a_wrong_public_key_is_answered_421_and_named(sandbox, tmp_path, capsys) -> None:
    other = tmp_path / "other.pem"
    other.write_text(
        crypto.public_pem(
            crypto.rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
        )
    )
    code, transcript = play(
        tmp_path,
        capsys,
        [],
        "--endpoint",
        f"{sandbox}/endpoint/{BOOK_A_TABLE}",
        "--public-key",
        str(other),
    )
    assert code == 1
    assert transcript["error"]["step"] == 0
    assert transcript["error"]["message"].startswith(
        "business-decryption-error: the endpoint could not decrypt the request"
    )


def test_endpoint_options_are_checked_before_any_request(tmp_path, capsys) -> None:
    flow = tmp_path / "f.json"
    flow.write_text('{"version": "7.3", "screens": [{"id": "A", "layout": {"children": []}}]}')
    steps = tmp_path / "s.json"
    steps.write_text("[]")
    base = ["play", str(flow), "--steps", str(steps)]
    assert main([*base, "--endpoint", "https://example.org/x"]) == 2
    assert "--endpoint needs --public-key" in capsys.readouterr().err
    private = tmp_path / "private.pem"
    private.write_text("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    assert main([*base, "--endpoint", "https://example.org/x", "--public-key", str(private)]) == 2
    assert "a PKCS#8 private key: give the public key" in capsys.readouterr().err
    assert main([*base, "--endpoint", "http://example.org/x", "--public-key", str(private)]) == 2
    assert "WhatsApp only calls https endpoints" in capsys.readouterr().err
