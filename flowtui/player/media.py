"""Files for PhotoPicker and DocumentPicker: the user names local files, the player checks them
as the client does (reference §14.6: max-file-size-kb, default 25,600; allowed-mime-types on a
DocumentPicker; PhotoPicker takes images) and sends them as the response message lists media,
``[{"file_name", "mime_type", "sha256", "id"}]`` (reference §10.2)."""

from __future__ import annotations

import hashlib
import mimetypes
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

DEFAULT_MAX_FILE_KB = 25_600
PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"})


def picked(paths: Iterable[str]) -> list[dict[str, Any]]:
    """One entry per named file: what the response message carries, with its size and where
    it is read from (``path``, ``size_kb``: the player's, not sent), or ``missing``."""
    files: list[dict[str, Any]] = []
    for raw in paths:
        try:
            path = Path(raw).expanduser()
        except RuntimeError:  # ~someone who does not exist
            path = Path(raw)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        entry: dict[str, Any] = {"file_name": path.name, "mime_type": mime, "path": str(path)}
        try:
            if not path.is_file():
                raise FileNotFoundError
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 16), b""):
                    digest.update(block)
            entry["sha256"] = digest.hexdigest()
            entry["id"] = entry["sha256"][:16]  # a media id, stable for the same file
            entry["size_kb"] = max(1, -(-os.path.getsize(path) // 1024))
        except OSError:
            entry["missing"] = True
        files.append(entry)
    return files


def file_problem(kind: str, props: Mapping[str, Any], file: Mapping[str, Any]) -> str | None:
    """Why the client would not take this file (None: it would)."""
    name = str(file.get("file_name", "?"))
    if file.get("missing"):
        return f"{name}: no such file"
    limit = props.get("max-file-size-kb")
    limit = limit if isinstance(limit, int) and not isinstance(limit, bool) else DEFAULT_MAX_FILE_KB
    size = file.get("size_kb")
    if isinstance(size, int) and size > limit:
        return f"{name}: {size:,} KB, more than {limit:,} KB"
    mime = str(file.get("mime_type", ""))
    if kind == "PhotoPicker" and mime not in PHOTO_TYPES:
        return f"{name}: not a photo ({mime})"
    allowed = props.get("allowed-mime-types")
    if kind == "DocumentPicker" and isinstance(allowed, list) and allowed and mime not in allowed:
        return f"{name}: {mime} is not one of {', '.join(map(str, allowed))}"
    return None


def as_sent(files: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The entries as a response message lists them (no local path, no size)."""
    keys = ("file_name", "mime_type", "sha256", "id")
    return [{key: file[key] for key in keys if key in file} for file in files]


def sendable(value: Any) -> Any:
    """``value``, with a list of picked files as the response message lists them."""
    if (
        isinstance(value, list)
        and value
        and all(isinstance(item, Mapping) and "path" in item for item in value)
    ):
        return as_sent(value)
    return value
