"""Every flow the app knows of one account, in the list's order, filterable as the user types.

Made for 100,000 flows:

* **Loading adds, it does not re-sort.** Flows arrive a page at a time; they wait in a pending
  list and are merged into the name order when the list is next drawn (bisecting for each
  pending flow, then one splice), so a load costs O(N log N) in all, not O(N²).
* **The search texts are the name order's keys**: compared as strings they are in name order
  (:func:`~flowtui.catalog.sorting.search_text`), so finding a flow's place is a bisect of a
  list of strings, done in C, with no key worked out per comparison.
* **Other orders come from the name order**, by a stable sort on one primary key, and are kept:
  a change to a few flows moves just those flows in every order kept.
* **The search texts travel with the rows.** Each order holds its flows' search texts in a
  list beside them, spliced and sorted with them: filtering never looks a text up. The first
  filter in an order lays its texts side by side in memory (100,000 strings next to each other
  are scanned 3-5 times faster than the same strings scattered over the heap). Typing on
  narrows the last result instead of scanning everything again.
* **A few changes are made in place**: one flow out of and into each order is a bisect and a
  pointer move, where copying a list of 100,000 flows costs milliseconds (each copy touches
  every flow's reference count, all over the heap).

So the list :meth:`FlowCatalog.rows` returns, and the positions :meth:`FlowCatalog.matching`
returns, hold until the next ``put`` or ``remove``: whoever shows them shows them again after a
change (the flow list does, in the same call).
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flowtui.api import Flow
from flowtui.catalog.sorting import SORT_KEYS, SortKey, search_text

# Up to this many changed flows are moved within the orders kept; more, and those orders are
# sorted again when next shown (a load, a refresh).
MOVED_IN_PLACE = 16


def filter_words(needle: str) -> list[str]:
    return needle.casefold().split()


@dataclass
class _Order:
    """Flows in one order, with their search texts in the same order."""

    rows: list[Flow]
    texts: list[str]
    compact: bool = False  # the texts lie side by side in memory, in this order


class FlowCatalog:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.flows: dict[str, Flow] = {}
        self.sort: SortKey = SORT_KEYS[0]
        self.clock = clock
        self.loaded_at: float | None = None  # when the last full load ended
        self.outdated = False  # many flows changed (a migration): read the account again
        # By name (case-insensitive), then id: the order of the search texts.
        self._by_name = _Order([], [])
        self._pending: dict[str, tuple[Flow, str]] = {}  # added, not merged in yet
        self._orders: dict[SortKey, _Order] = {}  # the other sorts, once asked for
        self._last_filter: tuple[SortKey, list[str], list[int]] | None = None  # sort, words, found

    def __len__(self) -> int:
        return len(self.flows)

    def __contains__(self, flow_id: object) -> bool:
        return flow_id in self.flows

    def get(self, flow_id: str) -> Flow | None:
        return self.flows.get(flow_id)

    # --- changes ------------------------------------------------------------------------------

    def put(self, flows: Iterable[Flow]) -> None:
        """Add flows, or replace the versions of flows already known."""
        for flow in flows:
            old = self.flows.get(flow.id)
            if old is not None:
                self._take_out(old)
            self.flows[flow.id] = flow
            self._pending[flow.id] = (flow, search_text(flow))
        if len(self._pending) > MOVED_IN_PLACE:
            self._orders.clear()
        self._last_filter = None

    def remove(self, flow_id: str) -> Flow | None:
        """Forget a flow (deleted); the flow it was, if known."""
        old = self.flows.pop(flow_id, None)
        if old is not None:
            self._take_out(old)
            self._last_filter = None
        return old

    def mark_loaded(self) -> None:
        """A full load ended: remember when, and lay the name order's texts side by side (the
        first filter would do it, a keystroke later)."""
        self.loaded_at = self.clock()
        self.outdated = False
        self._compacted(self._merged())

    def prepare_next_order(self) -> bool:
        """Sort one order not made yet, so that switching to it later is instant; False when
        every order is made. (For idle moments: each costs 20-50 ms at 100,000 flows.)"""
        self._merged()
        missing = [s for s in SORT_KEYS if s.primary is not None and s not in self._orders]
        if missing:
            self._sorted(missing[0])
        return len(missing) > 1

    def age(self) -> float | None:
        """Seconds since the last full load (None before the first)."""
        return None if self.loaded_at is None else self.clock() - self.loaded_at

    def set_sort(self, sort: SortKey) -> None:
        self.sort = sort

    def _take_out(self, flow: Flow) -> None:
        """Out of every order, in place (a pointer move, not a copy of 100,000)."""
        if self._pending.pop(flow.id, None) is not None:
            return
        text = search_text(flow)
        at = _index_of(self._by_name, flow, text, None)
        if at is not None:
            del self._by_name.rows[at], self._by_name.texts[at]
        for sort, order in list(self._orders.items()):
            found = _index_of(order, flow, text, sort.primary)
            if found is None:  # (cannot happen; never show a wrong order if it does)
                del self._orders[sort]
            else:
                del order.rows[found], order.texts[found]

    # --- reading ------------------------------------------------------------------------------

    def rows(self) -> list[Flow]:
        """Every flow, in the current order."""
        return self._current().rows

    def haystacks(self) -> list[str]:
        """The search texts of :meth:`rows`, in the same order, side by side in memory."""
        return self._compacted(self._current()).texts

    @staticmethod
    def _compacted(order: _Order) -> _Order:
        if not order.compact:  # once per order made (a sort, a load): about 20 ms at 100k
            order.texts[:] = _contiguous(order.texts)
            order.compact = True
        return order

    def _current(self) -> _Order:
        by_name = self._merged()
        primary = self.sort.primary
        if primary is None:
            return by_name
        order = self._orders.get(self.sort)
        return order if order is not None else self._sorted(self.sort)

    def _sorted(self, sort: SortKey) -> _Order:
        """Make and keep the order ``sort`` from the name order (which is merged)."""
        primary = sort.primary
        assert primary is not None
        by_name = self._by_name
        # Each key once, then the positions sorted by it (stable: ties stay in name order).
        keys = list(map(primary, by_name.rows))
        positions = sorted(range(len(keys)), key=keys.__getitem__)
        rows = list(map(by_name.rows.__getitem__, positions))
        texts = list(map(by_name.texts.__getitem__, positions))
        order = self._orders[sort] = _Order(rows, texts)
        return order

    def _merged(self) -> _Order:
        """The name order with every pending flow merged in (and the orders kept, updated)."""
        if not self._pending:
            return self._by_name
        arrivals = sorted((text, flow) for flow, text in self._pending.values())
        self._pending.clear()
        if len(arrivals) > MOVED_IN_PLACE:  # a page: one splice into new lists
            rows, texts = _merge(self._by_name, arrivals)
            self._by_name = _Order(rows, texts)  # (put dropped the other orders already)
            return self._by_name
        by_name = self._by_name
        for text, flow in arrivals:  # a few changes: each inserted in place
            at = bisect_left(by_name.texts, text)
            by_name.rows.insert(at, flow)
            by_name.texts.insert(at, text)
        for sort, order in self._orders.items():
            primary = sort.primary
            assert primary is not None
            for text, flow in arrivals:
                at = _insertion_point(order, flow, text, primary)
                order.rows.insert(at, flow)
                order.texts.insert(at, text)
        return by_name

    def position(self, flow_id: str) -> int | None:
        """Where the flow is in :meth:`rows`, found by bisecting (no scan of the rows)."""
        flow = self.flows.get(flow_id)
        if flow is None:
            return None
        return _index_of(self._current(), flow, search_text(flow), self.sort.primary)

    def matching(self, words: list[str]) -> list[int]:
        """The positions in :meth:`rows` of the flows whose search text holds every word.

        Typing on (each word the same or longer, and no fewer words) narrows the last result."""
        haystacks = self.haystacks()
        last = self._last_filter
        if not words:
            found = list(range(len(haystacks)))
        else:
            narrowing = last is not None and last[0] == self.sort and _narrows(last[1], words)
            source: Sequence[int] | None = last[2] if narrowing and last is not None else None
            found = _search(haystacks, words, source)
        self._last_filter = (self.sort, words, found)
        return found


Arrival = tuple[str, Flow]  # (search text, flow)


def _merge(order: _Order, arrivals: Sequence[Arrival]) -> tuple[list[Flow], list[str]]:
    """Splice ``arrivals``, sorted by name, into the name order: a bisect each, one copy."""
    rows, texts = order.rows, order.texts
    if not texts or arrivals[0][0] > texts[-1]:  # pages in name order: all after
        return rows + [a[1] for a in arrivals], texts + [a[0] for a in arrivals]
    new_rows: list[Flow] = []
    new_texts: list[str] = []
    start = 0
    for text, flow in arrivals:
        at = bisect_left(texts, text, start)
        new_rows += rows[start:at]
        new_texts += texts[start:at]
        new_rows.append(flow)
        new_texts.append(text)
        start = at
    new_rows += rows[start:]
    new_texts += texts[start:]
    return new_rows, new_texts


def _insertion_point(order: _Order, flow: Flow, text: str, primary: Callable[[Flow], Any]) -> int:
    """Where ``flow`` (whose search text is ``text``) goes in ``order``, sorted by ``primary``
    and then by name."""
    value = primary(flow)
    low = bisect_left(order.rows, value, key=primary)
    high = bisect_right(order.rows, value, lo=low, key=primary)
    return bisect_left(order.texts, text, low, high)


def _index_of(
    order: _Order, flow: Flow, text: str, primary: Callable[[Flow], Any] | None
) -> int | None:
    """Where ``flow`` (this very object) is in ``order``, sorted by ``primary`` then name."""
    if primary is None:
        at = bisect_left(order.texts, text)
    else:
        at = _insertion_point(order, flow, text, primary)
    return at if at < len(order.rows) and order.rows[at] is flow else None


def _contiguous(texts: list[str]) -> list[str]:
    """The same texts as new strings allocated one after another (joined and split again)."""
    return "\n".join(texts).split("\n") if texts else []


def _narrows(before: list[str], now: list[str]) -> bool:
    return len(now) >= len(before) > 0 and all(
        new.startswith(old) for old, new in zip(before, now[: len(before)], strict=True)
    )


def _search(haystacks: list[str], words: list[str], within: Sequence[int] | None) -> list[int]:
    """Positions holding every word, word by word: each word scans only what the last kept."""
    first, *rest = words
    if within is None:
        found = [at for at, text in enumerate(haystacks) if first in text]
    else:
        found = [at for at in within if first in haystacks[at]]
    for word in rest:
        found = [at for at in found if word in haystacks[at]]
    return found
