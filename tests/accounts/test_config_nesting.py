"""A config file nested deeper than any setting needs is one sentence, not a RecursionError
from the TOML parser or writer (issue #12, item 12)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from flowtui.accounts.config_file import (
    MAX_NESTING,
    ConfigFileError,
    load_config,
    nesting_depth,
    save_config,
)

RunCli = Callable[..., int]
PROFILE = "[profiles.work]\nwaba_id = '5'\n"


@pytest.mark.parametrize(
    "content",
    [
        "x = " + "[" * 2000 + "]" * 2000,  # RecursionError inside tomllib
        "x = " + "{a = " * 2000 + "1" + "}" * 2000,
        "x = " + "[" * 100 + "]" * 100,  # parses, but the writer would recurse as deep
        "x." + ".".join(["a"] * 5000) + " = 1",  # dotted keys: parsed without recursion
        "[" + ".".join(["t"] * 3000) + "]\n",
    ],
    ids=["arrays", "inline-tables", "arrays-100", "dotted-keys", "table-header"],
)
def test_deep_nesting_is_refused_with_a_sentence(tmp_path: Path, content: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"{PROFILE}{content}\n" if content.startswith("x") else f"{content}")
    with pytest.raises(ConfigFileError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path} nests tables or arrays more than {MAX_NESTING} deep: no flowtui setting is "
        "nested like that; remove the nesting (or the file, to start again)"
    )


def test_nesting_up_to_the_bound_is_read_and_written_back(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    depth = MAX_NESTING - 1  # the document itself is one level
    path.write_text("x = " + "[" * depth + "]" * depth + f"\n{PROFILE}")
    config = load_config(path)
    save_config(config, path)
    assert load_config(path).other_settings == config.other_settings


def test_the_depth_is_measured_without_recursion() -> None:
    value: object = 1
    for _ in range(100_000):
        value = [value]
    assert nesting_depth({"x": value}) == MAX_NESTING + 1  # stops once deep enough
    assert nesting_depth({"a": {"b": [1, {"c": 2}]}}) == 4
    assert nesting_depth({}) == 1


def test_auth_list_says_it_in_one_line(
    run_cli: RunCli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text("x = " + "[" * 2000 + "]" * 2000 + "\n")
    assert run_cli(["auth", "list", "--config", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "more than 32 deep" in err
    assert len(err.splitlines()) == 1
