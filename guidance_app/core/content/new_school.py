"""A new school's folder: school.yaml with the roles to fill, an empty policies/ folder, and a
rulings.yaml that lists every situation of every guided answer as to do.

The files are made in a hidden folder beside the schools and renamed into place only when all
of them are written and load with the app's own loader, so a failure leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from guidance_app.core.content import schema
from guidance_app.core.content.model import NAME_ID, Library
from guidance_app.core.errors import ContentFileError, ContentWriteError
from guidance_app.core.files.yamlsafe import parse_yaml, resolve_plain

MAX_ID = 60

DSL = "the Designated Safeguarding Lead"
# Roles most policies name; left commented for the author to keep, reword or remove.
COMMON_ROLES = (
    ("deputy-dsl", "a Deputy Designated Safeguarding Lead"),
    ("headteacher", "the Headteacher"),
    ("chair-of-governors", "the Chair of Governors"),
    ("line-manager", "your line manager"),
    ("slt", "a member of the senior leadership team"),
    ("lado", "the Local Authority Designated Officer (LADO)"),
)
_SHORT_ENDINGS = (" Primary School", " High School", " School", " Academy")


def create_school(
    root: Path, library: Library, school_id: str, name: str, short_name: str | None = None
) -> Path:
    """Make `root/schools/<school_id>/` and return it; ContentWriteError (nothing written) if
    the id, the names or the folder will not do."""
    if len(school_id) > MAX_ID or not NAME_ID.match(school_id):
        raise ContentWriteError(
            f"'{school_id}' cannot be a school id: use lowercase letters, digits and single "
            "hyphens, such as 'st-marys-primary'"
        )
    schools = root / "schools"
    target = schools / school_id
    if os.path.lexists(target):
        raise ContentWriteError(
            f"{target} already exists: choose another id, or remove that folder first"
        )
    short = short_name if short_name is not None else default_short_name(name)
    files = {
        "school.yaml": school_yaml(name, short),
        "rulings.yaml": rulings_yaml(library, name),
    }
    for file_name, text in files.items():
        _check(schools / school_id / file_name, text)
    _write_folder(schools, target, files)
    return target


def default_short_name(name: str) -> str:
    """ "Stokes Wood Primary School" -> "Stokes Wood", for tight spaces such as compare."""
    short = name.strip()
    for ending in _SHORT_ENDINGS:
        if short.endswith(ending) and len(short) > len(ending):
            short = short[: -len(ending)]
            break
    return short[:40].strip()


def school_yaml(name: str, short_name: str) -> str:
    lines = [
        "# Who the school is, and what its policies call the people staff are told to tell.",
        "# Rulings name a role by its key (on the left); staff read your words (on the right).",
        f"name: {_scalar(name)}",
        f"short_name: {_scalar(short_name)}",
        "roles:",
        f"  dsl: {DSL}",
        "  # Roles your policies name: keep those you need in your policies' own words, and",
        "  # remove the '# ' in front of each.",
        *(f"  # {key}: {words}" for key, words in COMMON_ROLES),
    ]
    return "\n".join(lines) + "\n"


def rulings_yaml(library: Library, name: str) -> str:
    """Every situation of every guided answer as `{to_do: true}`, grouped by guided answer,
    each with its title, so an author reading the file knows what each key means."""
    lines = [
        f"# What {name}'s policies say for each situation of each guided answer.",
        "# Every answer starts as 'to do': staff who reach one are told your school has not",
        "# written it yet, and are sent to the policy search and the DSL. Write the answers in",
        "# the app (Edit answers); content/README.md shows how to write them here instead.",
        "rulings:",
    ]
    listed: set[str] = set()
    for wizard in library.wizards:
        keys = [key for key in wizard.situations if key not in listed]
        if not keys:
            continue
        lines.append(f"  # {wizard.id}: {_one_line(wizard.question)}")
        for key in keys:
            listed.add(key)
            lines.append(f"  # {_one_line(wizard.situations[key])}")
            lines.append(f"  {key}: {{to_do: true}}")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _scalar(text: str) -> str:
    """Text as a YAML value that reads back as exactly this text."""
    special = re.search(r"[:#'\"{}\[\],&*!|>%@`]", text) or _one_line(text) != text
    if text and not special and resolve_plain(text) == "tag:yaml.org,2002:str":
        return text
    return json.dumps(text, ensure_ascii=False)  # JSON's strings are YAML's double-quoted


def _check(path: Path, text: str) -> None:
    """The file as the app will load it: strict YAML and its schema."""
    kind = path.stem  # "school" or "rulings": the schema's name
    try:
        data = parse_yaml(text, path)
    except ContentFileError as exc:
        raise ContentWriteError(f"{path.name} would not load: {exc.problem.message}") from exc
    problems = schema.check(data, kind, path)
    if problems:
        raise ContentWriteError(f"{path.name} would not load: {problems[0].message}")


def _write_folder(schools: Path, target: Path, files: dict[str, str]) -> None:
    if not schools.is_dir():
        raise ContentWriteError(
            f"{schools.parent} is not a content folder: it has no 'schools' folder"
        )
    try:
        aside = Path(tempfile.mkdtemp(prefix=f".new-{target.name}-", dir=schools))
    except OSError as exc:
        raise ContentWriteError(_cannot_write(schools, exc)) from exc
    try:
        (aside / "policies").mkdir()
        for file_name, text in files.items():
            with open(aside / file_name, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(aside, 0o755)  # as a folder made the ordinary way (mkdtemp makes it private)
        if os.path.lexists(target):  # made meanwhile by someone else: never replaced
            raise FileExistsError(f"{target} already exists")
        os.rename(aside, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            shutil.rmtree(aside)
        raise ContentWriteError(_cannot_write(schools, exc)) from exc


def _cannot_write(folder: Path, exc: OSError) -> str:
    return (
        f"cannot write the new school in {folder} ({exc.strerror or exc}); check that the "
        "content folder is not read-only"
    )
