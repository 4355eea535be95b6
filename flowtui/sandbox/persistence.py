"""``--state FILE``: the sandbox's state in a JSON file, saved atomically before each change counts.

A file that cannot be read or understood is an error naming the file and the problem
(:class:`StateFileError`); the sandbox never silently starts afresh over it. Only a regular file
of at most :data:`MAX_STATE_FILE_BYTES` is read (a FIFO or ``/dev/zero`` is refused, not read
until memory runs out), and no larger state is ever written, so what is saved can be read back.

A save writes a temporary file beside the state file (``flowtui.files.temporary_beside``), then
renames it over the state file, so the file always holds a whole state. A save that fails raises
:class:`StateSaveError` and leaves the state file as it was; the store then undoes the change.
A process killed mid-save leaves its temporary file: :func:`remove_stale_temporary_files` (run at
start) removes those, and only those.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from flowtui.files import (
    FileTooLargeError,
    NotARegularFileError,
    is_temporary_of,
    read_regular_file,
    temporary_beside,
    write_new_synced,
)
from flowtui.sandbox.model import Account, EditRule, Flow, FlowStatus, Preview
from flowtui.sandbox.store import Clock, SandboxStore

STATE_FORMAT = "flowtui-sandbox-state"
STATE_FORMAT_VERSION = 1
# Twice what ``--flows 1000000`` (the most the sandbox generates) writes, about 1.05 GB: a bound
# against reading anything at all, not a size anyone should run with.
MAX_STATE_FILE_BYTES = 2 * 1024**3
# ``.STATE.<16 hex digits>.tmp`` beside the state file ``STATE``.


class StateFileError(Exception):
    """The state file exists but cannot be used."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StateSaveError(Exception):
    """The state could not be saved; the state file holds the last state saved."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def state_document(store: SandboxStore) -> dict[str, Any]:
    with store.lock:
        return {
            "format": STATE_FORMAT,
            "format_version": STATE_FORMAT_VERSION,
            "next_flow_id": store.next_flow_id,
            "accounts": [_account_record(a) for a in store.accounts.values()],
            "flows": [_flow_record(f) for f in store.flows.values()],
        }


def state_bytes(store: SandboxStore) -> bytes:
    """The state file's content: UTF-8 JSON.

    A str may hold a lone surrogate (Graph clients send ``"\\ud800"`` as JSON, which decodes to
    one); UTF-8 cannot, and json only escapes it along with all non-ASCII. Outside strings JSON
    text is ASCII, so ``backslashreplace`` turns exactly those into their JSON escape, which
    reads back as the same string.
    """
    text = json.dumps(state_document(store), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "backslashreplace")


def save_state(store: SandboxStore, path: Path) -> None:
    """Write to a temporary file beside ``path``, then rename it into place.

    Raises :class:`StateSaveError` (and removes the temporary file) when that fails.
    """
    data = state_bytes(store)
    if len(data) > MAX_STATE_FILE_BYTES:
        raise StateSaveError(
            path,
            f"the state would be {len(data):,} bytes, over the {MAX_STATE_FILE_BYTES:,} a state "
            "file may hold",
        )
    temporary = temporary_beside(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new_synced(temporary, data, 0o600)
        os.replace(temporary, path)
        _sync_folder(path.parent)
    except OSError as error:
        _discard(temporary)
        raise StateSaveError(path, f"cannot be written ({error.strerror or error})") from error
    except BaseException:
        _discard(temporary)
        raise


def _discard(temporary: Path) -> None:
    # OSError: it was never made (the folder is not one), or cannot go.
    with contextlib.suppress(OSError):
        temporary.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temporary_files(path: Path) -> list[Path]:
    """Remove the temporary files a killed sandbox left beside ``path``; return them.

    Only names :func:`save_state` makes for this state file are touched.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        if not is_temporary_of(entry.name, path):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def load_state(path: Path, clock: Clock) -> SandboxStore:
    """Read a state file; raise :class:`StateFileError` for any problem with it."""
    try:
        raw = read_regular_file(path, MAX_STATE_FILE_BYTES)
    except NotARegularFileError as error:
        raise StateFileError(
            path, f"cannot be read: it is {error.kind}, not a regular file"
        ) from error
    except FileTooLargeError as error:
        held = f"{error.size:,} bytes" if error.exact else "larger"
        raise StateFileError(
            path, f"is {held}, over the {MAX_STATE_FILE_BYTES:,} a state file may hold"
        ) from error
    except (OSError, ValueError) as error:
        problem = getattr(error, "strerror", None) or error
        raise StateFileError(path, f"cannot be read ({problem})") from error
    try:
        document = json.loads(raw)
    except UnicodeDecodeError as error:
        raise StateFileError(path, "is not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise StateFileError(
            path, f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, 100,000 brackets
        raise StateFileError(path, f"is not valid JSON ({error})") from error
    try:
        return _store_from_document(document, clock)
    except _BadRecord as error:
        raise StateFileError(path, f"is not a sandbox state file: {error}") from error
    except (ValueError, TypeError, OverflowError) as error:  # e.g. a flow id that is no number
        raise StateFileError(path, f"is not a sandbox state file ({error})") from error


class _BadRecord(Exception):
    pass


def _store_from_document(document: object, clock: Clock) -> SandboxStore:
    if not isinstance(document, dict) or document.get("format") != STATE_FORMAT:
        raise _BadRecord(f'"format" must be "{STATE_FORMAT}"')
    if document.get("format_version") != STATE_FORMAT_VERSION:
        raise _BadRecord(f'"format_version" must be {STATE_FORMAT_VERSION}')
    accounts_data = _typed(document, "accounts", list, "top level")
    flows_data = _typed(document, "flows", list, "top level")
    accounts = [_account_from(record, index) for index, record in enumerate(accounts_data)]
    store = SandboxStore(accounts={a.id: a for a in accounts}, clock=clock)
    for index, record in enumerate(flows_data):
        flow = _flow_from(record, index)
        if flow.waba_id not in store.accounts:
            raise _BadRecord(f"flows[{index}] belongs to unknown account {flow.waba_id}")
        if flow.id in store.flows:
            raise _BadRecord(f"flows[{index}] repeats flow id {flow.id}")
        store.add_flow(flow)
    store.next_flow_id = max(store.next_flow_id, _typed(document, "next_flow_id", int, "top level"))
    return store


def _typed(
    record: object, key: str, kind: type | tuple[type, ...], where: str, *, optional: bool = False
) -> Any:
    if not isinstance(record, dict):
        raise _BadRecord(f"{where} must be an object")
    value = record.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        kind_name = kind.__name__ if isinstance(kind, type) else "number"
        raise _BadRecord(f'{where}: "{key}" must be of type {kind_name}')
    return value


def _account_record(account: Account) -> dict[str, Any]:
    return {
        "id": account.id,
        "name": account.name,
        "phone_number_id": account.phone_number_id,
        "timezone_id": account.timezone_id,
        "business_type": account.business_type,
        "message_template_namespace": account.message_template_namespace,
        **(
            {"business_public_key": account.business_public_key}
            if account.business_public_key
            else {}
        ),
    }


def _account_from(record: object, index: int) -> Account:
    where = f"accounts[{index}]"
    return Account(
        **{
            key: _typed(record, key, str, where)
            for key in (
                "id",
                "name",
                "phone_number_id",
                "timezone_id",
                "business_type",
                "message_template_namespace",
            )
        },
        business_public_key=_typed(record, "business_public_key", str, where, optional=True),
    )


def _flow_record(flow: Flow) -> dict[str, Any]:
    return {
        "id": flow.id,
        "waba_id": flow.waba_id,
        "name": flow.name,
        "categories": flow.categories,
        "status": flow.status.value,
        "created_at": flow.created_at,
        "updated_at": flow.updated_at,
        "flow_json": flow.flow_json,
        "validation_errors": flow.validation_errors,
        "json_version": flow.json_version,
        "data_api_version": flow.data_api_version,
        "data_channel_uri": flow.data_channel_uri,
        "endpoint_uri": flow.endpoint_uri,
        "application_id": flow.application_id,
        "edit_rule": flow.edit_rule.value,
        "asset_revision": flow.asset_revision,
        "endpoint_request_count": flow.endpoint_request_count,
        "preview": None
        if flow.preview is None
        else {"token": flow.preview.token, "expires_at": flow.preview.expires_at},
    }


def _flow_from(record: object, index: int) -> Flow:
    where = f"flows[{index}]"
    status = _typed(record, "status", str, where)
    edit_rule = _typed(record, "edit_rule", str, where)
    try:
        flow_status = FlowStatus(status)
        rule = EditRule(edit_rule)
    except ValueError as error:
        raise _BadRecord(f"{where}: {error}") from error
    preview_record = _typed(record, "preview", dict, where, optional=True)
    preview = None
    if preview_record is not None:
        preview = Preview(
            _typed(preview_record, "token", str, f"{where}.preview"),
            float(_typed(preview_record, "expires_at", (int, float), f"{where}.preview")),
        )
    categories = _typed(record, "categories", list, where)
    errors = _typed(record, "validation_errors", list, where)

    def optional_text(key: str) -> str | None:
        return _typed(record, key, str, where, optional=True)

    return Flow(
        id=_typed(record, "id", str, where),
        waba_id=_typed(record, "waba_id", str, where),
        name=_typed(record, "name", str, where),
        categories=[str(c) for c in categories],
        status=flow_status,
        created_at=float(_typed(record, "created_at", (int, float), where)),
        updated_at=float(_typed(record, "updated_at", (int, float), where)),
        flow_json=optional_text("flow_json"),
        validation_errors=errors,
        json_version=optional_text("json_version"),
        data_api_version=optional_text("data_api_version"),
        data_channel_uri=optional_text("data_channel_uri"),
        endpoint_uri=optional_text("endpoint_uri"),
        application_id=optional_text("application_id"),
        edit_rule=rule,
        asset_revision=_typed(record, "asset_revision", int, where),
        endpoint_request_count=_typed(record, "endpoint_request_count", int, where),
        preview=preview,
    )
