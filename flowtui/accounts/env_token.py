"""The token from the environment: ``FLOWTUI_TOKEN``, then its alias ``WHATSAPP_ACCESS_TOKEN``.

Kept apart from the keyring (which is slow to import) so the app's start-up with ``--base-url``
reads the environment exactly as ``flowtui auth status`` does, without importing it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final

from flowtui.api.errors import InvalidTokenError
from flowtui.api.secret import Token

TOKEN_ENV_VARS: Final = ("FLOWTUI_TOKEN", "WHATSAPP_ACCESS_TOKEN")


def token_variable(environ: Mapping[str, str] | None = None) -> str | None:
    """The name of the first non-blank variable of :data:`TOKEN_ENV_VARS`, whatever it holds.

    A variable holding only whitespace counts as unset (a blank ``export`` is common in CI).
    """
    env = os.environ if environ is None else environ
    return next((name for name in TOKEN_ENV_VARS if env.get(name, "").strip()), None)


def token_from_environment(environ: Mapping[str, str] | None = None) -> tuple[Token, str] | None:
    """The token from the first non-blank variable of :data:`TOKEN_ENV_VARS`, with its name.

    A variable holding what cannot be a token (a line break inside, say) is an
    :class:`InvalidTokenError` naming the variable, never a fall-back to the keyring.
    """
    env = os.environ if environ is None else environ
    name = token_variable(env)
    if name is None:
        return None
    try:
        return Token(env[name]), name
    except InvalidTokenError as error:
        raise InvalidTokenError(
            f"{name} holds an access token with {error.problem}: set it again to the token "
            "alone, on one line.",
            problem=error.problem,
        ) from None
