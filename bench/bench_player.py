"""The player: first screen of a 100-screen Flow JSON against the flow list's first paint, and
a keystroke in a TextInput until the screen shows what it changed.

Run: .venv/bin/python bench/bench_player.py [--runs N]

Whole-process timings in a 120x40 pty (see tui_timing), against ``flowtui --sandbox``'s first
rows and Textual's hello world, measured in the same run, taking turns. The keystroke timing
ends when a heading that runs a backtick expression over the input (``'Hello, ' ${form.name}``)
shows the new text: the whole round trip of state, view and widgets, not the input's own echo.
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_tui import echo_keystrokes
from tui_timing import hello_world_command, start, time_to_text

ROOT = Path(__file__).resolve().parents[1]
SCREENS = 100
TYPED = "MariaLopes"  # no space: "Hello, Maria " would match before the space is typed


def hundred_screens() -> dict:
    screens = []
    for number in range(1, SCREENS + 1):
        last = number == SCREENS
        action = (
            {"name": "complete", "payload": {"name": "${form.name}"}}
            if last
            else {
                "name": "navigate",
                "next": {"type": "screen", "name": f"STEP_{number + 1}"},
                "payload": {},
            }
        )
        screens.append(
            {
                "id": f"STEP_{number}",
                "title": f"Step {number} of {SCREENS}",
                "terminal": last,
                "layout": {
                    "type": "SingleColumnLayout",
                    "children": [
                        {"type": "TextHeading", "text": "`'Hello, ' ${form.name}`"},
                        {
                            "type": "TextInput",
                            "name": "name",
                            "label": "Your name",
                            "required": True,
                        },
                        {
                            "type": "Dropdown",
                            "name": "colour",
                            "label": "Colour",
                            "data-source": [
                                {"id": str(i), "title": f"Colour {i}"} for i in range(20)
                            ],
                        },
                        {
                            "type": "TextBody",
                            "text": f"Screen {number} has a paragraph of text. " * 5,
                        },
                        {"type": "Footer", "label": "Next", "on-click-action": action},
                    ],
                },
            }
        )
    return {"version": "7.3", "screens": screens}


def keystrokes(command: list[str]) -> list[float]:
    terminal = start(command)
    try:
        terminal.wait_for(f"Step 1 of {SCREENS}")
        timings, typed = [], ""
        for char in TYPED:
            typed += char
            sent = time.perf_counter()
            terminal.send(char.encode())
            timings.append(terminal.arrival_of(f"Hello, {typed}") - sent)
            time.sleep(0.05)
        return timings
    finally:
        terminal.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "flowtui", quiet=1)  # as an installed wheel would be
    folder = Path(tempfile.mkdtemp(prefix="flowtui-bench-player-"))
    flow = folder / "hundred.json"
    flow.write_text(json.dumps(hundred_screens()))
    play = [sys.executable, "-m", "flowtui", "play", str(flow)]
    starts = {
        "hello": (hello_world_command(), "Hello, World!"),
        "list": ([sys.executable, "-m", "flowtui", "--sandbox"], "Appointment dates"),
        "play": (play, f"Step 1 of {SCREENS}"),
    }
    for command, marker in starts.values():  # warm the disk cache
        time_to_text(command, marker)
    times: dict[str, list[float]] = {name: [] for name in starts}
    for _ in range(args.runs):
        for name, (command, marker) in starts.items():
            times[name].append(time_to_text(command, marker))
    hello, listed, played = (statistics.median(times[name]) for name in starts)
    keys = keystrokes(play)
    echo = echo_keystrokes()  # a bare Textual input echoed into a label: the floor
    print(f"Textual hello world paints:        {hello * 1000:6.0f} ms (median of {args.runs})")
    print(f"flowtui --sandbox, first rows:      {listed * 1000:6.0f} ms")
    print(
        f"flowtui play, {SCREENS} screens, first screen: {played * 1000:6.0f} ms = "
        f"{played / listed:.2f}x the list"
    )
    median, worst = statistics.median(keys) * 1000, max(keys) * 1000
    print(
        f"TextInput keystroke to the re-rendered heading: median {median:.0f} ms, worst {worst:.0f}"
    )
    print("each key (ms): " + " ".join(f"{k * 1000:.0f}" for k in keys))
    print(
        f"a bare Textual input echo, same run: median {statistics.median(echo) * 1000:.0f} ms, "
        f"worst {max(echo) * 1000:.0f} ms; each key: " + " ".join(f"{k * 1000:.0f}" for k in echo)
    )


if __name__ == "__main__":
    main()
