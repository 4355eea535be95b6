"""Fault injection: a compact ``--faults`` SPEC and a seeded, deterministic decision maker.

SPEC syntax (items separated by ``;``)::

    seed=N                              seed of the random generator (default 0)
    KIND[:KEY=VALUE[,KEY=VALUE...]]     a rule; rules are tried in order for every request

KIND is one of:

    latency     delay the answer: ms=N (default 1000), jitter=N (extra 0..N ms)
    ratelimit   refuse as throttled: code=4|80007 (default 4), status=HTTP status
                (default 429 for code 4, 400 for 80007), retry_after=SECONDS (default 60)
    error       a transient server error, Graph code 2: status=500|502|503 (default 500)
    drop        close the connection without answering
    malformed   answer with the real status but a truncated, unparseable body

Selectors, for every kind:

    p=0.25      probability per matching request (default 1)
    path=GLOB   fnmatch on the path without its /vNN.N prefix, e.g. */publish (default *)
    method=POST only this HTTP method
    after=N     let the first N matching requests through untouched
    times=N     fire at most N times

Example: ``seed=7;latency:ms=150;ratelimit:p=0.1,code=80007;error:path=*/publish,times=1``.
Latency rules add up; of the other rules, the first that fires decides the answer.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from fnmatch import fnmatchcase


class FaultKind(StrEnum):
    LATENCY = "latency"
    RATE_LIMIT = "ratelimit"
    ERROR = "error"
    DROP = "drop"
    MALFORMED = "malformed"


class FaultSpecError(ValueError):
    """A ``--faults`` SPEC that cannot be understood."""


# Option keys each kind accepts besides the common selectors, with their defaults.
KIND_OPTIONS: dict[FaultKind, dict[str, int]] = {
    FaultKind.LATENCY: {"ms": 1000, "jitter": 0},
    FaultKind.RATE_LIMIT: {"code": 4, "status": 0, "retry_after": 60},
    FaultKind.ERROR: {"status": 500},
    FaultKind.DROP: {},
    FaultKind.MALFORMED: {},
}
SELECTOR_KEYS = frozenset({"p", "path", "method", "after", "times"})
RATE_LIMIT_CODES = (4, 80007)


@dataclass(frozen=True)
class FaultRule:
    kind: FaultKind
    probability: float = 1.0
    path: str = "*"
    method: str | None = None
    after: int = 0
    times: int | None = None
    options: dict[str, int] = field(default_factory=dict)

    def option(self, key: str) -> int:
        return self.options.get(key, KIND_OPTIONS[self.kind][key])

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method.upper():
            return False
        return fnmatchcase(path, self.path)


@dataclass(frozen=True)
class FaultPlan:
    seed: int = 0
    rules: tuple[FaultRule, ...] = ()


def parse_fault_spec(spec: str) -> FaultPlan:
    seed = 0
    rules: list[FaultRule] = []
    for item in (part.strip() for part in spec.split(";")):
        if not item:
            continue
        if item.startswith("seed="):
            seed = _integer("seed", item.removeprefix("seed="))
            continue
        kind_text, _, options_text = item.partition(":")
        try:
            kind = FaultKind(kind_text.strip().lower())
        except ValueError:
            kinds = ", ".join(k.value for k in FaultKind)
            raise FaultSpecError(
                f"unknown fault kind {kind_text!r} (use one of: {kinds})"
            ) from None
        rules.append(_rule(kind, options_text))
    return FaultPlan(seed, tuple(rules))


def _rule(kind: FaultKind, options_text: str) -> FaultRule:
    selectors: dict[str, str] = {}
    options: dict[str, int] = {}
    for pair in (part.strip() for part in options_text.split(",")):
        if not pair:
            continue
        key, equals, value = pair.partition("=")
        key = key.strip().lower()
        if not equals:
            raise FaultSpecError(f"{kind.value}: expected KEY=VALUE, got {pair!r}")
        if key in SELECTOR_KEYS:
            selectors[key] = value.strip()
        elif key in KIND_OPTIONS[kind]:
            options[key] = _integer(f"{kind.value} {key}", value)
        else:
            allowed = ", ".join(sorted(SELECTOR_KEYS | set(KIND_OPTIONS[kind])))
            raise FaultSpecError(f"{kind.value}: unknown option {key!r} (use: {allowed})")
    if kind is FaultKind.RATE_LIMIT and options.get("code", 4) not in RATE_LIMIT_CODES:
        raise FaultSpecError("ratelimit: code must be 4 or 80007")
    probability = _probability(selectors.get("p", "1"))
    return FaultRule(
        kind=kind,
        probability=probability,
        path=selectors.get("path", "*"),
        method=selectors["method"].upper() if "method" in selectors else None,
        after=_integer("after", selectors.get("after", "0")),
        times=_integer("times", selectors["times"]) if "times" in selectors else None,
        options=options,
    )


def _integer(name: str, text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise FaultSpecError(f"{name} must be a whole number, got {text!r}") from None
    if value < 0:
        raise FaultSpecError(f"{name} must not be negative, got {value}")
    return value


def _probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise FaultSpecError(f"p must be a number between 0 and 1, got {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise FaultSpecError(f"p must be between 0 and 1, got {value}")
    return value


@dataclass(frozen=True)
class FaultDecision:
    """What to do to one request: a delay, and at most one failure."""

    delay_ms: float = 0.0
    failure: FaultRule | None = None


class FaultInjector:
    """Decides, request by request, which rules fire; same seed and requests, same faults."""

    def __init__(self, plan: FaultPlan) -> None:
        self.plan = plan
        self._random = random.Random(plan.seed)
        self._matched = [0] * len(plan.rules)
        self._fired = [0] * len(plan.rules)
        self._lock = threading.Lock()

    def decide(self, method: str, path: str) -> FaultDecision:
        delay = 0.0
        failure: FaultRule | None = None
        with self._lock:
            for index, rule in enumerate(self.plan.rules):
                if failure is not None and rule.kind is not FaultKind.LATENCY:
                    continue
                if not rule.matches(method, path):
                    continue
                self._matched[index] += 1
                if self._matched[index] <= rule.after:
                    continue
                if rule.times is not None and self._fired[index] >= rule.times:
                    continue
                if rule.probability < 1.0 and self._random.random() >= rule.probability:
                    continue
                self._fired[index] += 1
                if rule.kind is FaultKind.LATENCY:
                    jitter = rule.option("jitter")
                    delay += rule.option("ms") + (self._random.uniform(0, jitter) if jitter else 0)
                else:
                    failure = rule
        return FaultDecision(delay, failure)
