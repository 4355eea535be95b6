"""flowtui's own settings, in the config file beside the profiles::

    [list]
    stale_after_minutes = 5   # the header offers ctrl+r once the list is this old

A missing file or table gives the defaults; a value that can't be used is logged and replaced
by its default (the app still starts). Headless.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

DEFAULT_STALE_MINUTES: Final = 5.0
MAX_STALE_MINUTES: Final = 7 * 24 * 60.0
log = logging.getLogger("flowtui.app")


@dataclass(frozen=True)
class ListSettings:
    stale_after_minutes: float = DEFAULT_STALE_MINUTES


def list_settings(config_path: Path) -> ListSettings:
    """The ``[list]`` settings of the config file at ``config_path``."""
    from flowtui.accounts.config_file import ConfigFileError, load_config
    from flowtui.accounts.profiles import ProfileError

    try:
        table = load_config(config_path).other_settings.get("list")
    except (ConfigFileError, ProfileError):  # said where the profiles are read; not here
        return ListSettings()
    if not isinstance(table, Mapping) or "stale_after_minutes" not in table:
        return ListSettings()
    value = table["stale_after_minutes"]
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None or not 0 < number <= MAX_STALE_MINUTES:
        log.warning(
            "%s: list.stale_after_minutes must be a number of minutes from 0 to %d, not %r: "
            "using %g",
            config_path,
            MAX_STALE_MINUTES,
            value,
            DEFAULT_STALE_MINUTES,
        )
        return ListSettings()
    return ListSettings(float(number))
