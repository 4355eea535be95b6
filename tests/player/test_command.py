"""``flowtui play FILE --steps STEPS.json [--json]``: the contract CI scripts rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flowtui.cli import main

FLOWS = Path(__file__).parents[1] / "flowjson" / "flows"


def play(tmp_path: Path, capsys, flow: str | Path, steps, *options: str) -> tuple[int, dict | str]:
    steps_file = tmp_path / "steps.json"
    steps_file.write_text(steps if isinstance(steps, str) else json.dumps(steps))
    flow_file = flow if isinstance(flow, Path) else FLOWS / f"{flow}.json"
    code = main(["play", str(flow_file), "--steps", str(steps_file), *options])
    out = capsys.readouterr()
    if code == 2:
        return code, out.err
    return code, json.loads(out.out) if "--json" in options else out.out


def test_a_walk_to_completion_prints_the_whole_transcript(tmp_path, capsys) -> None:
    steps = [
        {"expect_screen": "SUMMARY"},
        {"click": "Choose or change the plan"},
        {"fill": {"plan": "max"}},
        {"back": True},
        {"click": "footer"},
    ]
    code, transcript = play(
        tmp_path, capsys, "v4_0_plan_summary", steps, "--json", "--flow-token", "tok-9"
    )
    assert code == 0
    assert transcript == {
        "screens": ["SUMMARY", "CHOOSE_PLAN", "SUMMARY"],
        "actions": [
            {"type": "init", "screen": "SUMMARY", "payload": {}},
            {"type": "navigate", "screen": "SUMMARY", "payload": {}},
            {"type": "back", "screen": "CHOOSE_PLAN", "payload": {}},
            {"type": "complete", "screen": "SUMMARY", "payload": {"plan": "max"}},
        ],
        "result": {"type": "complete", "payload": {"plan": "max", "flow_token": "tok-9"}},
        "error": None,
    }


def test_a_step_that_cannot_be_taken_ends_the_run_with_exit_1(tmp_path, capsys) -> None:
    steps = [{"click": "orders"}, {"fill": {"reference": "nope"}}, {"click": "footer"}]
    code, transcript = play(tmp_path, capsys, "v6_2_help_topics", steps, "--json")
    assert code == 1
    assert transcript["screens"] == ["TOPICS", "ORDER_NUMBER"]
    assert transcript["result"] is None
    assert transcript["error"] == {
        "step": 3,
        "message": "The Footer cannot be pressed: Two letters and six digits, e.g. AB123456.",
    }


def test_opt_in_read_more_and_a_select_that_updates_data(tmp_path, capsys) -> None:
    code, transcript = play(
        tmp_path,
        capsys,
        "v5_1_house_rules",
        [
            {"click": "I have read the house rules"},  # its "Read more": navigate
            {"expect_screen": "HOUSE_RULES"},
            {"back": True},
            {"fill": {"rules_read": True}},
            {"click": "footer"},
        ],
        "--json",
    )
    assert code == 0, transcript
    assert transcript["result"]["payload"] == {"rules_read": True, "flow_token": "flowtui-player"}
    code, transcript = play(
        tmp_path,
        capsys,
        "v6_0_pickup_point",
        [
            {"select": {"region": "south"}},
            {"select": {"town": "brookfield"}},
            {"fill": {"point": "brookfield_market"}},
            {"click": "footer"},
        ],
        "--json",
    )
    assert code == 0, transcript
    assert [a["type"] for a in transcript["actions"]] == [
        "init",
        "update_data",
        "update_data",
        "complete",
    ]


def test_first_screen_and_its_data_can_be_given(tmp_path, capsys) -> None:
    data = tmp_path / "data.json"
    data.write_text('{"topic": "billing"}')
    steps = [{"fill": {"reference": "ZZ000001"}}, {"click": "footer"}]
    code, transcript = play(
        tmp_path,
        capsys,
        "v6_2_help_topics",
        steps,
        "--json",
        "--screen",
        "ORDER_NUMBER",
        "--data",
        f"@{data}",
    )
    assert code == 0
    assert transcript["result"]["payload"]["topic"] == "billing"


def test_the_readable_transcript(tmp_path, capsys) -> None:
    code, text = play(tmp_path, capsys, "v6_2_help_topics", [{"click": "account"}])
    assert code == 0
    assert text.splitlines() == [
        "screens: TOPICS > ORDER_NUMBER",
        "  init          on TOPICS: {}",
        '  navigate      on TOPICS: {"topic": "account"}',
    ]


@pytest.mark.parametrize(
    ("steps", "said"),
    [
        ("not json", "the steps are not JSON: Expecting value at line 1."),
        ('{"click": "footer"}', "the steps are a JSON list, one object per step."),
        ('[{"tap": "x"}]', "Step 1: 'tap' is not a step"),
        ('[{"back": false}]', 'Step 1: back is written {"back": true}.'),
        ('[{"click": "a", "back": true}]', "Step 1 should be an object with one key"),
    ],
)
def test_bad_steps_are_refused_before_the_flow_starts(tmp_path, capsys, steps, said) -> None:
    code, err = play(tmp_path, capsys, "v6_2_help_topics", steps)
    assert code == 2
    assert said.lower() in err.lower()


def test_bad_flows_and_data_are_refused_with_exit_2(tmp_path, capsys) -> None:
    code, err = play(tmp_path, capsys, tmp_path / "missing.json", [])
    assert code == 2 and "missing.json: no such file" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": "7.3", "screens": []}')
    code, err = play(tmp_path, capsys, broken, [])
    assert code == 2 and "has no screens to play" in err
    code, err = play(tmp_path, capsys, "v6_2_help_topics", [], "--data", "[1]")
    assert code == 2 and "--data is a JSON object" in err
    code, err = play(tmp_path, capsys, "v6_2_help_topics", [], "--screen", "ELSEWHERE")
    assert code == 2 and "no such screen (TOPICS, ORDER_NUMBER)" in err
