"""Every way a Flows call can fail, as exceptions a UI can act on.

Three families:

* :class:`InputError` (a ``ValueError``): bad input, raised before any request is sent.
* :class:`TransportError` and :class:`OutcomeUnknownError`: the network failed; the latter when
  the request may already have taken effect and so was not retried.
* :class:`GraphError` and its subclasses: Graph answered with its error envelope.

Each exception's ``str`` is one human sentence; :attr:`FlowsError.remedy` says the way out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar


class FlowsError(Exception):
    """Base class of every error the Flows service layer raises."""

    remedy: str = ""


# --- bad input ---------------------------------------------------------------------------------


class InputError(FlowsError, ValueError):
    """Input refused before any request was sent; the message says what to fix."""


class InvalidIdError(InputError):
    """An id (flow, WABA, phone number) that cannot be a Graph object id."""


class MissingWabaIdError(InputError):
    """A call that needs a WhatsApp Business account id got none."""


class MissingNameError(InputError):
    """A flow name that is missing or blank."""


class UnsendableTextError(InputError):
    """Text that can't travel as UTF-8: a lone surrogate, as a garbled Graph answer can hold."""


class MissingCategoriesError(InputError):
    """No category given where at least one is required."""


class UnknownCategoryError(InputError):
    """A category outside the eight Meta accepts."""


class PublishWithoutFlowJsonError(InputError):
    """``publish=True`` on create without a Flow JSON to publish."""


class TooManyFlowNamesError(InputError):
    """More flow names than one migration request may carry."""


class InvalidOptionError(InputError):
    """A parameter outside its allowed values (metric name, granularity, dates, URL)."""


class InvalidBaseUrlError(InvalidOptionError):
    """A Graph base URL that cannot be used; ``reason`` is the clause saying why."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class InsecureBaseUrlError(InvalidBaseUrlError):
    """A plain ``http://`` base URL to another machine: the token would travel in clear text."""


class InvalidTokenError(InputError):
    """An access token that cannot be sent (empty, or with a control character inside).

    The message never quotes the token; ``problem`` is the clause saying what is wrong ("a line
    break at position 13"), for callers that name where the token came from.
    """

    def __init__(self, message: str, *, problem: str) -> None:
        super().__init__(message)
        self.problem = problem


class FlowJsonError(InputError):
    """A Flow JSON that cannot be sent as it is."""


class FlowJsonFileNotFoundError(FlowJsonError):
    """The Flow JSON path does not exist or is not a file."""


class FlowJsonUnreadableError(FlowJsonError):
    """The Flow JSON file exists but cannot be read."""


class FlowJsonNotUtf8Error(FlowJsonError):
    """The Flow JSON is not UTF-8 text."""


class FlowJsonTooLargeError(FlowJsonError):
    """The Flow JSON is over Meta's 10 MB limit."""

    def __init__(self, message: str, *, size: int, limit: int) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit


class FlowJsonSyntaxError(FlowJsonError):
    """The Flow JSON does not parse; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, *, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


# --- the network -------------------------------------------------------------------------------


class TransportError(FlowsError):
    """The request did not get an HTTP answer."""

    remedy = "Check the network connection and the base URL, then try again."


class RequestTimeoutError(TransportError):
    """No answer within the timeout."""


class ConnectionFailedError(TransportError):
    """The server could not be reached (refused, unreachable, DNS)."""


class RequestNotSentError(TransportError):
    """The request could not be built (a header or the URL HTTP does not allow): never sent."""

    remedy = "Check the access token and the base URL for stray characters, then try again."


class TLSError(TransportError):
    """The TLS handshake failed (certificate or protocol)."""

    remedy = "Check the system clock, proxies and CA certificates: the certificate was refused."


class MalformedResponseError(FlowsError):
    """The server answered, but not with Graph's JSON."""

    remedy = "Try again; if it persists, the base URL may not point at the Graph API."


class OutcomeUnknownError(FlowsError):
    """A request that may have taken effect failed, so it was not retried.

    ``operation`` names the call; :attr:`remedy` says how to find out what happened.
    """

    def __init__(self, message: str, *, operation: str, how_to_check: str) -> None:
        super().__init__(message)
        self.operation = operation
        self.remedy = how_to_check


# --- Graph's error envelope --------------------------------------------------------------------


@dataclass(frozen=True)
class GraphErrorDetail:
    """The fields of Graph's ``{"error": {...}}`` envelope, plus the HTTP status."""

    message: str
    type: str | None = None
    code: int | None = None
    error_subcode: int | None = None
    error_user_title: str | None = None
    error_user_msg: str | None = None
    is_transient: bool | None = None
    fbtrace_id: str | None = None
    http_status: int | None = None
    raw: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), repr=False)

    def codes(self) -> str:
        if self.code is None:
            return "without a code"
        return f"{self.code}/{self.error_subcode}" if self.error_subcode else str(self.code)

    def headline(self) -> str:
        """Meta's user-facing title and message when present, else its developer message."""
        title = (self.error_user_title or "").strip().rstrip(".")
        user_msg = (self.error_user_msg or "").strip().rstrip(".")
        if title and user_msg:
            # Graph often repeats the title at the start of the message: say it once.
            if user_msg.casefold().startswith(title.casefold()):
                return user_msg
            return f"{title}: {user_msg}"
        message = self.message.strip()  # (a message of dots alone is still what Graph said)
        return title or user_msg or message.rstrip(".") or message or "Graph API error"


class GraphError(FlowsError):
    """Graph refused the request; :attr:`detail` holds the whole envelope."""

    remedy = "See the message; fbtrace_id identifies the request to Meta support."

    def __init__(self, detail: GraphErrorDetail) -> None:
        self.detail = detail
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        trace = f", fbtrace_id {self.detail.fbtrace_id}" if self.detail.fbtrace_id else ""
        return f"{self.detail.headline()} (Graph error {self.detail.codes()}{trace})."

    @property
    def code(self) -> int | None:
        return self.detail.code

    @property
    def error_subcode(self) -> int | None:
        return self.detail.error_subcode

    @property
    def fbtrace_id(self) -> str | None:
        return self.detail.fbtrace_id

    @property
    def http_status(self) -> int | None:
        return self.detail.http_status

    @property
    def is_transient(self) -> bool:
        return bool(self.detail.is_transient)


class AuthError(GraphError):
    """The access token is invalid, expired or revoked."""

    remedy = "Log in again with a fresh token (flowtui auth login)."

    @property
    def expired(self) -> bool:
        # Graph's 190 subcodes: 463 expired, 460 password changed, 458/459/464/467 invalidated.
        return self.detail.error_subcode == 463 or "expired" in self.detail.message.lower()


class PermissionDeniedError(GraphError):
    """The token lacks a permission or access to the object."""

    remedy = (
        "Give the token's user access to this WhatsApp Business account, with the "
        "whatsapp_business_management permission."
    )


class NotFoundError(GraphError):
    """The object does not exist or is not visible to this token."""

    remedy = "Check the id; the flow may have been deleted, or belongs to another account."


class InvalidParameterError(GraphError):
    """Graph's code 100: a parameter Graph refused."""

    remedy = "Fix the value the message names and try again."


class MessagingWindowError(GraphError):
    """Code 131047: more than 24 hours since the recipient last wrote to the business number,
    so only a template may be sent to them (reference §C1)."""

    remedy = (
        "From the test phone, send any message to the business number (it opens the 24-hour "
        "window), then send the flow again; outside the window only a template can be sent."
    )


class ServiceUnavailableError(GraphError):
    """A temporary Graph failure (codes 1 and 2, HTTP 5xx)."""

    remedy = "Meta's side failed temporarily; try again in a moment."


class RateLimitedError(GraphError):
    """Too many calls; ``retry_after`` is seconds to wait when Graph said so."""

    def __init__(self, detail: GraphErrorDetail, *, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(detail)

    @property
    def remedy(self) -> str:  # type: ignore[override]
        if self.retry_after:
            return f"Wait about {_human_seconds(self.retry_after)} before trying again."
        return "Wait for the rate limit to reset (usually within an hour), then try again."


class FlowError(GraphError):
    """The 139000 family: a Flows rule refused the call."""

    meaning: ClassVar[str] = "Flows refused the request"

    def _sentence(self) -> str:
        base = super()._sentence()
        return base if self.meaning.lower() in base.lower() else f"{self.meaning}: {base}"


class FlowBlockedByIntegrityError(FlowError):
    meaning = "Blocked by integrity"
    remedy = "The account failed Meta's integrity checks; resolve them in WhatsApp Manager."


class FlowUpdateError(FlowError):
    meaning = "The flow can't be updated"
    remedy = (
        "A published flow may be immutable on older flows: clone it and edit the clone; "
        "for 'Error while processing Flow JSON', try again."
    )


class FlowPublishError(FlowError):
    meaning = "The flow can't be published"
    remedy = (
        "Only DRAFT flows without validation errors, on a version open for publishing, can be "
        "published: fix the Flow JSON or the publishing checks the message names."
    )


class FlowDeprecateError(FlowError):
    meaning = "The flow can't be deprecated"
    remedy = "Only published flows that are not yet deprecated can be deprecated."


class FlowDeleteError(FlowError):
    meaning = "The flow can't be deleted"
    remedy = "Only DRAFT flows can be deleted; deprecate a published flow instead."


class FlowMetricsThresholdError(FlowError):
    meaning = "Metrics threshold not reached"
    remedy = "Metrics appear once the flow's endpoint has received 250 requests."


def _human_seconds(seconds: float) -> str:
    if seconds < 90:
        return f"{round(seconds)} s"
    return f"{round(seconds / 60)} min"
