"""Proof that no word was lost: every word of the document is in the draft or in the list of
removed artefacts, counted (a word the document says three times is there three times)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from guidance_app.core.errors import DocumentImportError

_TOKEN = re.compile(r"\w+")
SHOWN_MISSING = 8


def word_counts(text: str) -> Counter[str]:
    """The words of `text`: NFKC (so a ligature "ﬁ" is "fi"), case-folded, each run of letters
    and digits."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return Counter(t for t in _TOKEN.findall(folded) if any(c.isalnum() for c in t))


def missing_words(source_text: str, kept: Iterable[str]) -> list[str]:
    """The words of `source_text` not accounted for by the texts in `kept`, in document order."""
    left = word_counts("\n".join(kept))
    missing: list[str] = []
    folded = unicodedata.normalize("NFKC", source_text).casefold()
    for token in _TOKEN.findall(folded):
        if not any(c.isalnum() for c in token):
            continue
        if left[token] > 0:
            left[token] -= 1
        else:
            missing.append(token)
    return missing


def check_no_word_lost(source_text: str, kept: Iterable[str], kind: str) -> None:
    """DocumentImportError naming the first missing words if any word went missing."""
    missing = missing_words(source_text, kept)
    if missing:
        shown = ", ".join(f"'{word}'" for word in missing[:SHOWN_MISSING])
        more = f" and {len(missing) - SHOWN_MISSING} more" if len(missing) > SHOWN_MISSING else ""
        raise DocumentImportError(
            f"The draft would leave out words of this {kind} ({shown}{more}), so nothing was "
            "written. The importer could not follow the document's layout: please send the "
            "document to whoever looks after the app, or copy its text into a .txt file and "
            "import that."
        )
