from __future__ import annotations

import pytest

from flowtui.accounts.profiles import (
    DEFAULT_API_VERSION,
    DEFAULT_BASE_URL,
    AccountsConfig,
    Profile,
    ProfileError,
)

from .conftest import WABA


def test_defaults_point_at_graph() -> None:
    profile = Profile(name="work", waba_id=WABA)
    assert profile.api_version == DEFAULT_API_VERSION == "v26.0"
    assert profile.base_url == DEFAULT_BASE_URL == "https://graph.facebook.com"
    assert profile.graph_host == "graph.facebook.com"


@pytest.mark.parametrize(
    ("base_url", "normalised", "host"),
    [
        ("https://graph.facebook.com/", "https://graph.facebook.com", "graph.facebook.com"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765", "127.0.0.1:8765"),
        (" http://localhost:9000/ ", "http://localhost:9000", "localhost:9000"),
        ("http://[::1]:8080", "http://[::1]:8080", "[::1]:8080"),
    ],
)
def test_base_url_is_normalised_and_gives_the_host(
    base_url: str, normalised: str, host: str
) -> None:
    profile = Profile(name="sandbox", waba_id="1", base_url=base_url)
    assert profile.base_url == normalised
    assert profile.graph_host == host


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"name": "has space"},
        {"name": "-leading-dash"},
        {"name": "x" * 65},
        {"name": 'quote"d'},
        {"waba_id": ""},
        {"waba_id": "12/34"},
        {"phone_number_id": "1 2"},
        {"app_id": "../etc"},
        {"api_version": "26.0"},
        {"api_version": "v26"},
        {"base_url": "graph.facebook.com"},
        {"base_url": "ftp://graph.facebook.com"},
        {"base_url": "https://user:pw@graph.facebook.com"},
        {"base_url": "https://graph.facebook.com?x=1"},
    ],
)
def test_invalid_values_are_refused(changes: dict[str, str]) -> None:
    fields = {"name": "work", "waba_id": WABA, **changes}
    with pytest.raises(ProfileError):
        Profile(**fields)


def test_profiles_are_frozen() -> None:
    profile = Profile(name="work", waba_id=WABA)
    with pytest.raises(AttributeError):
        profile.waba_id = "2"  # type: ignore[misc]


def test_first_profile_becomes_default_and_later_ones_do_not() -> None:
    config = AccountsConfig().with_profile(Profile(name="a", waba_id="1"))
    config = config.with_profile(Profile(name="b", waba_id="2"))
    assert config.default_name == "a"
    assert config.names == ("a", "b")
    assert (
        config.with_profile(Profile(name="c", waba_id="3"), make_default=True).default_name == "c"
    )


def test_with_profile_replaces_in_place() -> None:
    config = AccountsConfig(
        profiles=(Profile(name="a", waba_id="1"), Profile(name="b", waba_id="2")),
        default_name="b",
    )
    updated = config.with_profile(Profile(name="a", waba_id="9"))
    assert updated.names == ("a", "b")
    assert updated.get("a").waba_id == "9"
    assert updated.default_name == "b"
    assert config.get("a").waba_id == "1"  # the original is untouched


def test_without_profile_drops_the_default_marker() -> None:
    config = AccountsConfig(
        profiles=(Profile(name="a", waba_id="1"), Profile(name="b", waba_id="2")),
        default_name="a",
    )
    remaining = config.without_profile("a")
    assert remaining.names == ("b",)
    assert remaining.default_name is None
    assert remaining.default == Profile(name="b", waba_id="2")  # the only one left
    with pytest.raises(ProfileError, match="no profile named 'zz'"):
        config.without_profile("zz")


def test_active_profile_explains_what_to_do() -> None:
    with pytest.raises(ProfileError, match="auth login"):
        AccountsConfig().active()
    two = AccountsConfig(profiles=(Profile(name="a", waba_id="1"), Profile(name="b", waba_id="2")))
    with pytest.raises(ProfileError, match="--profile NAME"):
        two.active()
    assert two.active("b").waba_id == "2"
    with pytest.raises(ProfileError, match=r"profiles: a, b"):
        two.active("c")


def test_config_rejects_duplicates_and_unknown_default() -> None:
    with pytest.raises(ProfileError, match="duplicate"):
        AccountsConfig(profiles=(Profile(name="a", waba_id="1"), Profile(name="a", waba_id="2")))
    with pytest.raises(ProfileError, match="not defined"):
        AccountsConfig(profiles=(Profile(name="a", waba_id="1"),), default_name="b")
