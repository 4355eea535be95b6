from __future__ import annotations

from pathlib import Path

import pytest

from flowtui.accounts.paths import resolve_paths
from tests.conftest import Dirs


def test_default_paths_follow_the_xdg_variables(dirs: Dirs) -> None:
    paths = resolve_paths()
    assert paths.config_file == dirs.default_config_file
    assert paths.config_origin == "default"
    assert paths.data_dir == dirs.data / "flowtui"
    assert dirs.state in paths.log_dir.parents


def test_env_var_overrides_the_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FLOWTUI_CONFIG", str(tmp_path / "from-env.toml"))
    paths = resolve_paths()
    assert paths.config_file == tmp_path / "from-env.toml"
    assert paths.config_origin == "FLOWTUI_CONFIG"


def test_option_overrides_the_env_var(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FLOWTUI_CONFIG", str(tmp_path / "from-env.toml"))
    paths = resolve_paths(tmp_path / "from-option.toml")
    assert paths.config_file == tmp_path / "from-option.toml"
    assert paths.config_origin == "--config"


def test_blank_values_are_ignored_and_home_is_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOWTUI_CONFIG", "   ")
    assert resolve_paths("").config_origin == "default"
    monkeypatch.setenv("HOME", "/home/someone")
    assert resolve_paths("~/x.toml").config_file == Path("/home/someone/x.toml")
