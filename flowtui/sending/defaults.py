"""What the test-send form (``t``) and the interactive-preview form (``I``) were last filled
with, per flow, so the next one of that flow starts from it: ``test-sends.json`` and
``interactive-previews.json`` in the data folder, each written whole or not at all.

A file that cannot be read (missing, not JSON, another tool's) is no defaults: never an error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs

from flowtui.editing.working_files import APP_NAME, write_atomically

FILE_NAME = "test-sends.json"
PREVIEWS_FILE_NAME = "interactive-previews.json"
MAX_FLOWS = 500  # the most recently used are kept


@dataclass(frozen=True)
class SendDefaults:
    to: str = ""
    cta: str = "Open"
    body: str = ""
    flow_token: str = "flowtui-test"
    screen: str = ""
    data: str = ""  # the JSON text as typed
    data_exchange: bool = False


@dataclass(frozen=True)
class PreviewDefaults:
    flow_token: str = "flowtui-preview"
    phone_number: str = ""
    screen: str = ""
    data: str = ""  # the JSON text as typed
    data_exchange: bool = False


Defaults = TypeVar("Defaults", SendDefaults, PreviewDefaults)


def _from_json(kind: type[Defaults], raw: object) -> Defaults | None:
    """The record as kept, its fields of the wrong type left at their defaults."""
    if not isinstance(raw, Mapping):
        return None
    values: dict[str, Any] = {}
    for spec in fields(kind):
        value = raw.get(spec.name)
        wanted = bool if spec.name == "data_exchange" else str
        if isinstance(value, wanted):
            values[spec.name] = value
    return kind(**values)


def data_path(name: str) -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / name


@dataclass
class Remembered(Generic[Defaults]):
    """One form's last values per flow, in ``path``."""

    kind: type[Defaults]
    path: Path

    def _read(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return raw if isinstance(raw, dict) else {}

    def get(self, flow_id: str) -> Defaults | None:
        return _from_json(self.kind, self._read().get(flow_id))

    def remember(self, flow_id: str, values: Defaults) -> None:
        """Keep ``values`` for the flow (it becomes the most recent); OSError if it cannot."""
        kept = {key: value for key, value in self._read().items() if key != flow_id}
        kept[flow_id] = asdict(values)
        newest = dict(list(kept.items())[-MAX_FLOWS:])
        write_atomically(self.path, json.dumps(newest, indent=2).encode())


def remembered_sends() -> Remembered[SendDefaults]:
    return Remembered(SendDefaults, data_path(FILE_NAME))


def remembered_previews() -> Remembered[PreviewDefaults]:
    return Remembered(PreviewDefaults, data_path(PREVIEWS_FILE_NAME))
