"""Validate Flow JSON text into Meta-shaped issues: the one entry point every caller uses."""

from __future__ import annotations

from typing import Any

from flowtui.flowjson import codes
from flowtui.flowjson.context import Context
from flowtui.flowjson.issues import Issue, Pointer
from flowtui.flowjson.parser import MAX_NESTING, JsonSyntaxError, parse_json
from flowtui.flowjson.rules import run_all
from flowtui.flowjson.source_map import LineIndex

_BOM = "\ufeff"
# Meta rejects Flow JSON over 10 MB (section 7.3; the error's shape there is UNCONFIRMED, so
# flowtui reports it as INVALID_FLOW_JSON). Like every limit, it ends the check: Meta refuses
# the whole file, and checking 30 MB of it would only make the user wait for that one answer.
MAX_FLOW_JSON_BYTES = 10 * 1024 * 1024


def _whole_text_issue(text: str, start: int, end: int, message: str) -> Issue:
    """The one issue for text that cannot be checked further (not UTF-8, not JSON, too deep)."""
    position = LineIndex(text).position(start, min(end, len(text)))
    return Issue(codes.INVALID_FLOW_JSON, message, position, (Pointer(position, ""),))


def too_large_issue(size: int, *, exact: bool = True) -> Issue:
    """The one issue for Flow JSON over :data:`MAX_FLOW_JSON_BYTES` (``size`` bytes, or more
    than the limit when not ``exact``), at line 1, column 1."""
    held = f"{size:,}" if exact else f"more than {MAX_FLOW_JSON_BYTES:,}"
    message = f"Flow JSON is {held} bytes; at most {MAX_FLOW_JSON_BYTES:,} are allowed."
    return _whole_text_issue("", 0, 0, message)


def _utf8_size(text: str) -> int:
    """Bytes of ``text`` in UTF-8; a lone surrogate (which a str may hold, from a ``\\ud800``
    escape decoded by a caller) counts the 3 bytes it would take, instead of failing."""
    # A character is at most 4 UTF-8 bytes: only encode when the text might be too large.
    if len(text) * 4 <= MAX_FLOW_JSON_BYTES:
        return len(text)  # a lower bound, enough to say it is within the limit
    return len(text.encode("utf-8", "surrogatepass"))


def _decode(data: bytes) -> tuple[str, Issue | None]:
    """UTF-8 (with or without a BOM); undecodable bytes become one issue at the first bad byte."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        text = data[: error.start].decode("utf-8-sig")
        message = f"Flow JSON must be UTF-8 text: invalid byte 0x{data[error.start]:02x}."
        return text, _whole_text_issue(text, len(text), len(text), message)


def validate_issues(text: str | bytes, *, for_publishing: bool = False) -> list[Issue]:
    """Like :func:`validate_flow_json`, returning :class:`Issue` objects."""
    if isinstance(text, bytes | bytearray):
        text, decode_issue = _decode(bytes(text))
        if decode_issue is not None:
            return [decode_issue]
    elif text.startswith(_BOM):
        # Editors hide the mark; dropping it keeps columns on line 1 as the user sees them.
        text = text[1:]
    size = _utf8_size(text)
    if size > MAX_FLOW_JSON_BYTES:
        return [too_large_issue(size)]
    try:
        document = parse_json(text)
    except JsonSyntaxError as error:
        message = f"Invalid JSON: {error.message}."
        return [_whole_text_issue(text, error.offset, error.offset + 1, message)]
    if document.too_deep_at is not None:
        offset = document.too_deep_at
        message = f"Invalid JSON: nested deeper than {MAX_NESTING} levels."
        return [_whole_text_issue(text, offset, offset + 1, message)]
    context = Context(document, for_publishing=for_publishing)
    run_all(context)
    return sorted(context.issues(), key=_reading_order)


def _reading_order(issue: Issue) -> tuple[int, int]:
    return issue.position.line_start, issue.position.column_start


def validate_flow_json(text: str | bytes, *, for_publishing: bool = False) -> list[dict[str, Any]]:
    """Check Flow JSON offline; return items shaped like Meta's ``validation_errors``.

    An empty list means the document passed every rule flowtui knows. With ``for_publishing``,
    versions that can still be sent but no longer published (2.1-5.0) are reported too.
    """
    return [issue.as_graph_dict() for issue in validate_issues(text, for_publishing=for_publishing)]
