"""Walking a wizard: the current question, answering, going back, changing an earlier answer,
starting again, and the outcome for the active school."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from guidance_app.core.content.model import Library
from guidance_app.core.content.wizard_model import Option, Question, Wizard, leaves
from guidance_app.core.errors import WizardError
from guidance_app.core.guidance.outcome import Outcome, outcome_for


@dataclass(frozen=True)
class Step:
    """One answered (or, for the active school, skipped) question."""

    question: Question
    option: Option | None  # None when skipped because no answer changes the outcome


def all_paths(wizard: Wizard) -> Iterator[tuple[list[tuple[Question, Option]], str]]:
    """Every path through the wizard as (answers, situation), in option order."""

    def walk(
        question_id: str, so_far: list[tuple[Question, Option]]
    ) -> Iterator[tuple[list[tuple[Question, Option]], str]]:
        question = wizard.questions[question_id]
        for option in question.options:
            path = [*so_far, (question, option)]
            if option.situation is not None:
                yield path, option.situation
            elif option.next is not None:
                yield from walk(option.next, path)

    yield from walk(wizard.start, [])


class WizardSession:
    """One person's way through one wizard. Nothing here is ever written to disk."""

    def __init__(
        self,
        library: Library,
        wizard: Wizard,
        school_id: str | None = None,
        skip_irrelevant: bool = True,
    ) -> None:
        self.library = library
        self.wizard = wizard
        self.school_id = school_id
        self.skip_irrelevant = skip_irrelevant and school_id is not None
        self._answers: list[tuple[str, str]] = []  # (question id, option id), as chosen
        self._rebuild()

    # -- state ----------------------------------------------------------------------------
    def _rebuild(self) -> None:
        """Replay the chosen answers from the start; drop those no longer on the path."""
        chosen = dict(self._answers)
        steps: list[Step] = []
        kept: list[tuple[str, str]] = []
        question_id: str | None = self.wizard.start
        situation: str | None = None
        while question_id is not None:
            question = self.wizard.questions[question_id]
            if question_id in chosen and question.option(chosen[question_id]) is not None:
                option = question.option(chosen[question_id])
                assert option is not None
                steps.append(Step(question, option))
                kept.append((question_id, option.id))
                question_id, situation = option.next, option.situation
            elif self._skippable(question_id):
                steps.append(Step(question, None))
                situation = _common_key(leaves(self.wizard, question_id))
                question_id = None
            else:
                break
        self._answers = kept
        self._steps = steps
        self._current = question_id
        self._situation = situation

    def _skippable(self, question_id: str) -> bool:
        if not self.skip_irrelevant or self.school_id is None:
            return False
        book = self.library.rulings.get(self.school_id)
        if book is None:
            return False
        rulings = [book.find(key) for key in leaves(self.wizard, question_id)]
        return None not in rulings and len({id(ruling) for ruling in rulings}) == 1

    @property
    def current_question(self) -> Question | None:
        """The question to ask now, or None when the wizard has reached its outcome."""
        return self.wizard.questions[self._current] if self._current else None

    @property
    def steps(self) -> tuple[Step, ...]:
        """The answers so far, in order (skipped questions included, with no option)."""
        return tuple(self._steps)

    @property
    def situation(self) -> str | None:
        return self._situation if self._current is None else None

    @property
    def finished(self) -> bool:
        return self._current is None

    # -- actions --------------------------------------------------------------------------
    def answer(self, option_id: str) -> None:
        question = self.current_question
        if question is None:
            raise WizardError("This guided answer is finished; start again or go back.")
        if question.option(option_id) is None:
            valid = ", ".join(o.id for o in question.options)
            raise WizardError(
                f"'{option_id}' is not an answer to '{question.text}' (answers: {valid})."
            )
        self._answers.append((question.id, option_id))
        self._rebuild()

    def back(self) -> None:
        """Undo the last answer (and any skip that followed it)."""
        if self._answers:
            self._answers.pop()
        self._rebuild()
        while self._current is None and self._answers:  # a skip landed us on the outcome
            self._answers.pop()
            self._rebuild()

    def change(self, question_id: str, option_id: str) -> None:
        """Answer an earlier question differently; later answers stay only if still asked."""
        if question_id not in (q for q, _ in self._answers):
            raise WizardError(f"The question '{question_id}' has not been answered yet.")
        question = self.wizard.questions[question_id]
        if question.option(option_id) is None:
            raise WizardError(f"'{option_id}' is not an answer to '{question.text}'.")
        self._answers = [(q, option_id if q == question_id else o) for q, o in self._answers]
        self._rebuild()

    def restart(self) -> None:
        self._answers = []
        self._rebuild()

    def outcome(self, school_id: str | None = None) -> Outcome | None:
        """The outcome for the given (or active) school, once the situation is known."""
        school = school_id or self.school_id
        if self.situation is None or school is None:
            return None
        return outcome_for(self.library, school, self.situation)


def _common_key(keys: set[str]) -> str:
    """The longest shared prefix of situation keys, by whole parts."""
    split = [key.split("/") for key in sorted(keys)]
    shared: list[str] = []
    for parts in zip(*split, strict=False):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    return "/".join(shared) or sorted(keys)[0]
