"""Offline Flow JSON checking: a position-keeping parser and Meta's validation rules.

Headless: nothing here imports ``textual`` or ``rich``. The one entry point is
:func:`validate_flow_json`, which returns items shaped like Meta's ``validation_errors``.

Names are loaded on first use, so importing ``flowtui.flowjson.command`` (to register the
``validate`` subcommand) does not load the validator.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flowtui.flowjson import versions
    from flowtui.flowjson.issues import Issue, Pointer, Position
    from flowtui.flowjson.parser import JsonSyntaxError, ParsedJson, parse_json
    from flowtui.flowjson.validator import validate_flow_json, validate_issues

_WHERE: dict[str, str] = {
    "versions": "flowtui.flowjson.versions",
    "Issue": "flowtui.flowjson.issues",
    "Pointer": "flowtui.flowjson.issues",
    "Position": "flowtui.flowjson.issues",
    "JsonSyntaxError": "flowtui.flowjson.parser",
    "ParsedJson": "flowtui.flowjson.parser",
    "parse_json": "flowtui.flowjson.parser",
    "validate_flow_json": "flowtui.flowjson.validator",
    "validate_issues": "flowtui.flowjson.validator",
}

__all__ = [
    "Issue",
    "JsonSyntaxError",
    "ParsedJson",
    "Pointer",
    "Position",
    "parse_json",
    "validate_flow_json",
    "validate_issues",
    "versions",
]


def __getattr__(name: str) -> Any:
    module_name = _WHERE.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(module_name)
    value = module if module_name.endswith(f".{name}") else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
