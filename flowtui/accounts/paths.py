"""Where flowtui keeps its files: the config file, the data directory and the logs.

The config file is, in order: the ``--config`` path, the ``FLOWTUI_CONFIG`` variable, or
``config.toml`` in the platform's user config directory (platformdirs, which honours the XDG
variables on Linux).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import platformdirs

APP_NAME: Final = "flowtui"
CONFIG_ENV_VAR: Final = "FLOWTUI_CONFIG"
CONFIG_FILE_NAME: Final = "config.toml"


@dataclass(frozen=True)
class AppPaths:
    """The paths in use, and why the config file is the one it is."""

    config_file: Path
    config_origin: str  # "--config", "FLOWTUI_CONFIG" or "default"
    data_dir: Path
    log_dir: Path


def default_config_file() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_FILE_NAME


def resolve_config_file(
    override: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> tuple[Path, str]:
    """The config file path and its origin: the override, ``FLOWTUI_CONFIG``, or the default."""
    env = os.environ if environ is None else environ
    if override is not None and str(override).strip():
        return Path(override).expanduser(), "--config"
    from_env = env.get(CONFIG_ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser(), CONFIG_ENV_VAR
    return default_config_file(), "default"


def resolve_paths(
    config_override: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> AppPaths:
    config_file, origin = resolve_config_file(config_override, environ)
    return AppPaths(
        config_file=config_file,
        config_origin=origin,
        data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
        log_dir=platformdirs.user_log_path(APP_NAME, appauthor=False),
    )
