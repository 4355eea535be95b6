"""A flow sent to a test phone: ``POST /{phone-number-id}/messages`` with an interactive flow
message (reference endpoints-player-2026.md §C1, from Meta's *Sending a Flow*).

Everything is checked before anything is sent; :meth:`FlowMessage.to_graph` is the body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Final

from flowtui.api.errors import InvalidOptionError

# Meta's message reference advises 30 characters or less, no emoji (its OpenAPI spec says
# maxLength 30); some SDKs and BSPs enforce 20. Meta's figure is followed (reference §C1).
MAX_CTA_CHARS: Final = 30
MAX_BODY_CHARS: Final = 1024  # an interactive message's body text
MAX_HEADER_CHARS: Final = 60
MAX_FOOTER_CHARS: Final = 60
FLOW_MESSAGE_VERSION: Final = "3"
ACTIONS: Final = ("navigate", "data_exchange")
MODES: Final = ("draft", "published")
# E.164: a country code and number, 8 to 15 digits in all, "+" optional as Cloud API takes it.
_E164 = re.compile(r"\+?[1-9][0-9]{7,14}")


class FlowMessageError(InvalidOptionError):
    """A message that cannot be sent; ``part`` names what to fix (``to``, ``cta``, ``body``,
    ``header``, ``footer``, ``mode``, ``flow_action``, ``flow_token``)."""

    def __init__(self, message: str, *, part: str) -> None:
        super().__init__(message)
        self.part = part


def check_phone(number: str) -> str:
    """The number as Graph takes it (digits, no spaces or dashes), or a sentence why not."""
    compact = re.sub(r"[\s().-]", "", number)
    if not _E164.fullmatch(compact):
        raise FlowMessageError(
            f"{number!r} is not a phone number in international form (E.164): the country code "
            "and number, 8 to 15 digits, such as +447700900123.",
            part="to",
        )
    return compact.removeprefix("+")


def _has_emoji(text: str) -> bool:
    return any(unicodedata.category(c) == "So" or 0x1F000 <= ord(c) <= 0x1FAFF for c in text)


@dataclass(frozen=True)
class FlowMessage:
    to: str
    flow_id: str
    cta: str
    body: str
    flow_token: str = "unused"  # Meta's default
    mode: str = "published"
    flow_action: str = "navigate"
    screen: str | None = None  # navigate: the entry screen (Meta's default: the first)
    data: dict[str, Any] = field(default_factory=dict)  # navigate: the screen's data
    header: str = ""
    footer: str = ""

    def problems(self) -> dict[str, str]:
        """What is wrong, per part (``to``, ``cta``, ``body``, ``header``, ``footer``,
        ``mode``, ``flow_action``, ``flow_token``), each checked on its own (a form shows them
        all); empty when the message can be sent."""
        found: dict[str, str] = {}
        try:
            check_phone(self.to)
        except FlowMessageError as error:
            found["to"] = (
                str(error)
                if self.to.strip()
                else "Which phone? Its number with the country code, such as +447700900123."
            )
        cta = self.cta.strip()
        if not cta:
            found["cta"] = "The button text (flow_cta) is empty."
        elif len(cta) > MAX_CTA_CHARS:
            found["cta"] = (
                f"The button text has {len(cta)} characters; Meta advises {MAX_CTA_CHARS} or less."
            )
        elif _has_emoji(cta):
            found["cta"] = "The button text holds an emoji, which Meta advises against."
        if not self.body.strip():
            found["body"] = "The message body is empty: WhatsApp needs a text."
        for name, text, limit in (
            ("body", self.body, MAX_BODY_CHARS),
            ("header", self.header, MAX_HEADER_CHARS),
            ("footer", self.footer, MAX_FOOTER_CHARS),
        ):
            if len(text) > limit:
                found.setdefault(name, f"The {name} has {len(text)} characters; at most {limit}.")
        if self.mode not in MODES:
            found["mode"] = f"mode is draft or published, not {self.mode!r}."
        if self.flow_action not in ACTIONS:
            found["flow_action"] = (
                f"flow_action is navigate or data_exchange, not {self.flow_action!r}."
            )
        elif self.flow_action == "data_exchange" and (self.screen or self.data):
            found["flow_action"] = (
                "A data_exchange flow opens with the endpoint's INIT reply: give no screen or "
                "data (they go with navigate)."
            )
        if not self.flow_token.strip():
            found["flow_token"] = "The flow token is empty (Meta's default is 'unused')."
        return found

    def checked(self) -> FlowMessage:
        """This message with the number compacted, or :class:`FlowMessageError` naming the
        first thing to fix (nothing has been sent)."""
        for part, problem in self.problems().items():
            raise FlowMessageError(problem, part=part)
        return FlowMessage(
            check_phone(self.to),
            self.flow_id,
            self.cta.strip(),
            self.body,
            self.flow_token.strip(),
            self.mode,
            self.flow_action,
            self.screen or None,
            dict(self.data),
            self.header,
            self.footer,
        )

    def to_graph(self) -> dict[str, Any]:
        parameters: dict[str, Any] = {
            "flow_message_version": FLOW_MESSAGE_VERSION,
            "flow_token": self.flow_token,
            "flow_id": self.flow_id,
            "flow_cta": self.cta,
            "mode": self.mode,
            "flow_action": self.flow_action,
        }
        if self.flow_action == "navigate" and (self.screen or self.data):
            payload: dict[str, Any] = {"screen": self.screen or "FIRST_ENTRY_SCREEN"}
            if self.data:
                # An object (Meta's OpenAPI spec, pywa; one page says a string: reference §C1).
                payload["data"] = self.data
            parameters["flow_action_payload"] = payload
        interactive: dict[str, Any] = {
            "type": "flow",
            "body": {"text": self.body},
            "action": {"name": "flow", "parameters": parameters},
        }
        if self.header:
            interactive["header"] = {"type": "text", "text": self.header}
        if self.footer:
            interactive["footer"] = {"text": self.footer}
        return {
            "recipient_type": "individual",
            "messaging_product": "whatsapp",
            "to": self.to,
            "type": "interactive",
            "interactive": interactive,
        }
