"""Every flow the app knows of one account, in the list's order, filterable as the user types.

Made for 100,000 flows:

* **Loading adds, it does not re-sort.** Flows arrive a page at a time; they wait in a pending
  list and are merged into the name order when the list is next drawn (bisecting for each
  pending flow, then one splice), so a load costs O(N log N) in all, not O(N²).
* **Other orders come from the name order**, by a stable sort on one primary key, and are kept
  until a flow changes.
* **The filter reads contiguous text.** Each flow's search text is rebuilt, for the order on
  screen, as the pieces of one joined string: 100,000 strings that lie side by side in memory
  are scanned several times faster than the same strings scattered over the heap. Typing on
  narrows the last result instead of scanning everything again.
* **One flow changes in place**: ``put`` of a flow already known takes it out of the orders and
  puts the new version where it belongs.

The lists :meth:`FlowCatalog.rows` returns are never changed afterwards (a change makes new
ones), so a table can keep drawing from the one it was given.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence

from flowtui.api import Flow
from flowtui.catalog.sorting import SORT_KEYS, SortKey, name_key, search_text


def filter_words(needle: str) -> list[str]:
    return needle.casefold().split()


class FlowCatalog:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.flows: dict[str, Flow] = {}
        self.sort: SortKey = SORT_KEYS[0]
        self.clock = clock
        self.loaded_at: float | None = None  # when the last full load ended
        self.outdated = False  # many flows changed (a migration): read the account again
        self._search: dict[str, str] = {}  # flow id -> its search text
        self._name_keys: list[tuple[str, str]] = []  # sorted
        self._name_rows: list[Flow] = []  # in the order of _name_keys
        self._pending: dict[str, Flow] = {}  # added, not merged into the name order yet
        self._orders: dict[str, list[Flow]] = {}  # other sorts, while nothing changed
        self._haystacks: tuple[str, list[str]] | None = None  # (sort label, texts in order)
        self._last_filter: tuple[list[str], list[int]] | None = None

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
            self._search[flow.id] = search_text(flow)
            self._pending[flow.id] = flow
        self._changed()

    def remove(self, flow_id: str) -> Flow | None:
        """Forget a flow (deleted); the flow it was, if known."""
        old = self.flows.pop(flow_id, None)
        if old is not None:
            self._take_out(old)
            del self._search[flow_id]
            self._changed()
        return old

    def mark_loaded(self) -> None:
        self.loaded_at = self.clock()
        self.outdated = False

    def age(self) -> float | None:
        """Seconds since the last full load (None before the first)."""
        return None if self.loaded_at is None else self.clock() - self.loaded_at

    def set_sort(self, sort: SortKey) -> None:
        self.sort = sort
        self._haystacks = None
        self._last_filter = None

    def _take_out(self, flow: Flow) -> None:
        if self._pending.pop(flow.id, None) is not None:
            return
        key = name_key(flow)
        at = bisect_left(self._name_keys, key)
        if at < len(self._name_keys) and self._name_keys[at] == key:
            # New lists, not edited ones: a table may be drawing the old list right now.
            self._name_keys = self._name_keys[:at] + self._name_keys[at + 1 :]
            self._name_rows = self._name_rows[:at] + self._name_rows[at + 1 :]

    def _changed(self) -> None:
        self._orders.clear()
        self._haystacks = None
        self._last_filter = None

    # --- reading ------------------------------------------------------------------------------

    def rows(self) -> list[Flow]:
        """Every flow, in the current order."""
        names = self._name_order()
        primary = self.sort.primary
        if primary is None:
            return names
        order = self._orders.get(self.sort.label)
        if order is None:
            order = self._orders[self.sort.label] = sorted(names, key=primary)
        return order

    def _name_order(self) -> list[Flow]:
        if self._pending:
            self._merge(sorted((name_key(f), f) for f in self._pending.values()))
            self._pending.clear()
        return self._name_rows

    def _merge(self, arrivals: Sequence[tuple[tuple[str, str], Flow]]) -> None:
        """Splice sorted ``arrivals`` into the name order: a bisect each, one pass of copying."""
        keys, rows = self._name_keys, self._name_rows
        if not keys or arrivals[0][0] > keys[-1]:  # (new lists: see _take_out)
            self._name_keys = keys + [key for key, _ in arrivals]
            self._name_rows = rows + [flow for _, flow in arrivals]
            return
        new_keys: list[tuple[str, str]] = []
        new_rows: list[Flow] = []
        start = 0
        for key, flow in arrivals:
            at = bisect_left(keys, key, start)
            new_keys += keys[start:at]
            new_rows += rows[start:at]
            new_keys.append(key)
            new_rows.append(flow)
            start = at
        new_keys += keys[start:]
        new_rows += rows[start:]
        self._name_keys, self._name_rows = new_keys, new_rows

    def position(self, flow_id: str) -> int | None:
        """Where the flow is in :meth:`rows`, found by bisecting (no scan of the rows)."""
        flow = self.flows.get(flow_id)
        if flow is None:
            return None
        rows = self.rows()
        key = name_key(flow)
        primary = self.sort.primary
        if primary is None:
            at = bisect_left(self._name_keys, key)
        else:
            value = primary(flow)
            low = bisect_left(rows, value, key=primary)
            high = bisect_right(rows, value, lo=low, key=primary)
            at = bisect_left(rows, key, lo=low, hi=high, key=name_key)  # ties: in name order
        return at if at < len(rows) and rows[at] is flow else None

    def haystacks(self) -> list[str]:
        """The search texts of :meth:`rows`, in the same order, laid side by side in memory."""
        if self._haystacks is None or self._haystacks[0] != self.sort.label:
            rows = self.rows()
            texts = [self._search[flow.id] for flow in rows]
            # Joined and split again: new strings, allocated one after another.
            contiguous = "\n".join(texts).split("\n") if texts else []
            self._haystacks = (self.sort.label, contiguous)
        return self._haystacks[1]

    def matching(self, words: list[str]) -> list[int]:
        """The positions in :meth:`rows` of the flows whose search text holds every word.

        Typing on (each word the same or longer, and no fewer words) narrows the last result."""
        haystacks = self.haystacks()
        last = self._last_filter
        if not words:
            found = list(range(len(haystacks)))
        else:
            narrowing = last is not None and _narrows(last[0], words)
            source: Sequence[int] | None = last[1] if last is not None and narrowing else None
            found = _search(haystacks, words, source)
        self._last_filter = (words, found)
        return found


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
