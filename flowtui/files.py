"""Reading a file named from outside (a command line, a form, a state file) safely.

One rule, used by ``flowtui validate``, the upload of a Flow JSON file and the sandbox's
``--state``: only a regular file is read, and never more than a limit. A FIFO would block the
reader forever and ``/dev/zero`` would fill its memory, so anything else (a FIFO, a device, a
directory, a socket) is refused with a sentence before a byte is read. The check is made with
``fstat`` on the file actually opened (opened without blocking, so even a FIFO with no writer
opens at once), and at most ``limit + 1`` bytes are read: a file that grows between the check
and the read is still caught, and nothing can be swapped in between.

Headless and standalone: the standard library only.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Final

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


class NotARegularFileError(Exception):
    """The path names something other than a regular file (its ``st_mode``); ``kind`` says
    what, e.g. "a FIFO (named pipe)"."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        self.path = os.fspath(path)
        self.mode = mode
        self.kind = file_kind(mode)
        self.is_directory = stat.S_ISDIR(mode)
        super().__init__(f"{self.path} is {self.kind}, not a regular file")


class FileTooLargeError(Exception):
    """The file holds more than ``limit`` bytes: ``size`` of them, or at least ``size`` when
    not ``exact`` (a file that grew while read, or one whose size the system does not know)."""

    def __init__(
        self, path: str | os.PathLike[str], size: int, limit: int, *, exact: bool = True
    ) -> None:
        held = f"{size:,} bytes" if exact else f"more than {limit:,} bytes"
        super().__init__(f"{os.fspath(path)} is {held}, over the limit of {limit:,}")
        self.path = os.fspath(path)
        self.size = size
        self.limit = limit
        self.exact = exact


_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISREG, "a regular file"),
)


def file_kind(mode: int) -> str:
    """What a ``st_mode`` describes, as a noun phrase for a sentence."""
    return next((kind for test, kind in _KINDS if test(mode)), "not a file")


def _require_regular(path: str | os.PathLike[str], mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise NotARegularFileError(path, mode)


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path``, which must hold at most ``limit`` bytes.

    Raises :class:`NotARegularFileError` or :class:`FileTooLargeError` (neither is an
    ``OSError``), or the ``OSError`` that opening or reading raised (``FileNotFoundError``,
    ``PermissionError``, ...).
    """
    # A first look without opening: opening some devices has effects (a tape rewinds).
    _require_regular(path, os.stat(path).st_mode)
    fd = os.open(path, _OPEN_FLAGS)
    with open(fd, "rb", closefd=True) as handle:
        # The authoritative look, at what was opened: the path may have changed meanwhile.
        info = os.fstat(fd)
        _require_regular(path, info.st_mode)
        if info.st_size > limit:
            raise FileTooLargeError(path, info.st_size, limit)
        data = handle.read(limit + 1)
        if len(data) > limit:  # it grew since fstat, or it reports no size (/proc)
            raise FileTooLargeError(path, len(data), limit, exact=False)
    return data


class UnreadableFileError(Exception):
    """Why a file named from outside cannot be read as text, as the end of a sentence
    ("no such file", "is a directory, not a file", "not UTF-8 text (...)")."""


def read_text_file(path: str | os.PathLike[str], limit: int) -> str:
    """The UTF-8 text (a BOM dropped) of the regular file at ``path``, of at most ``limit``
    bytes. Raises :class:`UnreadableFileError`, or :class:`FileTooLargeError` (which callers
    word themselves: validate gives it as a verdict)."""
    try:
        data = read_regular_file(path, limit)
    except NotARegularFileError as error:
        if error.is_directory:
            raise UnreadableFileError("is a directory, not a file") from None
        raise UnreadableFileError(f"is {error.kind}, not a regular file") from None
    except FileNotFoundError:
        raise UnreadableFileError("no such file") from None
    except PermissionError:
        raise UnreadableFileError("permission denied") from None
    except OSError as error:
        raise UnreadableFileError(f"cannot read: {error.strerror or error}") from None
    except ValueError:  # a NUL in the name: no file can have it
        raise UnreadableFileError("cannot read: not a valid file name") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFileError(
            f"not UTF-8 text (invalid byte 0x{error.object[error.start]:02x} at byte offset "
            f"{error.start})"
        ) from None


def read_named_text(
    name: str, limit: int, say: Callable[[str], None], what: str = ""
) -> str | None:
    """The text of a file named on the command line, or None after ``say`` got why not, as
    ``"WHAT NAME: no such file."``."""
    shown = f"{what} {name}" if what else name
    try:
        return read_text_file(name, limit)
    except UnreadableFileError as error:
        say(f"{shown}: {error}.")
    except FileTooLargeError:
        say(f"{shown}: larger than {limit:,} bytes, which this file cannot be.")
    return None


# A file written beside ``name`` before it takes that name (a save, a report).
TEMPORARY_NAME = ".{name}.{token}.tmp"
_TEMPORARY: Final = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{16}\.tmp")


def temporary_beside(path: Path) -> Path:
    """A new name, in ``path``'s folder, for the file that will become ``path``."""
    return path.parent / TEMPORARY_NAME.format(name=path.name, token=secrets.token_hex(8))


def is_temporary_of(entry_name: str, path: Path) -> bool:
    """Whether ``entry_name`` is one :func:`temporary_beside` made for ``path``."""
    match = _TEMPORARY.fullmatch(entry_name)
    return match is not None and match["name"] == path.name


def write_new_synced(path: Path, data: bytes, mode: int) -> None:
    """Create ``path`` (never over an existing file) holding ``data``, on the disk when this
    returns."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with open(fd, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


__all__ = [
    "TEMPORARY_NAME",
    "FileTooLargeError",
    "NotARegularFileError",
    "file_kind",
    "is_temporary_of",
    "read_regular_file",
    "temporary_beside",
    "write_new_synced",
]
