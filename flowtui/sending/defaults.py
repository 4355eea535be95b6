"""What the test-send form (``t``) was last filled with, per flow, so the next send of that
flow starts from it: ``test-sends.json`` in the data folder, written whole or not at all.

A file that cannot be read (missing, not JSON, another tool's) is no defaults: never an error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from flowtui.editing.working_files import APP_NAME, write_atomically

FILE_NAME = "test-sends.json"
MAX_FLOWS = 500  # the most recently sent are kept


@dataclass(frozen=True)
class SendDefaults:
    to: str = ""
    cta: str = "Open"
    body: str = ""
    flow_token: str = "flowtui-test"
    screen: str = ""
    data: str = ""  # the JSON text as typed
    data_exchange: bool = False

    @classmethod
    def from_json(cls, raw: object) -> SendDefaults | None:
        if not isinstance(raw, Mapping):
            return None
        values: dict[str, Any] = {}
        for spec in fields(cls):
            value = raw.get(spec.name)
            wanted = bool if spec.name == "data_exchange" else str
            if isinstance(value, wanted):
                values[spec.name] = value
        return cls(**values)


def default_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / FILE_NAME


@dataclass
class RememberedSends:
    path: Path = field(default_factory=default_path)

    def _read(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return raw if isinstance(raw, dict) else {}

    def get(self, flow_id: str) -> SendDefaults | None:
        return SendDefaults.from_json(self._read().get(flow_id))

    def remember(self, flow_id: str, values: SendDefaults) -> None:
        """Keep ``values`` for the flow (it becomes the most recent); OSError if it cannot."""
        kept = {key: value for key, value in self._read().items() if key != flow_id}
        kept[flow_id] = asdict(values)
        newest = dict(list(kept.items())[-MAX_FLOWS:])
        write_atomically(self.path, json.dumps(newest, indent=2).encode())
