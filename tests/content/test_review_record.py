"""content/REVIEW.md, the record of the full reading of every ruling, stays complete and honest:
one table per bundled school naming every situation a guided answer can end in exactly once, a
known verdict on each row, and every quoted "deciding word" found verbatim in that school's own
policy (Markdown emphasis removed and whitespace folded on both sides)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library, fold_whitespace
from guidance_app.core.guidance.wizard_engine import all_paths
from tests.helpers import CONTENT

REVIEW = CONTENT / "REVIEW.md"
HEADER = ["Situation", "Ruling", "Verdict", "Deciding words", "Note"]
VERDICTS = (
    "CORRECT",
    "OVERSTATED",
    "UNDERSTATED",
    "WRONG",
    "FALSE-SILENT",
    "INVENTED",
    "WRONG-CITATION",
)
VERDICT = re.compile(rf"^(?:{'|'.join(VERDICTS)})(?: \([^()]+\))?$")
QUOTE = re.compile(r'"([^"]+)"')
NO_WORDS = "—"  # where nothing in the policy bears on a situation the policy does not cover


@dataclass(frozen=True)
class Row:
    line: int
    cells: list[str]

    @property
    def situation(self) -> str:
        return self.cells[0]

    @property
    def verdict(self) -> str:
        return self.cells[2]

    @property
    def deciding_words(self) -> str:
        return self.cells[3]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


@pytest.fixture(scope="module")
def tables(library: Library) -> dict[str, list[Row]]:
    return _school_tables(REVIEW.read_text(encoding="utf-8"), {s.id for s in library.schools})


def _cells(line: str) -> list[str]:
    """A Markdown table row's cells (a `\\|` inside a cell is not a column break)."""
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def _school_tables(text: str, schools: set[str]) -> dict[str, list[Row]]:
    """school id -> the rows of the table under its `## <school-id>` heading."""
    tables: dict[str, list[Row]] = {}
    lines = text.splitlines()
    for number, line in enumerate(lines):
        heading = line.removeprefix("## ").strip()
        if not line.startswith("## ") or heading not in schools:
            continue
        assert heading not in tables, f"REVIEW.md:{number + 1}: a second table for {heading}"
        start = next(i for i in range(number + 1, len(lines)) if lines[i].strip())
        assert _cells(lines[start]) == HEADER, f"REVIEW.md:{start + 1}: not the table's header"
        assert set(lines[start + 1].replace("|", "").strip()) <= set("-: ")
        rows = []
        for at in range(start + 2, len(lines)):
            if not lines[at].lstrip().startswith("|"):
                break
            rows.append(Row(at + 1, _cells(lines[at])))
        tables[heading] = rows
    return tables


def _situations(library: Library) -> set[str]:
    """Every situation key an answer of a guided answer can end in (two paths may share one)."""
    return {situation for wizard in library.wizards for _, situation in all_paths(wizard)}


def _plain(text: str) -> str:
    """Text as compared: no Markdown emphasis marks, whitespace folded."""
    return fold_whitespace(text.replace("*", ""))


def test_there_is_one_table_per_bundled_school(
    library: Library, tables: dict[str, list[Row]]
) -> None:
    assert sorted(tables) == sorted(s.id for s in library.schools)
    assert len(tables) == 5


def test_each_table_names_every_situation_exactly_once(
    library: Library, tables: dict[str, list[Row]]
) -> None:
    situations = _situations(library)
    assert situations
    for school, rows in tables.items():
        named = [row.situation for row in rows]
        twice = sorted({s for s in named if named.count(s) > 1})
        assert twice == [], f"{school}: named more than once: {twice}"
        assert sorted(situations - set(named)) == [], f"{school}: situations with no row"
        assert sorted(set(named) - situations) == [], f"{school}: rows for no situation"


def test_every_row_has_five_cells_and_a_known_verdict(tables: dict[str, list[Row]]) -> None:
    bad = [
        f"REVIEW.md:{row.line}: {row.cells[2] if len(row.cells) > 2 else row.cells!r}"
        for rows in tables.values()
        for row in rows
        if len(row.cells) != len(HEADER) or not VERDICT.match(row.verdict)
    ]
    assert bad == []


def test_every_quoted_deciding_word_is_in_the_schools_own_policy(
    library: Library, tables: dict[str, list[Row]]
) -> None:
    misquotes = []
    for school_id, rows in tables.items():
        school = library.require_school(school_id)
        policy_text = _plain(
            " ".join(
                part
                for policy in school.policies
                for section in policy.sections
                for part in (section.heading, *(clause.text for clause in section.clauses))
            )
        )
        for row in rows:
            quotes = QUOTE.findall(row.deciding_words)
            if not quotes:
                assert row.deciding_words == NO_WORDS and row.verdict == "CORRECT", (
                    f"REVIEW.md:{row.line}: no quoted words, and not '—' on a CORRECT row"
                )
            misquotes += [
                f"REVIEW.md:{row.line} ({school_id}, {row.situation}): {quote}"
                for quote in quotes
                if _plain(quote) not in policy_text
            ]
    assert misquotes == [], "quoted words not in the policy:\n" + "\n".join(misquotes)


def test_every_owner_query_verdict_reaches_the_policy_owner(
    library: Library, tables: dict[str, list[Row]]
) -> None:
    """A row marked "(owner query)" is a question only the school can settle, so `guidance-app
    gaps` must show it to the school: the ruling staff reach carries the question, or another of
    the school's rulings resting on the same clause does (one question about a clause's reading
    may bear on several situations)."""
    lost = []
    for school_id, rows in tables.items():
        book = library.rulings[school_id]
        asked = {
            citation.ref
            for ruling in book.rulings.values()
            if ruling.owner_query
            for citation in ruling.citations
        }
        for row in rows:
            if "owner query" not in row.verdict:
                continue
            ruling = book.find(row.situation)
            if ruling is None or not (
                ruling.owner_query or {c.ref for c in ruling.citations} & asked
            ):
                lost.append(f"REVIEW.md:{row.line}: {school_id} {row.situation}")
    assert lost == []
