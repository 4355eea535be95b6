"""The flows of one account in the order Graph lists them (newest first), paged in O(page).

A list in creation order with each id's position beside it: finding a cursor is a dict lookup,
a page is a slice read backwards, and a deleted flow leaves a hole that pages skip and that is
closed up once holes are half the list. Listing N flows page by page is O(N), not O(N²).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One page, newest first, and whether items precede or follow it."""

    ids: list[str]
    has_previous: bool
    has_next: bool


@dataclass
class FlowOrder:
    _ids: list[str | None] = field(default_factory=list)  # creation order; None: deleted
    _position: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._position)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._position

    def __iter__(self) -> Iterator[str]:
        """Oldest first (creation order)."""
        return (item for item in self._ids if item is not None)

    def copy(self) -> FlowOrder:
        return FlowOrder(list(self._ids), dict(self._position))

    def append(self, item_id: str) -> None:
        if item_id in self._position:
            return
        self._position[item_id] = len(self._ids)
        self._ids.append(item_id)

    def remove(self, item_id: str) -> None:
        index = self._position.pop(item_id, None)
        if index is None:
            return
        self._ids[index] = None
        if len(self._ids) > 64 and len(self._position) < len(self._ids) // 2:
            self._close_up()

    def _close_up(self) -> None:
        live = [item for item in self._ids if item is not None]
        self._ids = list(live)
        self._position = {item: index for index, item in enumerate(live)}

    # --- newest first ---------------------------------------------------------------------------

    def first_page(self, limit: int) -> Page:
        return self._down_from(len(self._ids) - 1, limit, has_previous=False)

    def page_after(self, item_id: str, limit: int) -> Page | None:
        """The page after ``item_id`` (older flows); None if ``item_id`` is not listed."""
        index = self._position.get(item_id)
        if index is None:
            return None
        return self._down_from(index - 1, limit, has_previous=True)

    def page_before(self, item_id: str, limit: int) -> Page | None:
        """The page before ``item_id`` (newer flows); None if ``item_id`` is not listed."""
        index = self._position.get(item_id)
        if index is None:
            return None
        newer: list[str] = []
        at = index + 1
        while at < len(self._ids) and len(newer) < limit:
            if (item := self._ids[at]) is not None:
                newer.append(item)
            at += 1
        has_previous = any(self._ids[i] is not None for i in range(at, len(self._ids)))
        return Page(newer[::-1], has_previous, has_next=True)

    def _down_from(self, start: int, limit: int, *, has_previous: bool) -> Page:
        page: list[str] = []
        at = start
        while at >= 0 and len(page) < limit:
            if (item := self._ids[at]) is not None:
                page.append(item)
            at -= 1
        # Older ones follow when one is listed below: looked for from the page down, so only
        # holes (at most half the list, see remove) are passed over.
        has_next = any(self._ids[i] is not None for i in range(at, -1, -1))
        return Page(page, has_previous and bool(page), has_next)
