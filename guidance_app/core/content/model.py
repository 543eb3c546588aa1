"""The content model: plain, immutable data objects built by the loader."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.glossary import GlossaryTerm
from guidance_app.core.content.schema import did_you_mean
from guidance_app.core.errors import UnknownNameError

if TYPE_CHECKING:
    from guidance_app.core.content.rulings import RulingBook
    from guidance_app.core.content.wizard_model import Wizard

NOT_STATED = "not stated"
# The id of a school, a policy or a training deck: its folder or file name.
NAME_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Block:
    """A paragraph (level 0, not a list item) or a bullet list item at `level` 1, 2, 3."""

    markdown: str
    is_list_item: bool = False
    level: int = 0

    @property
    def text(self) -> str:
        return markdown_to_plain(self.markdown)


@dataclass(frozen=True)
class Clause:
    """The smallest citable piece of a policy: one or more blocks under a stable id."""

    id: str
    section_id: str
    blocks: tuple[Block, ...]
    line: int

    @property
    def text(self) -> str:
        """The clause's words as plain text, list items on their own lines."""
        return "\n".join(block.text for block in self.blocks)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.text)


@dataclass(frozen=True)
class Section:
    """A heading and the clauses directly under it. `level` 1 is a top-level heading."""

    id: str
    heading: str
    level: int
    parent_id: str | None
    clauses: tuple[Clause, ...]
    line: int

    @property
    def text(self) -> str:
        return "\n".join(clause.text for clause in self.clauses)


@dataclass(frozen=True)
class DetailLine:
    """A line of the document's own metadata table, kept as written ("Approved at SLT")."""

    label: str
    value: str


@dataclass(frozen=True)
class Policy:
    id: str
    school_id: str
    title: str
    source: str
    approved: str
    review_cycle: str
    next_review: str
    next_review_due: str | None
    details: tuple[DetailLine, ...]
    sections: tuple[Section, ...]
    path: Path

    def clause(self, clause_id: str) -> Clause | None:
        for section in self.sections:
            for clause in section.clauses:
                if clause.id == clause_id:
                    return clause
        return None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(c for s in self.sections for c in s.clauses)


@dataclass(frozen=True)
class School:
    id: str
    name: str
    short_name: str
    roles: dict[str, str]
    policies: tuple[Policy, ...]
    path: Path

    def policy(self, policy_id: str) -> Policy | None:
        return next((p for p in self.policies if p.id == policy_id), None)


@dataclass(frozen=True)
class SynonymGroup:
    """Words and phrases staff use for the same thing; the first is the preferred term."""

    terms: tuple[str, ...]


@dataclass
class Library:
    """Everything loaded from one content folder."""

    root: Path
    schools: list[School] = field(default_factory=list)
    synonyms: list[SynonymGroup] = field(default_factory=list)
    wizards: list[Wizard] = field(default_factory=list)  # in their order on the Home page
    rulings: dict[str, RulingBook] = field(default_factory=dict)  # by school id
    decks: list[Deck] = field(default_factory=list)  # training decks, by file name
    glossary: list[GlossaryTerm] = field(default_factory=list)  # the app's words, not a policy's

    def school(self, school_id: str) -> School | None:
        return next((s for s in self.schools if s.id == school_id), None)

    def wizard(self, wizard_id: str) -> Wizard | None:
        return next((w for w in self.wizards if w.id == wizard_id), None)

    def deck(self, deck_id: str) -> Deck | None:
        return next((d for d in self.decks if d.id == deck_id), None)

    def no_such_school(self, school_id: str) -> str:
        """What to tell someone who named a school this library lacks: the ids it has."""
        return _no_such("school", school_id, [s.id for s in self.schools])

    def require_school(self, school_id: str) -> School:
        """The school, or UnknownNameError saying which schools there are."""
        school = self.school(school_id)
        if school is None:
            raise UnknownNameError(self.no_such_school(school_id))
        return school

    def require_wizard(self, wizard_id: str) -> Wizard:
        """The guided answer, or UnknownNameError saying which there are."""
        wizard = self.wizard(wizard_id)
        if wizard is None:
            raise UnknownNameError(
                _no_such("guided answer", wizard_id, [w.id for w in self.wizards])
            )
        return wizard

    def require_deck(self, deck_id: str) -> Deck:
        """The training deck, or UnknownNameError saying which there are."""
        deck = self.deck(deck_id)
        if deck is None:
            raise UnknownNameError(_no_such("training deck", deck_id, [d.id for d in self.decks]))
        return deck

    @property
    def situations(self) -> dict[str, str]:
        """Every situation any wizard ends in, with its title, in wizard order."""
        found: dict[str, str] = {}
        for wizard in self.wizards:
            found.update(wizard.situations)
        return found

    def home_wizard(self, key: str) -> Wizard | None:
        """The guided answer a situation belongs to: of those ending in it (a situation may be
        shared, e.g. a worrying message ends in `pupil-online/safeguarding`), the one named by
        its first part, else the first."""
        ending = [wizard for wizard in self.wizards if key in wizard.situations]
        named = [wizard for wizard in ending if wizard.id == key.split("/")[0]]
        return next(iter(named or ending), None)

    def situation_advice(self, key: str) -> tuple[str, ...]:
        """The app's own steps for a situation (national guidance, not a policy), if any; where
        two guided answers end in it, its own guided answer's (see home_wizard) come first."""
        home = self.home_wizard(key)
        for wizard in [home, *self.wizards] if home else self.wizards:
            if key in wizard.app_advice:
                return wizard.app_advice[key]
        return ()

    def situation_title(self, key: str) -> str:
        """A plain title for any situation key, also a coarser one a skipped question ends in
        (its declared group title, else the guided answer's own title)."""
        for wizard in self.wizards:
            title = wizard.situations.get(key) or wizard.group_titles.get(key)
            if title:
                return title
        owner = self.wizard(key.split("/")[0])
        return owner.title if owner is not None else key


def _no_such(kind: str, name: str, known: list[str]) -> str:
    hint = did_you_mean(name, known).strip()
    listed = ", ".join(known) or "none"
    return f"There is no {kind} called '{name}' (there are: {listed})." + (
        f" {hint[0].upper()}{hint[1:]}" if hint else ""
    )


_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_WHITESPACE = re.compile(r"\s+")


def markdown_to_plain(markdown: str) -> str:
    """Drop the Markdown marks the policy files use (emphasis, autolinks), keep every word."""
    if "*" not in markdown and "<" not in markdown:  # most blocks: opening a library is quicker
        return markdown
    return _AUTOLINK.sub(r"\1", _EMPHASIS.sub(r"\2", markdown))


def fold_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def fingerprint(text: str) -> str:
    """A short, stable digest of a clause's words (whitespace-insensitive)."""
    return hashlib.sha256(fold_whitespace(text).encode("utf-8")).hexdigest()[:12]
