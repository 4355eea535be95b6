"""``flowtui play FILE --steps STEPS.json``: a flow played without a screen, for CI.

STEPS.json is a list; each step is one of ``{"fill": {name: value}}``, ``{"click": "footer"}``,
``{"click": text or item id}``, ``{"select": {name: id}}``, ``{"back": true}`` and
``{"expect_screen": id}``. The transcript lists the screens visited, the actions run, how the
flow ended and, if a step could not be taken, which and why.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flowtui.player.engine import Player, PlayError

log = logging.getLogger("flowtui.player")
STEP_KINDS = ("fill", "click", "select", "back", "expect_screen")


class StepsError(ValueError):
    """A STEPS file that is not a list of steps (refused before anything runs)."""


@dataclass(frozen=True)
class Step:
    kind: str
    argument: Any


def read_steps(text: str) -> list[Step]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise StepsError(f"The steps are not JSON: {error.msg} at line {error.lineno}.") from None
    except (ValueError, RecursionError):  # a 5,000-digit number, lists 5,000 deep
        raise StepsError("The steps are JSON that cannot be read: too deep or too large.") from None
    if not isinstance(raw, list):
        raise StepsError("The steps are a JSON list, one object per step.")
    steps: list[Step] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or len(item) != 1:
            raise StepsError(
                f"Step {number} should be an object with one key ({', '.join(STEP_KINDS)})."
            )
        ((kind, argument),) = item.items()
        if kind not in STEP_KINDS:
            raise StepsError(f"Step {number}: {kind!r} is not a step ({', '.join(STEP_KINDS)}).")
        shape_ok = {
            "fill": isinstance(argument, dict) and bool(argument),
            "select": isinstance(argument, dict) and len(argument) == 1,
            "click": isinstance(argument, str) and bool(argument),
            "back": argument is True,
            "expect_screen": isinstance(argument, str),
        }[kind]
        if not shape_ok:
            raise StepsError(f"Step {number}: {_SHAPES[kind]}.")
        steps.append(Step(kind, argument))
    return steps


_SHAPES = {
    "fill": 'fill takes an object of component names and values, {"fill": {"email": "a@b.co"}}',
    "select": 'select takes one component name and option id, {"select": {"size": "large"}}',
    "click": 'click takes "footer", a link or OptIn text, or a NavigationList item id',
    "back": 'back is written {"back": true}',
    "expect_screen": 'expect_screen takes a screen id, {"expect_screen": "CONFIRM"}',
}


async def run_steps(player: Player, steps: list[Step]) -> dict[str, Any]:
    """Take the steps in order; the transcript (the first failing step ends the run)."""
    error: dict[str, Any] | None = None
    for number, step in enumerate(steps, start=1):
        try:
            await _take(player, step)
        except PlayError as failure:
            error = {"step": number, "message": str(failure)}
            break
        except Exception as failure:  # a bug of the player: said as the step's error
            log.exception("The player failed on step %d", number)
            error = {"step": number, "message": f"flowtui failed here (a bug): {failure!r}"}
            break
    return transcript(player, error)


async def _take(player: Player, step: Step) -> None:
    if player.finished and step.kind != "expect_screen":
        raise PlayError("The flow has ended; no step can follow its completion.")
    if step.kind == "fill":
        for name, value in step.argument.items():
            player.fill(name, value)
    elif step.kind == "select":
        ((name, option),) = step.argument.items()
        await player.select(name, option)
    elif step.kind == "click":
        if step.argument == "footer":
            await player.click_footer()
        else:
            await player.click(step.argument)
    elif step.kind == "back":
        await player.back()
    else:
        here = player.current.id
        if here != step.argument:
            raise PlayError(f"Expected screen {step.argument}, but the flow is on {here}.")


def transcript(player: Player, error: Mapping[str, Any] | None) -> dict[str, Any]:
    completion = player.completion
    return {
        "screens": list(player.visited),
        "actions": [entry.transcript() for entry in player.log],
        "result": {"type": "complete", "payload": dict(completion.payload)} if completion else None,
        "error": dict(error) if error else None,
    }
