"""``flowtui play FILE --steps STEPS.json``: play a Flow JSON without a screen and print what
happened (the transcript), for CI.

Only ``argparse`` is imported at module level (registering the command costs nothing).

Exit status: 0 the steps ran; 1 a step could not be taken (a disabled Footer, an unknown field,
an endpoint's error); 2 unreadable input (a file, ``--data``, the steps), refused before the
flow starts.
"""

from __future__ import annotations

import argparse
from typing import Any

EXIT_RAN = 0
EXIT_STEP_FAILED = 1
EXIT_BAD_INPUT = 2
MAX_STEPS_BYTES = 1 << 20
MAX_DATA_BYTES = 1 << 20
MAX_KEY_BYTES = 64 << 10

EXIT_STATUS_HELP = """\
exit status:
  0  every step ran
  1  a step could not be taken (the transcript's "error" says which and why)
  2  unreadable input: the Flow JSON, --data or the steps, refused before the flow starts

a step is one of:
  {"fill": {"NAME": VALUE, ...}}    values as the component sends them: strings, booleans,
                                    lists of option ids, "YYYY-MM-DD", {"start-date", "end-date"}
  {"click": "footer"}               or an EmbeddedLink / OptIn text, or a NavigationList item id
  {"select": {"NAME": ID}}          choose an option; its on-select-action fires
  {"back": true}
  {"expect_screen": "SCREEN_ID"}
"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "play",
        help="play a Flow JSON as WhatsApp runs it (--steps: without a screen, for CI)",
        description="Play a local Flow JSON file as the WhatsApp client runs it, no account "
        "needed. With --steps, take the steps in order and print the transcript.",
        epilog=EXIT_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="the Flow JSON file")
    parser.add_argument("--screen", metavar="ID", help="start on this screen (default: the first)")
    parser.add_argument(
        "--data",
        metavar="JSON|@FILE",
        help="the first screen's data as a JSON object, or @file holding one (default: each "
        "field's __example__, as Meta's preview does)",
    )
    parser.add_argument("--flow-token", metavar="TOKEN", help="the flow_token the flow runs with")
    parser.add_argument(
        "--steps",
        metavar="STEPS.json",
        help="take these steps (a JSON list) without a screen and print the transcript; "
        "without --steps the player opens full screen",
    )
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="the flow's endpoint: data_exchange goes there, encrypted as WhatsApp encrypts it; "
        "the flow then opens with an INIT request unless --screen or --data is given",
    )
    parser.add_argument(
        "--public-key",
        metavar="PEM",
        help="the business public key the endpoint decrypts with (a PEM file; needs --endpoint)",
    )
    parser.add_argument(
        "--app-secret-stdin",
        action="store_true",
        help="sign endpoint requests (X-Hub-Signature-256) with the app secret on standard "
        "input's first line (a hidden prompt on a terminal); needs --endpoint",
    )
    parser.add_argument("--json", action="store_true", help="print the transcript as JSON")
    parser.set_defaults(handler=run)


class _BadInput(Exception):
    """Input refused before the flow starts, as a sentence."""


def run(args: argparse.Namespace) -> int:
    import asyncio
    import json
    import sys

    from flowtui.player.engine import DEFAULT_FLOW_TOKEN, Player, PlayError
    from flowtui.player.steps import run_steps, transcript
    from flowtui.text import printable

    try:
        document, steps, data = _read_inputs(args)
        key_source = _key_source(args)
        secret = _app_secret(args)
        if steps is None and args.json:
            raise _BadInput("--json prints the transcript of --steps: give --steps too")
    except _BadInput as problem:
        print(f"flowtui play: {printable(str(problem))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if steps is None:
        return _play_on_screen(args, document, data, key_source, secret)

    async def play() -> dict[str, Any]:
        import httpx

        from flowtui.endpoint.client import EndpointClient

        async with httpx.AsyncClient() as http:
            endpoint = (
                EndpointClient(args.endpoint, key_source, http, app_secret=secret)
                if key_source is not None
                else None
            )
            player = Player(
                document, flow_token=args.flow_token or DEFAULT_FLOW_TOKEN, endpoint=endpoint
            )
            init = endpoint is not None and args.screen is None and data is None
            try:
                await player.start(args.screen, data, init=init)
            except PlayError as failure:
                return transcript(player, {"step": 0, "message": str(failure)})
            except Exception as failure:  # a bug: the flow did not even open
                return transcript(
                    player, {"step": 0, "message": f"flowtui failed (a bug): {failure!r}"}
                )
            return await run_steps(player, steps)

    result = asyncio.run(play())
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=True))
    else:
        print(_readable(result))
    return EXIT_STEP_FAILED if result["error"] else EXIT_RAN


def _read_inputs(args: argparse.Namespace) -> tuple[Any, Any, dict[str, Any] | None]:
    import json

    from flowtui.files import FileTooLargeError, UnreadableFileError, read_text_file
    from flowtui.flowjson.validator import MAX_FLOW_JSON_BYTES
    from flowtui.player.document import FlowDocument, FlowDocumentError
    from flowtui.player.steps import StepsError, read_steps

    def read(name: str, limit: int, what: str) -> str:
        try:
            return read_text_file(name, limit)
        except FileTooLargeError:
            raise _BadInput(f"{what} {name}: larger than {limit:,} bytes") from None
        except UnreadableFileError as error:
            raise _BadInput(f"{what} {name}: {error}") from None

    try:
        document = FlowDocument.from_text(read(args.file, MAX_FLOW_JSON_BYTES, "the Flow JSON"))
    except FlowDocumentError as error:
        raise _BadInput(f"{args.file}: {error}") from None
    if args.screen is not None and args.screen not in document.screens:
        known = ", ".join(document.screens)
        raise _BadInput(f"--screen {args.screen}: this flow has no such screen ({known})")
    steps = None
    if args.steps is not None:
        try:
            steps = read_steps(read(args.steps, MAX_STEPS_BYTES, "the steps"))
        except StepsError as error:
            raise _BadInput(f"{args.steps}: {error}") from None
    data = None
    if args.data is not None:
        text = args.data
        if text.startswith("@"):
            text = read(text[1:], MAX_DATA_BYTES, "--data")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise _BadInput(
                f"--data is not JSON: {error.msg} at character {error.pos + 1}"
            ) from None
        except (ValueError, RecursionError):
            raise _BadInput("--data is JSON that cannot be read: too deep or too large") from None
        if not isinstance(data, dict):
            raise _BadInput("--data is a JSON object of the first screen's fields")
    return document, steps, data


def _play_on_screen(
    args: argparse.Namespace,
    document: Any,
    data: dict[str, Any] | None,
    key_source: Any,
    secret: bytes | None,
) -> int:
    from pathlib import Path

    from flowtui import applog
    from flowtui.accounts.paths import resolve_paths
    from flowtui.flowjson.validator import validate_flow_json
    from flowtui.tui.player_app import PlayerApp
    from flowtui.tui.screens.player import EndpointLink

    applog.configure(resolve_paths(getattr(args, "config", None)).log_dir)  # never the screen
    errors = validate_flow_json(Path(args.file).read_text(encoding="utf-8-sig"))
    app = PlayerApp(
        document,
        title=Path(args.file).name,
        screen=args.screen,
        data=data,
        flow_token=args.flow_token,
        error_count=len(errors),
        endpoint=(
            EndpointLink(args.endpoint, key_source, app_secret=secret)
            if key_source is not None
            else None
        ),
    )
    app.run()
    return EXIT_RAN


def _app_secret(args: argparse.Namespace) -> bytes | None:
    """``--app-secret-stdin``: standard input's first line (a hidden prompt on a terminal)."""
    import getpass
    import sys

    if not args.app_secret_stdin:
        return None
    if args.endpoint is None:
        raise _BadInput("--app-secret-stdin signs endpoint requests: give --endpoint URL too")
    if sys.stdin.isatty():
        line = getpass.getpass("App secret (input hidden): ")
    else:
        line = sys.stdin.readline()
    if not line.strip():
        raise _BadInput("--app-secret-stdin: standard input held no app secret (its first line)")
    return line.strip().encode()


def _key_source(args: argparse.Namespace) -> Any:
    """Where the endpoint client reads the public key (the file, again after a 421)."""
    from flowtui.endpoint.client import EndpointError, check_endpoint_url
    from flowtui.endpoint.crypto import KeyFormatError, load_public_key
    from flowtui.files import FileTooLargeError, UnreadableFileError, read_text_file

    if args.endpoint is None:
        if args.public_key is not None:
            raise _BadInput("--public-key is for an endpoint: give --endpoint URL too")
        return None
    if args.public_key is None:
        raise _BadInput("--endpoint needs --public-key PEM: the key WhatsApp encrypts with")
    try:
        check_endpoint_url(args.endpoint)
    except EndpointError as error:
        raise _BadInput(str(error)) from None
    except ValueError as error:  # flowtui.api's InvalidOptionError
        raise _BadInput(str(error)) from None

    def read_key() -> Any:
        try:
            return load_public_key(read_text_file(args.public_key, MAX_KEY_BYTES))
        except (UnreadableFileError, FileTooLargeError) as error:
            raise _BadInput(f"--public-key {args.public_key}: {error}") from None
        except KeyFormatError as error:
            raise _BadInput(f"--public-key {args.public_key}: {error}") from None

    first = read_key()  # refused now, before any request, if it is not a usable key

    async def source(again: bool) -> Any:
        if not again:
            return first
        try:
            return read_key()  # the file may hold a new key by now
        except _BadInput as problem:
            raise EndpointError("public-key-missing", str(problem)) from None

    return source


def _readable(result: dict[str, Any]) -> str:
    import json

    from flowtui.text import printable

    lines = ["screens: " + " > ".join(result["screens"])]
    for action in result["actions"]:
        payload = json.dumps(action["payload"], ensure_ascii=False, sort_keys=True)
        line = f"  {action['type']:<13} on {action['screen'] or '-'}: {payload}"
        if "reply" in action:
            line += " -> " + json.dumps(action["reply"], ensure_ascii=False, sort_keys=True)
        lines.append(line)
    if result["result"]:
        payload = json.dumps(result["result"]["payload"], ensure_ascii=False, sort_keys=True)
        lines.append(f"completed: {payload}")
    if result["error"]:
        error = result["error"]
        lines.append(f"step {error['step']} failed: {error['message']}")
    return "\n".join(printable(line) for line in lines)
