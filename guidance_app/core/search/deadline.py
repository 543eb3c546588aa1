"""A search's time budget: when to stop looking and show what has been found.

Staff type and expect results at once, so a search that would take seconds (quoted phrases of
common words over a large library) shows the best it has found when its time is up, and says so.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from guidance_app.core.errors import GuidanceError

TIME_BUDGET = 0.25  # seconds for a whole search, snippets included
# The share of the budget spent looking for hits. The rest is kept for what follows and cannot
# stop half-way: ranking what was found, making snippets, perhaps a garbage collection; on a
# library of 1,000 policies, on a busy 2-core machine, up to 0.15 s (see `make bench`).
LOOKING = 0.4


class Deadline:
    """Passes `seconds` after it is made, as measured by `clock`."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock
        self._end = clock() + max(0.0, seconds)
        self.cut_short = False  # some work was skipped because time was up

    def expired(self) -> bool:
        """Whether time is up. Ask only just before work that would be skipped: a yes marks
        the search as cut short, and stays a yes."""
        if not self.cut_short and self._clock() >= self._end:
            self.cut_short = True
        return self.cut_short


class TimeUp(GuidanceError):
    """Time ran out in the middle of a step; the search catches it and skips that step."""


UNLIMITED = Deadline(math.inf)  # for callers with no budget; it never expires, so never changes
