"""What goes into the search index: documents (clauses and wizards), grouped in units (a
policy, a wizard) that are re-indexed as one, their schema and fingerprints, and writing them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import whoosh
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.columns import NumericColumn
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.util.numeric import byte_to_length

from guidance_app import __version__
from guidance_app.core.content.model import Library
from guidance_app.core.search.analysis import StaffTokenizer, vocabulary_words
from guidance_app.core.search.trust import signed_manifest

SCHEMA_VERSION = 4  # bump whenever the schema or the analysis changes
INDEX_NAME = "MAIN"
MANIFEST = "manifest.json"
VOCABULARY = "vocabulary.json"
# A unit's words also hold its fields' exact lengths (never words: those are letters only), so
# that they add up and come off with the words, and searches can use exact averages (scoring.py).
LENGTH_FIELDS = ("heading", "body")
UNITS = "units.json"  # each policy's and wizard's fingerprint and words (for updates.py)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Entry:
    """One searchable document: a policy clause, or a guided answer (wizard)."""

    kind: str  # "section" (a clause of a policy section) or "wizard"
    school: str | None
    policy: str | None
    section: str | None  # the section id holding the clause
    ref: str  # the clause id, or the wizard id
    heading: str  # the section heading, or the wizard's title
    text: str  # the whole clause text, or the wizard's question
    extra: str = ""  # more words to index but not to show (wizard keywords, options)


def library_entries(library: Library) -> list[Entry]:
    """Every wizard, then every clause of every policy, in library order."""
    entries: list[Entry] = []
    for wizard in library.wizards:
        extra: list[str] = list(wizard.keywords)
        for question in wizard.questions.values():
            extra.append(question.text)
            extra.extend(option.label for option in question.options)
        extra.extend(wizard.situations.values())
        entries.append(
            Entry(
                "wizard",
                None,
                None,
                None,
                wizard.id,
                wizard.title,
                wizard.question,
                "\n".join(extra),
            )
        )
    for school in library.schools:
        for policy in school.policies:
            for section in policy.sections:
                for clause in section.clauses:
                    entries.append(
                        Entry(
                            "section",
                            school.id,
                            policy.id,
                            section.id,
                            clause.id,
                            section.heading,
                            clause.text,
                        )
                    )
    return entries


def unit_of(entry: Entry) -> str:
    """What is re-indexed as one: a whole policy, or a wizard."""
    if entry.kind == "wizard":
        return f"wizard:{entry.ref}"
    return f"policy:{entry.school}/{entry.policy}"


def units_of(entries: list[Entry]) -> dict[str, list[int]]:
    """Each unit's entry numbers, units in library order."""
    found: dict[str, list[int]] = {}
    for number, entry in enumerate(entries):
        found.setdefault(unit_of(entry), []).append(number)
    return found


def doc_keys(entries: list[Entry]) -> list[str]:
    """Each entry's key in the index ("unit#n"), which stays the same while its unit does."""
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for entry in entries:
        unit = unit_of(entry)
        keys.append(f"{unit}#{seen[unit]}")
        seen[unit] += 1
    return keys


def schema() -> Schema:
    analyzer = StaffTokenizer()
    return Schema(
        ref=STORED(),  # the entry's key (doc_keys)
        unit=ID(),
        kind=ID(),
        school=ID(),
        policy=ID(),
        heading=TEXT(analyzer=analyzer, phrase=True),
        body=TEXT(analyzer=analyzer, phrase=True),
    )


def header() -> str:
    """What an index must share with another to be updated from it rather than rebuilt."""
    return f"schema={SCHEMA_VERSION};app={__version__};whoosh={whoosh.versionstring()}"


def _entry_bytes(entry: Entry) -> bytes:
    fields = (
        entry.kind,
        entry.school,
        entry.policy,
        entry.section,
        entry.ref,
        entry.heading,
        entry.text,
        entry.extra,
    )
    return repr(fields).encode("utf-8", "replace")  # unambiguous, and quicker than JSON


def fingerprint(entries: list[Entry]) -> str:
    """A digest of everything that shapes the index: content, schema, app and Whoosh versions."""
    return fingerprint_of(unit_fingerprints(entries, units_of(entries)))


def fingerprint_of(prints: dict[str, str]) -> str:
    """The fingerprint of the entries whose units' fingerprints are `prints` (in order)."""
    digest = hashlib.sha256(header().encode())
    digest.update(json.dumps(list(prints.items())).encode("utf-8", "replace"))
    return digest.hexdigest()[:20]


def unit_fingerprints(entries: list[Entry], units: dict[str, list[int]]) -> dict[str, str]:
    """A digest of each unit's entries, to tell which changed since an index was built."""
    found: dict[str, str] = {}
    for unit, numbers in units.items():
        digest = hashlib.sha256()
        for number in numbers:
            digest.update(_entry_bytes(entries[number]))
        found[unit] = digest.hexdigest()[:20]
    return found


def add_units(
    writer: Any, entries: list[Entry], units: dict[str, list[int]], progress: Progress | None
) -> dict[str, dict[str, int]]:
    """Add the entries of `units` to the index `writer` writes; return each unit's words,
    with its fields' lengths (length_key)."""
    keys = doc_keys(entries)
    # Whoosh's exact running totals; a document's own length is kept only approximately.
    running = getattr(writer.perdocwriter, "_fieldlengths", None)
    vocabularies: dict[str, dict[str, int]] = {}
    total = sum(len(numbers) for numbers in units.values())
    step = max(1, total // 100)
    done = 0
    for unit, numbers in units.items():
        vocabulary: Counter[str] = Counter()
        before = {name: running[name] for name in LENGTH_FIELDS} if running is not None else {}
        for number in numbers:
            entry = entries[number]
            body = f"{entry.text}\n{entry.extra}" if entry.extra else entry.text
            writer.add_document(
                ref=keys[number],
                unit=unit,
                kind=entry.kind,
                school=entry.school or "",
                policy=entry.policy or "",
                heading=entry.heading,
                body=body,
            )
            for text in (entry.heading, body):
                vocabulary.update(vocabulary_words(text))
            if progress is not None and done % step == 0:
                progress(done, total)
            done += 1
        for name, length in before.items():
            vocabulary[length_key(name)] = running[name] - length  # type: ignore[index]
        vocabularies[unit] = dict(vocabulary)
    if progress is not None:
        progress(total, total)
    return vocabularies


_BYTE_LENGTHS = [byte_to_length(code) for code in range(256)]


def field_lengths(perdoc: Any, fieldname: str) -> list[int] | None:
    """Each document's (approximate) length of the field, from a Whoosh per-document reader:
    a byte a document, read as one run of bytes; None if the column is not of that kind."""
    cached = getattr(perdoc, "_cached_reader", None)
    column = cached(f"_{fieldname}_len", LENGTHS_COLUMN) if cached is not None else None
    if not isinstance(column, NumericColumn.Reader) or getattr(column, "_fixedlen", 0) != 1:
        return None
    count = perdoc.doc_count_all()
    held = min(count, column._count)
    sizes = [_BYTE_LENGTHS[code] for code in column._dbfile.get(column._basepos, held)]
    return sizes + [0] * (count - held)


class _Lengths:
    """A segment's per-document reader whose lengths are read a field at a time."""

    def __init__(self, perdoc: Any) -> None:
        self._perdoc = perdoc
        self._sizes: dict[str, list[int] | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        if fieldname not in self._sizes:
            self._sizes[fieldname] = field_lengths(self._perdoc, fieldname)
        sizes = self._sizes[fieldname]
        if sizes is None:
            return self._perdoc.doc_field_length(docnum, fieldname, default)
        return sizes[docnum] if docnum < len(sizes) else default

    def __getattr__(self, name: str) -> Any:
        return getattr(self._perdoc, name)


def index_writer(index: Any, limitmb: float) -> Any:
    """`index.writer(limitmb=...)`, except that when it commits, writing the postings reads
    each field's document lengths once, not once a posting (a tenth of a build's time)."""
    writer = index.writer(limitmb=limitmb)
    per_document_reader = getattr(writer, "per_document_reader", None)
    if per_document_reader is not None:
        writer.per_document_reader = lambda: _Lengths(per_document_reader())
    return writer


def length_key(fieldname: str) -> str:
    return f" length:{fieldname}"


def total_vocabulary(vocabularies: dict[str, dict[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for vocabulary in vocabularies.values():
        total.update(vocabulary)
    return dict(sorted(total.items()))


def seal(
    folder: Path,
    fp: str,
    entries: list[Entry],
    key: bytes,
    vocabularies: dict[str, dict[str, int]],
    vocabulary: dict[str, int],
    prints: dict[str, str],
) -> None:
    """Finish the index Whoosh wrote in `folder`: its words, units and signed manifest."""
    for leftover in folder.glob("*_WRITELOCK"):
        leftover.unlink()
    table = {unit: [print_, vocabularies[unit]] for unit, print_ in prints.items()}
    (folder / UNITS).write_text(
        json.dumps({"header": header(), "units": table}, ensure_ascii=False), encoding="utf-8"
    )
    (folder / VOCABULARY).write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")
    (folder / MANIFEST).write_text(signed_manifest(key, fp, len(entries), folder), encoding="utf-8")
    for path in folder.iterdir():
        path.chmod(0o600)  # whatever the umask: group-writable files would not be trusted
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
