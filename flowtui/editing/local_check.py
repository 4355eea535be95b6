"""The checks a Flow JSON passes before it is uploaded: the service layer's file checks (exists,
UTF-8, valid JSON, size) and then the offline validator's rules, with positions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flowtui.api import ValidationError, inputs


@dataclass(frozen=True)
class LocalCheck:
    """A Flow JSON that can be sent, and what the local validator says about it."""

    data: bytes
    errors: tuple[ValidationError, ...]

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


def check_flow_json_file(path: Path) -> LocalCheck:
    """Raises the service layer's :class:`~flowtui.api.InputError` when the file can't be sent."""
    return _validated(inputs.load_flow_json(path))


def check_flow_json_text(data: bytes) -> LocalCheck:
    return _validated(inputs.load_flow_json(data))


def _validated(data: bytes) -> LocalCheck:
    from flowtui.flowjson import validate_flow_json  # loads the rules on first use

    errors = tuple(ValidationError.from_graph(item) for item in validate_flow_json(data))
    return LocalCheck(data, errors)
