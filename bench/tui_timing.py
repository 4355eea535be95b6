"""Run a command in a pseudo-terminal, feed its output to a terminal emulator (pyte), and time
how long until given text is on screen. Shared by the TUI benchmarks.

A reader thread takes the output as it arrives and stamps each chunk with its arrival time; the
emulator parses chunks afterwards, and a timing ends when the chunk that put the text on screen
*arrived*. pyte parses about 0.5 MB/s, so a full 120x40 frame (20-40 KB of escape codes) costs
it tens of milliseconds, which a real terminal spends in well under one; counting it made the
app's big frames look slower than they are, and more so than the baselines' small ones.
"""

from __future__ import annotations

import contextlib
import os
import pty
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyte

COLUMNS, LINES = 120, 40
# The reader thread needs the GIL to stamp a chunk; while pyte parses, Python hands it over only
# every switch interval (5 ms by default), which would stamp chunks late.
sys.setswitchinterval(0.0002)


@dataclass
class Terminal:
    process: subprocess.Popen[bytes]
    fd: int
    screen: pyte.Screen
    stream: pyte.ByteStream
    started: float
    # (arrival time, bytes) as the reader thread got them; the arrival of the last chunk parsed.
    chunks: queue.Queue[tuple[float, bytes]] = field(default_factory=queue.Queue)
    last_arrival: float = 0.0

    def pump(self) -> None:
        """Reader thread: move the output into ``chunks`` as soon as it arrives."""
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:  # the child closed the terminal, or we did
                return
            if not data:
                return
            self.chunks.put((time.perf_counter(), data))

    def read(self, timeout: float = 0.01) -> None:
        """Parse the next chunk of output, waiting up to ``timeout`` for one."""
        with contextlib.suppress(queue.Empty):
            arrived, data = self.chunks.get(timeout=timeout)
            self.stream.feed(data)
            self.last_arrival = arrived

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def arrival_of(self, marker: str, timeout: float = 30.0) -> float:
        """The ``perf_counter`` time at which the output that put ``marker`` on screen arrived."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if marker in self.text():
                return self.last_arrival
            self.read()
        raise TimeoutError(f"{marker!r} not on screen after {timeout} s:\n{self.text()}")

    def wait_for(self, marker: str, timeout: float = 30.0) -> float:
        """Seconds since start until the output showing ``marker`` arrived."""
        return self.arrival_of(marker, timeout) - self.started

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
    terminal = Terminal(process, main_fd, screen, pyte.ByteStream(screen), started)
    threading.Thread(target=terminal.pump, daemon=True).start()
    return terminal


def time_to_text(command: Sequence[str], marker: str, env: dict[str, str] | None = None) -> float:
    terminal = start(command, env)
    try:
        return terminal.wait_for(marker)
    finally:
        terminal.stop()


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


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory (``VmHWM``), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
