"""What the sandbox stores: accounts (WABAs) and their Flows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FlowStatus(StrEnum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    DEPRECATED = "DEPRECATED"
    THROTTLED = "THROTTLED"
    BLOCKED = "BLOCKED"


class EditRule(StrEnum):
    """What editing a published Flow does (reference, sections 6.2 and 15.3)."""

    BACK_TO_DRAFT = "back_to_draft"  # flows created since Nov 2024: the edit makes a new draft
    IMMUTABLE = "immutable"  # older flows: error 139001 "Flow can't be updated"


# Meta's list (reference, section 3); AWS/Infobip's extra SHOPPING is not accepted.
FLOW_CATEGORIES: tuple[str, ...] = (
    "SIGN_UP",
    "SIGN_IN",
    "APPOINTMENT_BOOKING",
    "LEAD_GENERATION",
    "CONTACT_US",
    "CUSTOMER_SUPPORT",
    "SURVEY",
    "OTHER",
)


@dataclass(frozen=True)
class Account:
    """A WhatsApp Business Account with one phone number, owned by the sandbox business."""

    id: str
    name: str
    phone_number_id: str
    timezone_id: str = "54"
    business_type: str = "ent"
    message_template_namespace: str = ""
    business_public_key: str | None = None  # uploaded (PEM); None: the demo endpoint's own

    def to_node(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "timezone_id": self.timezone_id,
            "message_template_namespace": self.message_template_namespace,
            "business_type": self.business_type,
        }


@dataclass(frozen=True)
class Application:
    id: str
    name: str

    def to_node(self) -> dict[str, Any]:
        return {
            "link": f"https://www.facebook.com/games/?app_id={self.id}",
            "name": self.name,
            "id": self.id,
        }


@dataclass
class Preview:
    token: str
    expires_at: float


@dataclass(slots=True)
class Flow:
    """One Flow. ``flow_json`` is the uploaded text exactly as received (``None`` if none)."""

    id: str
    waba_id: str
    name: str
    categories: list[str]
    status: FlowStatus
    created_at: float
    updated_at: float
    flow_json: str | None = None
    validation_errors: list[dict[str, Any]] = field(default_factory=list)
    json_version: str | None = None
    data_api_version: str | None = None
    data_channel_uri: str | None = None
    endpoint_uri: str | None = None
    application_id: str | None = None
    edit_rule: EditRule = EditRule.BACK_TO_DRAFT
    asset_revision: int = 0
    endpoint_request_count: int = 0
    preview: Preview | None = None
