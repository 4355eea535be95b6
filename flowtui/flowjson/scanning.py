"""The standard library's C-speed JSON scanners, typed, for the parser and the source map.

``json.decoder.scanstring`` and ``JSONDecoder.scan_once`` are public in practice but absent
from typeshed, and a regex that matches ``*`` always matches: these names say so to a type
checker without costing a call on the hot path.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable
from typing import Any, cast

# (text, offset of the character after the opening quote, strict) -> (string, offset after it)
scanstring: Callable[[str, int, bool], tuple[str, int]] = vars(json.decoder)["scanstring"]
# (text, offset) -> (value, offset after it); raises StopIteration where no value starts
scan_value: Callable[[str, int], tuple[Any, int]] = vars(json.decoder.JSONDecoder())["scan_once"]
# (text, offset) -> the run of JSON whitespace there, possibly empty: never None
match_whitespace = cast("Callable[[str, int], re.Match[str]]", re.compile(r"[ \t\n\r]*").match)
