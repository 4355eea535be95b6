"""The sandbox's state and the rules of every Flows operation on it.

Operations raise :class:`~flowtui.sandbox.errors.GraphError` exactly where the real API refuses.
A lock makes them safe to call from the server thread and from tests at the same time.

A change counts only once ``on_change`` (persistence) has saved it: each operation runs as a
:meth:`SandboxStore._change`, which undoes everything it did when it fails or its save fails,
and a failed save is answered as Graph answers a passing outage (code 2, ``is_transient``), so
the client may send it again. The server never serves a change it has not saved, so a restart
never loses one that was answered.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from flowtui.sandbox import flow_json, lifecycle
from flowtui.sandbox.errors import (
    GraphError,
    change_not_saved,
    enum_parameter,
    flow_name_not_unique,
    flow_not_found,
    invalid_parameter,
)
from flowtui.sandbox.lifecycle import PUBLISH_CHECK_REFUSALS, Action
from flowtui.sandbox.model import (
    FLOW_CATEGORIES,
    Account,
    Application,
    EditRule,
    Flow,
    FlowStatus,
    Preview,
)
from flowtui.sandbox.ordering import FlowOrder
from flowtui.sandbox.outbox import Outbox

Clock = Callable[[], float]

PREVIEW_LIFETIME_SECONDS = 30 * 24 * 3600
MAX_MIGRATION_NAMES = 100
MAX_FLOW_JSON_BYTES = 10 * 1024 * 1024
MIGRATION_ERROR_CODE = "4233041"
MIGRATION_NAME_CLASH = "Flows Migration Error: Flow with the same name exists in destination WABA."
MIGRATION_NAME_MISSING = "Flow name not found in source WABA."

SANDBOX_BUSINESS_ID = "300000000000001"
SANDBOX_APPLICATION = Application(id="400000000000001", name="flowtui Sandbox App")

log = logging.getLogger("flowtui.sandbox")
_FLOW_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Flow))


@dataclass(frozen=True)
class _Snapshot:
    """What a change may touch, as it was before: enough to undo any operation."""

    accounts: dict[str, Account]
    flows: dict[str, Flow]
    flow_values: list[tuple[Flow, tuple[Any, ...]]]
    flow_ids_by_waba: dict[str, FlowOrder]
    next_flow_id: int


@dataclass
class SandboxStore:
    accounts: dict[str, Account]
    clock: Clock = time.time
    next_flow_id: int = 1_000_000_000_000_001
    business_id: str = SANDBOX_BUSINESS_ID
    application: Application = SANDBOX_APPLICATION
    on_change: Callable[[SandboxStore], None] | None = None
    flows: dict[str, Flow] = field(default_factory=dict)
    _flow_ids_by_waba: dict[str, FlowOrder] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)
    # Flow messages sent to test phones (not state: the process's alone).
    outbox: Outbox = field(default_factory=Outbox)
    # Whether the change being made has changed anything (so it needs saving).
    _dirty: bool = field(default=False, init=False, repr=False)
    _changing: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        for waba_id in self.accounts:
            self._flow_ids_by_waba.setdefault(waba_id, FlowOrder())

    # --- reading ---------------------------------------------------------------------------

    def account(self, waba_id: str) -> Account | None:
        return self.accounts.get(waba_id)

    def account_of_phone_number(self, phone_number_id: str) -> Account | None:
        for account in self.accounts.values():
            if account.phone_number_id == phone_number_id:
                return account
        return None

    def flow(self, flow_id: str) -> Flow | None:
        return self.flows.get(flow_id)

    def flow_order(self, waba_id: str) -> FlowOrder:
        """The account's flows in listing order (read it holding :attr:`lock`)."""
        return self._flow_ids_by_waba.get(waba_id) or FlowOrder()

    def flow_ids_newest_first(self, waba_id: str) -> list[str]:
        with self.lock:
            return list(self.flow_order(waba_id))[::-1]

    def flows_of(self, waba_id: str) -> list[Flow]:
        with self.lock:
            return [self.flows[flow_id] for flow_id in self.flow_order(waba_id)]

    def find_by_name(self, waba_id: str, name: str) -> Flow | None:
        return next((flow for flow in self.flows_of(waba_id) if flow.name == name), None)

    def asset_token(self, flow: Flow) -> str:
        seed = f"flowtui-sandbox-asset:{flow.id}:{flow.asset_revision}"
        return hashlib.sha256(seed.encode()).hexdigest()[:32]

    # --- building --------------------------------------------------------------------------

    def add_flow(self, flow: Flow) -> Flow:
        """Insert a ready-made Flow (demo data, state files, migration copies)."""
        with self.lock:
            self.flows[flow.id] = flow
            self._flow_ids_by_waba.setdefault(flow.waba_id, FlowOrder()).append(flow.id)
            self.next_flow_id = max(self.next_flow_id, int(flow.id) + 1)
        return flow

    def replace_contents(self, other: SandboxStore) -> None:
        """Take over another store's accounts and Flows (a reset that keeps this object)."""
        with self._change():
            self.accounts = dict(other.accounts)
            self.flows = dict(other.flows)
            self._flow_ids_by_waba = {
                waba_id: order.copy() for waba_id, order in other._flow_ids_by_waba.items()
            }
            self.next_flow_id = other.next_flow_id
            self._changed()

    def new_flow_id(self) -> str:
        flow_id = str(self.next_flow_id)
        self.next_flow_id += 1
        return flow_id

    def _changed(self) -> None:
        """Say that the change being made changed something: it is saved when it ends."""
        self._dirty = True

    def _change(self) -> _Change:
        """One operation, as ``with self._change():``: saved (``on_change``) before it counts,
        else undone (see :class:`_Change`)."""
        return _Change(self)

    def _snapshot(self) -> _Snapshot:
        # Flows are changed in place (their fields are replaced, never their lists mutated), so
        # each one's field values are kept; a flow created or deleted shows in the dict.
        return _Snapshot(
            accounts=dict(self.accounts),
            flows=dict(self.flows),
            flow_values=[
                (flow, tuple(getattr(flow, name) for name in _FLOW_FIELDS))
                for flow in self.flows.values()
            ],
            flow_ids_by_waba={k: order.copy() for k, order in self._flow_ids_by_waba.items()},
            next_flow_id=self.next_flow_id,
        )

    def _restore(self, snapshot: _Snapshot) -> None:
        self.accounts = snapshot.accounts
        self.flows = snapshot.flows
        for flow, values in snapshot.flow_values:
            for name, value in zip(_FLOW_FIELDS, values, strict=True):
                setattr(flow, name, value)
        self._flow_ids_by_waba = snapshot.flow_ids_by_waba
        self.next_flow_id = snapshot.next_flow_id

    # --- create, update, upload -------------------------------------------------------------

    def create_flow(
        self,
        waba_id: str,
        *,
        name: str,
        categories: list[str],
        flow_json_text: str | None = None,
        publish: bool = False,
        clone_flow_id: str | None = None,
        clone_template: str | None = None,
        endpoint_uri: str | None = None,
    ) -> Flow:
        with self._change():
            _check_categories(categories, required=True)
            if clone_flow_id and clone_template:
                raise invalid_parameter(
                    "Only one clone source can be set.",
                    user_title="Only one clone source can be set",
                )
            if clone_flow_id and flow_json_text is not None:
                raise invalid_parameter("Set either flow_json or clone_flow_id, not both.")
            if endpoint_uri is not None:
                _check_endpoint_uri(endpoint_uri)
            if self.find_by_name(waba_id, name) is not None:
                raise flow_name_not_unique()
            now = self.clock()
            flow = Flow(
                id="",  # numbered once every check has passed, so refusals use up no id
                waba_id=waba_id,
                name=name,
                categories=list(categories),
                status=FlowStatus.DRAFT,
                created_at=now,
                updated_at=now,
                endpoint_uri=endpoint_uri,
                application_id=self.application.id,
            )
            if clone_flow_id:
                source = self.flows.get(clone_flow_id)
                if source is None:
                    raise flow_not_found()
                if endpoint_uri is not None and not flow_json.version_at_least(
                    source.json_version, 3
                ):
                    raise invalid_parameter(
                        "Below Flow JSON 3.0, set data_channel_uri inside the Flow JSON instead.",
                        user_title="Specify Endpoint URI in Flow JSON",
                    )
                _copy_content(source, flow)
            elif flow_json_text is not None:
                _check_create_versions(flow_json_text)
                apply_flow_json(flow, flow_json_text)
            flow.id = self.new_flow_id()
            self.add_flow(flow)
            if publish and flow.flow_json is not None and self._publish_refusal(flow) is None:
                flow.status = FlowStatus.PUBLISHED
            self._changed()
            return flow

    def update_metadata(
        self,
        flow_id: str,
        *,
        name: str | None = None,
        categories: list[str] | None = None,
        endpoint_uri: str | None = None,
        application_id: str | None = None,
    ) -> None:
        with self._change():
            flow = self._existing(flow_id)
            if (
                name is None
                and categories is None
                and endpoint_uri is None
                and application_id is None
            ):
                return
            new_status = lifecycle.next_status(Action.EDIT, flow.status, flow.edit_rule)
            if categories is not None:
                _check_categories(categories, required=True)
            if name is not None:
                if not name.strip():
                    raise invalid_parameter("The Flow name can't be empty.")
                clash = self.find_by_name(flow.waba_id, name)
                if clash is not None and clash.id != flow.id:
                    raise flow_name_not_unique()
            if endpoint_uri is not None:
                if flow.json_version is not None and not flow_json.version_at_least(
                    flow.json_version, 3
                ):
                    raise lifecycle.ENDPOINT_URI_NEEDS_JSON_3.error()
                if endpoint_uri:  # an empty string clears it
                    _check_endpoint_uri(endpoint_uri)
            if application_id is not None and application_id != self.application.id:
                raise invalid_parameter(f"Application with ID {application_id} can't be connected.")
            if name is not None:
                flow.name = name
            if categories is not None:
                flow.categories = list(categories)
            if endpoint_uri is not None:
                flow.endpoint_uri = endpoint_uri or None
            if application_id is not None:
                flow.application_id = application_id
            flow.status = FlowStatus(new_status)
            flow.updated_at = self.clock()
            self._changed()

    def upload_flow_json(self, flow_id: str, text: str) -> list[dict[str, Any]]:
        with self._change():
            flow = self._existing(flow_id)
            new_status = lifecycle.next_status(Action.EDIT, flow.status, flow.edit_rule)
            if len(text.encode("utf-8")) > MAX_FLOW_JSON_BYTES:
                raise invalid_parameter(
                    "The Flow JSON file is larger than 10 MB.", user_title="File too large"
                )
            apply_flow_json(flow, text)
            flow.status = FlowStatus(new_status)
            flow.updated_at = self.clock()
            self._changed()
            return flow.validation_errors

    # --- lifecycle --------------------------------------------------------------------------

    def publish(self, flow_id: str) -> None:
        with self._change():
            flow = self._existing(flow_id)
            new_status = lifecycle.next_status(Action.PUBLISH, flow.status, flow.edit_rule)
            refusal = self._publish_refusal(flow)
            if refusal is not None:
                raise refusal.error()
            flow.status = FlowStatus(new_status)
            self._changed()

    def _publish_refusal(self, flow: Flow) -> lifecycle.Refusal | None:
        if flow.flow_json is None:
            return PUBLISH_CHECK_REFUSALS["no_flow_json"]
        if flow.validation_errors:
            return PUBLISH_CHECK_REFUSALS["validation_errors"]
        versions_ok = flow.json_version is not None and flow_json.is_publishable_version(
            flow.json_version
        )
        if flow.data_api_version is not None and flow.data_api_version not in ("3.0", "4.0"):
            versions_ok = False
        if not versions_ok:
            return PUBLISH_CHECK_REFUSALS["versions"]
        if flow.data_api_version is not None:
            if not flow_json.version_at_least(flow.json_version, 3) and not flow.data_channel_uri:
                return PUBLISH_CHECK_REFUSALS["data_channel_uri"]
            if flow_json.version_at_least(flow.json_version, 3) and not flow.endpoint_uri:
                return PUBLISH_CHECK_REFUSALS["endpoint_uri"]
        return None

    def publish_check_failures(self, flow: Flow) -> list[lifecycle.Refusal]:
        """Why a DRAFT could not be published now (empty when it could); for health_status."""
        refusal = self._publish_refusal(flow)
        return [] if refusal is None else [refusal]

    def set_business_public_key(self, phone_number_id: str, public_pem: str) -> None:
        """The phone number's uploaded business public key (one per number: it replaces
        the one there, as on Graph; reference §8.7)."""
        with self._change():
            account = self.account_of_phone_number(phone_number_id)
            if account is None:
                raise KeyError(phone_number_id)
            self.accounts[account.id] = dataclasses.replace(account, business_public_key=public_pem)
            self._changed()

    def deprecate(self, flow_id: str) -> None:
        with self._change():
            flow = self._existing(flow_id)
            flow.status = FlowStatus(
                lifecycle.next_status(Action.DEPRECATE, flow.status, flow.edit_rule)
            )
            self._changed()

    def delete(self, flow_id: str) -> None:
        with self._change():
            flow = self._existing(flow_id)
            lifecycle.next_status(Action.DELETE, flow.status, flow.edit_rule)
            del self.flows[flow_id]
            self._flow_ids_by_waba[flow.waba_id].remove(flow_id)
            self._changed()

    def set_monitoring_status(self, flow_id: str, status: FlowStatus) -> None:
        """What WhatsApp's monitoring does (THROTTLED, BLOCKED, recovery); a sandbox control."""
        with self._change():
            self._existing(flow_id).status = status
            self._changed()

    def set_edit_rule(self, flow_id: str, rule: EditRule) -> None:
        with self._change():
            self._existing(flow_id).edit_rule = rule
            self._changed()

    # --- preview ----------------------------------------------------------------------------

    def preview(self, flow_id: str, *, invalidate: bool) -> Preview:
        """The Flow's preview link: reused while valid, replaced when invalidated or expired."""
        with self._change():
            flow = self._existing(flow_id)
            now = self.clock()
            current = flow.preview
            if current is None or invalidate or current.expires_at <= now:
                flow.preview = Preview(secrets.token_hex(16), now + PREVIEW_LIFETIME_SECONDS)
                self._changed()
            assert flow.preview is not None
            return flow.preview

    def flow_for_preview(self, flow_id: str, token: str) -> Flow | None:
        flow = self.flows.get(flow_id)
        if flow is None or flow.preview is None:
            return None
        if not secrets.compare_digest(flow.preview.token, token):
            return None
        if flow.preview.expires_at <= self.clock():
            return None
        return flow

    # --- migration --------------------------------------------------------------------------

    def migrate(
        self, destination_id: str, source_id: str, names: list[str] | None
    ) -> dict[str, list[dict[str, str]]]:
        with self._change():
            if source_id not in self.accounts:
                raise invalid_parameter(
                    f"WhatsApp Business Account with ID {source_id} does not exist or is not "
                    "owned by the same business.",
                    user_title="Invalid source WhatsApp Business Account",
                )
            if source_id == destination_id:
                raise invalid_parameter("The source and destination accounts must be different.")
            if names is not None and len(names) > MAX_MIGRATION_NAMES:
                raise invalid_parameter(
                    f"At most {MAX_MIGRATION_NAMES} flow names can be migrated in one request."
                )
            wanted = names if names is not None else [f.name for f in self.flows_of(source_id)]
            migrated: list[dict[str, str]] = []
            failed: list[dict[str, str]] = []
            for name in wanted:
                source = self.find_by_name(source_id, name)
                if source is None:
                    failed.append(_migration_failure(name, MIGRATION_NAME_MISSING))
                elif self.find_by_name(destination_id, name) is not None:
                    failed.append(_migration_failure(name, MIGRATION_NAME_CLASH))
                else:
                    copy = self._migrated_copy(source, destination_id)
                    migrated.append(
                        {"source_name": name, "source_id": source.id, "migrated_id": copy.id}
                    )
            if migrated:
                self._changed()
            return {"migrated_flows": migrated, "failed_flows": failed}

    def _migrated_copy(self, source: Flow, destination_id: str) -> Flow:
        now = self.clock()
        status = FlowStatus.PUBLISHED if source.status is FlowStatus.PUBLISHED else FlowStatus.DRAFT
        copy = Flow(
            id=self.new_flow_id(),
            waba_id=destination_id,
            name=source.name,
            categories=list(source.categories),
            status=status,
            created_at=now,
            updated_at=now,
            endpoint_uri=source.endpoint_uri,
            application_id=source.application_id,
        )
        _copy_content(source, copy)
        return self.add_flow(copy)

    # --- helpers ----------------------------------------------------------------------------

    def _existing(self, flow_id: str) -> Flow:
        flow = self.flows.get(flow_id)
        if flow is None:
            raise flow_not_found()
        return flow


class _Change:
    """The context of one store operation.

    Whatever the operation did is undone when it raises (a refusal after a first step) or when
    its save fails; a failed save is then refused with Graph's code 2 (transient) and said in
    the log. Changes nested in a change are part of it. (A class, not ``@contextmanager``: that
    one sets ``__traceback__`` on the exception, which a frozen :class:`GraphError` refuses.)
    """

    def __init__(self, store: SandboxStore) -> None:
        self.store = store
        self.snapshot: _Snapshot | None = None

    def __enter__(self) -> None:
        store = self.store
        store.lock.acquire()
        if not store._changing and store.on_change is not None:
            self.snapshot = store._snapshot()
            store._changing, store._dirty = True, False

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        store = self.store
        try:
            if self.snapshot is None:
                return
            if error is not None:
                store._restore(self.snapshot)
                return
            if store._dirty and store.on_change is not None:
                try:
                    store.on_change(store)
                except Exception as failure:
                    store._restore(self.snapshot)
                    log.error(
                        "a change could not be saved, so it was undone and refused: %s", failure
                    )
                    raise change_not_saved() from failure
        finally:
            if self.snapshot is not None:
                store._changing = store._dirty = False
            store.lock.release()


def _migration_failure(name: str, message: str) -> dict[str, str]:
    return {"source_name": name, "error_code": MIGRATION_ERROR_CODE, "error_message": message}


def _check_categories(categories: Iterable[str], *, required: bool) -> None:
    values = list(categories)
    if required and not values:
        raise invalid_parameter(
            "At least one category is required.", user_title="Invalid categories"
        )
    for index, category in enumerate(values):
        if category not in FLOW_CATEGORIES:
            raise enum_parameter(f"categories[{index}]", FLOW_CATEGORIES, category)


def _check_endpoint_uri(uri: str) -> None:
    parts = urlsplit(uri)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise invalid_parameter(f"{uri} is not a valid URL.", user_title="Invalid Endpoint URI")


def _check_create_versions(text: str) -> None:
    facts = flow_json.read_facts(text)
    if facts.json_version is not None and not flow_json.is_known_version(facts.json_version):
        raise invalid_parameter(
            f"Flow JSON version {facts.json_version} is not valid.",
            user_title="Invalid Flow JSON version",
        )
    if facts.data_api_version is not None and facts.data_api_version not in ("3.0", "4.0"):
        raise invalid_parameter(
            f"data_api_version {facts.data_api_version} is not valid.",
            user_title="Invalid data_api_version",
        )


def apply_flow_json(flow: Flow, text: str) -> None:
    """Store a Flow JSON text with its validation result and versions (a new asset revision)."""
    facts = flow_json.read_facts(text)
    flow.flow_json = text
    flow.validation_errors = flow_json.validation_errors(text)
    flow.json_version = facts.json_version
    flow.data_api_version = facts.data_api_version
    flow.data_channel_uri = facts.data_channel_uri
    flow.asset_revision += 1


def _copy_content(source: Flow, target: Flow) -> None:
    target.flow_json = source.flow_json
    target.validation_errors = [dict(item) for item in source.validation_errors]
    target.json_version = source.json_version
    target.data_api_version = source.data_api_version
    target.data_channel_uri = source.data_channel_uri
    target.asset_revision = 1 if source.flow_json is not None else 0


__all__ = ["Clock", "GraphError", "SandboxStore"]
