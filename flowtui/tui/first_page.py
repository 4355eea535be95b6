"""The first page of flows, asked for on a thread while the app is still starting.

Importing Textual, reading the style sheets and drawing the first frame take most of a second
on a small machine, and the first request used to wait for all of it. ``launch`` starts an
:class:`EarlyPage` before it imports the app, so the request (the sandbox's boot, or Graph's
network round trip) runs meanwhile; the flow list takes the answer for its first page.
Nothing here imports Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable

from flowtui.api import FlowPage, FlowsClient
from flowtui.api.usage import RateLimitUsage

PAGE_SIZE = 100


class EarlyPage:
    """One first-page request on a thread of its own, with its own client and event loop.

    A client belongs to the event loop it first ran on, so this one is opened and closed on
    the thread; what crosses back is the immutable page and the rate-limit usage that came
    with it, or the exception to raise where the list awaits it.
    """

    def __init__(self, open_client: Callable[[], FlowsClient]) -> None:
        self._open_client = open_client
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []
        self._page: FlowPage | None = None
        self._usage: RateLimitUsage | None = None
        self._error: BaseException | None = None

    def start(self) -> EarlyPage:
        threading.Thread(target=self._run, name="flowtui-first-page", daemon=True).start()
        return self

    def _run(self) -> None:
        async def fetch() -> None:
            async with self._open_client() as client:
                self._page = await client.get_flows_page(page_size=PAGE_SIZE, keep_raw=False)
                self._usage = client.usage

        try:
            asyncio.run(fetch())
        except Exception as error:  # raised again where the page is awaited
            self._error = error
        finally:
            with self._lock:
                self._done.set()
                waiters, self._waiters = self._waiters, []
            for loop, waiter in waiters:
                with contextlib.suppress(RuntimeError):  # that loop has closed: nobody waits
                    loop.call_soon_threadsafe(_wake, waiter)

    async def page_for(self, client: FlowsClient) -> FlowPage:
        """The page (waiting for it without blocking the caller's loop); ``client``, the app's
        own, is told the rate-limit usage Graph reported with it."""
        # Woken by the request's thread, not waited for on another thread: a thread blocked in
        # a wait is joined when the app's loop closes, which kept the screen blank for as long
        # as the request took (up to its timeout) after quitting.
        with self._lock:
            waiter = None
            if not self._done.is_set():
                waiter = asyncio.get_running_loop().create_future()
                self._waiters.append((asyncio.get_running_loop(), waiter))
        if waiter is not None:
            await waiter
        if self._error is not None:
            raise self._error
        assert self._page is not None
        client.remember_usage(self._usage)
        return self._page


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():  # it may have been cancelled: the app quit while waiting
        waiter.set_result(None)
