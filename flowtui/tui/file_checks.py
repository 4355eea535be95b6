"""Checks of a typed Flow JSON path, done off the UI thread, once per version of the file.

A dialog asks on every keystroke; reading, parsing and validating a 10 MB file takes seconds,
which froze the screen when it ran there. :class:`FileChecks` answers at once from what it has
already checked (keyed by path, modification time and size, so an edited file is checked
again), starts one background check for a file it has not seen, and calls back when the answer
is in. Paths that are not regular files are answered at once: the check fails at its first
step without reading anything. At most one check runs at a time; a path typed meanwhile is
checked next.
"""

from __future__ import annotations

import contextlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual.dom import DOMNode

from flowtui.api import InputError, ValidationError, inputs
from flowtui.editing import check_flow_json_file

KEPT = 16  # answers remembered per dialog
log = logging.getLogger("flowtui.app")
Key = tuple[Path, int, int]


@dataclass(frozen=True)
class FileCheck:
    """What is wrong with the file ("" when it can be sent), and the local validator's errors
    when it was asked for them."""

    problem: str = ""
    errors: tuple[ValidationError, ...] = ()


def readable(path: Path) -> FileCheck:
    """The service layer's checks: exists, a file, UTF-8, JSON, at most 10 MB."""
    try:
        inputs.load_flow_json(path)
    except InputError as error:
        return FileCheck(str(error))
    return FileCheck()


def validated(path: Path) -> FileCheck:
    """:func:`readable`, then the offline validator's errors."""
    try:
        return FileCheck(errors=check_flow_json_file(path).errors)
    except InputError as error:
        return FileCheck(str(error))


class FileChecks:
    def __init__(
        self, node: DOMNode, check: Callable[[Path], FileCheck], done: Callable[[], object]
    ) -> None:
        """``check`` runs in a thread (it must not touch widgets); ``done`` runs on the UI
        thread when an answer arrives."""
        self._node = node
        self._check = check
        self._done = done
        self._answers: OrderedDict[Key, FileCheck] = OrderedDict()
        self._running: Key | None = None
        self._wanted: Key | None = None

    def get(self, path: Path) -> FileCheck | None:
        """The answer for ``path`` as it is now, or None while it is being checked."""
        try:
            stat = path.stat()
            regular = path.is_file()
        except (OSError, ValueError):
            regular = False
        if not regular:
            return self._check(path)  # fails before reading anything
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key in self._answers:
            self._answers.move_to_end(key)
            return self._answers[key]
        self._wanted = key
        if self._running is None:
            self._start(key)
        return None

    def _start(self, key: Key) -> None:
        self._running = key
        self._node.run_worker(
            partial(self._run, key),
            thread=True,
            group="file-check",
            description="Checking the Flow JSON file",
        )

    def _run(self, key: Key) -> None:
        try:
            answer = self._check(key[0])
        except Exception:  # said in the dialog, which must not wait forever; detail in the log
            log.exception("checking %s failed", key[0])
            answer = FileCheck(
                "The file could not be checked: flowtui hit a problem it did not expect (the "
                "details are in the log)."
            )
        with contextlib.suppress(RuntimeError):  # the app has stopped meanwhile: nobody waits
            self._node.app.call_from_thread(self._finish, key, answer)

    def _finish(self, key: Key, answer: FileCheck) -> None:
        if not self._node.is_running:  # the dialog closed meanwhile
            return
        self._answers[key] = answer
        while len(self._answers) > KEPT:
            self._answers.popitem(last=False)
        self._running = None
        if self._wanted is not None and self._wanted not in self._answers:
            self._start(self._wanted)
        self._done()
