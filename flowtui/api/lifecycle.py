"""Which lifecycle actions a flow's status allows, as data, with the reason when it does not.

The UI checks these before sending anything, so a refused action costs no Graph round trip.
They mirror Meta's rules (reference, section 6); where Meta's behaviour is unconfirmed
(publish or delete on THROTTLED/BLOCKED), the action is refused as Meta's lifecycle diagram
implies, and Graph remains the final judge of anything allowed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from flowtui.api.models import Flow, FlowStatus


class FlowAction(StrEnum):
    PUBLISH = "publish"
    DEPRECATE = "deprecate"
    DELETE = "delete"
    EDIT = "edit"  # metadata or Flow JSON


_S = FlowStatus
ALLOWED_FROM: Mapping[FlowAction, frozenset[FlowStatus]] = {
    FlowAction.PUBLISH: frozenset({_S.DRAFT}),
    FlowAction.DEPRECATE: frozenset({_S.PUBLISHED, _S.THROTTLED, _S.BLOCKED}),
    FlowAction.DELETE: frozenset({_S.DRAFT}),
    FlowAction.EDIT: frozenset({_S.DRAFT, _S.PUBLISHED, _S.THROTTLED, _S.BLOCKED}),
}

REFUSALS: Mapping[FlowAction, str] = {
    FlowAction.PUBLISH: "only DRAFT flows can be published",
    FlowAction.DEPRECATE: "only PUBLISHED, THROTTLED or BLOCKED flows can be deprecated",
    FlowAction.DELETE: "only DRAFT flows can be deleted; deprecate a published flow instead",
    FlowAction.EDIT: "a DEPRECATED flow can't be changed; clone it and edit the clone",
}


def refusal(action: FlowAction, flow: Flow) -> str | None:
    """Why ``action`` is not allowed on ``flow`` now, or None when it may be tried."""
    if flow.status is None or not flow.status.is_known:
        return None  # a status we don't know: let Graph decide
    if flow.status not in ALLOWED_FROM[action]:
        return REFUSALS[action]
    if action is FlowAction.PUBLISH and flow.validation_errors:
        count = len(flow.validation_errors)
        return f"fix the {count} validation error{'s' if count != 1 else ''} before publishing"
    return None
