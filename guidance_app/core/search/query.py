"""From what staff type to what is searched: quoted phrases, staff synonyms, typo correction.

There is no query syntax to get wrong: `AND`, `*`, `school:` and brackets are just words or
ignored characters, so any text at all parses. Words the index does not know are corrected
against its vocabulary (edit distance 1 counting a swapped pair as one edit, then distance 2
through a deletion index), and the last word, while still being typed, is completed. When a
search's time is up, the words still unknown are searched as typed.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from guidance_app.core.search.analysis import (
    content_words,
    is_query_stop,
    is_stop,
    normalise,
    terms,
)
from guidance_app.core.search.deadline import UNLIMITED, Deadline

MAX_QUERY_CHARS = 400
MAX_WORDS = 24
SYNONYM_BOOST = 0.6
COMPLETIONS = 6
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def sanitise(text: str) -> str:
    """Any string made safe to search: bounded, no control characters, valid Unicode."""
    text = str(text)[:MAX_QUERY_CHARS]
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")  # lone surrogates -> ?
    return _CONTROL.sub(" ", text).translate(_QUOTES)


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment distance (a swapped pair is one edit); > limit if too far."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | swaps | replaces | inserts


def _deletes(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


class Speller:
    """Corrects and completes words against the vocabulary of the index, held in memory."""

    def __init__(self, vocabulary: dict[str, int], index_terms: Iterable[str]) -> None:
        self.counts = {w: c for w, c in vocabulary.items() if w.isalpha()}
        self.index_terms = frozenset(index_terms)
        self._sorted = sorted(self.counts)
        # No known word is nearer than 2 edits to a word more than 2 letters longer.
        self._longest = max(map(len, self.counts), default=0)
        self._deletion_index: dict[str, list[str]] | None = None
        self._deletions_built: dict[str, list[str]] = {}  # filled a little by each search
        self._deletions_to_do = [w for w in self._sorted if len(w) >= 4]
        self._lock = threading.Lock()

    def known(self, word: str) -> bool:
        return word in self.counts or normalise(word) in self.index_terms

    def complete(self, prefix: str) -> list[str]:
        """The most frequent indexed words that start with `prefix` (for as-you-type)."""
        start = bisect_left(self._sorted, prefix)
        found: list[str] = []
        for word in self._sorted[start:]:
            if not word.startswith(prefix):
                break
            found.append(word)
            if len(found) > 200:
                break
        found.sort(key=lambda w: (-self.counts[w], w))
        return found[:COMPLETIONS]

    def correct(self, word: str, deadline: Deadline = UNLIMITED) -> str | None:
        """The likeliest intended known word for an unknown `word`, or None (also when the
        deadline passes first)."""
        if not 4 <= len(word) <= self._longest + 2 or not word.isalpha() or deadline.expired():
            return None
        near = [w for w in _edits1(word) if w in self.counts]
        if near:
            return max(near, key=lambda w: (self.counts[w], w))
        if len(word) < 6:
            return None
        index = self._deletions(deadline)
        if index is None:
            return None
        candidates: set[str] = set()
        for variant in _deletes(word, 2):
            candidates.update(index.get(variant, ()))
        best: tuple[int, int, str] | None = None
        for candidate in candidates:
            distance = edit_distance(word, candidate)
            if distance <= 2:
                key = (distance, -self.counts[candidate], candidate)
                best = key if best is None or key < best else best
        return best[2] if best else None

    def _deletions(self, deadline: Deadline) -> dict[str, list[str]] | None:
        """Every known word (4+ letters) under each of its deletions of up to 2 letters; None
        if the deadline passes before it is complete. On a large library building it takes
        longer than one search may, so each search carries on where the last one stopped."""
        with self._lock:
            if self._deletion_index is None:
                index = self._deletions_built
                while self._deletions_to_do:
                    if deadline.expired():
                        return None
                    known = self._deletions_to_do.pop()
                    for variant in _deletes(known, 2):
                        index.setdefault(variant, []).append(known)
                self._deletion_index = index
            return self._deletion_index


@dataclass(frozen=True)
class Group:
    """One idea in the query: alternatives (each a term or a phrase of terms) and their boosts."""

    alternatives: tuple[tuple[str, ...], ...]
    boosts: tuple[float, ...]
    quoted: bool = False


@dataclass
class ParsedQuery:
    groups: list[Group] = field(default_factory=list)
    did_you_mean: str | None = None

    @property
    def highlight(self) -> frozenset[str]:
        return frozenset(t for g in self.groups for alt in g.alternatives for t in alt)


class Synonyms:
    """Staff vocabulary: each word or phrase maps to the others of its groups (as terms)."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self._by_terms: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self.longest = 1
        for group in groups:
            analysed = [t for t in dict.fromkeys(terms(phrase) for phrase in group) if t]
            for phrase in analysed:
                others = self._by_terms.setdefault(phrase, [])
                others.extend(o for o in analysed if o != phrase and o not in others)
                self.longest = max(self.longest, len(phrase))

    def words(self) -> set[str]:
        return {w for phrase in self._by_terms for w in phrase}

    def match(self, stems: Sequence[str], start: int) -> tuple[int, list[tuple[str, ...]]]:
        """The longest synonym phrase at `start`: its length and its alternatives."""
        for size in range(min(self.longest, len(stems) - start), 0, -1):
            key = tuple(stems[start : start + size])
            if key in self._by_terms:
                return size, self._by_terms[key]
        return 1, []


@dataclass
class _Word:
    stem: str
    alternatives: list[str]  # completions of a word still being typed


def parse(
    text: str, speller: Speller, synonyms: Synonyms, deadline: Deadline = UNLIMITED
) -> ParsedQuery:
    """Turn anything typed into search groups, correcting unknown words while time allows."""
    text = sanitise(text)
    parsed = ParsedQuery()
    replacements: list[tuple[int, int, str]] = []
    typing = bool(text) and not text[-1].isspace() and text[-1] != '"'
    offset = 0
    budget = MAX_WORDS
    parts = text.split('"')
    for number, part in enumerate(parts):
        quoted = number % 2 == 1
        found: list[_Word] = []
        for word, start, end in content_words(part):
            if (is_stop(word) if quoted else is_query_stop(word)) or budget <= 0:
                continue
            budget -= 1
            last = typing and number == len(parts) - 1 and offset + end == len(text)
            found.append(
                _resolve(word, last, speller, deadline, replacements, offset + start, end - start)
            )
        offset += len(part) + 1
        if quoted:
            stems = tuple(w.stem for w in found)
            if stems:
                parsed.groups.append(Group((stems,), (1.0,), quoted=True))
        else:
            parsed.groups.extend(_groups(found, synonyms))
    if replacements:
        corrected = text
        for start, length, word in sorted(replacements, reverse=True):
            corrected = corrected[:start] + word + corrected[start + length :]
        parsed.did_you_mean = " ".join(corrected.split())
    return parsed


def _resolve(
    word: str,
    last: bool,
    speller: Speller,
    deadline: Deadline,
    replacements: list[tuple[int, int, str]],
    start: int,
    length: int,
) -> _Word:
    if speller.known(word) or not word.isalpha():
        return _Word(normalise(word), [])
    if last and len(word) >= 3:
        completions = speller.complete(word)
        if completions:
            return _Word(normalise(word), [normalise(w) for w in completions])
    correction = speller.correct(word, deadline)
    if correction is None:
        return _Word(normalise(word), [])
    replacements.append((start, length, correction))
    return _Word(normalise(correction), [])


def _groups(found: list[_Word], synonyms: Synonyms) -> list[Group]:
    stems = [w.stem for w in found]
    groups: list[Group] = []
    i = 0
    while i < len(found):
        if found[i].alternatives:
            typed = tuple(dict.fromkeys((s,) for s in found[i].alternatives))
            groups.append(Group(typed, (1.0,) * len(typed)))
            i += 1
            continue
        size, others = synonyms.match(stems, i)
        own = tuple(stems[i : i + size])
        alts: tuple[tuple[str, ...], ...] = (own, *others)
        groups.append(Group(alts, (1.0,) + (SYNONYM_BOOST,) * len(others)))
        i += size
    return groups
