"""The endpoint doctor against endpoints that live in this test, over loopback.

The endpoints (protocol_endpoint.py) follow Meta's documented protocol, written with
``cryptography`` directly and none of flowtui's helpers: one is right, the others make the
mistakes developers make, and each check passes or fails where it should, naming the cause.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from flowtui import cli
from flowtui.endpoint.doctor import Check, Target, examine, passed
from flowtui.player.document import FlowDocument

from .protocol_endpoint import FLOW, PRIVATE, SECRET, serve

__all__ = ["serve"]  # (the fixture, used by name)


async def check(url: str, **options) -> dict[str, Check]:
    target = Target(url, PRIVATE.public_key(), document=FlowDocument.from_json(FLOW), **options)
    async with httpx.AsyncClient() as http:
        checks = await examine(target, http, timeout=0.5)
    return {c.name: c for c in checks}


def verdicts(checks: dict[str, Check]) -> dict[str, bool | None]:
    return {name: c.ok for name, c in checks.items()}


ALL_PASS = {
    "reachable": True,
    "ping": True,
    "wrong key answered 421": True,
    "bad signature answered 432": True,
    "INIT": True,
    "error notification": True,
    "data API version": True,
}


async def test_a_correct_endpoint_passes_every_check(serve) -> None:
    checks = await check(serve(), app_secret=SECRET)
    assert verdicts(checks) == ALL_PASS
    assert "plain http" in checks["reachable"].detail and checks["reachable"].ms is not None
    assert checks["INIT"].detail == "opened screen APPOINTMENT, its data as the screen declares"
    assert checks["data API version"].detail == "the replies say 3.0, as the flow"
    assert passed(list(checks.values()))


async def test_without_the_app_secret_the_signature_check_is_skipped_and_said(serve) -> None:
    checks = await check(serve())
    assert checks["bad signature answered 432"].ok is None
    assert "flowtui auth app-secret" in checks["bad signature answered 432"].detail
    assert passed(list(checks.values()))  # a skip is no failure


@pytest.mark.parametrize(
    ("mistake", "failing", "said"),
    [
        ("plain", "ping", "answered in plain JSON"),
        ("unflipped", "ping", "encrypted with the request IV instead of the flipped one"),
        ("500", "ping", "answered HTTP 500 to a ping"),
        ("no-421", "wrong key answered 421", "was answered HTTP 500: answer 421"),
        (
            "ignores-signature",
            "bad signature answered 432",
            "answered HTTP 200: check the signature",
        ),
        ("wrong-init", "INIT", "field 'departments' should be a array, not str"),
        ("slow", "reachable", "did not answer within 0.5 s"),
    ],
)
async def test_each_mistake_fails_its_check_with_the_cause(serve, mistake, failing, said) -> None:
    checks = await check(serve(mistake), app_secret=SECRET)
    assert checks[failing].ok is False
    assert said in checks[failing].detail
    assert not passed(list(checks.values()))


async def test_an_endpoint_that_cannot_be_reached_fails_once_and_skips_the_rest() -> None:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        port = sock.getsockname()[1]  # (closed again: nothing listens there)
    checks = await check(f"http://127.0.0.1:{port}/flow")
    assert checks["reachable"].ok is False and "could not be reached" in checks["reachable"].detail
    assert {c.ok for name, c in checks.items() if name != "reachable"} == {None}


async def test_a_wrong_public_key_is_named_by_the_ping(serve) -> None:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    async with httpx.AsyncClient() as http:
        checks = await examine(Target(serve(), stranger), http, timeout=2)
    ping = next(c for c in checks if c.name == "ping")
    assert ping.ok is False and "its private key is not the pair of the public key" in ping.detail


def test_the_command_prints_one_line_per_check_and_json(serve, tmp_path: Path, capsys) -> None:
    url = serve()
    key = tmp_path / "public.pem"
    key.write_bytes(
        PRIVATE.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    flow = tmp_path / "flow.json"
    flow.write_text(json.dumps(FLOW))
    code = cli.main(
        ["endpoint", "check", "--url", url, "--public-key", str(key), "--flow-json", str(flow)]
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [line.split(":", 1)[0] for line in out] == [
        "ok   reachable",
        "ok   ping",
        "ok   wrong key answered 421",
        "skip bad signature answered 432",
        "ok   INIT",
        "ok   error notification",
        "ok   data API version",
    ]
    code = cli.main(["endpoint", "check", "--url", url, "--public-key", str(key), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["ok"] is True
    assert {c["name"]: c["ok"] for c in report["checks"]}["INIT"] is None
    assert set(report["checks"][0]) == {"name", "ok", "detail", "ms"}


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--url", "http://127.0.0.1:1/flow"], "--url needs --public-key"),
        (
            ["--url", "http://example.org/flow", "--public-key", "k.pem"],
            "plain http on another machine",
        ),
        (
            ["--url", "https://example.org/flow", "--public-key", "missing.pem"],
            "missing.pem: no such file",
        ),
    ],
)
def test_bad_input_is_refused_before_any_request(argv, said, capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["endpoint", "check", *argv]) == 2
    assert said in capsys.readouterr().err


@pytest.mark.parametrize(("secret", "code"), [(SECRET, 0), (b"another-secret", 1)])
def test_play_signs_with_the_app_secret_from_stdin(
    serve, tmp_path: Path, capsys, monkeypatch, secret, code
) -> None:
    import io

    key = tmp_path / "public.pem"
    key.write_bytes(
        PRIVATE.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    flow = tmp_path / "flow.json"
    flow.write_text(json.dumps(FLOW))
    steps = tmp_path / "steps.json"
    steps.write_text('[{"expect_screen": "APPOINTMENT"}]')
    monkeypatch.setattr("sys.stdin", io.StringIO(secret.decode() + "\n"))
    argv = ["play", str(flow), "--steps", str(steps), "--json", "--endpoint", serve()]
    assert cli.main([*argv, "--public-key", str(key), "--app-secret-stdin"]) == code
    result = json.loads(capsys.readouterr().out)
    if code:
        assert "signature-failure" in result["error"]["message"]
    else:
        assert result["screens"] == ["APPOINTMENT"] and result["error"] is None


async def test_flow_id_reads_the_flow_the_key_and_the_profiles_app_secret(
    serve, dirs, memory_keyring, capsys
) -> None:
    """From nothing to a green doctor through the sandbox: the endpoint's public key uploaded
    for the phone number, the flow's JSON and endpoint_uri set, the app secret in the keyring
    beside the profile's token; then `flowtui --profile test endpoint check --flow-id`."""
    import asyncio
    from urllib.parse import urlsplit

    from flowtui.accounts.config_file import save_config
    from flowtui.accounts.profiles import AccountsConfig, Profile
    from flowtui.api import FlowsClient
    from flowtui.sandbox.demo import PRIMARY_ACCOUNT
    from flowtui.sandbox.server import running_sandbox

    flow_id, phone = "1000000000000110", PRIMARY_ACCOUNT.phone_number_id
    endpoint_url = serve()
    public_pem = PRIVATE.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with running_sandbox() as url:
        async with FlowsClient("t", waba_id=PRIMARY_ACCOUNT.id, base_url=url) as client:
            await client.set_business_public_key(phone, public_pem.decode())
            await client.update_flow_json(flow_id, json.dumps(FLOW).encode())
            await client.update_flow_metadata(flow_id, endpoint_uri=endpoint_url)
        profile = Profile(
            name="test", waba_id=PRIMARY_ACCOUNT.id, phone_number_id=phone, base_url=url
        )
        save_config(AccountsConfig((profile,), "test"), dirs.default_config_file)
        service = f"flowtui:{urlsplit(url).netloc}"
        memory_keyring.set_password(service, "test", "sandbox-token")
        memory_keyring.set_password(service, "test/app-secret", SECRET.decode())
        argv = ["--profile", "test", "endpoint", "check", "--flow-id", flow_id]
        code = await asyncio.to_thread(cli.main, argv)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "ok   bad signature answered 432" in out  # signed with the keyring's secret
    assert "ok   INIT: opened screen APPOINTMENT" in out
    assert SECRET.decode() not in out
