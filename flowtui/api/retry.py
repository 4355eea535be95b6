"""When and how long to wait before trying a request again."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum


class RetryMode(Enum):
    """Whether a request may be repeated when its outcome is unknown.

    ``IDEMPOTENT`` requests (reads, metadata and Flow JSON updates) are retried after 5xx
    answers, timeouts and dropped connections. ``ONCE`` requests (create, publish, deprecate,
    delete, migrate) are retried only when they surely did not take effect: the connection was
    never made, or Graph refused them for rate limiting.
    """

    IDEMPOTENT = "idempotent"
    ONCE = "once"


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 3
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_total_delay: float = 60.0
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    random: Callable[[], float] = field(default=random.random, repr=False)

    def backoff(self, retry_number: int) -> float:
        """Exponential backoff with jitter: half the step fixed, half random."""
        step = min(self.max_delay, self.base_delay * 2 ** (retry_number - 1))
        return step / 2 + self.random() * step / 2


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # rare: imported when a date comes

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    reference = time.time() if now is None else now
    return max(0.0, moment.timestamp() - reference)
