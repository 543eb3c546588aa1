"""Candidate selection and BM25F scoring over the Whoosh index's own postings.

Whoosh scores every document an OR query matches, in Python; on a large library a common idea
(pupil ~ student ~ child) matches most documents, which makes a query take a second or more.
Here each term's postings are read once from the index (a block at a time) and kept as
{docnum: frequency}; the candidates are chosen with set operations, which run in C: the
documents with every idea of the query, else with all but one, else with any. Only those are
scored, with Whoosh's BM25F formula, and quoted phrases are checked in rank order, only until
enough have been found. When a search's time is up, reading and scoring stop, and what has been
scored so far is ranked.

An index updated in place of rebuilt (updates.py) holds several segments and deleted documents,
so every statistic here counts live documents only (Whoosh's own counts include deleted ones),
and ties are broken by library order, not document number: the same library then gets the
same hits, in the same order, with the same scores, however its index was made.
"""

from __future__ import annotations

import math
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from functools import reduce
from itertools import accumulate, repeat
from typing import Any, Generic, TypeVar

from whoosh.matching.wrappers import FilterMatcher

from guidance_app.core.search.deadline import UNLIMITED, Deadline, TimeUp
from guidance_app.core.search.documents import field_lengths
from guidance_app.core.search.query import Group

K = TypeVar("K")
V = TypeVar("V", bound=Sized)
FIELDS = (("heading", 1.5), ("body", 1.0))  # field and its weight
K1 = 1.2  # Whoosh's BM25F defaults
B = 0.75
ENOUGH = 10  # a stricter set of candidates this large is used; looser ones are not built
POSTINGS_BUDGET = 1_000_000  # postings kept in memory per cache (about 100 MB at most)
# Sets of documents, unlike the postings, are looked through by every full garbage collection
# (a million members took 80 ms), and are quick to make again from the postings.
DOCS_BUDGET = 200_000
UNFINISHED = 16  # reads cut short by a deadline, kept to go on with next time


class _SizedCache(Generic[K, V]):
    """Least recently used entries go first once the values hold more than `budget` items
    in all, so a large library's common terms cannot take memory without bound."""

    def __init__(self, budget: int) -> None:
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._budget = budget
        self._held = 0

    def get(self, key: K) -> V | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: K, value: V) -> V:
        self._entries[key] = value
        self._held += len(value)
        while self._held > self._budget and len(self._entries) > 1:
            _, dropped = self._entries.popitem(last=False)
            self._held -= len(dropped)
        return value


class PostingCache:
    """{docnum: frequency} for (field, term), read once from the index and kept."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._postings: _SizedCache[tuple[str, str], dict[int, float]] = _SizedCache(
            POSTINGS_BUDGET
        )
        self._docs: _SizedCache[str, frozenset[int]] = _SizedCache(DOCS_BUDGET)
        self._unfinished: dict[tuple[str, str], tuple[Iterator[bool], dict[int, float]]] = {}

    def postings(
        self, fieldname: str, term: str, deadline: Deadline = UNLIMITED
    ) -> dict[int, float]:
        """Raises TimeUp if the deadline passes while they are read; the next call goes on
        from there, so a word that takes longer to read than one search may (a common word
        in a large library, on a slow machine) is still read in the end."""
        key = (fieldname, term)
        found = self._postings.get(key)
        if found is None:
            found = self._postings.put(key, self._read(key, deadline))
        return found

    def docs(self, term: str, deadline: Deadline = UNLIMITED) -> frozenset[int]:
        """Every document with the term in any field."""
        found = self._docs.get(term)
        if found is None:
            found = self._docs.put(
                term, frozenset().union(*(self.postings(f, term, deadline) for f, _ in FIELDS))
            )
        return found

    def _read(self, key: tuple[str, str], deadline: Deadline) -> dict[int, float]:
        if key not in self._reader:
            return {}
        unfinished = self._unfinished.pop(key, None)
        found: dict[int, float] = {}
        blocks = _blocks(self._reader, key, found)
        if unfinished is not None:
            blocks, found = unfinished
        while True:
            if deadline.expired():
                self._unfinished[key] = (blocks, found)
                if len(self._unfinished) > UNFINISHED:
                    del self._unfinished[next(iter(self._unfinished))]
                raise TimeUp("out of time reading postings")
            if not next(blocks, False):
                return found


def _blocks(reader: Any, key: tuple[str, str], found: dict[int, float]) -> Iterator[bool]:
    """Read the live postings of `key` into `found`, a block at a time (True after each)."""
    for leaf, offset in reader.leaf_readers():
        if key not in leaf:
            continue
        matcher = leaf.postings(*key)
        deleted: frozenset[int] = frozenset()
        if isinstance(matcher, FilterMatcher):  # a segment with deleted documents
            deleted, matcher = frozenset(matcher._ids), matcher.child  # filtered below, faster
        if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
            # Whoosh 2.7's leaf matcher decodes a whole block at once; read it block by block.
            while not matcher._atend:
                ids, weights = _block(matcher)
                if deleted:
                    pairs = zip(ids, weights, strict=False)
                    found.update((doc + offset, w) for doc, w in pairs if doc not in deleted)
                else:  # most segments: the whole block at C speed
                    found.update(zip(map(offset.__add__, ids), weights, strict=False))
                matcher._next_block()
                yield True
            continue
        while matcher.is_active():  # any other matcher: one posting at a time
            if matcher.id() not in deleted:
                found[matcher.id() + offset] = matcher.weight()
            matcher.next()
        yield True


def _lengths(leaf: Any, fieldname: str) -> list[int]:
    """Each document's (approximate) length of the field in the segment `leaf`, read in one
    piece where Whoosh's column allows (one call a document took a third of a second on
    opening 1,000 policies)."""
    sizes = field_lengths(getattr(leaf, "_perdoc", None), fieldname)
    if sizes is not None:
        return sizes
    return [leaf.doc_field_length(doc, fieldname, 0) or 0 for doc in range(leaf.doc_count_all())]


def _block(matcher: Any) -> tuple[Iterable[int], Iterable[float]]:
    """The document numbers and weights of a Whoosh 2.7 leaf matcher's current block: its
    numbers (stored as differences) and uniform weights undone in C where the block allows,
    not by Whoosh's loops in Python, as the weights Whoosh would give (32-bit floats)."""
    if getattr(matcher, "_byteids", True) or not hasattr(matcher, "_read_data"):
        matcher._read_ids()
        matcher._read_weights()
        return matcher._ids, matcher._weights
    if matcher._data is None:
        matcher._read_data()
    deltas, weights = matcher._data[0], matcher._data[1]
    if weights is None or isinstance(weights, float):
        weights = repeat(array("f", [1.0 if weights is None else weights])[0], matcher._blocklength)
    return accumulate(deltas), weights


class Scorer:
    """Chooses and scores candidates for a parsed query on one reader.

    `positions`: each document number's place in the library (ties go in that order).
    `lengths`: each field's exact length over the live documents, if known."""

    def __init__(
        self, reader: Any, positions: Sequence[int], lengths: dict[str, int] | None = None
    ) -> None:
        self._reader = reader
        self._positions = positions
        self.postings = PostingCache(reader)
        self._count = max(1, reader.doc_count())
        live = list(reader.all_doc_ids()) if reader.has_deletions() else []
        # K1 x BM25's length normalisation, per field, indexed by document number.
        self._norms: dict[str, list[float]] = {}
        for fieldname, _ in FIELDS:
            sizes = [  # a segment at a time: much quicker than through a multi-segment reader
                size for leaf, _ in reader.leaf_readers() for size in _lengths(leaf, fieldname)
            ]
            if lengths is not None and fieldname in lengths:
                total = lengths[fieldname]
            elif live:  # a document's own length is only approximate: the best there is
                total = sum(sizes[doc] for doc in live)
            else:
                total = reader.field_length(fieldname)
            average = max(1.0, total / self._count)
            self._norms[fieldname] = [K1 * ((1 - B) + B * size / average) for size in sizes]
        self._idf: dict[tuple[str, str], float] = {}

    def load(self, groups: Sequence[Group], deadline: Deadline) -> dict[Group, frozenset[int]]:
        """The documents of each group, in the query's order, as far as the deadline allows
        (reading a common word's postings from a large index is the slow part of scoring)."""
        loaded: dict[Group, frozenset[int]] = {}
        for group in groups:
            if deadline.expired():
                break
            try:
                if group not in loaded:  # a word typed twice is one idea twice
                    loaded[group] = self._group_docs(group, deadline)
            except TimeUp:
                break
        return loaded

    def candidates(
        self,
        groups: Sequence[Group],
        allowed: set[int] | None,
        deadline: Deadline = UNLIMITED,
        loaded: dict[Group, frozenset[int]] | None = None,
    ) -> frozenset[int]:
        """The documents to score (`loaded`: the groups' documents, if known); none if the
        deadline passes first."""
        known = loaded or {}
        try:
            per_group = [known[g] if g in known else self._group_docs(g, deadline) for g in groups]
        except TimeUp:  # only for groups not loaded before (the engine loads them all)
            return frozenset()
        if allowed is not None:
            per_group = [docs & allowed for docs in per_group]
        every = _intersect(per_group)
        if len(every) >= ENOUGH or len(per_group) == 1:
            return every
        if len(per_group) > 2:
            all_but_one = _all_but_one(per_group)
            if len(all_but_one) >= ENOUGH:
                return all_but_one
        return frozenset().union(*per_group)

    def ranked(
        self, groups: Sequence[Group], candidates: frozenset[int], deadline: Deadline = UNLIMITED
    ) -> Iterator[tuple[int, float]]:
        """The candidates with their scores, best first, as far as the caller reads (quoted
        phrases may turn many away). Once the deadline passes, the words not yet scored are
        left out of the scores."""
        totals = dict.fromkeys(candidates, 0.0)
        for weight, terms in self._plan(groups, deadline):
            if deadline.expired():
                break
            if len(terms) == 1:
                self._add_term(totals, candidates, weight, *terms[0])
                continue
            smallest = min((postings for postings, _, _ in terms), key=len)
            source: Iterable[int] = smallest if len(smallest) < len(totals) else candidates
            for doc in source:
                if doc not in totals:
                    continue
                part = 0.0
                for postings, idf, fieldname in terms:
                    frequency = postings.get(doc)
                    if frequency is None:
                        break
                    part += idf * frequency * (K1 + 1) / (frequency + self._norms[fieldname][doc])
                else:
                    totals[doc] += part * weight
        # Best first, ties in library order: two sorts keyed in C make no (score, doc) pair
        # per candidate, which on 50,000 candidates took longer (garbage collections included)
        # than a search may.
        order = sorted(totals, key=self._positions.__getitem__)
        order.sort(key=totals.__getitem__, reverse=True)
        for doc in order:
            yield doc, totals[doc]

    def _add_term(
        self,
        totals: dict[int, float],
        candidates: frozenset[int],
        weight: float,
        postings: dict[int, float],
        idf: float,
        fieldname: str,
    ) -> None:
        """The hot loop: one term's BM25F contribution, walking the smaller of its postings
        and the candidates."""
        factor = weight * idf * (K1 + 1)
        norms = self._norms[fieldname]
        if len(postings) < len(totals):
            for doc, frequency in postings.items():
                if doc in totals:
                    totals[doc] += factor * frequency / (frequency + norms[doc])
        else:
            get = postings.get
            for doc in candidates:
                found = get(doc)
                if found is not None:
                    totals[doc] += factor * found / (found + norms[doc])

    def _plan(
        self, groups: Sequence[Group], deadline: Deadline
    ) -> Iterator[tuple[float, list[tuple[dict[int, float], float, str]]]]:
        """For every alternative and field: its weight and each term's postings and idf;
        alternatives with a term missing from the field are left out, as they score nothing.
        Ends early if the deadline passes."""
        for group in groups:
            for alternative, boost in zip(group.alternatives, group.boosts, strict=True):
                for fieldname, field_weight in FIELDS:
                    try:
                        terms = [
                            (
                                postings := self.postings.postings(fieldname, t, deadline),
                                self._idf_of(fieldname, t, len(postings)),
                                fieldname,
                            )
                            for t in alternative
                        ]
                    except TimeUp:
                        return
                    if all(postings for postings, _, _ in terms):
                        yield boost * field_weight, terms

    def _idf_of(self, fieldname: str, term: str, frequency_in_docs: int) -> float:
        key = (fieldname, term)
        idf = self._idf.get(key)
        if idf is None:
            idf = self._idf[key] = math.log(self._count / (frequency_in_docs + 1)) + 1.0
        return idf

    def _group_docs(self, group: Group, deadline: Deadline) -> frozenset[int]:
        """The documents with any of the group's alternatives."""
        each = [
            _intersect([self.postings.docs(term, deadline) for term in alternative])
            for alternative in group.alternatives
        ]
        return each[0] if len(each) == 1 else frozenset().union(*each)


def _intersect(sets: Sequence[frozenset[int]]) -> frozenset[int]:
    if not sets:
        return frozenset()
    return reduce(_both, sorted(sets, key=len))


def _both(a: frozenset[int], b: frozenset[int]) -> frozenset[int]:
    return a & b


def _all_but_one(sets: Sequence[frozenset[int]]) -> frozenset[int]:
    """The documents in all of `sets` (3 or more) but at most one. Running intersections from
    each end take 3n intersections where leaving out each set in turn takes n x n, which on a
    long query over a large library is a tenth of a second."""
    ordered = sorted(sets, key=len)
    last = len(ordered) - 1
    upto = list(accumulate(ordered[:-1], _both))  # upto[k]: in ordered[0..k]
    beyond = list(accumulate(reversed(ordered[1:]), _both))[::-1]  # beyond[k]: ordered[k+1..]
    return frozenset().union(
        beyond[0], upto[last - 1], *(upto[i - 1] & beyond[i] for i in range(1, last))
    )


def phrases_hold(groups: Sequence[Group], terms_of: Callable[[], list[list[str]]]) -> bool:
    """Whether every quoted phrase stands, word after word, in one of the document's texts."""
    quoted = [alt for group in groups if group.quoted for alt in group.alternatives[:1]]
    if not quoted:
        return True
    texts = terms_of()
    return all(any(_contains(text, list(phrase)) for text in texts) for phrase in quoted)


def _contains(words: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))
