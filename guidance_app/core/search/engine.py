"""The public search API used by the UI and the CLI.

    engine = SearchEngine.open(library)              # builds or opens the cached index
    results = engine.search("freind request", school="westhaven")
    results.hits[0].snippet_html, results.did_you_mean

`search` never raises: any text at all gives hits or none. It takes at most about TIME_BUDGET
(a quarter of a second), then returns the best hits found so far with `cut_short` set. One engine
may be shared between threads (searches are serialised by a lock); `open` raises only
SearchIndexError.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import query as wq

from guidance_app.core.content.model import Library
from guidance_app.core.errors import SearchIndexError
from guidance_app.core.search.analysis import analyse
from guidance_app.core.search.deadline import LOOKING, TIME_BUDGET, Deadline
from guidance_app.core.search.documents import LENGTH_FIELDS, doc_keys, length_key
from guidance_app.core.search.index import Entry, OpenIndex, Progress, library_entries, open_index
from guidance_app.core.search.query import Group, ParsedQuery, Speller, Synonyms, parse
from guidance_app.core.search.scoring import Scorer, phrases_hold
from guidance_app.core.search.snippets import snippet_html

_log = logging.getLogger(__name__)
MAX_LIMIT = 500
CANDIDATES = 30  # hits looked at again (coverage of the query's ideas) for every page shown
WIZARDS_FIRST = 2  # at most this many guided answers go before the clauses
TOKEN_CACHE = 1024  # analysed texts kept (each full garbage collection looks through them)
UNCOVERED = 0.4  # the share of its score a hit keeps when it covers none of the query's ideas


@dataclass(frozen=True)
class SearchHit:
    """One result. For a wizard: wizard_id is set, heading is its title, text its question."""

    kind: str  # "section" (a clause) or "wizard"
    school_id: str | None
    policy_id: str | None
    section_id: str | None  # the section holding the clause
    clause_id: str | None
    wizard_id: str | None
    heading: str
    text: str
    snippet_html: str
    score: float

    def as_json(self) -> dict[str, Any]:
        """The CLI's record: `section` is the clause id, or the wizard id for a wizard."""
        return {
            "kind": self.kind,
            "school": self.school_id,
            "policy": self.policy_id,
            "section": self.clause_id if self.kind == "section" else self.wizard_id,
            "heading": self.heading,
            "text": self.text,
            "snippet": self.snippet_html,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...] = ()
    did_you_mean: str | None = None  # the query with unknown words corrected, if any were
    highlight: frozenset[str] = frozenset()  # analysed words to mark (see highlight_spans)
    cut_short: bool = False  # time ran out: these are the best hits found in time


@dataclass
class _Analysed:
    tokens: list[tuple[str, int, int]]  # of the shown text, for the snippet
    terms: frozenset[str]  # of everything indexed
    heading: list[str]  # the heading's words in order, for phrase checks


class SearchEngine:
    """Search over one library's clauses and guided answers."""

    def __init__(self, library: Library, entries: list[Entry], opened: OpenIndex) -> None:
        self.library = library
        self.entries = entries
        self.location: Path | None = opened.folder  # None when built in memory
        self.notice: str | None = opened.notice  # why the cache folder was not used, if so
        self.updated = opened.updated  # made from an older index, re-indexing what changed
        self._index = opened.index
        self._searcher = self._index.searcher()
        reader = self._searcher.reader()
        index_terms: set[str] = set()
        for fieldname in ("heading", "body"):
            index_terms.update(t.decode("utf-8") for t in reader.lexicon(fieldname))
        self._synonyms = Synonyms([g.terms for g in library.synonyms])
        vocabulary = dict(opened.vocabulary)
        for word in self._synonyms.words():
            vocabulary.setdefault(word, 1)
        for group in library.synonyms:
            for phrase in group.terms:
                for word in phrase.lower().split():
                    if word.isalpha():
                        vocabulary.setdefault(word, 1)
        self._speller = Speller(vocabulary, index_terms | self._synonyms.words())
        self._lock = threading.RLock()
        self._filters: dict[tuple[str | None, str | None], set[int]] = {}
        self._analysed: OrderedDict[int, _Analysed] = OrderedDict()
        # Each document's entry, read at opening (where every stored field is checked anyway).
        numbers = {key: number for number, key in enumerate(doc_keys(entries))}
        self._refs: dict[int, int] = {doc: numbers[key] for doc, key in opened.keys.items()}
        positions = [len(entries)] * reader.doc_count_all()
        for doc, number in self._refs.items():
            positions[doc] = number
        lengths = {name: opened.vocabulary.get(length_key(name)) for name in LENGTH_FIELDS}
        exact = {name: size for name, size in lengths.items() if size is not None}
        self._scorer = Scorer(reader, positions, exact)
        # The library and its index live as long as the app. On a library of 1,000 policies a
        # full garbage collection, which stops every thread, spends over a tenth of a second
        # looking at them, and searches (which make and drop much) set one off every few
        # queries, past their time budget. Frozen objects are still freed once unused; only
        # reference cycles among them would wait, and the library and index make none.
        gc.freeze()

    @classmethod
    def open(
        cls, library: Library, cache_dir: Path | None = None, progress: Progress | None = None
    ) -> SearchEngine:
        """Open the library's index, building it first if needed (progress(done, total))."""
        entries = library_entries(library)
        try:
            opened = open_index(entries, cache_dir, progress)
            return cls(library, entries, opened)
        except SearchIndexError:
            raise
        except Exception as exc:
            raise SearchIndexError(f"The search index could not be opened: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._searcher.close()
            self._index.close()

    def __enter__(self) -> SearchEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def search(
        self,
        text: str,
        school: str | None = None,
        policy: str | None = None,
        limit: int = 20,
        budget: float | Deadline = TIME_BUDGET,
    ) -> SearchResults:
        """The best `limit` hits for `text`, wizards that fit first. Never raises.

        `budget`: the seconds the whole call may take, snippets included, or a Deadline
        already running for when looking must stop. When time is up, the best hits found so
        far are returned, marked cut short."""
        try:
            deadline = budget if isinstance(budget, Deadline) else Deadline(budget * LOOKING)
            with self._lock:  # waiting for another search counts too
                return self._search(text, school, policy, limit, deadline)
        except Exception:  # the contract: any input gives results or none
            _log.debug("search failed for %r", text, exc_info=True)
            return SearchResults(str(text)[:200] if isinstance(text, str) else "")

    # --- internals -----------------------------------------------------------------------

    def _search(
        self, text: str, school: str | None, policy: str | None, limit: int, deadline: Deadline
    ) -> SearchResults:
        limit = max(1, min(int(limit), MAX_LIMIT))
        parsed = parse(text, self._speller, self._synonyms, deadline)
        allowed = self._filter(school, policy)
        loaded: dict[Group, frozenset[int]] = {}
        if parsed.groups and (allowed is None or allowed):
            # The ideas whose postings could not be read in time are left out of the search.
            loaded = self._scorer.load(parsed.groups, deadline)
            parsed.groups = [group for group in parsed.groups if group in loaded]
        if not parsed.groups or (allowed is not None and not allowed):
            return SearchResults(
                text, (), parsed.did_you_mean, parsed.highlight, deadline.cut_short
            )
        wanted = max(limit, CANDIDATES)
        candidates = self._scorer.candidates(parsed.groups, allowed, deadline, loaded)
        # Checking a quoted phrase means reading the document's words, the slowest step on a
        # large library; without phrases each step is cheap and at most `wanted` are taken.
        checking = any(group.quoted for group in parsed.groups)
        scored: list[tuple[int, float, float]] = []
        for doc, score in self._scorer.ranked(parsed.groups, candidates, deadline):
            if checking and deadline.expired():
                break
            ref = self._ref(doc)
            if phrases_hold(parsed.groups, lambda ref=ref: self._terms(ref)):  # type: ignore[misc]
                scored.append((ref, score, _coverage(parsed.groups, loaded, doc)))
                if len(scored) >= wanted:
                    break
        ranked = self._rank(scored)
        hits = tuple(self._hit(ref, score, parsed, deadline) for ref, score in ranked[:limit])
        return SearchResults(text, hits, parsed.did_you_mean, parsed.highlight, deadline.cut_short)

    def _filter(self, school: str | None, policy: str | None) -> set[int] | None:
        key = (school or None, policy or None)
        if key == (None, None):
            return None
        if key not in self._filters and not self._exists(*key):
            self._filters[key] = set()
        if key not in self._filters:
            clauses: list[wq.Query] = []
            if key[0]:
                clauses.append(wq.Term("school", key[0]))
            if key[1]:
                clauses.append(wq.Term("policy", key[1]))
            wanted: wq.Query = wq.And(clauses) if len(clauses) > 1 else clauses[0]
            if not key[1]:  # the guided answers serve every school
                wanted = wq.Or([wanted, wq.Term("kind", "wizard")])
            self._filters[key] = set(self._searcher.docs_for_query(wanted))
        return self._filters[key]

    def _exists(self, school: str | None, policy: str | None) -> bool:
        schools = self.library.schools if school is None else [self.library.school(school)]
        return any(
            s is not None and (policy is None or s.policy(policy) is not None) for s in schools
        )

    def _ref(self, doc: int) -> int:
        """The entry behind an index document number."""
        return self._refs[doc]

    def _terms(self, ref: int) -> list[list[str]]:
        """The document's analysed words, body and heading, in order (for phrase checks)."""
        analysed = self._analysis(ref)
        return [[term for term, _, _ in analysed.tokens], analysed.heading]

    def _analysis(self, ref: int) -> _Analysed:
        cached = self._analysed.get(ref)
        if cached is not None:
            self._analysed.move_to_end(ref)
            return cached
        entry = self.entries[ref]
        tokens = analyse(entry.text)
        heading = [term for term, _, _ in analyse(entry.heading)]
        extra = [term for term, _, _ in analyse(entry.extra)]
        terms = frozenset([*(t for t, _, _ in tokens), *heading, *extra])
        result = _Analysed(tokens, terms, heading)
        self._analysed[ref] = result
        if len(self._analysed) > TOKEN_CACHE:
            self._analysed.popitem(last=False)
        return result

    def _analysis_in_time(self, ref: int, deadline: Deadline) -> _Analysed | None:
        """The document's analysis if it is at hand or there is still time to make it."""
        if ref in self._analysed or not deadline.expired():
            return self._analysis(ref)
        return None

    def _rank(self, scored: Sequence[tuple[int, float, float]]) -> list[tuple[int, float]]:
        """Reorder (ref, score, coverage) by how many of the query's ideas each hit covers;
        fitting wizards first."""
        rescored: list[tuple[float, int, bool]] = []
        for ref, score, cover in scored:
            is_wizard = self.entries[ref].kind == "wizard"
            rescored.append(
                (score * (UNCOVERED + (1 - UNCOVERED) * cover), ref, is_wizard and cover >= 0.5)
            )
        rescored.sort(key=lambda item: -item[0])
        fitting = [item for item in rescored if item[2]]
        first = [item for item in fitting if item[0] >= 0.6 * fitting[0][0]][:WIZARDS_FIRST]
        rest = [item for item in rescored if item not in first]
        return [(ref, score) for score, ref, _ in first + rest]

    def _hit(self, ref: int, score: float, parsed: ParsedQuery, deadline: Deadline) -> SearchHit:
        entry = self.entries[ref]
        analysed = self._analysis_in_time(ref, deadline)
        if analysed is None:  # out of time: the text's opening lines, nothing marked
            snippet = snippet_html(entry.text, (), frozenset())
        else:
            snippet = snippet_html(entry.text, analysed.tokens, parsed.highlight)
        wizard = entry.kind == "wizard"
        return SearchHit(
            kind=entry.kind,
            school_id=entry.school,
            policy_id=entry.policy,
            section_id=entry.section,
            clause_id=None if wizard else entry.ref,
            wizard_id=entry.ref if wizard else None,
            heading=entry.heading,
            text=entry.text,
            snippet_html=snippet,
            score=float(score),
        )


def _coverage(groups: Sequence[Group], loaded: dict[Group, frozenset[int]], doc: int) -> float:
    """The share of the query's ideas the document holds (all the words of one of an idea's
    alternatives, in any field): read from the postings the search has already loaded, not
    from the document's words, which would mean analysing every candidate's text."""
    return sum(1 for group in groups if doc in loaded[group]) / len(groups)
