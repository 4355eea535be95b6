"""Input checks that run before any request, each failing with a specific :class:`InputError`.

The TUI's forms call the same functions as the user types, so a form and the service layer
can never disagree about what is valid.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flowtui.api import errors as e
from flowtui.api.models import FlowCategory, MetricGranularity, MetricName
from flowtui.files import FileTooLargeError, NotARegularFileError, read_regular_file

FLOW_JSON_MAX_BYTES = 10 * 1024 * 1024  # Meta's limit for the file and for the string
MAX_MIGRATION_NAMES = 100  # source_flow_names per migrate_flows request
CATEGORIES: tuple[str, ...] = tuple(c.value for c in FlowCategory)

FlowJsonSource = str | bytes | os.PathLike[str] | Mapping[str, Any]

# What the flag that allows plain HTTP to another machine is called where the user sets it.
ALLOW_INSECURE_HTTP_HINT = "pass --allow-insecure-http if you trust every network in between"
# Graph API versions as Meta names them: v26.0. ASCII digits only (``\d`` takes any script's).
_API_VERSION_PATTERN = re.compile(r"v[0-9]{1,3}\.[0-9]{1,3}")

# Graph ids are numeric strings in reality; Meta's own samples use ids like "flow-1". Anything
# that could change the URL's path or query is refused.
_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]+")


def check_id(value: object, what: str) -> str:
    text = str(value).strip() if isinstance(value, str | int) else ""
    if not text:
        raise e.InvalidIdError(f"The {what} is missing: pass the numeric id Meta shows for it.")
    if not _ID_PATTERN.fullmatch(text):
        raise e.InvalidIdError(
            f"The {what} {text!r} is not a Graph id: ids are digits (letters, '_' and '-' at "
            "most), with no spaces, slashes or '?'."
        )
    return text


def check_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise e.MissingNameError("The flow name is missing: give the flow a non-blank name.")
    return check_sendable(name.strip(), "flow name")


def check_sendable(text: str, what: str) -> str:
    """``text`` if it can be sent as UTF-8, else :class:`UnsendableTextError` saying where."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise e.UnsendableTextError(
            f"The {what} holds a character that can't be sent (a lone surrogate, character "
            f"{error.start + 1}, as a garbled answer from Graph can hold): type it again."
        ) from None
    return text


def check_categories(categories: Iterable[str] | str | None) -> list[str]:
    if isinstance(categories, str):
        categories = [categories]
    values = [str(c).strip().upper() for c in categories or ()]
    if not values:
        raise e.MissingCategoriesError(
            "No category given: choose at least one of " + ", ".join(CATEGORIES) + "."
        )
    unknown = [v for v in values if v not in CATEGORIES]
    if unknown:
        raise e.UnknownCategoryError(
            f"Unknown categor{'y' if len(unknown) == 1 else 'ies'} "
            + ", ".join(repr(u) for u in unknown)
            + ": use "
            + ", ".join(CATEGORIES)
            + "."
        )
    return list(dict.fromkeys(values))


def check_url(url: str, what: str) -> str:
    problem = _url_problem(url.strip()) if isinstance(url, str) else "it is not text"
    if problem:
        raise e.InvalidOptionError(
            f"The {what} {url!r} is not an http(s) URL ({problem}): write it as https://host/path."
        )
    return url.strip()


def _url_problem(url: str) -> str:
    """Why ``url`` is not an http(s) URL with a host (and a valid port), or ''."""
    if any(char.isspace() or not char.isprintable() for char in url):
        return "it holds a space or an invisible character"
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed [ of an IPv6 address
        return "its host cannot be read: an IPv6 address goes in square brackets, closed"
    try:
        parts.port  # noqa: B018 - raises ValueError unless the port is a number 0 to 65535
    except ValueError:
        return "its port is not a number from 1 to 65535"
    if parts.scheme not in ("http", "https"):
        return f"it starts with {parts.scheme + '://' if parts.scheme else 'no scheme'}"
    if not parts.hostname:
        return "it names no host"
    return ""


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` is this machine: ``localhost``, 127.0.0.0/8 or ``::1``."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def check_base_url(
    url: str, *, allow_insecure_http: bool = False, how_to_allow: str = ALLOW_INSECURE_HTTP_HINT
) -> str:
    """The Graph base URL without its trailing slash, or :class:`InvalidBaseUrlError` saying why.

    The one rule for every base URL (command line, profiles, the login screen, the client):
    http(s) with a host and nothing else (no query, fragment or credentials), and plain
    ``http://`` only to this machine unless ``allow_insecure_http``: the access token goes in
    every request's header, in clear text over plain HTTP.
    """
    if not isinstance(url, str):
        raise e.InvalidBaseUrlError("The base URL must be text.", reason="it must be text")
    cleaned = url.strip().rstrip("/")
    reason = _url_problem(cleaned)
    if not reason:
        parts = urlsplit(cleaned)
        host = parts.hostname or ""
        if parts.query or parts.fragment or parts.username is not None or parts.password:
            reason = "a base URL holds no query, fragment or credentials"
        elif parts.port == 0:
            reason = "port 0 is not a port to connect to"
        elif parts.scheme == "http" and not allow_insecure_http and not is_loopback_host(host):
            raise e.InsecureBaseUrlError(
                f"The base URL {url!r} is plain http:// to {host}, which is not this machine: "
                f"the access token would travel in clear text. Use https://, or {how_to_allow}.",
                reason=f"plain http:// to {host}, which is not this machine, would send the "
                f"access token in clear text: use https://, or {how_to_allow}",
            )
    if reason:
        raise e.InvalidBaseUrlError(
            f"The base URL {url!r} is not an http(s) URL Graph can be reached at: {reason}. Use "
            "https://graph.facebook.com or a sandbox address such as http://127.0.0.1:8765.",
            reason=reason,
        )
    return cleaned


def check_api_version(version: object) -> str:
    """A Graph API version, ``v<major>.<minor>`` (v26.0); it becomes part of every URL path."""
    text = version.strip() if isinstance(version, str) else ""
    if not _API_VERSION_PATTERN.fullmatch(text):
        raise e.InvalidOptionError(
            f"The API version {version!r} is not a Graph API version: write it as "
            "v<major>.<minor>, for example v26.0."
        )
    return text


def check_migration_names(names: Iterable[str] | None) -> list[str] | None:
    if names is None:
        return None
    if isinstance(names, str):
        names = [names]
    values = list(names)
    blank = [i for i, n in enumerate(values) if not isinstance(n, str) or not n.strip()]
    if blank:
        raise e.MissingNameError(
            f"Flow name number {blank[0] + 1} in source_flow_names is blank: remove it or "
            "give the flow's name."
        )
    for number, name in enumerate(values, start=1):
        check_sendable(name, f"flow name number {number} in source_flow_names")
    if not values:
        raise e.MissingNameError(
            "source_flow_names is empty: pass None to migrate every flow, or name at least one."
        )
    if len(values) > MAX_MIGRATION_NAMES:
        raise e.TooManyFlowNamesError(
            f"{len(values)} flow names given, but one migration request takes at most "
            f"{MAX_MIGRATION_NAMES}: send them in batches of {MAX_MIGRATION_NAMES}."
        )
    return values


def check_metric(metric_name: str, granularity: str) -> tuple[MetricName, MetricGranularity]:
    try:
        name = MetricName(str(metric_name).upper())
    except ValueError:
        raise e.InvalidOptionError(
            f"Unknown metric {metric_name!r}: use one of {', '.join(m.value for m in MetricName)}."
        ) from None
    try:
        grain = MetricGranularity(str(granularity).upper())
    except ValueError:
        raise e.InvalidOptionError(
            f"Unknown granularity {granularity!r}: use "
            + ", ".join(g.value for g in MetricGranularity)
            + "."
        ) from None
    return name, grain


def check_date(value: date | str | None, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise e.InvalidOptionError(
            f"The {what} date {value!r} is not a date: write it as YYYY-MM-DD."
        ) from None


# --- Flow JSON ---------------------------------------------------------------------------------


def load_flow_json(source: FlowJsonSource) -> bytes:
    """The Flow JSON to upload, as UTF-8 bytes, after checking it is readable, valid and small.

    ``source`` is a path (``pathlib.Path`` or any ``os.PathLike``), the file's ``bytes``, an
    already parsed ``dict``, or a ``str``: JSON text when it parses as JSON, else the path of a
    readable file (as the seed library took it); anything else is refused with both readings.
    """
    if isinstance(source, Mapping):
        data = json.dumps(source, ensure_ascii=False, indent=2).encode()
        _check_size(len(data), "The Flow JSON")
        return data
    if isinstance(source, os.PathLike):
        return _check_text(_read_file(Path(source)), origin=str(Path(source)))
    if isinstance(source, bytes | bytearray):
        _check_size(len(source), "The Flow JSON")
        return _check_text(bytes(source), origin="the Flow JSON")
    if isinstance(source, str):
        return _text_or_path(source)
    raise TypeError(f"flow_json must be a path, bytes, str or dict, not {type(source).__name__}")


def _read_file(path: Path) -> bytes:
    """The file's bytes: only a regular file, checked on the opened file, and at most the limit
    read (a FIFO would block the upload dialog forever, /dev/zero would fill the memory)."""
    try:
        return read_regular_file(path, FLOW_JSON_MAX_BYTES)
    except FileNotFoundError:
        raise e.FlowJsonFileNotFoundError(
            f"The Flow JSON file {str(path)!r} does not exist: check the path."
        ) from None
    except NotARegularFileError as error:
        raise e.FlowJsonFileNotFoundError(
            f"{str(path)!r} is not a file but {error.kind}: give the path of the Flow JSON file "
            "itself."
        ) from None
    except FileTooLargeError as error:
        what = f"The Flow JSON file {str(path)!r}"
        raise _too_large(error.size, what, exact=error.exact) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the name
        raise e.FlowJsonUnreadableError(
            f"The Flow JSON file {str(path)!r} cannot be read "
            f"({getattr(error, 'strerror', None) or error}): check its permissions."
        ) from None


def _check_size(size: int, what: str) -> None:
    if size > FLOW_JSON_MAX_BYTES:
        raise _too_large(size, what)


def _too_large(size: int, what: str, *, exact: bool = True) -> e.FlowJsonTooLargeError:
    held = f"is {size / 1_048_576:.1f} MB, over" if exact else "is over"
    return e.FlowJsonTooLargeError(
        f"{what} {held} Meta's 10 MB limit: remove unused screens or shrink embedded base64 "
        "images.",
        size=size,
        limit=FLOW_JSON_MAX_BYTES,
    )


def _check_text(data: bytes, *, origin: str) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise e.FlowJsonNotUtf8Error(
            f"{_capital(origin)} is not UTF-8 text (byte {error.start + 1}, line {line}): save "
            "it with UTF-8 encoding."
        ) from None
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise e.FlowJsonSyntaxError(
            f"{_capital(origin)} is not valid JSON: {error.msg} at line {error.lineno}, column "
            f"{error.colno}.",
            line=error.lineno,
            column=error.colno,
        ) from None
    return data


def _text_or_path(source: str) -> bytes:
    """A str is JSON text if it parses as JSON, else a path if it names a readable file."""
    data = source.encode()
    try:
        as_json: e.FlowJsonSyntaxError | None = None
        _check_text(data, origin="the Flow JSON text")
    except e.FlowJsonSyntaxError as error:
        as_json = error
    if as_json is None:
        _check_size(len(data), "The Flow JSON")
        return data
    path = Path(source.strip()).expanduser() if "\n" not in source.strip() else None
    try:
        if path is not None and path.is_file():
            return _check_text(_read_file(path), origin=str(path))
        as_path = "no such file exists" if path is None or not path.exists() else "not a file"
    except (OSError, ValueError) as error:  # a name too long, a NUL byte, no permission
        as_path = f"not a readable file ({getattr(error, 'strerror', None) or error})"
    shown = source if len(source) <= 60 else f"{source[:57]}..."
    message = (
        f"The Flow JSON {shown!r} is neither JSON text nor a file: read as JSON text, "
        f"{as_json.args[0].removeprefix('The Flow JSON text is not valid JSON: ')} Read as a "
        f"path, {as_path} (relative paths start in {Path.cwd()})."
    )
    if source.lstrip()[:1] in ("{", "["):
        raise e.FlowJsonSyntaxError(message, line=as_json.line, column=as_json.column)
    raise e.FlowJsonFileNotFoundError(message)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
