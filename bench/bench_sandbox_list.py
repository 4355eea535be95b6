"""Benchmark: list 10,000 Flows from the sandbox, page by page, over loopback HTTP.

Standalone: ``.venv/bin/python bench/bench_sandbox_list.py [--flows N] [--limit N]``. Starts an
in-process sandbox with N extra Flows, follows ``paging.next`` with plain httpx until the last
page, and prints the total time, the page count and a ratio against a baseline measured in the
same run: the median round trip of one trivial request, times the number of pages. The budget
for 10,000 Flows is 2 s; this script reports, it does not assert.
"""

from __future__ import annotations

import argparse
import statistics
import time

import httpx

from flowtui.sandbox.demo import PRIMARY_ACCOUNT
from flowtui.sandbox.server import running_sandbox

API_VERSION = "v26.0"
BUDGET_SECONDS = 2.0
BASELINE_SAMPLES = 50


def trivial_round_trip(client: httpx.Client, url: str) -> float:
    """Median seconds for a request with an (almost) empty answer."""
    samples = []
    for _ in range(BASELINE_SAMPLES):
        started = time.perf_counter()
        client.get(url).raise_for_status()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def list_all(client: httpx.Client, first_page_url: str) -> tuple[int, int, float]:
    """Follow ``next`` to the end; return (flows, pages, seconds)."""
    url: str | None = first_page_url
    flows = pages = 0
    started = time.perf_counter()
    while url is not None:
        response = client.get(url)
        response.raise_for_status()
        body = response.json()
        flows += len(body["data"])
        pages += 1
        url = body.get("paging", {}).get("next")
    return flows, pages, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=10_000, help="extra flows (default 10000)")
    parser.add_argument("--limit", type=int, default=100, help="page size (default 100)")
    args = parser.parse_args()

    started = time.perf_counter()
    with running_sandbox("empty", extra_flows=args.flows) as base_url:
        startup = time.perf_counter() - started
        waba = PRIMARY_ACCOUNT.id
        headers = {"Authorization": "Bearer bench"}
        with httpx.Client(headers=headers) as client:
            trivial = trivial_round_trip(client, f"{base_url}/{API_VERSION}/{waba}?fields=id")
            first_page = f"{base_url}/{API_VERSION}/{waba}/flows?limit={args.limit}"
            list_all(client, first_page)  # warm-up
            flows, pages, seconds = list_all(client, first_page)

    baseline = trivial * pages
    print(f"sandbox start with {args.flows} extra flows: {startup:.3f} s")
    print(f"listed {flows} flows in {pages} pages of {args.limit}: {seconds:.3f} s")
    print(f"trivial request round trip (median of {BASELINE_SAMPLES}): {trivial * 1000:.2f} ms")
    print(f"baseline (trivial round trip x {pages} pages): {baseline:.3f} s")
    print(f"ratio listing / baseline: {seconds / baseline:.2f}")
    verdict = "within" if seconds < BUDGET_SECONDS else "OVER"
    print(f"budget {BUDGET_SECONDS:.1f} s: {verdict} ({seconds / BUDGET_SECONDS:.0%} of it)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
