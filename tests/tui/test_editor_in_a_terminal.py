"""End to end in a real terminal: ``flowtui --sandbox`` in a pseudo-terminal, ``E`` with an
editor that fails, and the app must come back: the flow list drawn again with the message, and
keys reaching the app (``q`` quits it).

Pilot can't show this: its headless driver can't suspend, so there ``App.suspend()`` is never
entered. Here the real Linux driver hands the terminal to the editor and must take it back.
(Textual resumes only when the block inside ``suspend()`` ends without an exception; a failing
editor used to raise in there and leave a blank screen echoing keys.)
"""

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
LIST = "Newsletter sign-up"  # a row of the demo flow list


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


def start(editor: str) -> Terminal:
    """``flowtui --sandbox`` in a 120x40 pseudo-terminal with ``editor`` as $EDITOR (the
    environment is the sealed one of every test: its own data folder, no $VISUAL)."""
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "EDITOR": editor}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "flowtui", "--sandbox"],
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
def flowtui() -> Iterator[Callable[[str], Terminal]]:
    started: list[Terminal] = []

    def run(editor: str) -> Terminal:
        started.append(start(editor))
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


def test_a_failing_editor_gives_the_terminal_back_to_the_app(flowtui):
    terminal = flowtui("false")
    terminal.wait_for(LIST)
    terminal.send(b"E")  # on the first row, a DRAFT
    screen = terminal.wait_for(LIST, "Not uploaded", timeout=30)  # the list, and the message
    assert "'false' exited with" in screen
    terminal.send(b"q")
    assert terminal.wait_for_exit(timeout=15) == 0, terminal.text()


def test_ctrl_c_during_the_editor_stops_the_editor_not_the_app(flowtui):
    # What ctrl+c does while an editor that doesn't read keys raw runs: SIGINT to the whole
    # foreground group, the app included.
    terminal = flowtui("sh -c 'kill -INT 0; sleep 5'")
    terminal.wait_for(LIST)
    terminal.send(b"E")
    screen = terminal.wait_for(LIST, "Not uploaded", timeout=30)
    assert "stopped by ctrl+c" in screen
    terminal.send(b"q")
    assert terminal.wait_for_exit(timeout=15) == 0, terminal.text()
