"""What a reader (Word, PDF, plain text) hands the draft writer.

Each reader knows different things about a line: Word knows a paragraph's style and the number
its automatic numbering displays; a PDF knows font sizes and pages; plain text knows only the
words and the blank lines. A reader says what it knows and leaves the rest None; the draft
writer (clauses, ids, headings, the cover's metadata) works from this alone, whatever the file.

A reader never drops a word silently: every line it takes out as an artefact (a running header,
a page number, a bullet glyph) is a RemovedLine, and `source_text` is every word it found before
removing anything, so the draft writer can prove no word went missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class LineKind(Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    TABLE_ROW = "table row"


@dataclass(frozen=True)
class SourceLine:
    """One heading, paragraph, list item or table row, in document order.

    `text` is the line's words without the clause number; `number` is the number the document
    shows for it ("3.2", "4.1.15"), whether typed in the text or displayed by Word's automatic
    numbering, else None. `heading_level` (1 = top) is set when the reader can tell (a Word
    heading style, a PDF's font size); `list_level` is 1, 2, 3 for list items, 0 otherwise.
    `where` says where a person finds the line in the original ("page 3", "paragraph 12").
    """

    text: str
    kind: LineKind
    where: str
    number: str | None = None
    heading_level: int | None = None
    list_level: int = 0
    cells: tuple[str, ...] = ()  # a table row's cells, in order (`text` joins them with tabs)
    # A heading known only by its shape (a short line standing alone, as in plain text), not by
    # a style or a font: the report asks a person to check it.
    guessed: bool = False


@dataclass(frozen=True)
class RemovedLine:
    """Text a reader took out as an extraction artefact, and why ("page number", "running
    header repeated on 7 pages", "bullet glyph", "ligature ﬁ written as fi")."""

    text: str
    reason: str
    where: str


@dataclass(frozen=True)
class SourceDocument:
    """A document as read: its lines, what was removed, and every word found before removal."""

    lines: tuple[SourceLine, ...]
    removed: tuple[RemovedLine, ...]
    source_text: str
    kind: str  # for messages: "Word document", "PDF", "text file", "Markdown file"
    title: str | None = None  # the document's own title, where the file records one
