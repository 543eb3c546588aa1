"""Training decks for induction sessions: scenarios built on the guided answers' situations.

A deck (`content/training/<deck-id>.yaml`) tells each situation as a short story with prompts
for the room. What the policy says is never written in the deck: it comes from the school's
rulings when the deck is shown, so a deck works for every school and cannot drift from policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    wizard_id: str
    situation: str
    story: str
    prompts: tuple[str, ...]
    notes: str | None  # for the trainer only: never projected, never printed


@dataclass(frozen=True)
class Deck:
    id: str  # the file name without .yaml
    title: str
    summary: str | None
    school_id: str | None  # a deck fixed to one school; None: the school chosen in the app
    scenarios: tuple[Scenario, ...]
    path: Path

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def school_for(self, chosen_school_id: str) -> str:
        """The school the deck is shown for: its fixed school, else the one chosen in the app."""
        return self.school_id or chosen_school_id
