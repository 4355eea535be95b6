"""Files named from outside: only regular files are read, and never more than the limit."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from flowtui.files import FileTooLargeError, NotARegularFileError, read_regular_file


def test_a_regular_file_within_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"0123456789")
    assert read_regular_file(path, 10) == b"0123456789"
    assert read_regular_file(str(path), 10) == b"0123456789"


def test_over_the_limit_by_its_size_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "sparse.json"
    with path.open("wb") as handle:
        handle.truncate(64 * 1024**2)  # 64 MiB that take no disk
    with pytest.raises(FileTooLargeError) as caught:
        read_regular_file(path, 1024)
    assert (caught.value.size, caught.value.limit, caught.value.exact) == (64 * 1024**2, 1024, True)


def test_a_file_that_does_not_know_its_size_is_read_at_most_one_byte_past_the_limit() -> None:
    """/proc files are regular files of size 0: the limit holds on what is actually read."""
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(FileTooLargeError) as caught:
        read_regular_file("/proc/self/status", 16)
    assert (caught.value.size, caught.value.exact) == (17, False)
    assert "is more than 16 bytes" in str(caught.value)


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_regular_file(fifo, 100)
        except BaseException as error:
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # blocked in open(): let it go, or the test process never ends
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    (error,) = outcome
    assert isinstance(error, NotARegularFileError)
    assert error.kind == "a FIFO (named pipe)"


@pytest.mark.parametrize(
    ("path", "kind"), [("/dev/zero", "a character device"), ("/", "a directory")]
)
def test_devices_and_directories_are_refused(path: str, kind: str) -> None:
    with pytest.raises(NotARegularFileError) as caught:
        read_regular_file(path, 100)
    assert caught.value.kind == kind
    assert str(caught.value) == f"{path} is {kind}, not a regular file"


def test_a_symlink_is_judged_by_what_it_names(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"{}")
    (tmp_path / "to-real").symlink_to(tmp_path / "real")
    (tmp_path / "to-zero").symlink_to("/dev/zero")
    assert read_regular_file(tmp_path / "to-real", 2) == b"{}"
    with pytest.raises(NotARegularFileError):
        read_regular_file(tmp_path / "to-zero", 2)


def test_os_errors_pass_through(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "missing", 2)
