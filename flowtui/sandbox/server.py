"""Run the sandbox on a real loopback socket, in a background thread of this process.

``with running_sandbox(data="demo") as base_url:`` is the one-liner for the app, tests and
benchmarks; :class:`SandboxServer` gives access to the store as well.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from flowtui.sandbox.app import create_app
from flowtui.sandbox.demo import DataSet, build_store
from flowtui.sandbox.faults import FaultPlan, parse_fault_spec
from flowtui.sandbox.journal import RequestJournal
from flowtui.sandbox.persistence import (
    StateFileError,
    StateSaveError,
    load_state,
    remove_stale_temporary_files,
    save_state,
)
from flowtui.sandbox.store import Clock, SandboxStore
from flowtui.text import printable

log = logging.getLogger("flowtui.sandbox")
LOOPBACK_NAMES = frozenset({"localhost"})
START_TIMEOUT_SECONDS = 10.0


class SandboxStartError(RuntimeError):
    """The sandbox could not start (bad host, port in use, ...)."""


@dataclass(frozen=True)
class SandboxOptions:
    """Everything that shapes a sandbox, as given on the command line."""

    data: DataSet = "demo"
    extra_flows: int = 0
    state_path: Path | None = None
    token: str | None = None
    latency_ms: int = 0
    faults: FaultPlan | None = None
    clock: Clock = time.time


def open_store(options: SandboxOptions) -> SandboxStore:
    """The seed data, or the state file when it exists; changes are then saved to that file.

    Raises :class:`~flowtui.sandbox.persistence.StateFileError` for an unusable state file.
    """
    path = options.state_path
    if path is not None:
        for stale in remove_stale_temporary_files(path):
            log.warning("removed %s, left by a sandbox stopped while saving", printable(str(stale)))
    if path is not None and path.exists():
        store = load_state(path, options.clock)
    else:
        store = build_store(options.data, options.extra_flows, options.clock)
        if path is not None:
            try:
                save_state(store, path)
            except StateSaveError as error:
                raise StateFileError(path, error.problem) from error
    if path is not None:
        store.on_change = lambda changed: save_state(changed, path)
    return store


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind_socket(host: str, port: int) -> socket.socket:
    if not is_loopback(host):
        raise SandboxStartError(f"the sandbox only listens on loopback addresses, not {host}")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # asyncio: NODELAY
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise SandboxStartError(f"cannot listen on {host}:{port}: {error.strerror}") from error
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


class SandboxServer:
    """A sandbox served by uvicorn in a daemon thread; ``start()`` returns once it accepts."""

    def __init__(
        self,
        options: SandboxOptions,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        sock: socket.socket | None = None,
    ) -> None:
        """Serve on ``host:port``, or on ``sock``, a listening socket made by someone else."""
        self.options = options
        self.store = open_store(options)
        self._socket = sock if sock is not None else bind_socket(host, port)
        bound_host, bound_port = self._socket.getsockname()[:2]
        shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.base_url = f"http://{shown_host}:{bound_port}"
        self.journal = RequestJournal()  # the Graph requests answered (method and path)
        app = create_app(
            self.store,
            token=options.token,
            latency_ms=options.latency_ms,
            fault_plan=options.faults,
            journal=self.journal,
        )
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_keep_alive=30,
            server_header=False,  # Graph does not announce its server software
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, name="flowtui-sandbox", daemon=True)
        self._failure: BaseException | None = None

    def _run(self) -> None:
        try:
            asyncio.run(self._server.serve(sockets=[self._socket]))
        except BaseException as error:  # reported to start() / stop()
            self._failure = error

    def start(self) -> SandboxServer:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise SandboxStartError(f"the sandbox did not start: {self._failure!r}")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=START_TIMEOUT_SECONDS)
        self._socket.close()

    def reset(self) -> None:
        """Back to the seed data (``--data``/``--flows``), keeping the server running."""
        options = self.options
        self.store.replace_contents(build_store(options.data, options.extra_flows, options.clock))

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


@contextmanager
def running_sandbox(
    data: DataSet = "demo",
    *,
    extra_flows: int = 0,
    state_path: Path | None = None,
    token: str | None = None,
    latency_ms: int = 0,
    faults: str | FaultPlan | None = None,
    clock: Clock | None = None,
    port: int = 0,
) -> Iterator[str]:
    """Serve a sandbox on a free loopback port for the ``with`` block; yield its base URL."""
    plan = parse_fault_spec(faults) if isinstance(faults, str) else faults
    options = SandboxOptions(
        data=data,
        extra_flows=extra_flows,
        state_path=state_path,
        token=token,
        latency_ms=latency_ms,
        faults=plan,
        clock=clock or time.time,
    )
    with SandboxServer(options, port=port) as server:
        yield server.base_url
