"""``flowtui.flowjson.versions``: the known, publishable and frozen versions and comparisons."""

from __future__ import annotations

import pytest

from flowtui.flowjson import versions


def test_tables_follow_the_changelog() -> None:
    assert versions.KNOWN_VERSIONS[0] == "2.1"
    assert versions.LATEST_VERSION == "7.3"
    assert versions.PUBLISHABLE_VERSIONS[0] == "5.1"
    assert set(versions.PUBLISHABLE_VERSIONS) <= set(versions.KNOWN_VERSIONS)
    assert versions.FROZEN_VERSIONS == ("2.1", "3.0", "3.1", "4.0", "5.0")
    ordered = sorted(versions.KNOWN_VERSIONS, key=versions.parse)  # type: ignore[arg-type]
    assert tuple(ordered) == versions.KNOWN_VERSIONS


@pytest.mark.parametrize(
    ("version", "known", "publishable", "frozen"),
    [
        ("7.3", True, True, False),
        ("5.1", True, True, False),
        ("5.0", True, False, True),
        ("2.1", True, False, True),
        ("9.9", False, False, False),
        ("v2.1", False, False, False),
    ],
)
def test_membership(version: str, known: bool, publishable: bool, frozen: bool) -> None:
    assert versions.is_known(version) is known
    assert versions.is_publishable(version) is publishable
    assert versions.is_frozen(version) is frozen


def test_parse_and_compare_component_wise() -> None:
    assert versions.parse("7.3") == (7, 3)
    assert versions.parse("1.10") == (1, 10)
    for bad in ("v2.1", "2", "2.1.0", "02.1", " 2.1", "2.x", ""):
        assert versions.parse(bad) is None, bad
        assert not versions.is_well_formed(bad)
    assert versions.compare("1.10", "1.9") == 1
    assert versions.compare("6.0", "6.0") == 0
    assert versions.compare("5.1", "6.0") == -1
    with pytest.raises(ValueError):
        versions.compare("v1", "1.0")
    assert versions.at_least("6.3", "6.0")
    assert not versions.at_least("5.1", "6.0")
    assert not versions.at_least("nonsense", "2.1")
