"""The ``[list]`` settings: read from the config file beside the profiles, never fatal."""

from __future__ import annotations

import logging

import pytest

from flowtui.accounts.profiles import Profile
from flowtui.accounts.service import save_profile
from flowtui.settings import DEFAULT_STALE_MINUTES, list_settings


def test_no_file_or_no_table_gives_the_default(tmp_path):
    assert list_settings(tmp_path / "none.toml").stale_after_minutes == DEFAULT_STALE_MINUTES
    path = tmp_path / "config.toml"
    path.write_text('default = "x"\n')
    assert list_settings(path).stale_after_minutes == DEFAULT_STALE_MINUTES


def test_the_stale_age_is_read_in_minutes(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[list]\nstale_after_minutes = 30\n")
    assert list_settings(path).stale_after_minutes == 30


@pytest.mark.parametrize("value", ["0", "-5", '"ten"', "true", "99999999"])
def test_an_unusable_age_is_logged_and_replaced_by_the_default(tmp_path, caplog, value):
    path = tmp_path / "config.toml"
    path.write_text(f"[list]\nstale_after_minutes = {value}\n")
    with caplog.at_level(logging.WARNING, logger="flowtui.app"):
        assert list_settings(path).stale_after_minutes == DEFAULT_STALE_MINUTES
    assert "list.stale_after_minutes must be a number of minutes" in caplog.text


def test_saving_a_profile_keeps_the_list_settings(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[list]\nstale_after_minutes = 12\n")
    save_profile(path, Profile(name="work", waba_id="100000000000001"), make_default=True)
    assert "[profiles.work]" in path.read_text()
    assert list_settings(path).stale_after_minutes == 12


def test_a_broken_config_file_gives_the_default(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[list\n")
    assert list_settings(path).stale_after_minutes == DEFAULT_STALE_MINUTES
