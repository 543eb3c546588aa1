"""What the author screens ("Edit answers") need from the wizards: every situation of every
guided answer with the school's ruling for it, and the questions and answers that lead to one
situation, in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from guidance_app.core.content.model import Library
from guidance_app.core.content.rulings import Ruling, RulingState
from guidance_app.core.content.wizard_model import Wizard, leaves
from guidance_app.core.guidance.wizard_engine import all_paths


@dataclass(frozen=True)
class SituationRow:
    """One situation for the author's list. `ruling` is the school's ruling that answers it
    (its own, or a coarser key's), None if it has none at all."""

    wizard: Wizard
    key: str
    title: str
    ruling: Ruling | None

    @property
    def state(self) -> RulingState:
        """A situation with no ruling at all is still to do, as one marked `to_do` is."""
        return RulingState.TO_DO if self.ruling is None else self.ruling.state

    @property
    def by_broader(self) -> bool:
        """Answered by a coarser key's ruling, not one of its own."""
        return self.ruling is not None and self.ruling.situation != self.key


def situation_rows(library: Library, school_id: str) -> list[tuple[Wizard, list[SituationRow]]]:
    """Every situation of every guided answer (in Home's order), each with the school's
    ruling; a situation two guided answers end in is listed under each. Within a guided answer
    the situations come in the order its file lists them (the order its questions reach them),
    not by key."""
    book = library.rulings.get(school_id)
    order = {key: place for place, key in enumerate(library.situations)}
    grouped = []
    for wizard in library.wizards:
        keys = sorted(leaves(wizard, wizard.start), key=lambda k: (order.get(k, len(order)), k))
        rows = [
            SituationRow(
                wizard,
                key,
                wizard.situations.get(key, key),
                book.find(key) if book is not None else None,
            )
            for key in keys
        ]
        grouped.append((wizard, rows))
    return grouped


def ways_to(wizard: Wizard, key: str) -> list[list[tuple[str, str]]]:
    """Each way through the guided answer to the situation: its (question, answer) pairs in
    the words staff see, in the order they are asked."""
    return [
        [(question.text, option.label) for question, option in path]
        for path, situation in all_paths(wizard)
        if situation == key
    ]
