"""Request parameters, however the client sent them (reference, sections 2.2 and 15.4).

Graph reads the same parameters from the query string, a JSON body, a urlencoded form or a
multipart form. List parameters may be real arrays, JSON-encoded strings (``'["OTHER"]'``) or
comma-joined strings (``appointment,leadgen``). Body values win over query values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from flowtui.sandbox.errors import GraphError, enum_parameter, invalid_parameter

_TRUE_WORDS = frozenset({"true", "1", "yes"})
_FALSE_WORDS = frozenset({"false", "0", "no", ""})


@dataclass(frozen=True)
class Params:
    """The merged parameters of one request."""

    values: Mapping[str, Any]

    def __contains__(self, name: str) -> bool:
        return name in self.values

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, UploadFile):
            raise invalid_parameter(f"Parameter {name} must be a string, not a file.")
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (dict, list)):
            return json.dumps(value)
        return str(value)

    def text_list(self, name: str) -> list[str] | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            value = _decode_list_string(name, value)
        if not isinstance(value, list):
            raise invalid_parameter(f"Parameter {name} must be an array.")
        return [str(item) for item in value]

    def flag(self, name: str) -> bool:
        value = self.values.get(name)
        if value is None or isinstance(value, bool):
            return bool(value)
        word = str(value).strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        raise enum_parameter(name, ("true", "false"), value)

    def upload(self, name: str) -> bytes | None:
        """A file part's bytes (a plain string part is accepted as the file's text)."""
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, bytes):
            return value
        if isinstance(value, str):
            return value.encode("utf-8")
        raise GraphError(f"(#100) Param {name} must be a file", 100)


def _decode_list_string(name: str, raw: str) -> list[Any]:
    stripped = raw.strip()
    if stripped.startswith("["):
        try:
            decoded = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise invalid_parameter(f"Parameter {name} is not a valid JSON array.") from error
        if not isinstance(decoded, list):
            raise invalid_parameter(f"Parameter {name} must be an array.")
        return decoded
    return [part.strip() for part in stripped.split(",") if part.strip()]


async def read_params(request: Request) -> Params:
    """Merge the query string with whatever body the request carries."""
    values: dict[str, Any] = dict(request.query_params)
    if request.method in ("POST", "DELETE"):
        values.update(await _body_values(request))
    return Params(values)


async def _body_values(request: Request) -> dict[str, Any]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        raw = await request.body()
        if not raw.strip():
            return {}
        try:
            decoded = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise invalid_parameter("The request body is not valid JSON.") from error
        if not isinstance(decoded, dict):
            raise invalid_parameter("The JSON request body must be an object.")
        return decoded
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        values: dict[str, Any] = {}
        async with request.form(max_part_size=11 * 1024 * 1024) as form:
            for key, value in form.multi_items():
                values[key] = await value.read() if isinstance(value, UploadFile) else value
        return values
    return {}
