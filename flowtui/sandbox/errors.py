"""Graph API errors as the sandbox raises and answers them.

Every refusal is a :class:`GraphError`; :func:`error_body` turns one into Graph's envelope
``{"error": {"message", "type", "code", ..., "fbtrace_id"}}`` (reference, section 12.1). The
functions below build the errors the sandbox needs, with the codes and messages of the reference
(sections 5, 6.3, 7, 8 and 12).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

OAUTH_EXCEPTION = "OAuthException"
GRAPH_METHOD_EXCEPTION = "GraphMethodException"

GRAPH_DOCS_URL = "https://developers.facebook.com/docs/graph-api"


@dataclass(frozen=True)
class GraphError(Exception):
    """One Graph API refusal, with the HTTP status it is answered with."""

    message: str
    code: int
    http_status: int = 400
    type: str = OAUTH_EXCEPTION
    error_subcode: int | None = None
    error_user_title: str | None = None
    error_user_msg: str | None = None
    is_transient: bool | None = None

    def __str__(self) -> str:
        return f"({self.code}) {self.message}"


def error_body(error: GraphError, fbtrace_id: str) -> dict[str, Any]:
    """Graph's error envelope; optional members appear only when set, as on the real API."""
    fields: dict[str, Any] = {
        "message": error.message,
        "type": error.type,
        "code": error.code,
    }
    if error.error_subcode is not None:
        fields["error_subcode"] = error.error_subcode
    if error.is_transient is not None:
        fields["is_transient"] = error.is_transient
    if error.error_user_title is not None:
        fields["error_user_title"] = error.error_user_title
    if error.error_user_msg is not None:
        fields["error_user_msg"] = error.error_user_msg
    fields["fbtrace_id"] = fbtrace_id
    return {"error": fields}


# --- authentication (code 190, HTTP 401) -------------------------------------------------------


def missing_token() -> GraphError:
    return GraphError("An access token is required to request this resource.", 190, 401)


def invalid_token() -> GraphError:
    return GraphError("Invalid OAuth access token - Cannot parse access token", 190, 401)


# --- objects, paths and parameters (code 100 and friends) --------------------------------------


def unknown_object(object_id: str, method: str) -> GraphError:
    return GraphError(
        f"Unsupported {method.lower()} request. Object with ID '{object_id}' does not exist, "
        "cannot be loaded due to missing permissions, or does not support this operation. "
        f"Please read the Graph API documentation at {GRAPH_DOCS_URL}",
        100,
        400,
        type=GRAPH_METHOD_EXCEPTION,
        error_subcode=33,
    )


def unknown_path(components: str) -> GraphError:
    return GraphError(f"Unknown path components: {components}", 2500)


def unknown_field(field: str, node_type: str) -> GraphError:
    return GraphError(
        f"(#100) Tried accessing nonexisting field ({field}) on node type ({node_type})", 100
    )


def missing_parameter(name: str) -> GraphError:
    return GraphError(f"(#100) The parameter {name} is required", 100)


def invalid_parameter(detail: str, *, user_title: str | None = None) -> GraphError:
    """Code 100 with Graph's "Invalid parameter" message and the specifics for the user."""
    return GraphError(
        "Invalid parameter",
        100,
        error_user_title=user_title or "Invalid parameter",
        error_user_msg=detail,
    )


def invalid_business_public_key() -> GraphError:
    """Reference §8.7: what Graph answers a key that is not an RSA public key in PEM."""
    return GraphError(
        "Business public key is invalid",
        100,
        error_user_title="Invalid Public Key",
        error_user_msg="Upload a 2048-bit RSA public key in PEM (-----BEGIN PUBLIC KEY-----).",
    )


def enum_parameter(name: str, allowed: tuple[str, ...], got: object) -> GraphError:
    return GraphError(
        f'(#100) Param {name} must be one of {{{", ".join(allowed)}}} - got "{got}".', 100
    )


def syntax_error(detail: str) -> GraphError:
    return GraphError(f"Syntax error {detail}", 2500)


def flow_not_found() -> GraphError:
    return invalid_parameter("Flow with specified ID does not exist", user_title="Flow not found")


def flow_name_not_unique() -> GraphError:
    return invalid_parameter(
        "Flow name is not unique: another Flow in this WhatsApp Business Account has this name.",
        user_title="Flow name is not unique",
    )


# --- the Flows family (139000-139006) -----------------------------------------------------------


def flows_error(code: int, message: str, user_title: str, user_msg: str) -> GraphError:
    """A 139xxx refusal: ``message`` is the reference's wording (Meta's error-code table)."""
    return GraphError(
        message,
        code,
        400,
        error_user_title=user_title,
        error_user_msg=user_msg,
        is_transient=False,
    )


# --- throttling and outages ---------------------------------------------------------------------


def rate_limited(code: int, http_status: int) -> GraphError:
    if code == 80007:
        return GraphError(
            "(#80007) Rate limit issues",
            80007,
            http_status,
            error_user_msg="The WhatsApp Business Account has reached its rate limit.",
            is_transient=True,
        )
    return GraphError(
        "(#4) Application request limit reached",
        4,
        http_status,
        error_subcode=2446079,
        is_transient=True,
    )


def service_unavailable(http_status: int) -> GraphError:
    return GraphError(
        "An unexpected error has occurred. Please retry your request later.",
        2,
        http_status,
        type=GRAPH_METHOD_EXCEPTION,
        is_transient=True,
    )


def change_not_saved() -> GraphError:
    """A change the sandbox could not save to its ``--state`` file (a full disk): undone, and
    answered as Graph answers a passing outage, so that sending it again is safe."""
    return GraphError(
        "Service temporarily unavailable",
        2,
        503,
        type=OAUTH_EXCEPTION,
        error_user_title="Change not saved",
        error_user_msg=(
            "The sandbox could not save this change to its state file, so nothing was changed. "
            "Try again once the problem is fixed (the sandbox's log says what it was)."
        ),
        is_transient=True,
    )
