from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from flowtui.accounts.config_file import ConfigFileError, load_config, save_config
from flowtui.accounts.profiles import AccountsConfig, Profile

from .conftest import TOKEN, WABA

WORK = Profile(name="work", waba_id=WABA, phone_number_id="106540352242922", app_id="77")
SANDBOX = Profile(
    name="sandbox", waba_id="1", base_url="http://127.0.0.1:8765", api_version="v25.0"
)


def test_missing_file_is_an_empty_config(tmp_path: Path) -> None:
    assert load_config(tmp_path / "nope.toml") == AccountsConfig()


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "config.toml"
    config = AccountsConfig(profiles=(WORK, SANDBOX), default_name="sandbox")
    save_config(config, path)
    assert load_config(path) == config
    data = tomllib.loads(path.read_text())
    assert data["default_profile"] == "sandbox"
    assert data["profiles"]["work"] == {
        "waba_id": WABA,
        "phone_number_id": "106540352242922",
        "app_id": "77",
        "api_version": "v26.0",
        "base_url": "https://graph.facebook.com",
    }
    assert "app_id" not in data["profiles"]["sandbox"]  # None is left out


def test_file_is_private_and_written_atomically(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir()
    path.write_text("old = 1\n")
    os.chmod(path, 0o644)
    save_config(AccountsConfig(profiles=(WORK,)), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]  # no temp file left
    save_config(AccountsConfig(), tmp_path / "new" / "config.toml")
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    save_config(AccountsConfig(profiles=(WORK,)), path)
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ConfigFileError, match="No space left"):
        save_config(AccountsConfig(profiles=(WORK, SANDBOX)), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]


def test_other_settings_survive_a_write(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "dark"\n[keymap]\nquit = "q"\n[profiles.work]\nwaba_id = "5"\n', encoding="utf-8"
    )
    config = load_config(path)
    save_config(config.with_profile(SANDBOX), path)
    data = tomllib.loads(path.read_text())
    assert data["theme"] == "dark"
    assert data["keymap"] == {"quit": "q"}
    assert set(data["profiles"]) == {"work", "sandbox"}


def test_a_symlinked_config_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "flowtui.toml"
    real.parent.mkdir()
    real.write_text("")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_config(AccountsConfig(profiles=(WORK,)), link)
    assert link.is_symlink()
    assert load_config(real).names == ("work",)


@pytest.mark.parametrize("key", ["token", "access_token", "Token", "app_secret", "password"])
def test_a_token_in_the_file_is_refused_without_echoing_it(tmp_path: Path, key: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[profiles.work]\nwaba_id = "5"\n{key} = "{TOKEN}"\n')
    with pytest.raises(ConfigFileError) as caught:
        load_config(path)
    assert "OS keyring" in str(caught.value)
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[profiles.work\n", "not valid TOML"),
        ('profiles = "x"\n', "table of profiles"),
        ("[profiles.work]\nphone_number_id = '1'\n", "no 'waba_id'"),
        ("[profiles.work]\nwaba_id = 5\n", "must be a string"),
        ("[profiles.work]\nwaba_id = '5'\nwaba-id = '5'\n", "unknown setting 'waba-id'"),
        ("default_profile = 'x'\n[profiles.work]\nwaba_id = '5'\n", "'x' is not defined"),
        ("[profiles.'bad name']\nwaba_id = '5'\n", "invalid profile name"),
        ("[profiles.work]\nwaba_id = '5'\nbase_url = 'nope'\n", "invalid base URL"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content)
    with pytest.raises(ConfigFileError, match=message) as caught:
        load_config(path)
    assert str(path) in str(caught.value)


def test_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(ConfigFileError, match="is a directory"):
        load_config(tmp_path)
    binary = tmp_path / "config.toml"
    binary.write_bytes(b"\xff\xfe")
    with pytest.raises(ConfigFileError, match="not UTF-8"):
        load_config(binary)
