"""Where an edit in progress lives: one file per flow, kept until the upload succeeds.

``<root>/<waba id>/<flow id>.json``, with ``root`` under the user's data directory, and beside it
``<flow id>.origin.json``: what the edit was made on (the flow's name and a hash of the live Flow
JSON it started from), because ids alone don't tell flows apart: the sandbox hands out the same
ids on every run. Writes go through a temporary file and a rename, so a crash never leaves half
a file behind; the draft is written before its origin, so a crash between the two leaves a draft
of unknown origin, which is offered as such, never a label without its draft.

A draft without an origin (kept by an older flowtui, or whose origin can't be read) is of
unknown origin: it is shown as such and never dropped without the user saying so.

While an edit is open its flow is locked (``<flow id>.lock``, an ``flock`` that the system
releases when the process ends, however it ends), so a second flowtui on the same profile says
who is editing instead of resuming, replacing or uploading the other's half-finished draft.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from flowtui.api.inputs import check_id

APP_NAME = "flowtui"
ORIGIN_SUFFIX = ".origin.json"
LOCK_SUFFIX = ".lock"
SET_ASIDE = "set-aside"
ORIGIN_FORMAT = 1


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


def base_digest(data: bytes) -> str:
    """The sha256 of the Flow JSON an edit starts from, in hex."""
    return hashlib.sha256(data).hexdigest()


class EditInProgressError(Exception):
    """Another flowtui is editing this flow now; ``holder`` says which ("process 4242, since
    12:03 UTC")."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"another flowtui is editing this flow ({holder})")
        self.holder = holder


@dataclass(frozen=True)
class EditOrigin:
    """What an edit was made on: the flow (account, id, name) and the Flow JSON it started from."""

    waba_id: str
    flow_id: str
    flow_name: str
    base_sha256: str
    started_at: datetime

    @classmethod
    def of(
        cls,
        waba_id: str,
        flow_id: str,
        flow_name: str,
        base: bytes,
        *,
        now: datetime | None = None,
    ) -> EditOrigin:
        return cls(waba_id, flow_id, flow_name, base_digest(base), now or datetime.now(UTC))

    @property
    def short_hash(self) -> str:
        return self.base_sha256[:12]

    def same_flow_and_base(self, other: EditOrigin) -> bool:
        """Made on the same flow, as it is now: same account, id, name and starting JSON."""
        return (self.waba_id, self.flow_id, self.flow_name, self.base_sha256) == (
            other.waba_id,
            other.flow_id,
            other.flow_name,
            other.base_sha256,
        )

    def rebased(self, onto: EditOrigin) -> EditOrigin:
        """This edit carried onto ``onto``'s flow and live JSON; it still started when it did."""
        return EditOrigin(
            onto.waba_id, onto.flow_id, onto.flow_name, onto.base_sha256, self.started_at
        )

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "format": ORIGIN_FORMAT,
                "waba_id": self.waba_id,
                "flow_id": self.flow_id,
                "flow_name": self.flow_name,
                "base_sha256": self.base_sha256,
                "started_at": self.started_at.astimezone(UTC).isoformat(),
            },
            indent=2,
            ensure_ascii=False,
        ).encode()

    @classmethod
    def from_json(cls, data: bytes) -> EditOrigin | None:
        """The origin written by :meth:`to_json`; None for anything else (unknown origin)."""
        try:
            fields = json.loads(data)
            waba_id, flow_id, flow_name, base = (
                fields[key] for key in ("waba_id", "flow_id", "flow_name", "base_sha256")
            )
            started = datetime.fromisoformat(fields["started_at"])
        except (ValueError, TypeError, KeyError):
            return None
        texts = (waba_id, flow_id, flow_name, base)
        if fields.get("format") != ORIGIN_FORMAT or not all(isinstance(t, str) for t in texts):
            return None
        if started.tzinfo is None:
            started = started.replace(tzinfo=UTC)
        return cls(waba_id, flow_id, flow_name, base, started.astimezone(UTC))


@dataclass(frozen=True)
class KeptEdit:
    """A draft left on disk by an earlier edit, and what it was made on (None: unknown)."""

    path: Path
    origin: EditOrigin | None
    saved_at: datetime | None  # when the draft was last written

    def matches(self, current: EditOrigin) -> bool:
        """Made on this flow as it is now: offered as a plain resume."""
        return self.origin is not None and self.origin.same_flow_and_base(current)

    def differences(self, current: EditOrigin) -> list[str]:
        """What differs between what the edit was made on and the flow as it is now."""
        if self.origin is None:
            return [
                "It was kept by an older flowtui, which did not note what it was made on: it "
                "may be an edit of another flow that had this id (sandbox ids repeat between "
                "runs)."
            ]
        then = self.origin
        found = []
        if (then.waba_id, then.flow_id) != (current.waba_id, current.flow_id):
            found.append(f"It was made on flow {then.flow_id} of account {then.waba_id}.")
        if then.flow_name != current.flow_name:
            found.append(
                f"It was made on a flow named “{then.flow_name}”; this one is named "
                f"“{current.flow_name}”."
            )
        if then.base_sha256 != current.base_sha256:
            found.append(
                f"The live Flow JSON changed since the edit started (sha256 {then.short_hash}… "
                f"then, {current.short_hash}… now)."
            )
        return found


class WorkingFiles:
    """The working files of every flow under ``root``."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else default_root()

    def path(self, waba_id: str, flow_id: str) -> Path:
        # Checked ids: nothing from Graph can steer the path out of the root. (Ids have no
        # dots, so no draft is ever named like an origin file.)
        return self.root / check_id(waba_id, "WABA id") / f"{check_id(flow_id, 'flow id')}.json"

    def origin_path(self, waba_id: str, flow_id: str) -> Path:
        return origin_path_of(self.path(waba_id, flow_id))

    def existing(self, waba_id: str, flow_id: str) -> Path | None:
        """The working file left by an earlier edit of this flow, if there is one."""
        path = self.path(waba_id, flow_id)
        return path if path.is_file() else None

    def kept(self, waba_id: str, flow_id: str) -> KeptEdit | None:
        """The earlier edit of this flow id, with what it was made on, if there is one."""
        path = self.existing(waba_id, flow_id)
        if path is None:
            return None
        try:
            saved_at: datetime | None = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:
            saved_at = None
        try:
            origin = EditOrigin.from_json(self.origin_path(waba_id, flow_id).read_bytes())
        except OSError:
            origin = None
        return KeptEdit(path, origin, saved_at)

    def save(
        self, waba_id: str, flow_id: str, data: bytes, origin: EditOrigin | None = None
    ) -> Path:
        """Write the draft, then (if given) what it is made on; an earlier origin goes."""
        path = self.path(waba_id, flow_id)
        write_atomically(path, data)
        if origin is not None:
            self.label(waba_id, flow_id, origin)
        else:
            self.origin_path(waba_id, flow_id).unlink(missing_ok=True)
        return path

    def label(self, waba_id: str, flow_id: str, origin: EditOrigin) -> None:
        """Note what the draft of this flow is made on (after a resume onto a newer live)."""
        write_atomically(self.origin_path(waba_id, flow_id), origin.to_json())

    def set_aside(self, waba_id: str, flow_id: str) -> Path:
        """Move the draft (and its origin) out of the way, under ``set-aside/``, keeping it."""
        path = self.path(waba_id, flow_id)
        folder = path.parent / SET_ASIDE
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        for number in range(1, 10_000):
            suffix = "" if number == 1 else f"-{number}"
            target = folder / f"{path.stem}-{stamp}{suffix}.json"
            if not target.exists() and not origin_path_of(target).exists():
                break
        else:  # pragma: no cover - ten thousand set aside in one second
            raise FileExistsError(target)
        origin = origin_path_of(path)
        if origin.exists():
            os.replace(origin, origin_path_of(target))
        os.replace(path, target)
        return target

    @contextlib.contextmanager
    def editing(self, waba_id: str, flow_id: str) -> Iterator[None]:
        """Hold this flow's edit for the ``with`` block; :class:`EditInProgressError` if another
        process holds it. (Where the system has no ``flock``, nothing is locked.)"""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        lock = self.path(waba_id, flow_id).with_suffix(LOCK_SUFFIX)
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 200).decode("utf-8", "replace").strip()
                raise EditInProgressError(holder or "a process that did not say which") from None
            os.ftruncate(fd, 0)
            since = datetime.now(UTC).strftime("%H:%M UTC")
            os.pwrite(fd, f"process {os.getpid()}, since {since}".encode(), 0)
            yield
        finally:
            os.close(fd)  # releases the lock (so does the process ending, however it ends)

    def discard(self, waba_id: str, flow_id: str) -> None:
        self.path(waba_id, flow_id).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.origin_path(waba_id, flow_id).unlink(missing_ok=True)


def origin_path_of(draft: Path) -> Path:
    """The origin file beside a draft: ``7.json`` → ``7.origin.json``."""
    return draft.with_name(draft.stem + ORIGIN_SUFFIX)
