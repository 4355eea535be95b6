"""The token from the environment: ``FLOWTUI_TOKEN``, then its alias ``WHATSAPP_ACCESS_TOKEN``.

Kept apart from the keyring (which is slow to import) so the app's start-up with ``--base-url``
reads the environment exactly as ``flowtui auth status`` does, without importing it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final

from flowtui.api.secret import Token

TOKEN_ENV_VARS: Final = ("FLOWTUI_TOKEN", "WHATSAPP_ACCESS_TOKEN")


def token_from_environment(environ: Mapping[str, str] | None = None) -> tuple[Token, str] | None:
    """The token from the first non-blank variable of :data:`TOKEN_ENV_VARS`, with its name.

    A variable holding only whitespace counts as unset (a blank ``export`` is common in CI).
    """
    env = os.environ if environ is None else environ
    for name in TOKEN_ENV_VARS:
        value = env.get(name, "")
        if value.strip():
            return Token(value), name
    return None
