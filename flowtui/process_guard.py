"""Keep the access token out of core files, as ssh-agent and gpg-agent keep their keys.

A core file is the process's memory written to disk (the token with it), by the kernel on a
crash, or by a debugger or ``gcore`` asked to. :func:`forbid_core_dumps` lowers the core-file
limit to zero (hard limit too: the process cannot raise it again) and, on Linux, marks the
process not dumpable with ``prctl(PR_SET_DUMPABLE, 0)``. The latter also stops processes of
the same user from attaching a debugger or reading ``/proc/<pid>/environ`` and ``mem``
(``FLOWTUI_TOKEN`` is in the environment), which is the point; the price is that py-spy or
gdb need root to look at a running flowtui. The flag is reset when a child process execs (an
editor, the sandbox): it protects this process only.

Both are best effort: a platform without them (Windows) runs as before.
"""

from __future__ import annotations

import sys
from typing import Final

PR_SET_DUMPABLE: Final = 4
PR_GET_DUMPABLE: Final = 3


def forbid_core_dumps() -> list[str]:
    """Forbid core files of this process; what was done ("core-limit", "not-dumpable")."""
    done = []
    if _zero_core_limit():
        done.append("core-limit")
    if sys.platform == "linux" and _prctl(PR_SET_DUMPABLE, 0) == 0:
        done.append("not-dumpable")
    return done


def _zero_core_limit() -> bool:
    try:
        import resource
    except ImportError:  # not on Windows
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        return False
    return True


def _prctl(option: int, argument: int) -> int:
    """``prctl(option, argument, 0, 0, 0)`` through libc; -1 when it cannot be called."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return -1
    prctl.restype = ctypes.c_int
    # prctl is variadic and reads unsigned longs: pass them as such, so no upper half of a
    # register is left to chance (the kernel refuses any value but 0 or 1 for DUMPABLE).
    zero = ctypes.c_ulong(0)
    return int(prctl(ctypes.c_int(option), ctypes.c_ulong(argument), zero, zero, zero))
