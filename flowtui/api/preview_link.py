"""Meta's interactive preview: the flow's ``preview_url`` with the parameters that run it
(reference flows-graph-api.md §8.4, from Meta's *Flows API* page): ``interactive=true``, the
first action and its payload, the business phone number and the flow token."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flowtui.api.errors import InvalidOptionError


def interactive_preview_url(
    preview_url: str,
    *,
    flow_token: str,
    data_exchange: bool = False,
    screen: str = "",
    data: Mapping[str, Any] | None = None,
    phone_number: str = "",
    debug: bool = True,
) -> str:
    """``preview_url`` (its own query, the token, kept) with the interactive parameters:
    ``flow_action_payload`` goes with navigate only (a screen, default the first, and data)."""
    if not flow_token.strip():
        raise InvalidOptionError("The flow token is empty: endpoint requests carry it.")
    if data_exchange and (screen or data):
        raise InvalidOptionError(
            "With data_exchange the endpoint's INIT opens the flow: no screen."
        )
    parts = urlsplit(preview_url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query += [("interactive", "true"), ("flow_token", flow_token.strip())]
    if data_exchange:
        query.append(("flow_action", "data_exchange"))
    else:
        query.append(("flow_action", "navigate"))
        payload: dict[str, Any] = {"screen": screen or "FIRST_ENTRY_SCREEN"}
        if data:
            payload["data"] = dict(data)
        query.append(("flow_action_payload", json.dumps(payload, separators=(",", ":"))))
    if phone_number.strip():
        query.append(("phone_number", phone_number.strip()))
    if debug:
        query.append(("debug", "true"))
    return urlunsplit(parts._replace(query=urlencode(query)))
