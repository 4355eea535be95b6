"""Every test runs sealed off from the machine it runs on, from this one place.

* its own config, data, state and cache folders (the XDG variables, and ``FLOWTUI_CONFIG``
  unset), so nothing reads or writes a developer's profiles, kept edits or logs;
* an in-memory keyring (and ``PYTHON_KEYRING_BACKEND`` set to the null backend for any
  subprocess), so nothing reaches a real keyring unless a test starts one of its own;
* no token, editor or browser from the environment;
* an empty current folder of its own, so a file saved "here" by a test (or by a developer who
  ran the app from the repository) can't change what another test sees;
* the clock's time zone fixed to UTC;
* the app's core-dump guard recorded instead of applied: it cannot be undone, and would leave
  the test process undebuggable for every test after.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.core
import pytest

from tests.memory_keyring import MemoryKeyring

# Variables that would make a test depend on who runs it.
UNSET = (
    "FLOWTUI_TOKEN",
    "WHATSAPP_ACCESS_TOKEN",
    "FLOWTUI_CONFIG",
    "FLOWTUI_LOG",
    "VISUAL",
    "EDITOR",
    "BROWSER",
    "NO_COLOR",
    "TEXTUAL",
)


@dataclass(frozen=True)
class Dirs:
    root: Path
    config: Path  # XDG_CONFIG_HOME
    data: Path  # XDG_DATA_HOME
    state: Path  # XDG_STATE_HOME
    cache: Path  # XDG_CACHE_HOME
    cwd: Path  # the current folder

    @property
    def default_config_file(self) -> Path:
        return self.config / "flowtui" / "config.toml"


@pytest.fixture(autouse=True)
def dirs(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Dirs:
    found = Dirs(
        root=tmp_path,
        config=tmp_path / "xdg-config",
        data=tmp_path / "xdg-data",
        state=tmp_path / "xdg-state",
        cache=tmp_path / "xdg-cache",
        # Beside tmp_path, not in it: tests that list tmp_path see only what they made there.
        cwd=tmp_path_factory.mktemp("cwd"),
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(found.config))
    monkeypatch.setenv("XDG_DATA_HOME", str(found.data))
    monkeypatch.setenv("XDG_STATE_HOME", str(found.state))
    monkeypatch.setenv("XDG_CACHE_HOME", str(found.cache))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(found.cwd)
    return found


@pytest.fixture(autouse=True)
def core_dump_guard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each call of ``process_guard.forbid_core_dumps`` during the test, as "called"."""
    from flowtui import process_guard

    calls: list[str] = []
    monkeypatch.setattr(process_guard, "forbid_core_dumps", lambda: calls.append("called") or [])
    return calls


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.core._keyring_backend
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.core._keyring_backend = previous


@pytest.fixture(autouse=True, scope="session")
def utc_clock() -> Iterator[None]:
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()
