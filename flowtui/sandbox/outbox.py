"""Flow messages sent to test phones, as ``POST /{phone-number-id}/messages`` takes them
(reference endpoints-player-2026.md §C1), kept in an outbox so a test send is seen offline.

Nothing reaches a phone. A recipient whose number starts with 999 (no country has that code)
plays a phone that never wrote to the business: Graph's 131047, outside the 24-hour window.
The outbox lives as long as the process: ``GET /sandbox/outbox`` lists it, and each flow's
preview page shows what was sent of it.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flowtui.sandbox.errors import GraphError, invalid_parameter

OUTSIDE_WINDOW_PREFIX = "999"
MAX_KEPT = 1000  # the newest are kept


def outside_window() -> GraphError:
    return GraphError(
        "(#131047) Re-engagement message",
        131047,
        error_user_msg="Message failed to send because more than 24 hours have passed since "
        "the customer last replied to this number.",
    )


@dataclass(frozen=True)
class SentFlow:
    id: str
    phone_number_id: str
    to: str
    flow_id: str
    mode: str
    cta: str
    flow_token: str
    flow_action: str
    payload: Mapping[str, Any] | None
    body: str
    sent_at: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "from_phone_number_id": self.phone_number_id,
            "to": self.to,
            "flow_id": self.flow_id,
            "mode": self.mode,
            "flow_cta": self.cta,
            "flow_token": self.flow_token,
            "flow_action": self.flow_action,
            "flow_action_payload": dict(self.payload) if self.payload is not None else None,
            "body": self.body,
            "sent_at": int(self.sent_at),
        }


@dataclass
class Outbox:
    sent: list[SentFlow] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, message: SentFlow) -> None:
        with self._lock:
            self.sent.append(message)
            del self.sent[:-MAX_KEPT]

    def of_flow(self, flow_id: str) -> list[SentFlow]:
        with self._lock:
            return [m for m in self.sent if m.flow_id == flow_id]

    def all(self) -> list[SentFlow]:
        with self._lock:
            return list(self.sent)


def read_flow_message(body: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of an interactive flow message the outbox keeps, or Graph's code 100 naming
    the first thing missing."""

    def need(mapping: Any, key: str, where: str) -> Any:
        value = mapping.get(key) if isinstance(mapping, Mapping) else None
        if value is None or value == "":
            raise invalid_parameter(f"The parameter {where}{key} is required.")
        return value

    if need(body, "messaging_product", "") != "whatsapp":
        raise invalid_parameter("messaging_product must be whatsapp.")
    to = str(need(body, "to", ""))
    if need(body, "type", "") != "interactive":
        raise invalid_parameter("The sandbox sends interactive flow messages only (type).")
    interactive = need(body, "interactive", "")
    if need(interactive, "type", "interactive.") != "flow":
        raise invalid_parameter("interactive.type must be flow.")
    text = str(need(need(interactive, "body", "interactive."), "text", "interactive.body."))
    action = need(interactive, "action", "interactive.")
    if need(action, "name", "interactive.action.") != "flow":
        raise invalid_parameter("interactive.action.name must be flow.")
    parameters = need(action, "parameters", "interactive.action.")
    where = "interactive.action.parameters."
    if str(need(parameters, "flow_message_version", where)) != "3":
        raise invalid_parameter("flow_message_version must be 3.")
    payload = parameters.get("flow_action_payload")
    if payload is not None and not isinstance(payload, Mapping):
        raise invalid_parameter("flow_action_payload must be an object.")
    return {
        "to": to,
        "body": text,
        "flow_id": str(need(parameters, "flow_id", where)),
        "cta": str(need(parameters, "flow_cta", where)),
        "mode": str(parameters.get("mode") or "published"),
        "flow_token": str(parameters.get("flow_token") or "unused"),
        "flow_action": str(parameters.get("flow_action") or "navigate"),
        "payload": payload,
    }


def new_message_id() -> str:
    return "wamid.SANDBOX" + secrets.token_hex(12).upper()
