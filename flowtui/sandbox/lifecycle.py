"""The Flow status machine as data (reference, section 6).

``TRANSITIONS[action][status]`` is either the status the Flow moves to, :data:`DELETED`, or the
:class:`Refusal` the API answers with. Publishing also has content checks (validation errors,
frozen versions, endpoint); their refusals are in :data:`PUBLISH_CHECK_REFUSALS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from flowtui.sandbox.errors import GraphError, flows_error
from flowtui.sandbox.model import EditRule, FlowStatus


class Action(StrEnum):
    PUBLISH = "publish"
    DEPRECATE = "deprecate"
    DELETE = "delete"
    EDIT = "edit"  # metadata update or Flow JSON upload


@dataclass(frozen=True)
class Refusal:
    code: int
    message: str  # Meta's wording from the error-code table
    user_title: str
    user_msg: str

    def error(self) -> GraphError:
        return flows_error(self.code, self.message, self.user_title, self.user_msg)


DELETED: Final = "deleted"

_PUBLISH_FAILED = "Flow publishing failed"

NOT_A_DRAFT = Refusal(
    139002,
    "Publishing Flow in invalid state",
    _PUBLISH_FAILED,
    "You tried to publish a Flow that isn't a draft.",
)
CANNOT_UPDATE = Refusal(
    139001,
    "Flow can't be updated",
    "Flow updating failed",
    "You attempted to update a Flow that has already been published.",
)
DEPRECATE_UNPUBLISHED = Refusal(
    139003,
    "Can't deprecate unpublished flow",
    "Flow deprecation failed",
    "You tried to deprecate a Flow that hasn't been published.",
)
ALREADY_DEPRECATED = Refusal(
    139003,
    "Flow is already deprecated",
    "Flow deprecation failed",
    "You tried to deprecate a Flow that is already deprecated.",
)
DELETE_PUBLISHED = Refusal(
    139004,
    "Can't delete published Flow",
    "Flow deletion failed",
    "Only draft Flows can be deleted.",
)

Outcome = FlowStatus | Refusal | str

TRANSITIONS: Final[dict[Action, dict[FlowStatus, Outcome]]] = {
    Action.PUBLISH: {
        FlowStatus.DRAFT: FlowStatus.PUBLISHED,
        FlowStatus.PUBLISHED: NOT_A_DRAFT,
        FlowStatus.THROTTLED: NOT_A_DRAFT,
        FlowStatus.BLOCKED: NOT_A_DRAFT,
        FlowStatus.DEPRECATED: NOT_A_DRAFT,
    },
    Action.DEPRECATE: {
        FlowStatus.DRAFT: DEPRECATE_UNPUBLISHED,
        FlowStatus.PUBLISHED: FlowStatus.DEPRECATED,
        FlowStatus.THROTTLED: FlowStatus.DEPRECATED,
        FlowStatus.BLOCKED: FlowStatus.DEPRECATED,
        FlowStatus.DEPRECATED: ALREADY_DEPRECATED,
    },
    Action.DELETE: {
        FlowStatus.DRAFT: DELETED,
        FlowStatus.PUBLISHED: DELETE_PUBLISHED,
        FlowStatus.THROTTLED: DELETE_PUBLISHED,
        FlowStatus.BLOCKED: DELETE_PUBLISHED,
        FlowStatus.DEPRECATED: DELETE_PUBLISHED,
    },
    Action.EDIT: {
        FlowStatus.DRAFT: FlowStatus.DRAFT,
        FlowStatus.PUBLISHED: FlowStatus.DRAFT,
        FlowStatus.THROTTLED: CANNOT_UPDATE,
        FlowStatus.BLOCKED: CANNOT_UPDATE,
        FlowStatus.DEPRECATED: CANNOT_UPDATE,
    },
}

# The older rule: a published Flow is immutable.
IMMUTABLE_EDIT_OVERRIDES: Final[dict[FlowStatus, Outcome]] = {FlowStatus.PUBLISHED: CANNOT_UPDATE}


def outcome(action: Action, status: FlowStatus, edit_rule: EditRule) -> Outcome:
    if action is Action.EDIT and edit_rule is EditRule.IMMUTABLE:
        override = IMMUTABLE_EDIT_OVERRIDES.get(status)
        if override is not None:
            return override
    return TRANSITIONS[action][status]


def next_status(action: Action, status: FlowStatus, edit_rule: EditRule) -> FlowStatus | str:
    """The status after ``action`` (or :data:`DELETED`); raises the Graph error on refusal."""
    result = outcome(action, status, edit_rule)
    if isinstance(result, Refusal):
        raise result.error()
    return result


# Content checks run on a DRAFT when it is published, in this order.
PUBLISH_CHECK_REFUSALS: Final[dict[str, Refusal]] = {
    "validation_errors": Refusal(
        139002,
        "Publishing Flow with validation errors",
        _PUBLISH_FAILED,
        "You tried to publish a Flow with validation errors. Fix them and try again.",
    ),
    "no_flow_json": Refusal(
        139002,
        "Publishing Flow with validation errors",
        _PUBLISH_FAILED,
        "You tried to publish a Flow without a Flow JSON. Upload one and try again.",
    ),
    "versions": Refusal(
        139002,
        "Versions in Flow JSON file are not available for publishing",
        _PUBLISH_FAILED,
        "The Flow JSON version or Data API version is frozen or expired. Update the versions.",
    ),
    "data_channel_uri": Refusal(
        139002,
        "Publishing Flow without data_channel_uri",
        _PUBLISH_FAILED,
        'Set the "data_channel_uri" property before publishing.',
    ),
    "endpoint_uri": Refusal(
        139002,
        "Publishing without specifying endpoint_uri is forbidden",
        _PUBLISH_FAILED,
        "Starting from Flow JSON version 3.0 endpoint_uri should be specified via API.",
    ),
}

ENDPOINT_URI_NEEDS_JSON_3 = Refusal(
    139001,
    "Specify Endpoint Uri in Flow JSON",
    "Flow updating failed",
    "For Flow JSON versions below 3.0, specify the endpoint as data_channel_uri in the Flow JSON.",
)
