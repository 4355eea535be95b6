"""The rules, one module per area of the Flow JSON; :func:`run_all` runs them in order."""

from __future__ import annotations

from flowtui.flowjson.context import Context
from flowtui.flowjson.rules import (
    actions,
    document,
    expressions,
    layout,
    references,
    routing,
    screens,
)


def run_all(context: Context) -> None:
    """Top level first; screens only when there are some to check. A limit exceeded (too many
    screens, too many components on a screen) is reported and ends the check."""
    if not document.check(context):
        return
    scopes = screens.check(context)
    if any(scope.crowded for scope in scopes):
        return
    layout.check(context, scopes)
    edges = actions.check(context, scopes)
    expressions.check(context, scopes)
    references.check(context, scopes)
    routing.check(context, scopes, edges)
