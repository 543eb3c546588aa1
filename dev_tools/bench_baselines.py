"""The baselines `make bench` compares our search with: SQLite FTS5 and tantivy, given the same
documents and queries, and as much of our query handling as each allows.

Both drop our query stop words (analysis.py's list, negations included outside quotes), require
every remaining word (AND, like our first choice of candidates) and fall back to any word (OR)
when that finds fewer than the hits shown, search quoted text as a phrase, weight the heading 1.5
against the body 1.0 (BM25), and return a highlighted snippet of the body for each hit shown.
Typos: a word neither engine knows becomes a prefix (FTS5: its first half, at least 3 letters)
or a fuzzy term within 1 edit (2 for 6 letters or more, a swap counting one: tantivy). Neither
expands our staff synonyms, so they match fewer documents than we do for many queries.
FTS5 stems with Porter (v1) and indexes stop words; tantivy is given our stop words and stems
with Snowball English (Porter2, as we do, without our British-spelling folding).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from guidance_app.core.search.analysis import STOP_WORDS, content_words, is_query_stop, words

SNIPPET_WORDS = 32


def parts(text: str) -> list[tuple[bool, list[str]]]:
    """The query as (quoted, words): each quoted phrase whole, each other word on its own."""
    found: list[tuple[bool, list[str]]] = []
    for number, part in enumerate(text.split('"')):
        if number % 2:
            phrase = [w for w, _, _ in words(part)]
            if phrase:
                found.append((True, phrase))
        else:
            found += [(False, [w]) for w, _, _ in content_words(part) if not is_query_stop(w)]
    return found


# --- SQLite FTS5 ------------------------------------------------------------------------------


class Fts5:
    name = "FTS5"
    includes = "query rewrite, MATCH, bm25 rank, snippet() of the 10 shown (database on disk)"

    def __init__(self, entries: list[Any], path: Path) -> None:
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

    def _group(self, quoted: bool, phrase: list[str]) -> str:
        if quoted or not phrase[0].isalpha() or self._known(phrase[0]):
            return '"' + " ".join(phrase) + '"'
        return phrase[0][: max(3, len(phrase[0]) // 2)] + "*"

    def search(self, text: str, limit: int) -> list[tuple[str, str]]:
        groups = [self._group(q, p) for q, p in parts(text)]
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

    def __init__(self, entries: list[Any], folder: Path) -> None:
        import tantivy

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

    def _group(self, quoted: bool, phrase: list[str]) -> Any:
        t, both = self.t, ("heading", "body")
        boosts = {"heading": 1.5}
        if quoted:
            return self.index.parse_query('"' + " ".join(phrase) + '"', list(both), boosts)
        term = self.stem(phrase[0])
        if any(self.searcher.doc_freq(f, term) for f in both) or not term.isalpha():
            return self.index.parse_query(phrase[0], list(both), boosts)
        distance = 2 if len(term) >= 6 else 1
        return t.Query.boolean_query(
            [
                (t.Occur.Should, t.Query.fuzzy_term_query(self.schema, f, term, distance))
                for f in both
            ]
        )

    def search(self, text: str, limit: int) -> list[tuple[str, str]]:
        t = self.t
        groups = [self._group(q, p) for q, p in parts(text)]
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
