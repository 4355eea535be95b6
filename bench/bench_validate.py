"""Time ``validate_flow_json`` on ~1 MB Flow JSON documents against ``json.loads`` of the same text.

Run: ``.venv/bin/python bench/bench_validate.py [--runs N]``. Two documents are built:

- ``components``: 100 screens (Meta's maximum) of forms, options, text and navigate payloads,
  token-dense like a large hand-written flow;
- ``images``: a few screens with base64 ``Image`` sources, the other way flows get big;
- ``errors``: ``components`` with a mistake on every screen (100 issues), which makes the
  validator compute positions (the source map is built lazily, only where issues point).

Each is validated ``--runs`` times; the median (and the best run, steadier on a busy machine)
is printed with its ratio to ``json.loads`` of the same text measured in the same run. No
assertion: the numbers are for reading.
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flowtui.flowjson import validate_flow_json

TARGET_BYTES = 1_000_000
MAX_SCREENS = 100


def screen_id(index: int) -> str:
    return "SCREEN_" + "".join(chr(65 + int(digit)) for digit in f"{index:03d}")


def form_screen(index: int, inputs: int, last: bool) -> dict[str, Any]:
    """A screen with a Form of ``inputs`` fields; it carries the previous answers forward."""
    sid = screen_id(index)
    carried = {f"answer_{index - 1}": {"type": "string", "__example__": "Example"}} if index else {}
    children: list[dict[str, Any]] = [
        {"type": "TextHeading", "text": f"Step {index + 1}"},
        {
            "type": "TextBody",
            "text": "Please answer the questions below so we can prepare your booking. " * 3,
        },
    ]
    fields: list[dict[str, Any]] = []
    for field in range(inputs):
        name = f"field_{field}"
        if field % 3 == 0:
            fields.append(
                {
                    "type": "TextInput",
                    "name": name,
                    "label": "Your answer",
                    "input-type": "text",
                    "required": True,
                    "helper-text": "Required",
                }
            )
        elif field % 3 == 1:
            fields.append(
                {
                    "type": "Dropdown",
                    "name": name,
                    "label": "Choose one",
                    "required": False,
                    "data-source": [
                        {"id": f"opt_{n}", "title": f"Option {n}", "description": "An option"}
                        for n in range(8)
                    ],
                }
            )
        else:
            fields.append(
                {
                    "type": "TextArea",
                    "name": name,
                    "label": "Comments",
                    "helper-text": "Anything else?",
                    "max-length": 500,
                }
            )
    payload = {"answer_" + str(index): "${form.field_0}"}
    if last:
        action: dict[str, Any] = {"name": "complete", "payload": payload}
    else:
        action = {
            "name": "navigate",
            "next": {"type": "screen", "name": screen_id(index + 1)},
            "payload": payload,
        }
    fields.append({"type": "Footer", "label": "Continue", "on-click-action": action})
    children.append({"type": "Form", "name": "form", "children": fields})
    result: dict[str, Any] = {
        "id": sid,
        "title": f"Step {index + 1}",
        "data": carried,
        "layout": {"type": "SingleColumnLayout", "children": children},
    }
    if last:
        result["terminal"] = True
    return result


def components_flow() -> str:
    inputs = 1
    while True:
        screens = [form_screen(i, inputs, i == MAX_SCREENS - 1) for i in range(MAX_SCREENS)]
        text = json.dumps({"version": "7.3", "screens": screens}, indent=2)
        if len(text.encode()) >= TARGET_BYTES or inputs >= 45:
            return text
        inputs += 1


def images_flow() -> str:
    picture = base64.b64encode(bytes(range(256)) * 400).decode()  # ~136 KB of base64
    screens = []
    count = 0
    while True:
        images = [{"type": "Image", "src": picture, "alt-text": f"Picture {n}"} for n in range(2)]
        screens.append(
            {"id": screen_id(count), "layout": {"type": "SingleColumnLayout", "children": images}}
        )
        count += 1
        text = json.dumps({"version": "7.3", "screens": screens}, indent=2)
        if len(text.encode()) >= TARGET_BYTES:
            break
    for number, screen in enumerate(screens):
        footer_action: dict[str, Any] = (
            {"name": "complete", "payload": {}}
            if number == len(screens) - 1
            else {
                "name": "navigate",
                "next": {"type": "screen", "name": screen_id(number + 1)},
                "payload": {},
            }
        )
        screen["layout"]["children"].append(
            {"type": "Footer", "label": "Next", "on-click-action": footer_action}
        )
    screens[-1]["terminal"] = True
    return json.dumps({"version": "7.3", "screens": screens}, indent=2)


def errors_flow() -> str:
    document = json.loads(components_flow())
    for screen in document["screens"]:
        footer = screen["layout"]["children"][-1]["children"][-1]
        footer["colour"] = "red"  # unknown property: INVALID_PROPERTY_KEY
    return json.dumps(document, indent=2)


def timings(function: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median, best) wall-clock seconds over ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs per measurement")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {args.runs} runs each")
    cases = (("components", components_flow), ("images", images_flow), ("errors", errors_flow))
    for name, build in cases:
        text = build()
        issues = validate_flow_json(text)
        validate_flow_json(text)  # warm up
        loads, loads_best = timings(lambda text=text: json.loads(text), args.runs)
        check, check_best = timings(lambda text=text: validate_flow_json(text), args.runs)
        print(
            f"{name:>10}: {len(text.encode()) / 1e6:.2f} MB, {text.count(chr(10)) + 1} lines, "
            f"{len(issues)} issues | json.loads {loads * 1000:5.1f} ms | "
            f"validate_flow_json {check * 1000:6.1f} ms (best {check_best * 1000:5.1f}) | "
            f"ratio {check / loads:4.1f}x (best/best {check_best / loads_best:4.1f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
