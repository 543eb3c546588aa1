"""No core dumps: what staff type (a pupil's name, a search) must not be left in a crash file.

A core dump holds the process's memory, so a crash on a shared machine could leave a search or the
name typed for a completion slip on disk. On Windows, Windows Error Reporting decides instead; the
README's IT section says how to keep its LocalDumps off for the app.
"""

from __future__ import annotations

import sys


def disable_core_dumps() -> None:
    """Turn core dumps off for this process and anything it starts (Linux and macOS)."""
    if sys.platform == "win32":
        return
    import resource

    # Soft and hard limit both 0, so nothing later in the process can turn them back on.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
