"""Where an edit in progress lives: one file per flow, kept until the upload succeeds.

``<root>/<waba id>/<flow id>.json``, with ``root`` under the user's data directory. Writes go
through a temporary file and a rename, so a crash never leaves half a file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

from flowtui.api.inputs import check_id

APP_NAME = "flowtui"


def default_root() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "edits"


def write_atomically(path: Path, data: bytes) -> None:
    """``path`` holds ``data`` whole, or keeps what it held: never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class WorkingFiles:
    """The working files of every flow under ``root``."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else default_root()

    def path(self, waba_id: str, flow_id: str) -> Path:
        # Checked ids: nothing from Graph can steer the path out of the root.
        return self.root / check_id(waba_id, "WABA id") / f"{check_id(flow_id, 'flow id')}.json"

    def existing(self, waba_id: str, flow_id: str) -> Path | None:
        """The working file left by an earlier edit of this flow, if there is one."""
        path = self.path(waba_id, flow_id)
        return path if path.is_file() else None

    def save(self, waba_id: str, flow_id: str, data: bytes) -> Path:
        path = self.path(waba_id, flow_id)
        write_atomically(path, data)
        return path

    def discard(self, waba_id: str, flow_id: str) -> None:
        self.path(waba_id, flow_id).unlink(missing_ok=True)
