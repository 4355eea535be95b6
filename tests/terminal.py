"""flowtui in a real pseudo-terminal, read through a terminal emulator (pyte), for the tests
that Pilot can't do: suspending for an editor, quitting while a request is pending."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyte
import pytest

COLUMNS, LINES = 120, 40


@dataclass
class Terminal:
    process: subprocess.Popen[bytes]
    fd: int
    screen: pyte.Screen
    stream: pyte.ByteStream

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                self.stream.feed(os.read(self.fd, 1 << 16))
            except OSError:  # the app closed the terminal
                time.sleep(timeout)

    def wait_for(self, *markers: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text()
            if all(marker in text for marker in markers):
                return text
            self.read(0.05)
        raise AssertionError(f"{markers!r} not all on screen after {timeout} s:\n{self.text()}")

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def wait_for_exit(self, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if (code := self.process.poll()) is not None:
                return code
            self.read(0.05)  # keep draining, or the app blocks on a full terminal
        return None


def start(argv: list[str], env_vars: dict[str, str]) -> Terminal:
    """``flowtui ARGV`` in a 120x40 pseudo-terminal, with ``env_vars`` added to the sealed
    environment of every test (its own data folder, no $VISUAL)."""
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", **env_vars}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "flowtui", *argv],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        # A process group of its own: an editor signalling "its" group (as ctrl+c does) must
        # reach the app, not the test run.
        process_group=0,
    )
    os.close(child_fd)
    screen = pyte.Screen(COLUMNS, LINES)
    return Terminal(process, main_fd, screen, pyte.ByteStream(screen))


@pytest.fixture
def flowtui() -> Iterator[Callable[..., Terminal]]:
    """``flowtui(*argv, **env_vars)`` starts the app in a terminal; stopped after the test."""
    started: list[Terminal] = []

    def run(*argv: str, **env_vars: str) -> Terminal:
        started.append(start(list(argv), env_vars))
        return started[-1]

    yield run
    for term in started:
        if term.process.poll() is None:
            term.process.send_signal(signal.SIGTERM)
            try:
                term.process.wait(5)
            except subprocess.TimeoutExpired:
                term.process.kill()
                term.process.wait()
        os.close(term.fd)
