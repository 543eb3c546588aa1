"""Load a content folder into a Library, collecting every problem instead of stopping at one.

A file with problems is skipped and the rest still loads; cross-file checks (citations,
wizard graphs, coverage) live in `validate.py`. Training decks load last: a deck is checked
against the loaded wizards and schools as it is built, and skipped if anything is wrong.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidance_app.core.content import schema
from guidance_app.core.content.deck_parser import parse_deck
from guidance_app.core.content.glossary import parse_glossary
from guidance_app.core.content.model import NAME_ID, Library, School, SynonymGroup
from guidance_app.core.content.policy_parser import parse_policy_file
from guidance_app.core.content.rulings import RulingBook, parse_rulings
from guidance_app.core.content.validate import cross_check
from guidance_app.core.content.wizard_model import parse_wizard
from guidance_app.core.errors import ContentFileError, ContentNotFoundError, Problem
from guidance_app.core.files.safe_read import what_is
from guidance_app.core.files.yamlsafe import load_yaml_file


@dataclass
class LoadResult:
    library: Library
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # work still to do, not problems


def load_library(root: Path) -> LoadResult:
    """Load everything under `root`; raise ContentNotFoundError only if there is no library."""
    root = root.resolve()
    schools_dir = root / "schools"
    if not schools_dir.is_dir():
        raise ContentNotFoundError(
            f"No content found in {root}: expected a 'schools' folder there."
        )
    result = LoadResult(Library(root))
    for school_dir in sorted(schools_dir.iterdir()):
        if school_dir.name.startswith("."):
            continue
        if not school_dir.is_dir():
            if what_is(school_dir) != "a regular file":  # a note beside the schools is fine
                _not_a_folder(school_dir, result.problems, "each school is a folder")
            continue
        school = _load_school(school_dir, result.problems, result.notes)
        if school is not None:
            result.library.schools.append(school)
    _load_synonyms(root / "synonyms.yaml", result)
    _load_wizards(root / "wizards", result)
    _load_glossary(root / "glossary.yaml", result)
    for school in result.library.schools:
        book = _load_rulings(school.path / "rulings.yaml", result.problems)
        if book is not None:
            result.library.rulings[school.id] = book
    _load_decks(root / "training", result)
    result.problems.extend(cross_check(result.library))
    result.problems.sort()
    return result


def _is_folder(path: Path, problems: list[Problem], hint: str) -> bool:
    """True if `path` is a folder. Anything else in its place (a file, a pipe, a device, a link
    to nothing or a loop of links) is reported, never skipped silently; nothing there is fine."""
    if path.is_dir():
        return True
    if what_is(path) != "nothing":
        _not_a_folder(path, problems, hint)
    return False


def _not_a_folder(path: Path, problems: list[Problem], hint: str) -> None:
    message = f"this should be a folder but it is {what_is(path)}; {hint}"
    problems.append(Problem(path, 1, 1, message))


def _load_checked(path: Path, kind: str, problems: list[Problem]) -> Any | None:
    """Parse a YAML file and check it against its schema; None if it has any problem."""
    try:
        data = load_yaml_file(path)
    except ContentFileError as exc:
        problems.append(exc.problem)
        return None
    if data is None:
        problems.append(Problem(path, 1, 1, "the file is empty"))
        return None
    found = schema.check(data, kind, path)
    problems.extend(found)
    return None if found else data


def _load_school(school_dir: Path, problems: list[Problem], notes: list[str]) -> School | None:
    school_file = school_dir / "school.yaml"
    if not NAME_ID.match(school_dir.name):
        problems.append(
            Problem(
                school_dir,
                1,
                1,
                f"the folder name '{school_dir.name}' is not a "
                "valid school id: use lowercase letters, digits and hyphens",
            )
        )
        return None
    if not os.path.lexists(school_file):  # a pipe or a bad link is reported when read
        problems.append(
            Problem(
                school_file,
                1,
                1,
                "this school folder has no school.yaml; add one with name, short_name and roles",
            )
        )
        return None
    data = _load_checked(school_file, "school", problems)
    if data is None:
        return None
    policies = []
    folder = school_dir / "policies"
    hint = "put each policy in policies/<policy-id>.md"
    policy_files = sorted(folder.glob("*.md")) if _is_folder(folder, problems, hint) else []
    if not policy_files:  # a new school: its staff are sent to the DSL until one is imported
        notes.append(
            f"{data['name']} has no policies yet: import a policy with "
            f"guidance-app import FILE --school {school_dir.name}"
        )
    for policy_file in policy_files:
        if not NAME_ID.match(policy_file.stem):
            problems.append(
                Problem(
                    policy_file,
                    1,
                    1,
                    f"the file name '{policy_file.name}' is "
                    "not a valid policy id: use lowercase letters, digits and "
                    "hyphens, ending in .md",
                )
            )
            continue
        policy, found = parse_policy_file(policy_file, school_dir.name)
        problems.extend(found)
        if policy is not None and not found:
            policies.append(policy)
    return School(
        id=school_dir.name,
        name=data["name"],
        short_name=data["short_name"],
        roles=dict(data["roles"]),
        policies=tuple(policies),
        path=school_dir,
    )


def _load_synonyms(path: Path, result: LoadResult) -> None:
    if not os.path.lexists(path):
        return
    data = _load_checked(path, "synonyms", result.problems)
    if data is not None:
        result.library.synonyms = [SynonymGroup(tuple(group)) for group in data["groups"]]


def _load_glossary(path: Path, result: LoadResult) -> None:
    """The glossary (optional); checked against the guided answers, so loaded after them."""
    if not os.path.lexists(path):
        return
    data = _load_checked(path, "glossary", result.problems)
    if data is not None:
        wizard_ids = [wizard.id for wizard in result.library.wizards]
        terms, found = parse_glossary(path, data, wizard_ids)
        result.library.glossary = terms
        result.problems.extend(found)


def _load_wizards(folder: Path, result: LoadResult) -> None:
    if not _is_folder(folder, result.problems, "guided answers go in wizards/<id>.yaml"):
        return
    for path in sorted(folder.glob("*.yaml")):
        data = _load_checked(path, "wizard", result.problems)
        if data is None:
            continue
        wizard, found = parse_wizard(path, data)
        result.problems.extend(found)
        if wizard is not None and not found:
            result.library.wizards.append(wizard)
    result.library.wizards.sort(key=lambda w: (w.order, w.id))  # the Home page's order


def _load_decks(folder: Path, result: LoadResult) -> None:
    """Training decks; checked against the wizards and schools, so loaded after them."""
    if not _is_folder(folder, result.problems, "training decks go in training/<deck-id>.yaml"):
        return
    for path in sorted(folder.glob("*.yaml")):
        if not NAME_ID.match(path.stem):
            result.problems.append(
                Problem(
                    path,
                    1,
                    1,
                    f"the file name '{path.name}' is not a valid deck id: use lowercase "
                    "letters, digits and hyphens, ending in .yaml",
                )
            )
            continue
        data = _load_checked(path, "training", result.problems)
        if data is None:
            continue
        deck, found = parse_deck(path, data, result.library)
        result.problems.extend(found)
        if deck is not None:
            result.library.decks.append(deck)


def _load_rulings(path: Path, problems: list[Problem]) -> RulingBook | None:
    if not os.path.lexists(path):
        return None
    data = _load_checked(path, "rulings", problems)
    if data is None:
        return None
    book, found = parse_rulings(path, data)
    problems.extend(found)
    return book
