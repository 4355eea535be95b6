"""Time to first rows, filter keystrokes and peak memory of the app, in a 120x40 pty.

Run: .venv/bin/python bench/bench_tui.py [--runs N]

Every figure is a whole-process timing taken from outside (a pseudo-terminal read through the
pyte terminal emulator) and is compared with Textual's own hello-world app measured in the same
run, so a slow machine slows both sides alike.
"""

from __future__ import annotations

import argparse
import compileall
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from tui_timing import Terminal, hello_world_command, peak_memory_mb, start, time_to_text

FLOWTUI = [sys.executable, "-m", "flowtui", "--sandbox"]
FIRST_ROW = "Appointment dates"  # the first row of the demo account, sorted by name


ECHO_APP = """
from textual.app import App
from textual.widgets import Input, Static
class Echo(App):
    def compose(self):
        yield Static("ready", id="s")
        yield Input(id="i")
    def on_input_changed(self, event):
        self.query_one("#s", Static).update(f"filter \u201c{event.value}\u201d")
Echo().run()
"""
TYPED = "generated 99"


def type_and_time(terminal: Terminal) -> list[float]:
    """Seconds from each keystroke of TYPED until the screen shows the filter text."""
    timings = []
    typed = ""
    for char in TYPED:
        typed += char
        sent = time.perf_counter()
        terminal.send(char.encode())
        timings.append(terminal.arrival_of(f"filter “{typed}”") - sent)
        time.sleep(0.05)  # each key from a quiet screen, as a person types
    return timings


def echo_keystrokes() -> list[float]:
    """The baseline: a bare Textual app that echoes an Input into a label."""
    terminal = start([sys.executable, "-c", ECHO_APP])
    try:
        terminal.wait_for("ready")
        return type_and_time(terminal)
    finally:
        terminal.stop()


def filter_keystrokes(flows: int) -> tuple[float, list[float], float]:
    """(seconds until every flow is loaded, each keystroke's re-render time, peak MB)."""
    terminal = start([*FLOWTUI, "--sandbox-flows", str(flows)])
    try:
        total = flows + 15
        terminal.wait_for(f"{total:,} flows · sorted", timeout=120)
        loaded = time.perf_counter() - terminal.started
        terminal.send(b"/")
        terminal.wait_for("Filter by name")
        timings = type_and_time(terminal)
        pattern = re.compile(r"([\d,]+) of ([\d,]+) flows")
        assert pattern.search(terminal.text()), terminal.text()
        return loaded, timings, peak_memory_mb(terminal.process.pid)
    finally:
        terminal.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--flows", type=int, default=10_000)
    args = parser.parse_args()

    # Textual's own modules come compiled from their wheel; flowtui's, in an editable install,
    # are compiled on every start when PYTHONDONTWRITEBYTECODE is set (as on these machines),
    # which no installed copy does. Compile them once, as installing a wheel would.
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "flowtui", quiet=1)

    # The first page of a large account holds generated flows.
    starts = {
        "hello": (hello_world_command(), "Hello, World!"),
        "demo": (FLOWTUI, FIRST_ROW),
        "large": ([*FLOWTUI, "--sandbox-flows", str(args.flows)], "Generated flow"),
    }
    # One unmeasured start of each warms the disk cache; then the three take turns, so a
    # machine that speeds up or slows down during the run weighs on all of them alike.
    for command, marker in starts.values():
        time_to_text(command, marker)
    times: dict[str, list[float]] = {name: [] for name in starts}
    for _ in range(args.runs):
        for name, (command, marker) in starts.items():
            times[name].append(time_to_text(command, marker))
    hello, demo, large = (statistics.median(times[name]) for name in starts)
    loaded, keystrokes, peak = filter_keystrokes(args.flows)
    echo = statistics.median(echo_keystrokes())

    print(f"Textual hello world paints:            {hello * 1000:7.0f} ms (median of {args.runs})")
    print(f"flowtui --sandbox, first rows:          {demo * 1000:7.0f} ms  = {demo / hello:.2f}x")
    print(
        f"with {args.flows:,} more flows, first rows: {large * 1000:7.0f} ms  = "
        f"{large / hello:.2f}x"
    )
    print(f"all {args.flows + 15:,} flows loaded after:     {loaded * 1000:7.0f} ms")
    print(
        f"filter keystroke re-render:            {statistics.median(keystrokes) * 1000:7.0f} ms "
        f"median, {max(keystrokes) * 1000:.0f} ms worst ({len(keystrokes)} keys); "
        f"a bare Textual input echo: {echo * 1000:.0f} ms"
    )
    print(f"peak memory with {args.flows + 15:,} flows:   {peak:7.0f} MB")


if __name__ == "__main__":
    main()
