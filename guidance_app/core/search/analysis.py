"""Text analysis shared by indexing, querying and snippets: one tokenizer, so they always agree.

Words are lowercased, stop words dropped, British and American spellings folded together
("organise" = "organize", "behaviour" = "behavior") and stemmed with Porter2 (Snowball English).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter2 import stem as _porter2

WORD = re.compile(r"\w+(?:\.\w+)*")

# Whoosh's English stop words, plus the words of a question ("what should I do about ...").
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "have",
        "if",
        "in",
        "is",
        "it",
        "may",
        "of",
        "on",
        "or",
        "tbd",
        "that",
        "the",
        "this",
        "to",
        "us",
        "we",
        "when",
        "will",
        "with",
        "yet",
        "you",
        "your",
        "i",
        "me",
        "my",
        "mine",
        "am",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "should",
        "would",
        "could",
        "shall",
        "what",
        "how",
        "about",
        "so",
        "our",
        "they",
        "their",
        "them",
        "there",
        "he",
        "she",
        "his",
        "her",
        "its",
        "was",
        "were",
        "has",
        "had",
        "been",
        "being",
        "into",
        "than",
        "then",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "where",
        "also",
        "any",
        "some",
        "such",
        "only",
        "own",
        "same",
        "very",
        "just",
        "too",
        "s",
        "t",
    ]
)

# Spelling variants folded before stemming (British first).
_VARIANTS = {
    "centre": "center",
    "centres": "centers",
    "licence": "license",
    "licences": "licenses",
    "defence": "defense",
    "offence": "offense",
    "offences": "offenses",
    "programme": "program",
    "programmes": "programs",
    "practise": "practice",
    "practised": "practiced",
    "judgement": "judgment",
    "judgements": "judgments",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "towards": "toward",
    "whilst": "while",
    "amongst": "among",
    "emails": "email",
}
# Hyphenated spellings of one word, rewritten to the same length so offsets stay right.
_JOINED = re.compile(r"\b(on|e)-(line|mail)\b", re.IGNORECASE)
_ISE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$")
_YSE = re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing)$")
_OUR = re.compile(r"(?<=[a-z]{3})our(s|ed|ing|able|ite|ites)?$")


@lru_cache(maxsize=50_000)
def normalise(word: str) -> str:
    """The index form of one lowercased word: spelling variants folded, then stemmed."""
    word = _VARIANTS.get(word, word)
    if word.isalpha():
        word = _ISE.sub(r"iz\1", word)
        word = _YSE.sub(r"yz\1", word)
        word = _OUR.sub(r"or\1", word)
    return str(_porter2(word)) if word.isalpha() else word


def words(text: str) -> Iterator[tuple[str, int, int]]:
    """Every word of `text` as (lowercased word, start, end); stop words included."""
    if "-" in text:
        text = _JOINED.sub(lambda m: m.group(1) + m.group(2) + " ", text)
    for match in WORD.finditer(text):
        yield match.group(0).lower(), match.start(), match.end()


# Fixed expressions that work as grammar words, whatever their words mean alone: "the following
# guidance" is the guidance that comes next, never following someone online, and "in connection
# with" means "about". Their words count as stop words, so staff vocabulary ("friend" ~ "follow",
# "connect") neither finds nor marks them. Keyed by first word.
STOP_PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    "the": (("the", "following"),),
    "as": (("as", "follows"),),
    "in": (("in", "connection", "with"),),
}


def content_words(text: str) -> Iterator[tuple[str, int, int]]:
    """`words(text)` without the words of a stop phrase ("the following")."""
    found = list(words(text))
    skip_to = 0
    for i, item in enumerate(found):
        if i < skip_to:
            continue
        for phrase in STOP_PHRASES.get(item[0], ()):
            if tuple(word for word, _, _ in found[i : i + len(phrase)]) == phrase:
                skip_to = i + len(phrase)
                break
        else:
            yield item


# Negations are indexed (so "must not" can be searched as a phrase) but ignored outside quotes.
QUERY_STOP_WORDS = STOP_WORDS | {"not", "no", "nor"}


def is_stop(word: str) -> bool:
    return len(word) < 2 or word in STOP_WORDS


def is_query_stop(word: str) -> bool:
    return len(word) < 2 or word in QUERY_STOP_WORDS


def analyse(text: str) -> list[tuple[str, int, int]]:
    """The indexed terms of `text` as (term, start, end), stop words removed."""
    return [(normalise(w), s, e) for w, s, e in content_words(text) if not is_stop(w)]


def _lowered_words(text: str) -> list[str]:
    """`words(text)` without the offsets: a much quicker regex call, for indexing."""
    if "-" in text:
        text = _JOINED.sub(lambda m: m.group(1) + m.group(2) + " ", text)
    return [word.lower() for word in WORD.findall(text)]


def index_terms(text: str) -> list[str]:
    """The terms of `analyse(text)` without their offsets, which indexing does not need:
    the same rules, in one loop over a quicker split (it runs on every clause)."""
    found = _lowered_words(text)
    terms: list[str] = []
    skip_to = 0
    for i, word in enumerate(found):
        if i < skip_to:
            continue
        if len(word) < 2 or word in STOP_WORDS:
            for phrase in STOP_PHRASES.get(word, ()):
                if tuple(found[i : i + len(phrase)]) == phrase:
                    skip_to = i + len(phrase)
                    break
            continue
        terms.append(normalise(word))
    return terms


def vocabulary_words(text: str) -> list[str]:
    """The words of `text` a spelling suggestion may offer: letters only, no stop words."""
    return [w for w in _lowered_words(text) if w.isalpha() and not is_stop(w)]


def terms(text: str) -> tuple[str, ...]:
    return tuple(term for term, _, _ in analyse(text))


class StaffTokenizer(Tokenizer):  # type: ignore[misc]
    """The Whoosh side of `analyse`: yields the same terms, with positions and offsets."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StaffTokenizer)

    def __hash__(self) -> int:
        return hash(StaffTokenizer)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if tokenize and not chars and not keeporiginal:  # indexing: no offsets wanted
            for pos, term in enumerate(index_terms(value)):
                token.text = term
                token.boost = 1.0
                token.stopped = False
                if positions:
                    token.pos = start_pos + pos
                yield token
            return
        items = [(value, 0, len(value))] if not tokenize else analyse(value)
        for pos, (term, start, end) in enumerate(items):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token
