"""Cursor paging on edges (reference, section 2.3): ``limit``, ``after``, ``before``, ``next``.

Cursors are opaque strings naming an item; a cursor for an item that no longer exists is refused.
``next`` is present exactly when more items follow, ``previous`` when items precede.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from flowtui.sandbox.errors import invalid_parameter
from flowtui.sandbox.ordering import FlowOrder, Page

DEFAULT_LIMIT = 25  # UNCONFIRMED at Meta for /flows; Graph's usual default
MAX_LIMIT = 100  # larger limits are capped silently (the AWS wrapper allows 1..100)
_CURSOR_PREFIX = "flowtui:"


def encode_cursor(item_id: str) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{item_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str, name: str) -> str:
    try:
        decoded = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        decoded = ""
    if not decoded.startswith(_CURSOR_PREFIX):
        raise invalid_parameter(f"The {name} cursor is not valid.", user_title="Invalid cursor")
    return decoded[len(_CURSOR_PREFIX) :]


def parse_limit(raw: str | None) -> int:
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError as error:
        raise invalid_parameter("limit must be a positive integer.") from error
    if limit < 1:
        raise invalid_parameter("limit must be a positive integer.")
    return min(limit, MAX_LIMIT)


def page_of(order: FlowOrder, query: Mapping[str, str]) -> tuple[Page, int]:
    """The page ``query`` asks for (``limit``, ``after``, ``before``), and its limit."""
    limit = parse_limit(query.get("limit"))
    after, before = query.get("after"), query.get("before")
    if after:
        page = order.page_after(decode_cursor(after, "after"), limit)
    elif before:
        page = order.page_before(decode_cursor(before, "before"), limit)
    else:
        page = order.first_page(limit)
    if page is None:
        raise invalid_parameter("The cursor's item no longer exists.", user_title="Invalid cursor")
    return page, limit


def listed(ids_in_order: Sequence[str]) -> FlowOrder:
    """A short list (a flow's assets) as an order to page through, first item first."""
    order = FlowOrder()
    for item_id in reversed(ids_in_order):
        order.append(item_id)
    return order


def paged_body(
    data: list[dict[str, Any]],
    page: Page,
    limit: int,
    edge_url: str,
    query: Mapping[str, str],
) -> dict[str, Any]:
    """``{"data": [...], "paging": {...}}``; an empty page carries no paging, as on Graph."""
    body: dict[str, Any] = {"data": data}
    if not page.ids:
        return body
    first, last = encode_cursor(page.ids[0]), encode_cursor(page.ids[-1])
    paging: dict[str, Any] = {"cursors": {"before": first, "after": last}}
    if page.has_previous:
        paging["previous"] = _link(edge_url, query, limit, "before", first)
    if page.has_next:
        paging["next"] = _link(edge_url, query, limit, "after", last)
    body["paging"] = paging
    return body


def _link(edge_url: str, query: Mapping[str, str], limit: int, key: str, cursor: str) -> str:
    params = {k: v for k, v in query.items() if k not in ("after", "before", "limit")}
    params["limit"] = str(limit)
    params[key] = cursor
    return f"{edge_url}?{urlencode(params)}"
