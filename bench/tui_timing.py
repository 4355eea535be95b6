"""Run a command in a pseudo-terminal, feed its output to a terminal emulator (pyte), and time
how long until given text is on screen. Shared by the TUI benchmarks."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

import pyte

COLUMNS, LINES = 120, 40


@dataclass
class Terminal:
    process: subprocess.Popen[bytes]
    fd: int
    screen: pyte.Screen
    stream: pyte.ByteStream
    started: float

    def read(self, timeout: float = 0.01) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            with contextlib.suppress(OSError):  # the child closed the terminal
                self.stream.feed(os.read(self.fd, 1 << 16))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, marker: str, timeout: float = 30.0) -> float:
        """Seconds since start until ``marker`` is on screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.read()
            if marker in self.text():
                return time.perf_counter() - self.started
        raise TimeoutError(f"{marker!r} not on screen after {timeout} s:\n{self.text()}")

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.close(self.fd)


def start(command: Sequence[str], env: dict[str, str] | None = None) -> Terminal:
    main_fd, child_fd = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    full_env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(LINES),
        **(env or {}),
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=full_env,
        # No new session: under setsid (no controlling terminal) the app with its in-process
        # sandbox stalled after its first frame here; a terminal user always has one.
    )
    os.close(child_fd)
    screen = pyte.Screen(COLUMNS, LINES)
    return Terminal(process, main_fd, screen, pyte.ByteStream(screen), started)


def time_to_text(command: Sequence[str], marker: str, env: dict[str, str] | None = None) -> float:
    terminal = start(command, env)
    try:
        return terminal.wait_for(marker)
    finally:
        terminal.stop()


def median_of(
    runs: int, command: Sequence[str], marker: str, env: dict[str, str] | None = None
) -> float:
    return statistics.median(time_to_text(command, marker, env) for _ in range(runs))


HELLO_WORLD = """
from textual.app import App
from textual.widgets import Static
class Hello(App):
    def compose(self):
        yield Static("Hello, World!")
Hello().run()
"""


def hello_world_command() -> list[str]:
    return [sys.executable, "-c", HELLO_WORLD]
