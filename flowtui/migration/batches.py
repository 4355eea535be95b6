"""Splitting flow names into requests Graph accepts (at most 100 names each)."""

from __future__ import annotations

from collections.abc import Iterable

from flowtui.api.inputs import MAX_MIGRATION_NAMES


def batched_names(names: Iterable[str], size: int = MAX_MIGRATION_NAMES) -> list[tuple[str, ...]]:
    """``names`` in order, without repeats, in chunks of at most ``size``."""
    if size < 1:
        raise ValueError(f"a batch holds at least one name, not {size}")
    unique = list(dict.fromkeys(names))
    return [tuple(unique[start : start + size]) for start in range(0, len(unique), size)]
