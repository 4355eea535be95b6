"""The flow list at 1,000, 10,000 and 100,000 flows: load, back from a detail, filter, sort, RSS.

Run: .venv/bin/python bench/bench_scale.py [--sizes 1000,10000,100000] [--runs N]

Each size gets its own sandbox process (``flowtui sandbox serve --data empty --flows N``,
started as ``flowtui --sandbox`` starts one, and waited for: its start-up is not timed); the app
runs in a 120x40 pty against it with ``--base-url``. Textual's hello world is timed in the
same run, between the loads, and the figures that matter are ratios: 100k against 10k (does
loading bend?), 100k against hello world, and ``escape`` at 100k against 1k (is coming back
independent of the account's size?).
Whole-process timings taken from outside; this script reports, it does not assert.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from tui_timing import Terminal, hello_world_command, peak_memory_mb, start, time_to_text

from flowtui.launch import sandbox_process
from flowtui.sandbox.demo import PRIMARY_ACCOUNT

ROOT = Path(__file__).resolve().parents[1]
TYPED = "flow 099"  # narrows "generated flow 09..." as typed: every key changes the rows
SORTS = ("Status", "Updated", "Errors", "JSON", "Name")  # the order s cycles through
ESCAPES = 5
HOME = tempfile.mkdtemp(prefix="flowtui-bench-")  # config, log and data of the app: not yours
TOKEN = "bench-token-0123456789"
ENV = {
    "FLOWTUI_TOKEN": TOKEN,
    **{f"XDG_{kind}_HOME": f"{HOME}/{kind}" for kind in ("CONFIG", "DATA", "STATE", "CACHE")},
}


@dataclass
class Figures:
    loads: list[float] = field(default_factory=list)
    escapes: list[float] = field(default_factory=list)
    keys: list[float] = field(default_factory=list)
    sorts: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)


def timed_key(terminal: Terminal, key: bytes, marker: str) -> float:
    """Seconds from sending ``key`` until the output showing ``marker`` arrived."""
    sent = time.perf_counter()
    terminal.send(key)
    arrived = terminal.arrival_of(marker, timeout=60)
    time.sleep(0.05)  # the next key from a quiet screen, as a person presses them
    return arrived - sent


def one_session(url: str, flows: int, figures: Figures, *, interact: bool) -> None:
    command = [sys.executable, "-m", "flowtui", "--base-url", url]
    terminal = start([*command, "--waba-id", PRIMARY_ACCOUNT.id], ENV)
    try:
        loaded = terminal.wait_for(f"{flows:,} flows · sorted by Name", timeout=300)
        figures.loads.append(loaded)
        if interact:
            for _ in range(ESCAPES):
                terminal.send(b"\r")  # the flow under the cursor
                terminal.arrival_of("Validation errors", timeout=60)
                time.sleep(0.3)  # its reads are done: what escape does is all that is timed
                terminal.read(0.05)
                figures.escapes.append(timed_key(terminal, b"\x1b", "flows · sorted by"))
            for label in SORTS * 2:
                figures.sorts.append(timed_key(terminal, b"s", f"sorted by {label}"))
            terminal.send(b"/")
            terminal.arrival_of("Filter by name")
            typed = ""
            for char in TYPED:
                typed += char
                figures.keys.append(timed_key(terminal, char.encode(), f"filter “{typed}”"))
        figures.peak_mb.append(peak_memory_mb(terminal.process.pid))
    finally:
        terminal.stop()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    compileall.compile_dir(ROOT / "flowtui", quiet=1)  # as an installed wheel would be (bench_tui)

    hello: list[float] = []
    results: dict[int, Figures] = {}
    time_to_text(hello_world_command(), "Hello, World!")  # warm-up
    for flows in sizes:
        figures = results[flows] = Figures()
        with sandbox_process(flows, data="empty") as sandbox:
            problem = sandbox.wait_ready(timeout=300)  # its start-up is not timed
            if problem:
                raise SystemExit(f"the sandbox did not start: {problem}")
            for run in range(args.runs):
                hello.append(time_to_text(hello_world_command(), "Hello, World!"))
                one_session(sandbox.url, flows, figures, interact=run == 0)

    base = statistics.median(hello)
    print(f"Textual hello world paints: {ms(base)} (median of {len(hello)}, taking turns)")
    print(
        "| flows | all loaded | x hello | escape back | filter key (median / worst) |"
        " sort (median / worst) | peak RSS |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for flows, f in results.items():
        load = statistics.median(f.loads)
        print(
            f"| {flows:,} | {ms(load)} | {load / base:.1f}x | {ms(statistics.median(f.escapes))} | "
            f"{ms(statistics.median(f.keys))} / {ms(max(f.keys))} | "
            f"{ms(statistics.median(f.sorts))} / {ms(max(f.sorts))} | {max(f.peak_mb):.0f} MB |"
        )
    for flows, f in results.items():
        keys = " ".join(f"{k * 1000:.0f}" for k in f.keys)
        sorts = " ".join(f"{k * 1000:.0f}" for k in f.sorts)
        print(f"{flows:,}: each filter key (ms) {keys}; each sort (ms) {sorts}")
    if 10_000 in results and 100_000 in results:
        ratio = statistics.median(results[100_000].loads) / statistics.median(results[10_000].loads)
        print(f"all loaded, 100,000 against 10,000: {ratio:.1f}x (a straight line: 10x)")
    if 1_000 in results and 100_000 in results:
        ratio = statistics.median(results[100_000].escapes) / statistics.median(
            results[1_000].escapes
        )
        print(f"escape back, 100,000 against 1,000: {ratio:.2f}x")


if __name__ == "__main__":
    main()
