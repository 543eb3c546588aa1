"""The baselines `make bench` compares our search with: SQLite FTS5 and tantivy, given the same
documents and queries, and as much of our query handling as each allows.

Both are given the query as our parser reads it (StaffQuery): our query stop words dropped
(analysis.py's list, negations too outside quotes), quoted text a phrase, each other word an idea
with its staff synonyms (content/synonyms.yaml) as alternatives. Every idea is required (AND, our
first choice of candidates), falling back to any (OR) when that finds fewer than the hits shown;
BM25 with the heading weighted 1.5 against the body's 1.0; a highlighted snippet of the body for
each hit shown. A word neither engine knows becomes a prefix (FTS5: its first half, at least 3
letters) or a fuzzy term within 1 edit (2 for 6 letters or more, a swap counting one: tantivy);
we correct it against the vocabulary instead. FTS5 stems with Porter (v1) and indexes stop words;
tantivy is given our stop words and stems with Snowball English (Porter2, as we do, without our
British-spelling folding).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from guidance_app.core.search.analysis import (
    STOP_WORDS,
    content_words,
    is_query_stop,
    normalise,
    terms,
    words,
)

SNIPPET_WORDS = 32


# One idea of the query: its alternatives, each a list of words (a phrase if more than one).
Group = list[list[str]]


class StaffQuery:
    """The query as our parser reads it, in words each engine analyses itself: quoted text a
    phrase, every other word not a query stop word an idea of its own, with its staff synonyms
    (the longest synonym phrase first) as alternatives."""

    def __init__(self, synonym_groups: list[tuple[str, ...]]) -> None:
        self.by_terms: dict[tuple[str, ...], list[list[str]]] = {}
        for group in synonym_groups:
            phrases = {terms(p): [w for w, _, _ in words(p)] for p in group}
            for key in phrases:
                if key:
                    others = self.by_terms.setdefault(key, [])
                    others += [ws for k, ws in phrases.items() if k != key and ws not in others]
        self.longest = max(map(len, self.by_terms), default=1)

    def groups(self, text: str) -> list[tuple[bool, Group]]:
        found: list[tuple[bool, Group]] = []
        for number, part in enumerate(text.split('"')):
            if number % 2:
                phrase = [w for w, _, _ in words(part)]
                if phrase:
                    found.append((True, [phrase]))
                continue
            typed = [w for w, _, _ in content_words(part) if not is_query_stop(w)]
            stems = [normalise(w) for w in typed]
            i = 0
            while i < len(typed):
                for size in range(min(self.longest, len(typed) - i), 0, -1):
                    others = self.by_terms.get(tuple(stems[i : i + size]))
                    if others or size == 1:
                        found.append((False, [typed[i : i + size], *(others or [])]))
                        i += size
                        break
        return found


# --- SQLite FTS5 ------------------------------------------------------------------------------


class Fts5:
    name = "FTS5"
    includes = "query rewrite, MATCH, bm25 rank, snippet() of the 10 shown (database on disk)"

    def __init__(self, entries: list[Any], synonyms: list[tuple[str, ...]], path: Path) -> None:
        self.query = StaffQuery(synonyms)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(heading, body, "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        self.db.executemany(
            "INSERT INTO docs VALUES (?, ?)", [(e.heading, f"{e.text}\n{e.extra}") for e in entries]
        )
        self.db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        self.db.commit()

    def _known(self, word: str) -> bool:
        sql = "SELECT 1 FROM docs WHERE docs MATCH ? LIMIT 1"
        return self.db.execute(sql, (f'"{word}"',)).fetchone() is not None

    def _group(self, quoted: bool, alternatives: Group) -> str:
        word = alternatives[0][0]
        if quoted or len(alternatives) > 1 or not word.isalpha() or self._known(word):
            return "(" + " OR ".join('"' + " ".join(a) + '"' for a in alternatives) + ")"
        return word[: max(3, len(word) // 2)] + "*"

    def search(self, text: str, limit: int) -> list[tuple[str, str]]:
        groups = [self._group(q, a) for q, a in self.query.groups(text)]
        if not groups:
            return []
        sql = (
            "SELECT rowid, heading, snippet(docs, 1, '<b>', '</b>', '…', ?) FROM docs "
            "WHERE docs MATCH ? ORDER BY bm25(docs, 1.5, 1.0) LIMIT ?"
        )
        rows = self.db.execute(sql, (SNIPPET_WORDS, " AND ".join(groups), limit)).fetchall()
        if len(rows) < limit and len(groups) > 1:
            seen = {r[0] for r in rows}
            looser = self.db.execute(sql, (SNIPPET_WORDS, " OR ".join(groups), limit * 2))
            rows += [r for r in looser.fetchall() if r[0] not in seen][: limit - len(rows)]
        return [(heading, snippet) for _, heading, snippet in rows]

    def close(self) -> None:
        self.db.close()


# --- tantivy ----------------------------------------------------------------------------------


def tantivy_missing() -> str | None:
    """Why tantivy cannot be used here, or None."""
    try:
        import tantivy  # noqa: F401
    except ImportError as error:
        return f"tantivy is not installed ({error}); `make bench` installs the bench extra"
    return None


class Tantivy:
    name = "tantivy"
    includes = "query build, search, stored-document fetch, snippet of the 10 shown (on disk)"

    def __init__(self, entries: list[Any], synonyms: list[tuple[str, ...]], folder: Path) -> None:
        import tantivy

        self.query = StaffQuery(synonyms)
        self.t = tantivy
        analyzer = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.custom_stopword(sorted(STOP_WORDS)))
            .filter(tantivy.Filter.stemmer("english"))
            .build()
        )
        builder = tantivy.SchemaBuilder()
        for field in ("heading", "body"):
            builder.add_text_field(field, stored=True, tokenizer_name="staff")
        self.schema = builder.build()
        folder.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(folder))
        self.index.register_tokenizer("staff", analyzer)
        writer = self.index.writer(heap_size=100_000_000, num_threads=1)
        for e in entries:
            writer.add_document(tantivy.Document(heading=e.heading, body=f"{e.text}\n{e.extra}"))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.stem: Callable[[str], str] = _stemmer()

    def _group(self, quoted: bool, alternatives: Group) -> Any:
        t, both = self.t, ["heading", "body"]
        boosts = {"heading": 1.5}
        word = alternatives[0][0]
        term = self.stem(word)
        if quoted or len(alternatives) > 1 or not term.isalpha() or self._known(term):
            each = [
                self.index.parse_query(f'"{" ".join(a)}"' if len(a) > 1 else a[0], both, boosts)
                for a in alternatives
            ]
            return (
                each[0]
                if len(each) == 1
                else t.Query.boolean_query([(t.Occur.Should, q) for q in each])
            )
        distance = 2 if len(term) >= 6 else 1
        return t.Query.boolean_query(
            [
                (t.Occur.Should, t.Query.fuzzy_term_query(self.schema, f, term, distance))
                for f in both
            ]
        )

    def _known(self, term: str) -> bool:
        return any(self.searcher.doc_freq(f, term) for f in ("heading", "body"))

    def search(self, text: str, limit: int) -> list[tuple[str, str]]:
        t = self.t
        groups = [self._group(q, a) for q, a in self.query.groups(text)]
        if not groups:
            return []
        query = t.Query.boolean_query([(t.Occur.Must, g) for g in groups])
        hits = self.searcher.search(query, limit, count=False).hits
        if len(hits) < limit and len(groups) > 1:
            query = t.Query.boolean_query([(t.Occur.Should, g) for g in groups])
            seen = {(a.segment_ord, a.doc) for _, a in hits}
            looser = self.searcher.search(query, limit * 2, count=False).hits
            hits += [h for h in looser if (h[1].segment_ord, h[1].doc) not in seen]
            hits = hits[:limit]
        snippets = t.SnippetGenerator.create(self.searcher, query, self.schema, "body")
        found = []
        for _, address in hits:
            doc = self.searcher.doc(address)
            found.append((doc["heading"][0], snippets.snippet_from_doc(doc).to_html()))
        return found

    def close(self) -> None:
        pass


def _stemmer() -> Callable[[str], str]:
    from whoosh.lang.porter2 import stem

    return lambda word: str(stem(word.lower()))
