"""Does a token work for a profile's account? One cheap Graph call says.

Shared by ``flowtui auth login``/``auth status`` and the TUI's login screen: it lists one flow
of the account (``GET /<waba>/flows?limit=1``), which needs a valid token, access to that
WhatsApp Business account and the ``whatsapp_business_management`` permission: exactly what
the app needs afterwards. Failures come back as a :class:`VerificationResult`, never raised,
and no message holds the token.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import httpx

from flowtui.accounts.profiles import Profile
from flowtui.api import FlowsClient
from flowtui.api.errors import (
    AuthError,
    FlowsError,
    MalformedResponseError,
    NotFoundError,
    OutcomeUnknownError,
    PermissionDeniedError,
    RateLimitedError,
    TransportError,
)
from flowtui.api.secret import Token

log = logging.getLogger("flowtui.accounts")
VERIFY_TIMEOUT_SECONDS: Final = 15.0
VERIFY_MAX_RETRIES: Final = 1


class VerificationFailure(StrEnum):
    INVALID_TOKEN = "invalid-token"
    NO_ACCESS = "no-access"
    NO_PERMISSION = "no-permission"
    NETWORK = "network"
    RATE_LIMITED = "rate-limited"
    OTHER = "other"


@dataclass(frozen=True)
class VerificationResult:
    """``ok``, else the kind of failure, a one-sentence ``message`` and a ``remedy``."""

    ok: bool
    message: str
    failure: VerificationFailure | None = None
    remedy: str = ""


def _failure(
    kind: VerificationFailure, message: str, remedy: str, token: Token
) -> VerificationResult:
    return VerificationResult(
        ok=False, failure=kind, message=token.redact(message), remedy=token.redact(remedy)
    )


def describe_error(exc: BaseException, profile: Profile, token: Token) -> VerificationResult:
    """The failed verification an exception from the Graph client means."""
    account = f"WhatsApp Business account {profile.waba_id}"
    detail = str(exc)
    if isinstance(exc, AuthError):
        state = "expired" if exc.expired else "invalid, expired or revoked"
        return _failure(
            VerificationFailure.INVALID_TOKEN,
            f"Graph refused the token: it is {state}. {detail}",
            "Create a new token (a system user token in Meta Business Settings, or one from "
            "the App Dashboard) and log in again.",
            token,
        )
    if isinstance(exc, NotFoundError):
        return _failure(
            VerificationFailure.NO_ACCESS,
            f"This token has no access to {account}, or the id is wrong. {detail}",
            "Check --waba-id, and give the token's user access to that account in Meta "
            "Business Settings.",
            token,
        )
    if isinstance(exc, PermissionDeniedError):
        return _failure(
            VerificationFailure.NO_PERMISSION,
            f"The token lacks a permission on {account}. {detail}",
            exc.remedy,
            token,
        )
    if isinstance(exc, RateLimitedError):
        return _failure(VerificationFailure.RATE_LIMITED, detail, exc.remedy, token)
    if isinstance(exc, TransportError | OutcomeUnknownError):
        return _failure(
            VerificationFailure.NETWORK,
            f"Could not reach {profile.graph_host}: {detail}",
            TransportError.remedy,
            token,
        )
    if isinstance(exc, FlowsError | MalformedResponseError):
        return _failure(VerificationFailure.OTHER, detail, exc.remedy, token)
    if isinstance(exc, httpx.HTTPError):  # the client wraps these; kept as a safety net
        return _failure(
            VerificationFailure.NETWORK,
            f"Could not reach {profile.graph_host}: {type(exc).__name__}",
            TransportError.remedy,
            token,
        )
    # Not the exception's text: it may quote what a library was sending (the token's header).
    log.warning("the token check failed unexpectedly (%s)", type(exc).__name__)
    return _failure(
        VerificationFailure.OTHER,
        f"The check failed: flowtui hit a problem it did not expect ({type(exc).__name__}).",
        "Try again; if it happens again, report it with the log (flowtui locate shows where).",
        token,
    )


async def verify_token(
    profile: Profile,
    token: Token,
    *,
    timeout: float = VERIFY_TIMEOUT_SECONDS,
    max_retries: int = VERIFY_MAX_RETRIES,
    http_transport: httpx.AsyncBaseTransport | None = None,
) -> VerificationResult:
    """Whether ``token`` can list the flows of ``profile``'s account; never raises for a failure."""
    try:
        async with FlowsClient(
            token,
            waba_id=profile.waba_id,
            base_url=profile.base_url,
            api_version=profile.api_version,
            timeout=timeout,
            max_retries=max_retries,
            http_transport=http_transport,
            allow_insecure_http=profile.allow_insecure_http,
        ) as client:
            await client.get_flows_page(page_size=1)
    except Exception as exc:
        return describe_error(exc, profile, token)
    return VerificationResult(
        ok=True,
        message=(
            f"The token works for WhatsApp Business account {profile.waba_id} "
            f"on {profile.graph_host}."
        ),
    )
