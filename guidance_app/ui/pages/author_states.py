"""A ruling's state as the author screens show it: words (and a sign) always, a colour too,
so that no state is told by colour alone."""

from __future__ import annotations

from guidance_app.core.content.rulings import RulingState
from guidance_app.core.guidance.authoring import SituationRow
from guidance_app.ui import theme

STATE_WORDS = {
    RulingState.ANSWERED: "✓ Answered",
    RulingState.NOT_COVERED: "– Not covered",
    RulingState.TO_DO: "○ To do",
    RulingState.NEEDS_REVIEW: "! Needs review",
}
# The counts at the top of the list, in this order: (state, one, more than one).
COUNTED = (
    (RulingState.ANSWERED, "answered", "answered"),
    (RulingState.NOT_COVERED, "not covered", "not covered"),
    (RulingState.TO_DO, "to do", "to do"),
    (RulingState.NEEDS_REVIEW, "needs review", "need review"),
)
# What still needs the author: the "only to do / needs review" choice shows these.
OPEN_STATES = (RulingState.TO_DO, RulingState.NEEDS_REVIEW)


def state_words(row: SituationRow) -> str:
    words = STATE_WORDS[row.state]
    return f"{words} (by a broader answer)" if row.by_broader else words


def state_colour(colours: theme.Colours, state: RulingState) -> str:
    """Each colour is one the theme checks for contrast on the list's background."""
    return {
        RulingState.ANSWERED: colours.accent,
        RulingState.NOT_COVERED: colours.muted,
        RulingState.TO_DO: colours.warning,
        RulingState.NEEDS_REVIEW: colours.warning,
    }[state]
