"""``flowtui endpoint check``: the endpoint doctor on the command line.

Only ``argparse`` is imported at module level (registering the command costs nothing).
With ``--flow-id`` the flow's ``endpoint_uri``, Flow JSON and ``data_api_version`` come from
Graph, and the phone number's public key too (the account the top-level options name); with
``--url`` the public key is ``--public-key`` (and ``--flow-json`` the flow, for INIT). The app
secret is read from standard input, never from an argument (it would show in ``ps``), or with
``--flow-id`` from the profile's OS keyring entry (``flowtui auth app-secret``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
MAX_FILE_BYTES = 10 << 20

EXIT_STATUS_HELP = """\
exit status:
  0  every check passed (skipped ones say why)
  1  a check failed (its line says why and what to fix), or Graph refused a read
  2  bad input (no URL or flow, an unreadable key or Flow JSON), refused before any request
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "endpoint",
        help="check a Flows endpoint as WhatsApp talks to it",
        description="Flows endpoints: `check` plays WhatsApp against one.",
    )
    actions = parser.add_subparsers(dest="endpoint_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="ping, keys, signature, INIT and error notification, one line per check",
        description="Play WhatsApp against a Flows endpoint and print one line per check: ok, "
        "FAIL with the cause and the fix, or skip with the reason.",
        epilog=EXIT_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    where = check.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--flow-id", metavar="ID", help="a flow: its endpoint_uri and JSON from Graph"
    )
    where.add_argument("--url", metavar="URL", help="an endpoint URL (needs --public-key)")
    check.add_argument("--public-key", metavar="PEM", help="the business public key file")
    check.add_argument("--flow-json", metavar="FILE", help="with --url: the flow, to check INIT")
    check.add_argument(
        "--phone-number-id",
        dest="endpoint_phone_number_id",
        metavar="ID",
        help="the phone number whose public key Graph holds (default: the profile's)",
    )
    check.add_argument(
        "--app-secret-stdin",
        action="store_true",
        help="read the app secret from standard input's first line (to check signatures)",
    )
    check.add_argument("--json", action="store_true", help='print {"checks": [...], "ok": bool}')
    check.set_defaults(handler=run_check)


def _say(message: str) -> None:
    print(f"flowtui endpoint check: {message}", file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    import asyncio

    from flowtui.endpoint.doctor import Target

    secret: bytes | None = None
    if args.app_secret_stdin:
        line = sys.stdin.readline().strip()
        if not line:
            _say("--app-secret-stdin: standard input held no app secret (its first line).")
            return EXIT_BAD_INPUT
        secret = line.encode()
    if args.url is not None:
        target: Target | int = _url_target(args, secret)
    else:
        target = _flow_target(args, secret)
    if isinstance(target, int):
        return target
    return asyncio.run(_report(target, as_json=args.json))


async def _report(target: Any, *, as_json: bool) -> int:
    import json

    import httpx

    from flowtui.endpoint.doctor import examine, passed

    async with httpx.AsyncClient() as http:
        checks = await examine(target, http)
    ok = passed(checks)
    if as_json:
        print(json.dumps({"checks": [c.as_json() for c in checks], "ok": ok}, ensure_ascii=False))
    else:
        for check in checks:
            verdict = "skip" if check.ok is None else "ok  " if check.ok else "FAIL"
            took = f" ({check.ms:.0f} ms)" if check.ms is not None else ""
            print(f"{verdict} {check.name}: {check.detail}{took}")
    return EXIT_PASSED if ok else EXIT_FAILED


def _read(name: str, what: str) -> str | None:
    from flowtui.files import read_named_text

    return read_named_text(name, MAX_FILE_BYTES, _say, what)


def _url_target(args: argparse.Namespace, secret: bytes | None) -> Any:
    from flowtui.endpoint.client import EndpointError, check_endpoint_url
    from flowtui.endpoint.crypto import KeyFormatError, load_public_key
    from flowtui.endpoint.doctor import Target
    from flowtui.player.document import FlowDocument, FlowDocumentError

    if args.public_key is None:
        _say("--url needs --public-key (the business public key the endpoint's pair holds).")
        return EXIT_BAD_INPUT
    try:
        url = check_endpoint_url(args.url)
    except (EndpointError, ValueError) as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    text = _read(args.public_key, "--public-key")
    if text is None:
        return EXIT_BAD_INPUT
    try:
        key = load_public_key(text)
    except KeyFormatError as error:
        _say(f"--public-key {args.public_key}: {error}")
        return EXIT_BAD_INPUT
    document = None
    if args.flow_json is not None:
        flow_text = _read(args.flow_json, "--flow-json")
        if flow_text is None:
            return EXIT_BAD_INPUT
        try:
            document = FlowDocument.from_text(flow_text)
        except FlowDocumentError as error:
            _say(f"--flow-json {args.flow_json}: {error}")
            return EXIT_BAD_INPUT
    return Target(url, key, app_secret=secret, document=document)


def _flow_target(args: argparse.Namespace, secret: bytes | None) -> Any:
    """The flow's endpoint, JSON and phone number key, read from Graph."""
    import asyncio

    from flowtui.accounts.app_secret import profile_app_secret
    from flowtui.accounts.paths import resolve_config_file
    from flowtui.accounts.token_store import KeyringUnavailableError
    from flowtui.api.errors import FlowsError, InputError, InvalidTokenError
    from flowtui.editing.live import download_flow_json
    from flowtui.endpoint.client import EndpointError, check_endpoint_url
    from flowtui.endpoint.crypto import KeyFormatError, load_public_key
    from flowtui.endpoint.doctor import Target
    from flowtui.launch import AccountRefusedError, command_account
    from flowtui.player.document import FlowDocument, FlowDocumentError
    from flowtui.tui.account_source import client_for

    try:
        token, context = command_account(args)
    except AccountRefusedError as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    if secret is None:  # the profile's, from the OS keyring, when it keeps one
        try:
            config = resolve_config_file(args.config)[0]
            secret = profile_app_secret(config, context.profile)
        except (KeyringUnavailableError, InvalidTokenError) as error:
            _say(f"the app secret could not be read, so signatures are not checked: {error}")
    phone = args.endpoint_phone_number_id or context.phone_number_id
    if not phone and args.public_key is None:
        _say("which phone number holds the key? Give --phone-number-id or --public-key.")
        return EXIT_BAD_INPUT
    local_key = None
    if args.public_key is not None:
        text = _read(args.public_key, "--public-key")
        if text is None:
            return EXIT_BAD_INPUT
        try:
            local_key = load_public_key(text)
        except KeyFormatError as error:
            _say(f"--public-key {args.public_key}: {error}")
            return EXIT_BAD_INPUT

    async def read() -> tuple[Any, str | None, str]:
        async with client_for(context, token) as client:
            flow = await client.get_flow(
                args.flow_id, fields=("id", "name", "endpoint_uri", "data_api_version")
            )
            raw = await download_flow_json(client, args.flow_id)
            pem = None
            if local_key is None:
                assert phone  # (asked for above)
                pem = await client.get_business_public_key(phone)
            return flow, pem, raw.decode("utf-8", "replace") if raw else ""

    try:
        flow, pem, flow_json = asyncio.run(read())
    except InputError as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    except FlowsError as error:
        _say(str(error))
        return EXIT_FAILED
    if not flow.endpoint_uri:
        _say(
            f"flow {args.flow_id} has no endpoint_uri: set one (the flow's metadata) or check a "
            "URL with --url."
        )
        return EXIT_FAILED
    try:
        url = check_endpoint_url(flow.endpoint_uri)
        key = local_key if local_key is not None else load_public_key(pem or "")
        document = FlowDocument.from_text(flow_json) if flow_json else None
    except (EndpointError, ValueError, KeyFormatError, FlowDocumentError) as error:
        _say(str(error))
        return EXIT_FAILED
    return Target(
        url,
        key,
        app_secret=secret,
        document=document,
        data_api_version=flow.data_api_version,
    )
