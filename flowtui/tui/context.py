"""What the app knows about the account it is showing, and how to reach it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flowtui.api import FlowsClient, Token


@dataclass(frozen=True)
class AccountContext:
    """The account on screen. Holds no token: only where it came from."""

    profile: str
    waba_id: str
    api_version: str
    base_url: str
    token_source: str
    phone_number_id: str | None = None
    read_only: bool = False
    # Plain http:// to another machine, which the user allowed (--allow-insecure-http).
    allow_insecure_http: bool = False
    # The embedded sandbox's demo endpoint (``{base}/endpoint/{flow-id}``): the player sends
    # a flow's data_exchange there when the flow has no endpoint_uri of its own.
    demo_endpoint_base: str | None = None


# How the app opens a client for an account: one place, so tests and the profile switch agree.
ClientFactory = Callable[[AccountContext, Token], FlowsClient]

# The app before the first login: no account yet.
NO_ACCOUNT = AccountContext(profile="", waba_id="", api_version="", base_url="", token_source="")
