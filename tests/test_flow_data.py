"""Without the shared corpus the corpus tests skip and say where they looked; on CI they fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.flow_data import require_corpus


def test_a_present_corpus_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert require_corpus(tmp_path) == tmp_path


def test_a_missing_corpus_skips_and_names_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    missing = tmp_path / "flow-json-corpus"
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_corpus(missing)
    assert str(missing) in str(skipped.value)


@pytest.mark.parametrize("value", ["true", "True", "1"])
def test_on_ci_a_missing_corpus_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CI", value)
    missing = tmp_path / "flow-json-corpus"
    with pytest.raises(pytest.fail.Exception) as failed:
        require_corpus(missing)
    assert str(missing) in str(failed.value)


def test_ci_false_still_skips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        require_corpus(tmp_path / "flow-json-corpus")
