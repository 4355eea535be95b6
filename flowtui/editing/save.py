"""Saving a downloaded Flow JSON where the user asks, never over a file by accident."""

from __future__ import annotations

import re
from pathlib import Path

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def suggested_file_name(flow_name: str | None, flow_id: str) -> str:
    """``Order feedback`` -> ``order-feedback.json``; the flow id when the name has no letters."""
    slug = _NOT_SLUG.sub("-", (flow_name or "").lower()).strip("-")
    return f"{slug or flow_id}.json"


def write_new_file(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` exactly; raises ``FileExistsError`` unless ``overwrite``."""
    with path.open("wb" if overwrite else "xb") as file:
        file.write(data)
    return path.resolve()
