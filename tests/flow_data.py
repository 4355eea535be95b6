"""Where the tests find Flow JSON files, declared once.

* :data:`OWN_FLOWS`: Flow JSON written for flowtui's own tests (``tests/flowjson/flows/``).
  Every test of flowtui's behaviour reads these, so a clone with nothing beside it passes.
* :data:`CORPUS`: the shared research corpus, other projects' files that are never committed
  here. It sits beside CI's checkout (``../shared/flow-json-corpus``); a test that reads it asks
  :func:`require_corpus` first.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

OWN_FLOWS = Path(__file__).resolve().parent / "flowjson" / "flows"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "flow-json-corpus"

# What CI services put in ``CI`` (GitHub Actions, GitLab and most others say "true").
_CI_VALUES = frozenset({"true", "1", "yes"})


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in _CI_VALUES


def require_corpus(path: Path = CORPUS) -> Path:
    """The corpus folder; without it, skip the calling test, or fail it when ``CI`` is set.

    CI must run the corpus tests, so there a missing corpus is a broken checkout, not a reason
    to skip.
    """
    if path.is_dir():
        return path
    reason = (
        f"Flow JSON corpus not found at {path} "
        "(it is other projects' data, kept beside the checkout in ../shared, not in the repository)"
    )
    if running_in_ci():
        pytest.fail(f"{reason}; CI is set, so the corpus tests must run", pytrace=False)
    pytest.skip(reason)
