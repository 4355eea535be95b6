"""The user's editor: ``$VISUAL``, else ``$EDITOR``, else ``vi``, split like a shell would."""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from pathlib import Path

FALLBACK_EDITOR = "vi"


class EditorFailedError(Exception):
    """The editor could not be started, or it exited with an error (the edit is abandoned)."""


def editor_command(path: Path, environ: Mapping[str, str] | None = None) -> list[str]:
    """The command that opens ``path`` in the user's editor."""
    env = os.environ if environ is None else environ
    for variable in ("VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as error:
                raise EditorFailedError(
                    f"${variable} ({value!r}) can't be split into a command ({error}): fix its "
                    "quotes."
                ) from None
            if words:
                return [*words, str(path)]
    return [FALLBACK_EDITOR, str(path)]


def run_editor(path: Path, environ: Mapping[str, str] | None = None) -> None:
    """Open ``path`` and wait for the editor to close; raises :class:`EditorFailedError`."""
    command = editor_command(path, environ)
    try:
        result = subprocess.run(command, check=False)
    except OSError as error:
        raise EditorFailedError(
            f"The editor {command[0]!r} could not be started ({error.strerror or error}): set "
            "$VISUAL or $EDITOR to an editor that is installed."
        ) from None
    if result.returncode != 0:
        raise EditorFailedError(
            f"The editor {command[0]!r} exited with code {result.returncode}: nothing is uploaded."
        )
