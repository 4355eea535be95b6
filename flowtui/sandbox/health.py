"""A Flow's ``health_status`` (reference, section 3.1), worked out from the sandbox's state."""

from __future__ import annotations

from typing import Any

from flowtui.sandbox.errors import invalid_parameter
from flowtui.sandbox.model import Flow, FlowStatus
from flowtui.sandbox.store import SandboxStore

AVAILABLE = "AVAILABLE"
LIMITED = "LIMITED"
BLOCKED = "BLOCKED"
_SEVERITY = {AVAILABLE: 0, LIMITED: 1, BLOCKED: 2}

FLOW_CHECK_ERROR_CODE = 131000
HEALTH_DOCS_URL = "https://developers.facebook.com/docs/whatsapp/flows/guides/healthmonitoring"

# Why a Flow cannot be sent, by status (DRAFT is judged by its publishing checks instead).
_STATUS_PROBLEMS: dict[FlowStatus, tuple[str, str]] = {
    FlowStatus.THROTTLED: (
        LIMITED,
        "The Flow is throttled: only 10 messages of this Flow can be sent per hour.",
    ),
    FlowStatus.BLOCKED: (BLOCKED, "flow_status: The Flow is blocked and can't be sent or opened."),
    FlowStatus.DEPRECATED: (
        BLOCKED,
        "flow_status: The Flow is deprecated and can't be sent or opened.",
    ),
}

# The publishing check that failed -> what health_status says about it.
_CHECK_DESCRIPTIONS: dict[str, str] = {
    "Publishing Flow with validation errors": "flow_json: The Flow JSON has validation errors "
    "or is missing. Fix them before you send or publish the Flow.",
    "Versions in Flow JSON file are not available for publishing": "flow_json_version: The "
    "Flow JSON version or Data API version is no longer available for publishing.",
    "Publishing Flow without data_channel_uri": "data_channel_uri: You need to set the "
    "data_channel_uri in the Flow JSON before you can send or publish the Flow.",
    "Publishing without specifying endpoint_uri is forbidden": "endpoint_uri: You need to set "
    "the endpoint URI before you can send or publish a Flow.",
}


def health_status(store: SandboxStore, flow: Flow, phone_number_id: str | None) -> dict[str, Any]:
    entities = [_flow_entity(store, flow)]
    if phone_number_id is not None:
        account = store.account_of_phone_number(phone_number_id)
        if account is None or account.id != flow.waba_id:
            raise invalid_parameter(
                f"Phone number {phone_number_id} does not belong to the Flow's "
                "WhatsApp Business Account."
            )
        entities.append(
            {"entity_type": "PHONE_NUMBER", "id": phone_number_id, "can_send_message": AVAILABLE}
        )
    entities.append({"entity_type": "WABA", "id": flow.waba_id, "can_send_message": AVAILABLE})
    entities.append(
        {"entity_type": "BUSINESS", "id": store.business_id, "can_send_message": AVAILABLE}
    )
    entities.append(
        {
            "entity_type": "APP",
            "id": flow.application_id or store.application.id,
            "can_send_message": AVAILABLE,
        }
    )
    worst = max((entity["can_send_message"] for entity in entities), key=_SEVERITY.__getitem__)
    return {"can_send_message": worst, "entities": entities}


def _flow_entity(store: SandboxStore, flow: Flow) -> dict[str, Any]:
    entity: dict[str, Any] = {"entity_type": "FLOW", "id": flow.id}
    if flow.status is FlowStatus.DRAFT:
        descriptions = [
            _CHECK_DESCRIPTIONS.get(refusal.message, refusal.message)
            for refusal in store.publish_check_failures(flow)
        ]
        if not descriptions:
            entity["can_send_message"] = AVAILABLE
            return entity
        entity["can_send_message"] = BLOCKED
        entity["errors"] = [_error(text) for text in descriptions]
        return entity
    problem = _STATUS_PROBLEMS.get(flow.status)
    if problem is None:
        entity["can_send_message"] = AVAILABLE
    elif problem[0] == LIMITED:
        entity["can_send_message"] = LIMITED
        entity["additional_info"] = [problem[1]]
    else:
        entity["can_send_message"] = BLOCKED
        entity["errors"] = [_error(problem[1])]
    return entity


def _error(description: str) -> dict[str, Any]:
    return {
        "error_code": FLOW_CHECK_ERROR_CODE,
        "error_description": description,
        "possible_solution": HEALTH_DOCS_URL,
    }
