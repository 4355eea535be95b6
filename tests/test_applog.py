"""The log file rotates at its size limit, keeps every line, and never rotates a device."""

from __future__ import annotations

import logging
from pathlib import Path

from flowtui.applog import LogFile, RedactingFormatter


def _logger(handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(f"flowtui.test-applog.{id(handler)}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return logger


def _handler(path: Path, max_bytes: int) -> LogFile:
    handler = LogFile(path, maxBytes=max_bytes, backupCount=50, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(message)s"))
    return handler


def test_rotates_before_a_line_would_pass_the_limit_and_loses_none(tmp_path: Path) -> None:
    path = tmp_path / "flowtui.log"
    handler = _handler(path, max_bytes=100)
    logger = _logger(handler)
    lines = [f"GET /flows page {n:03} -> 200 ✓" for n in range(40)]  # 28 bytes each (UTF-8)
    for line in lines:
        logger.info(line)
    handler.close()

    files = [*sorted(tmp_path.glob("flowtui.log.*"), key=lambda f: -int(f.suffix[1:])), path]
    assert all(f.stat().st_size <= 100 for f in files)
    assert len(files) == 14  # three 28-byte lines fit in 100 bytes, a fourth does not
    written = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    assert written == lines


def test_an_existing_file_counts_toward_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "flowtui.log"
    path.write_text("x" * 90 + "\n", encoding="utf-8")
    handler = _handler(path, max_bytes=100)
    _logger(handler).info("a line that does not fit beside the old one")
    handler.close()
    assert (tmp_path / "flowtui.log.1").read_text(encoding="utf-8") == "x" * 90 + "\n"
    assert path.read_text(encoding="utf-8") == "a line that does not fit beside the old one\n"


def test_a_device_is_never_rotated(tmp_path: Path) -> None:
    handler = _handler(Path("/dev/null"), max_bytes=10)
    logger = _logger(handler)
    for n in range(5):
        logger.info("a line longer than ten bytes %d", n)
    handler.close()
    assert not Path("/dev/null.1").exists()
