"""The class names the rendered HTML carries, one constant each.

render/ sets them when it builds HTML; the stylesheets in ui/theme.py style them by these same
constants, and a test checks that every class emitted is styled and nothing else is.
"""

from __future__ import annotations

# -- a policy (policy_html) ---------------------------------------------------------------------
FACTS = "facts"
"""A policy's stated dates under its title: approved, review cycle, next review."""

# -- an outcome (outcome_html) ------------------------------------------------------------------
SITUATION = "situation"
"""The situation's title and the school, above the outcome."""
ACTION = "action"
"""The outcome's headline: what to do."""
BINDING = "binding"
"""How binding the policy's answer is (must, should, may)."""
GAP = "gap"
"""What the app says where the school's policy does not cover the situation."""
LEAD_IN = "lead-in"
"""The words a quoted list item hangs from ("Staff must ensure that they:")."""
SOURCE = "source"
"""A quote's citation: the policy and clause it comes from."""
APP_NOTE = "app-note"
"""The app's own reminder at the end, not the policy's words."""
APP_ADVICE = "app-advice"
"""Steps the app adds for a situation from national guidance, not the policy's words."""

# -- a search result (render/results.py) --------------------------------------------------------
WHERE = "where"
"""Where a result is: the policy and heading, or "Guided answer"."""
KIND = "kind"
"""The "Guided answer" label on a result that opens a guided answer."""
TITLE = "title"
"""A guided answer's question, as a result's main line."""
