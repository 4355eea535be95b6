"""The Actions log: what the flow did, as Meta's Builder lists it (init, navigate with data,
data_exchange with request, reply and HTTP status, back, complete), each with its time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

ACTION_TYPES = ("init", "navigate", "data_exchange", "update_data", "complete", "open_url", "back")


@dataclass(frozen=True)
class LogEntry:
    type: str  # one of ACTION_TYPES
    screen: str  # the screen it happened on
    at: datetime
    payload: Mapping[str, Any] = field(default_factory=dict)
    reply: Mapping[str, Any] | None = None  # the decrypted reply of an endpoint request
    status: int | None = None  # the endpoint's HTTP status
    detail: str = ""  # a URL opened, a reply's problem

    def transcript(self) -> dict[str, Any]:
        """The entry as ``flowtui play --steps`` writes it (no time: transcripts compare)."""
        entry: dict[str, Any] = {"type": self.type, "screen": self.screen}
        entry["payload"] = dict(self.payload)
        if self.reply is not None:
            entry["reply"] = dict(self.reply)
        return entry

    def as_json(self) -> dict[str, Any]:
        """The entry as the log's save (``s``) writes it."""
        entry = self.transcript()
        entry["at"] = self.at.astimezone(UTC).isoformat(timespec="milliseconds")
        if self.status is not None:
            entry["status"] = self.status
        if self.detail:
            entry["detail"] = self.detail
        return entry
