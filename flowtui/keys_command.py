"""``flowtui keys generate|upload|status``: the business key pair of a Flows endpoint.

Only ``argparse`` is imported at module level (registering the command costs nothing).
``generate`` is offline; ``upload`` and ``status`` talk to the account the top-level options
name (``--base-url`` with the token in FLOWTUI_TOKEN, or ``--profile`` / the default profile).
The private key is written to its file and nowhere else: never printed, never sent.

Exit status: 0 done; 1 Graph refused, or the uploaded key is not the local one; 2 bad input,
refused before any request; 3 the token was refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2
EXIT_AUTH = 3
MAX_KEY_FILE_BYTES = 64 << 10

EXIT_STATUS_HELP = """\
exit status:
  0  done
  1  Graph refused (its code and message on stderr), or the key there is not the local one
  2  bad input (a key file that is missing, private, PKCS#1, a certificate, too short), refused
     before any request
  3  the access token was refused
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "keys",
        help="make, upload and check the RSA key pair of a Flows endpoint",
        description="The business key pair a Flows endpoint decrypts with: one RSA 2048 public "
        "key per phone number on Graph, the private key beside the endpoint.",
        epilog=EXIT_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="keys_action", metavar="ACTION", required=True)
    generate = actions.add_parser(
        "generate",
        help="write a new pair: flow-endpoint-private.pem (0600) and flow-endpoint-public.pem",
        epilog=EXIT_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    generate.add_argument("--out", metavar="DIR", default=".", help="folder (default: here)")
    generate.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="encrypt the private key with the passphrase on standard input's first line",
    )
    generate.set_defaults(handler=run_generate)
    upload = actions.add_parser(
        "upload",
        help="upload a public key for a phone number (it replaces the one there)",
        epilog=EXIT_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _phone_number_option(upload)
    upload.add_argument("public_key", metavar="PUBLIC.pem", help="the public key file")
    upload.set_defaults(handler=run_upload)
    status = actions.add_parser(
        "status",
        help="show the phone number's key: fingerprint and signature status",
        epilog=EXIT_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _phone_number_option(status)
    status.add_argument(
        "--compare",
        metavar="FILE",
        help="say whether the key on Graph is this public key (or this private key's)",
    )
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(handler=run_status)


def _phone_number_option(parser: argparse.ArgumentParser) -> None:
    # Its own dest: a subcommand's default would overwrite the top-level --phone-number-id.
    parser.add_argument(
        "--phone-number-id",
        dest="key_phone_number_id",
        metavar="ID",
        help="the phone number (default: the profile's, or the top-level --phone-number-id)",
    )


def _say(message: str) -> None:
    print(f"flowtui keys: {message}", file=sys.stderr)


def run_generate(args: argparse.Namespace) -> int:
    from flowtui.endpoint.keys import KeyFileExistsError, fingerprint, generate_pair, write_pair

    passphrase: bytes | None = None
    if args.passphrase_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            _say("--passphrase-stdin: standard input held no passphrase (its first line).")
            return EXIT_BAD_INPUT
        passphrase = line.encode()
    pair = generate_pair(passphrase)
    try:
        private, public = write_pair(pair, Path(args.out))
    except KeyFileExistsError as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    except OSError as error:
        _say(f"could not write the keys in {args.out}: {error.strerror or error}.")
        return EXIT_BAD_INPUT
    print(f"private key: {private} (readable by you alone; keep it beside the endpoint)")
    print(f"public key:  {public}")
    print(f"fingerprint: {fingerprint(pair.public_pem)}")
    print(f"next: flowtui keys upload --phone-number-id ID {public}")
    return EXIT_OK


def _read_key_file(name: str) -> str | None:
    from flowtui.files import read_named_text

    return read_named_text(name, MAX_KEY_FILE_BYTES, _say)


def run_upload(args: argparse.Namespace) -> int:
    from flowtui.endpoint.crypto import KeyFormatError
    from flowtui.endpoint.keys import fingerprint, uploadable_public_key

    text = _read_key_file(args.public_key)
    if text is None:
        return EXIT_BAD_INPUT
    try:
        public_pem = uploadable_public_key(text)
    except KeyFormatError as error:
        _say(f"{args.public_key}: {error}")
        return EXIT_BAD_INPUT
    account = _account_and_phone(args)
    if isinstance(account, int):
        return account
    client, phone = account

    async def upload() -> None:
        async with client:
            await client.set_business_public_key(phone, public_pem)

    failed = _run(upload())
    if failed is not None:
        return failed
    print(f"uploaded for phone number {phone}: {fingerprint(public_pem)}")
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    import json

    from flowtui.endpoint.crypto import KeyFormatError
    from flowtui.endpoint.keys import fingerprint

    local: str | None = None
    if args.compare is not None:
        text = _read_key_file(args.compare)
        if text is None:
            return EXIT_BAD_INPUT
        try:
            local = fingerprint(_public_half(text))
        except KeyFormatError as error:
            _say(f"{args.compare}: {error}")
            return EXIT_BAD_INPUT
    account = _account_and_phone(args)
    if isinstance(account, int):
        return account
    client, phone = account
    found: dict[str, Any] = {}

    async def read() -> None:
        async with client:
            found["status"] = await client.get_business_key_status(phone)

    failed = _run(read())
    if failed is not None:
        return failed
    status = found["status"]
    there: str | None = None
    if status.public_key is not None:
        try:
            there = fingerprint(status.public_key)
        except KeyFormatError as error:
            there = f"unreadable ({error})"
    matches = None if local is None or there is None else local == there
    if args.json:
        print(
            json.dumps(
                {
                    "phone_number_id": phone,
                    "fingerprint": there,
                    "signature_status": status.signature_status,
                    "matches": matches,
                }
            )
        )
    else:
        print(f"phone number:     {phone}")
        print(f"key on Graph:     {there or 'none: upload one with `flowtui keys upload`'}")
        print(f"signature status: {status.signature_status or 'not given'}")
        if local is not None:
            verdict = "the same key" if matches else f"a different key ({local})"
            print(f"{args.compare}: {verdict}")
    if there is None or matches is False or status.signature_status == "MISMATCH":
        return EXIT_REFUSED
    return EXIT_OK


def _public_half(text: str) -> str:
    """The public key of a public key file, or of an unencrypted private key file."""
    from flowtui.endpoint.crypto import key_kind, load_private_key, public_pem

    if "private" in key_kind(text):
        return public_pem(load_private_key(text.encode("ascii")).public_key())
    return text


def _account_and_phone(args: argparse.Namespace) -> tuple[Any, str] | int:
    """A client for the account the options name and the phone number, or the exit code
    after saying why there is none."""
    from flowtui.api.errors import InputError
    from flowtui.api.inputs import check_id
    from flowtui.launch import AccountRefusedError, command_account
    from flowtui.tui.account_source import client_for

    try:
        token, context = command_account(args)
    except AccountRefusedError as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    phone = args.key_phone_number_id or context.phone_number_id
    if not phone:
        _say("which phone number? Give --phone-number-id (or save one in the profile).")
        return EXIT_BAD_INPUT
    try:
        phone = check_id(phone, "phone number id (--phone-number-id)")
        return client_for(context, token), phone
    except InputError as error:
        _say(str(error))
        return EXIT_BAD_INPUT


def _run(work: Any) -> int | None:
    """Run the request; None when it worked, else the exit code after saying why not."""
    import asyncio

    from flowtui.api.errors import AuthError, FlowsError, InputError

    try:
        asyncio.run(work)
    except InputError as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    except AuthError as error:
        _say(str(error))
        return EXIT_AUTH
    except FlowsError as error:
        _say(str(error))
        return EXIT_REFUSED
    return None
