"""``flowtui sandbox serve``: the sandbox as a server of its own.

Only ``argparse`` is imported at module level; the server is imported by the handlers, so the
command line stays fast.
"""

from __future__ import annotations

import argparse
from typing import Any

from flowtui.text import printable

SERVE_EPILOG = """\
fault SPEC (items separated by ';'):
  seed=N                          random seed (default 0): same seed, same faults
  KIND[:KEY=VALUE,...]            a rule, tried in order for every request
kinds:
  latency    ms=N (default 1000), jitter=N
  ratelimit  code=4|80007 (default 4), status=HTTP (429 for 4, 400 for 80007),
             retry_after=SECONDS (default 60); sends Retry-After and usage headers
  error      status=500|502|503 (default 500); Graph code 2, is_transient
  drop       close the connection without an answer
  malformed  the real status with a truncated body
selectors (any kind):
  p=0.25     probability (default 1)      path=GLOB  e.g. */publish (no /vNN.N prefix)
  method=M   one HTTP method              after=N    spare the first N matches
  times=N    fire at most N times
example:
  --faults 'seed=7;latency:ms=150;ratelimit:p=0.1,code=80007;error:path=*/publish,times=1'

--state FILE keeps the sandbox's state across restarts (seeded from --data/--flows the first
time); a file that cannot be read is an error, never silently replaced. Each change is saved
before it is answered: one that cannot be saved (a full disk) is undone and answered with
Graph's code 2 (is_transient), and the log (standard error) says why.

--flows N: at most 1,000,000 (about 0.55 GB of memory and 10 s to build).
"""
# The most --flows generates: each generated flow takes about 560 bytes of memory (they share
# one Flow JSON text), so 1,000,000 is ~0.55 GB and ~10 s to build, and 1 GB as a state file;
# 100 times the 10,000 the benchmarks page through, and far below what would exhaust memory.
MAX_GENERATED_FLOWS = 1_000_000
MAX_PORT = 65535


def add_parser(subparsers: Any) -> None:
    """Register ``sandbox serve`` on the main parser's subparsers."""
    sandbox = subparsers.add_parser(
        "sandbox",
        help="a local emulator of the Flows Graph API",
        description="A local emulator of the WhatsApp Flows Graph API.",
    )
    sandbox_commands = sandbox.add_subparsers(dest="sandbox_command", metavar="COMMAND")
    sandbox.set_defaults(handler=_missing_subcommand(sandbox))
    serve = sandbox_commands.add_parser(
        "serve",
        help="serve the sandbox over HTTP until Ctrl+C",
        description="Serve the Flows Graph API sandbox over HTTP until Ctrl+C.",
        epilog=SERVE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("--host", default="127.0.0.1", help="loopback address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port, 0 for any (default 8765)")
    serve.add_argument(
        "--data",
        choices=("demo", "empty"),
        default="demo",
        help="seed data: the demo accounts with flows, or the accounts alone (default demo)",
    )
    serve.add_argument(
        "--flows",
        type=flow_count,
        default=0,
        metavar="N",
        help=f"add N generated flows (at most {MAX_GENERATED_FLOWS:,})",
    )
    serve.add_argument("--state", metavar="FILE", help="keep state in FILE across restarts")
    serve.add_argument(
        "--token", help="accept only this access token (default: any non-empty token)"
    )
    serve.add_argument(
        "--latency-ms", type=non_negative, default=0, metavar="N", help="delay every answer"
    )
    serve.add_argument("--faults", metavar="SPEC", help="inject faults (see below)")
    serve.add_argument(
        "--fd",
        type=non_negative,
        metavar="N",
        help="serve on the listening loopback socket inherited as file descriptor N",
    )
    serve.add_argument(
        "--stop-on-stdin-eof",
        action="store_true",
        help="stop when standard input closes (when the process that started it ends)",
    )
    serve.set_defaults(handler=run_serve)


def _missing_subcommand(parser: argparse.ArgumentParser) -> Any:
    def handler(args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return handler


def non_negative(text: str) -> int:
    """An argparse type: a whole number, 0 or more (argparse says why otherwise)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {value}")
    return value


def flow_count(text: str) -> int:
    """An argparse type: a number of flows to generate, 0 to :data:`MAX_GENERATED_FLOWS`."""
    value = non_negative(text)
    if value > MAX_GENERATED_FLOWS:
        raise argparse.ArgumentTypeError(f"at most {MAX_GENERATED_FLOWS:,}, not {value:,}")
    return value


def run_serve(args: argparse.Namespace) -> int:
    """Handler of ``flowtui sandbox serve``."""
    from pathlib import Path

    from flowtui.sandbox.faults import FaultSpecError, parse_fault_spec
    from flowtui.sandbox.server import SandboxOptions

    if not 0 <= args.port <= MAX_PORT:
        return _fail(f"--port must be 0-{MAX_PORT} (0: any free port), not {args.port}", EXIT_USAGE)
    try:
        plan = parse_fault_spec(args.faults) if args.faults else None
    except FaultSpecError as error:
        return _fail(f"bad --faults SPEC: {error}")
    options = SandboxOptions(
        data=args.data,
        extra_flows=args.flows,
        state_path=Path(args.state) if args.state else None,
        token=args.token,
        latency_ms=args.latency_ms,
        faults=plan,
    )
    return _serve_until_interrupted(
        options,
        host=args.host,
        port=args.port,
        fd=args.fd,
        stop_on_stdin_eof=args.stop_on_stdin_eof,
    )


def _serve_until_interrupted(
    options: Any, *, host: str, port: int, fd: int | None = None, stop_on_stdin_eof: bool = False
) -> int:
    import signal
    import sys
    import threading

    from flowtui.sandbox.persistence import StateFileError
    from flowtui.sandbox.server import SandboxServer, SandboxStartError

    sock = None
    if fd is not None:
        sock, problem = _inherited_listener(fd)
        if sock is None:
            return _fail(f"--fd {fd}: {problem}", EXIT_USAGE)
    _log_to_stderr()
    try:
        server = SandboxServer(options, host=host, port=port, sock=sock)
        server.start()
    except StateFileError as error:
        return _fail(f"cannot use state file {error.path}: {error.problem}")
    except SandboxStartError as error:
        return _fail(str(error))
    print(_banner(server), flush=True)
    stopped = threading.Event()
    if stop_on_stdin_eof:

        def wait_for_eof() -> None:
            while sys.stdin.buffer.read(4096):
                pass
            stopped.set()

        threading.Thread(target=wait_for_eof, name="stdin-eof", daemon=True).start()

    def on_terminate(signum: int, frame: object) -> None:
        stopped.set()

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, on_terminate) if in_main_thread else None
    try:
        while not stopped.wait(0.25):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        if in_main_thread:  # a second Ctrl+C must not cut the shutdown short
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        server.stop()
        if in_main_thread:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, previous)
    print("flowtui sandbox: stopped", flush=True)
    return 0


def _inherited_listener(fd: int) -> tuple[Any, str]:
    """The listening loopback TCP socket inherited as ``fd``, or None and why it is not one."""
    import socket

    from flowtui.sandbox.server import is_loopback

    try:
        sock = socket.socket(fileno=fd)
    except OSError as error:
        return None, f"not an inherited socket ({error.strerror or error})"
    problem = ""
    try:
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.type != socket.SOCK_STREAM:
            problem = "not a TCP socket"
        elif not sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
            problem = "not a listening socket"
        elif not is_loopback(sock.getsockname()[0]):
            problem = "must be a socket listening on a loopback address"
    except OSError as error:
        problem = f"not a usable socket ({error.strerror or error})"
    if problem:
        sock.detach()  # not ours to close
        return None, problem
    return sock, ""


def _log_to_stderr() -> None:
    """The sandbox's log (a change it could not save, ...) as lines on standard error."""
    import logging

    class PrintableFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return printable(super().format(record))  # a state file's path, an OS message

    logger = logging.getLogger("flowtui.sandbox")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(PrintableFormatter("flowtui sandbox: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _banner(server: Any) -> str:
    from flowtui.sandbox.app import DEFAULT_API_VERSION

    store = server.store
    options = server.options
    state = printable(str(options.state_path)) if options.state_path else "in memory"
    lines = [
        f"flowtui sandbox: Flows Graph API at {server.base_url}/{DEFAULT_API_VERSION}",
        f"  base URL: {server.base_url}",
        "  token: "
        + ("the one given with --token" if options.token else "any non-empty Bearer token"),
        f"  state: {state}",
        "  accounts (WABA id, phone number id, flows):",
    ]
    for account in store.accounts.values():  # from the state file: outside text
        count = len(store.flows_of(account.id))
        lines.append(
            f"    {printable(account.id)}  {printable(account.phone_number_id)}  {count:>5}  "
            f"{printable(account.name)}"
        )
    lines.append("Press Ctrl+C to stop.")
    return "\n".join(lines)


EXIT_FAILED = 1
EXIT_USAGE = 2


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    """One line on standard error (outside text made printable); ``code`` to exit with."""
    import sys

    print(f"flowtui sandbox: {printable(message)}", file=sys.stderr)
    return code
