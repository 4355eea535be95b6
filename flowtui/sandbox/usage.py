"""The ``X-Business-Use-Case-Usage`` header (reference, section 12.4), per WhatsApp account.

Calls are counted per account in hourly windows; the figures are percentages of
:data:`CALLS_PER_HOUR`, capped at 100.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field

CALLS_PER_HOUR = 5000
USAGE_TYPE = "whatsapp_business_management"
WINDOW_SECONDS = 3600


@dataclass
class UsageMeter:
    _window_start: float = 0.0
    _calls: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, waba_id: str, now: float) -> int:
        """Count one call; return the account's usage in percent."""
        with self._lock:
            window = now - now % WINDOW_SECONDS
            if window != self._window_start:
                self._window_start = window
                self._calls.clear()
            self._calls[waba_id] = self._calls.get(waba_id, 0) + 1
            return min(100, self._calls[waba_id] * 100 // CALLS_PER_HOUR)

    def header(self, waba_id: str, now: float, *, regain_minutes: int = 0) -> str:
        percent = 100 if regain_minutes else self.record(waba_id, now)
        figures = {
            "type": USAGE_TYPE,
            "call_count": max(percent, 1),
            "total_cputime": max(percent // 2, 1),
            "total_time": max(percent // 2, 1),
            "estimated_time_to_regain_access": regain_minutes,
        }
        return json.dumps({waba_id: [figures]}, separators=(",", ":"))
