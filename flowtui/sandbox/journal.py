"""The requests a sandbox was sent, in order: what tests and benchmarks count.

Only the method and the path are kept (never the query, where a token may be), and only the
last :data:`JOURNAL_SIZE`, so a long-running sandbox does not grow.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Final, NamedTuple

from starlette.types import ASGIApp, Receive, Scope, Send

from flowtui.sandbox.graph_time import VERSION_SEGMENT

JOURNAL_SIZE: Final = 10_000


class JournalEntry(NamedTuple):
    method: str
    path: str  # without a /vNN.N prefix: "/123/publish"

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


class RequestJournal:
    def __init__(self, size: int = JOURNAL_SIZE) -> None:
        self._entries: deque[JournalEntry] = deque(maxlen=size)
        self._lock = threading.Lock()  # written by the server's thread, read by the test's

    def record(self, method: str, path: str) -> None:
        with self._lock:
            self._entries.append(JournalEntry(method, path))

    def entries(self) -> list[JournalEntry]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class JournalingApp:
    """An ASGI wrapper that records each HTTP request before passing it on."""

    def __init__(self, app: ASGIApp, journal: RequestJournal) -> None:
        self.app = app
        self.journal = journal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.journal.record(scope["method"], _without_version(scope["path"]))
        await self.app(scope, receive, send)


def _without_version(path: str) -> str:
    first, _, rest = path.lstrip("/").partition("/")
    return "/" + rest if VERSION_SEGMENT.fullmatch(first) else path
