"""The user's editor: ``$VISUAL``, else ``$EDITOR``, else ``vi``, split like a shell would.

:func:`run_editor` never raises: whatever becomes of the editor (not installed, an error exit,
killed by a signal, ctrl+c, the working file deleted under it, nothing changed) comes back as an
:class:`EditorOutcome`. The caller runs it with the terminal handed over (Textual's
``App.suspend()``, which takes the terminal back only if its block ends without an exception)
and acts on the outcome once the app is back. In every failure the working file stays on disk:
if the editor deleted it, it is written back as it was before the editor opened.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from flowtui.editing.working_files import write_atomically

FALLBACK_EDITOR = "vi"
# Keys that signal the whole foreground process group once the terminal is handed over: while
# the editor runs they are the editor's business, not a reason for the app to die.
EDITOR_OWNED_SIGNALS = (signal.SIGINT, signal.SIGQUIT)


class EditorFailedError(Exception):
    """``$VISUAL`` or ``$EDITOR`` can't be made into a command."""


class EditorResult(Enum):
    SAVED = "saved"  # exited 0 and the file changed
    UNCHANGED = "unchanged"  # exited 0 and the file holds what it held before
    NOT_STARTED = "not started"  # not installed, not executable, or unsplittable
    FAILED = "failed"  # exited with a non-zero code (vim's :cq)
    KILLED = "killed"  # ended by a signal
    INTERRUPTED = "interrupted"  # ctrl+c while it ran
    DELETED = "deleted"  # exited 0 but the file was gone (it is written back)


@dataclass(frozen=True)
class EditorOutcome:
    """What became of one run of the editor, and the sentence that tells the user."""

    result: EditorResult
    message: str = ""  # the sentence and the way out; empty when the edit goes on
    restored: bool = False  # the file was deleted, and written back as it was before

    @property
    def ok(self) -> bool:
        """The editor closed normally and the file is there: the edit goes on."""
        return self.result in (EditorResult.SAVED, EditorResult.UNCHANGED)


def editor_command(path: Path, environ: Mapping[str, str] | None = None) -> list[str]:
    """The command that opens ``path`` in the user's editor."""
    env = os.environ if environ is None else environ
    for variable in ("VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as error:
                raise EditorFailedError(
                    f"${variable} ({value!r}) can't be split into a command ({error}): fix its "
                    "quotes."
                ) from None
            if words:
                return [*words, str(path)]
    return [FALLBACK_EDITOR, str(path)]


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


@contextmanager
def editor_owns_ctrl_c() -> Iterator[list[int]]:
    """While the editor runs, ctrl+c (and ctrl+\\) are noted instead of stopping the app.

    A Python handler, not ``SIG_IGN``: ``exec`` resets caught signals to their default, so the
    editor starts with ctrl+c working as usual, whereas an ignored signal would stay ignored in
    it. Handlers can only be set from the main thread; elsewhere nothing changes (and
    :func:`run_editor` still turns a ``KeyboardInterrupt`` into an outcome)."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = {number: signal.getsignal(number) for number in EDITOR_OWNED_SIGNALS}
    for number in EDITOR_OWNED_SIGNALS:
        signal.signal(number, lambda signum, _frame: received.append(signum))
    try:
        yield received
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def run_editor(path: Path, environ: Mapping[str, str] | None = None) -> EditorOutcome:
    """Open ``path`` in the user's editor and wait for it to close; never raises."""
    try:
        command = editor_command(path, environ)
    except EditorFailedError as error:
        return EditorOutcome(EditorResult.NOT_STARTED, str(error))
    editor = command[0]
    before = read_or_none(path)
    interrupted = False
    try:
        with editor_owns_ctrl_c() as received:
            returncode = subprocess.run(command, check=False).returncode
        interrupted = bool(received)
    except KeyboardInterrupt:  # a ctrl+c before the handler was set: subprocess killed the editor
        returncode, interrupted = -signal.SIGINT, True
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        return EditorOutcome(
            EditorResult.NOT_STARTED,
            f"The editor {editor!r} could not be started ({reason}): set $VISUAL or $EDITOR to "
            "an editor that is installed.",
        )

    restored, lost = restore_if_deleted(path, before)
    if restored:
        deleted = (
            " It had deleted the working file: that is re-created as it was when the editor opened."
        )
    elif lost:
        deleted = f" It deleted the working file, which could not be re-created ({lost})."
    else:
        deleted = ""
    if returncode != 0:
        if interrupted:
            result, what = EditorResult.INTERRUPTED, "was stopped by ctrl+c"
        elif returncode < 0:
            result, what = EditorResult.KILLED, f"was killed by {signal_name(-returncode)}"
        else:
            result, what = EditorResult.FAILED, f"exited with code {returncode}"
        message = f"The editor {editor!r} {what}, so nothing was uploaded.{deleted}"
        return EditorOutcome(result, message, restored)
    if deleted:
        message = f"The editor {editor!r} deleted the working file, so nothing was uploaded; " + (
            "it is re-created as it was when the editor opened."
            if restored
            else f"it can't be ({lost})."
        )
        return EditorOutcome(EditorResult.DELETED, message, restored)
    after = read_or_none(path)
    if before is not None and after == before:
        return EditorOutcome(EditorResult.UNCHANGED)
    return EditorOutcome(EditorResult.SAVED)


def restore_if_deleted(path: Path, before: bytes | None) -> tuple[bool, str]:
    """Write the working file back if the editor deleted it: (re-created, why it couldn't be)."""
    if path.exists():
        return False, ""
    if before is None:
        return False, "it could not be read before the editor opened"
    try:
        write_atomically(path, before)
    except OSError as error:
        return False, str(error.strerror or error)
    return True, ""
