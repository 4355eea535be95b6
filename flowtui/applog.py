"""flowtui's log file: a rotating file in the log folder ``flowtui locate`` names.

Every Graph request (``flowtui.graph``: method, path, status, duration, fbtrace_id) and every
failure the app reports (``flowtui.app``, with its traceback) go there. Each line is cleaned of
every token the process holds before it is written, whatever logged it. Headless: no UI.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import stat
from pathlib import Path
from typing import Final

from flowtui.api.secret import redact_every_token
from flowtui.text import printable_lines

LOG_FILE_NAME: Final = "flowtui.log"
MAX_BYTES: Final = 1_000_000
BACKUP_COUNT: Final = 4
FORMAT: Final = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class LogFile(logging.handlers.RotatingFileHandler):
    """The handler :func:`configure` installs (so a second call replaces it).

    Each record is formatted once and the file's size is counted as lines are written: the
    standard handler formats every record twice and asks the file system about the file three
    times per record, which was a twentieth of the app's work while 1,000 pages of flows
    arrived (one line per request). Only a regular file is ever rotated (as the standard one).
    """

    _size: int | None = None  # bytes in the open file; None: not open, or not a regular file

    def _open(self) -> io.TextIOWrapper:
        stream = super()._open()
        status = os.fstat(stream.fileno())
        self._size = status.st_size if stat.S_ISREG(status.st_mode) else None
        return stream

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + self.terminator
            size = len(line.encode("utf-8", "replace"))
            if self.stream is None:
                self.stream = self._open()
            if self._size is not None and self.maxBytes and self._size + size > self.maxBytes:
                self.doRollover()
                if self.stream is None:
                    self.stream = self._open()
            self.stream.write(line)
            self.flush()
            if self._size is not None:
                self._size += size
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)


class RedactingFormatter(logging.Formatter):
    """A formatter whose whole output, traceback included, never holds a token, nor a control
    character (a log is read with cat and less: a flow named with escapes must not drive the
    terminal there either)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable_lines(redact_every_token(super().format(record)))


def configure(log_dir: Path) -> Path | None:
    """Send flowtui's records (INFO and up) to ``log_dir/flowtui.log``, rotated at 1 MB with
    four old files kept. Returns the file, or None when the folder can't be written (flowtui
    then runs without a log file rather than not at all)."""
    path = log_dir / LOG_FILE_NAME
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = LogFile(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(RedactingFormatter(FORMAT))
    logger = logging.getLogger("flowtui")
    for old in [h for h in logger.handlers if isinstance(h, LogFile)]:
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
