"""`make bench`: content load, index build and search latency against the budgets in DESIGN.md.

Measures, in one run: load_library on the bundled content (median of 25); index build time;
per-query latency (p50/p95, with highlighted snippets for the 10 hits shown) over realistic staff
queries (plain, phrase, typo) on the bundled library and on synthetic libraries of 100 and 1,000
policies written to a temporary folder from the bundled clauses; the same queries on SQLite FTS5
over the same text (ratio); peak memory; the slowest of a few thousand fuzzed queries on the
bundled and 1,000-policy libraries against the search's time budget (bench_fuzz.py). Prints a
table and writes bench-results.json.
"""

from __future__ import annotations

import json
import platform
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_fuzz import measure_fuzzed, print_fuzzed  # noqa: E402

from guidance_app.core.content.loader import load_library  # noqa: E402
from guidance_app.core.content.model import Block, Library  # noqa: E402
from guidance_app.core.search import SearchEngine  # noqa: E402
from guidance_app.core.search.index import library_entries  # noqa: E402

CONTENT = ROOT / "content"
SHOWN = 10
ROUNDS = 3

PLAIN = [
    "student added me on instagram",
    "can I put pics of my class on facebook",
    "friend request",
    "pupil sent me a friend request",
    "ex pupil wants to follow me",
    "parent complaining about a teacher on facebook",
    "who is the LADO",
    "tell the DSL",
    "photos of children without consent",
    "using my phone at lunch",
    "school logo on my profile",
    "journalist called me",
    "being bullied online",
    "can I say where I work",
    "whatsapp group for my class",
    "colleague messaging a pupil",
    "defamatory comments",
    "privacy settings",
    "confidential information",
    "gross misconduct",
    "social media during the school day",
    "KCSIE",
    "passwords",
    "safeguarding concern online",
    "revision forum",
    "governor friends with staff",
    "wikipedia",
    "SLT",
    "disciplinary action",
    "DM a student",
]
PHRASE = [
    '"friend requests"',
    '"must not"',
    '"social networking sites"',
    '"designated safeguarding lead"',
    '"keeping children safe in education"',
    '"personal social media"',
    '"school equipment"',
    '"ex-pupils" friends',
]
TYPO = [
    "freind request",
    "safegaurding",
    "defamtory",
    "instagarm",
    "photgraphs of pupils",
    "confidentail",
    "disiplinary",
    "privcy settings",
    "harrassment online",
    "facebok",
]
QUERIES = (
    [("plain", q) for q in PLAIN] + [("phrase", q) for q in PHRASE] + [("typo", q) for q in TYPO]
)


def peak_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1000, result


# --- synthetic libraries ----------------------------------------------------------------------


def _markdown(blocks: tuple[Block, ...]) -> str:
    lines = []
    for block in blocks:
        if block.is_list_item:
            lines.append("  " * (block.level - 1) + "- " + block.markdown)
        else:
            lines.append(("\n" if lines else "") + block.markdown + "\n")
    return "\n".join(lines).strip() + "\n"


def write_synthetic(library: Library, policies: int, folder: Path, seed: int = 7) -> Path:
    """`policies` policies (5 per school), each the bundled sections with shuffled clauses."""
    rng = random.Random(seed)
    sources = [p for s in library.schools for p in s.policies]
    sections = [sec for p in sources for sec in p.sections if sec.clauses]
    (folder / "wizards").mkdir(parents=True)
    for wizard in (CONTENT / "wizards").glob("*.yaml"):
        (folder / "wizards" / wizard.name).write_bytes(wizard.read_bytes())
    (folder / "synonyms.yaml").write_bytes((CONTENT / "synonyms.yaml").read_bytes())
    for number in range(policies):
        school = folder / "schools" / f"school-{number // 5:04d}"
        if number % 5 == 0:
            (school / "policies").mkdir(parents=True)
            (school / "school.yaml").write_text(
                f"name: Synthetic School {number // 5}\nshort_name: S{number // 5}\n"
                "roles:\n  dsl: the designated safeguarding lead\n",
                encoding="utf-8",
            )
        chosen = rng.sample(sections, k=min(len(sections), 12))
        parts = [
            "---\ntitle: Social Media Policy\nsource: synthetic.txt\napproved: not stated\n"
            "review_cycle: annually\nnext_review: not stated\n---\n"
        ]
        for s_number, section in enumerate(chosen, 1):
            heading = " ".join(section.heading.replace("{", "").replace("}", "").split())
            parts.append(f"\n# {heading} {{#s{s_number}}}\n")
            clauses = list(section.clauses) + rng.sample(
                [c for sec in sections for c in sec.clauses], k=2
            )
            rng.shuffle(clauses)
            for c_number, clause in enumerate(clauses, 1):
                parts.append(f"\n{{#s{s_number}-{c_number}}}\n{_markdown(clause.blocks)}")
        (school / "policies" / f"policy-{number % 5}.md").write_text(
            "".join(parts), encoding="utf-8"
        )
    return folder


# --- measurements -----------------------------------------------------------------------------


def measure_whoosh(engine: SearchEngine) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"plain": [], "phrase": [], "typo": []}
    engine.search("warm up")
    for _ in range(ROUNDS):
        for kind, text in QUERIES:
            engine._analysed.clear()  # snippets computed afresh: no help from earlier rounds
            elapsed, _ = timed(lambda text=text: engine.search(text, limit=SHOWN))
            samples[kind].append(elapsed)
    return samples


def fts_database(library: Library) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(heading, body, tokenize='porter')")
    db.executemany(
        "INSERT INTO docs VALUES (?, ?)",
        [(e.heading, f"{e.text}\n{e.extra}") for e in library_entries(library)],
    )
    return db


def _fts_query(text: str) -> str:
    if text.startswith('"'):
        return text
    words = [w for w in text.replace('"', " ").split() if w.isalnum()]
    return " OR ".join(f'"{w}"' for w in words) or '""'


def measure_fts(db: sqlite3.Connection) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"plain": [], "phrase": [], "typo": []}
    sql = (
        "SELECT heading, snippet(docs, 1, '<b>', '</b>', '…', 32) FROM docs "
        "WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?"
    )
    for _ in range(ROUNDS):
        for kind, text in QUERIES:
            query = _fts_query(text)
            elapsed, _ = timed(lambda query=query: db.execute(sql, (query, SHOWN)).fetchall())
            samples[kind].append(elapsed)
    return samples


def summarise(samples: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    every = [v for values in samples.values() for v in values]
    rows = {"all": every, **samples}
    return {
        name: {"p50": statistics.median(v), "p95": percentile(v, 0.95)} for name, v in rows.items()
    }


def bench_library(name: str, library: Library, cache: Path, fuzz: bool) -> dict[str, Any]:
    entries = len(library_entries(library))
    build_ms, engine = timed(lambda: SearchEngine.open(library, cache_dir=cache / name))
    engine.close()
    open_ms, engine = timed(lambda: SearchEngine.open(library, cache_dir=cache / name))
    whoosh = summarise(measure_whoosh(engine))
    fuzzed = measure_fuzzed(engine, SHOWN) if fuzz else None
    engine.close()
    fts_build_ms, db = timed(lambda: fts_database(library))
    fts = summarise(measure_fts(db))
    db.close()
    return {
        "library": name,
        "policies": sum(len(s.policies) for s in library.schools),
        "documents": entries,
        "index_build_ms": build_ms,
        "index_open_ms": open_ms,
        "fts5_build_ms": fts_build_ms,
        "whoosh": whoosh,
        "fts5": fts,
        "peak_rss_mb": peak_mb(),
        "fuzzed": fuzzed,
    }


def main() -> int:
    started = time.perf_counter()
    load_times = [timed(lambda: load_library(CONTENT))[0] for _ in range(25)]
    bundled = load_library(CONTENT).library
    results: dict[str, Any] = {
        "machine": f"{platform.platform()}, {platform.python_version()}",
        "queries": {"plain": len(PLAIN), "phrase": len(PHRASE), "typo": len(TYPO)},
        "content_load_ms_median": statistics.median(load_times),
        "libraries": [],
    }
    with tempfile.TemporaryDirectory(prefix="guidance-bench-") as temp:
        cache = Path(temp) / "cache"
        results["libraries"].append(bench_library("bundled", bundled, cache, fuzz=True))
        for policies in (100, 1000):
            folder = write_synthetic(bundled, policies, Path(temp) / f"synthetic-{policies}")
            load_ms, loaded = timed(lambda folder=folder: load_library(folder))
            row = bench_library(
                f"synthetic-{policies}", loaded.library, cache, fuzz=policies == 1000
            )
            row["content_load_ms"] = load_ms
            results["libraries"].append(row)
    results["total_seconds"] = time.perf_counter() - started
    results["peak_rss_mb"] = peak_mb()
    print_table(results)
    print_fuzzed(results)
    out = ROOT / "bench-results.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten: {out}")
    return 0


def print_table(results: dict[str, Any]) -> None:
    print(f"machine: {results['machine']}")
    print(
        f"content load (bundled, median of 25): {results['content_load_ms_median']:.1f} ms "
        "(budget 200 ms)"
    )
    header = (
        f"{'library':<16}{'docs':>7}{'build ms':>10}{'open ms':>9}  {'kind':<7}"
        f"{'p50 ms':>8}{'p95 ms':>8}{'fts p50':>9}{'fts p95':>9}{'x p50':>7}{'x p95':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in results["libraries"]:
        for number, kind in enumerate(("all", "plain", "phrase", "typo")):
            w, f = row["whoosh"][kind], row["fts5"][kind]
            lead = (
                f"{row['library']:<16}{row['documents']:>7}{row['index_build_ms']:>10.0f}"
                f"{row['index_open_ms']:>9.0f}"
                if number == 0
                else " " * 42
            )
            print(
                f"{lead}  {kind:<7}{w['p50']:>8.2f}{w['p95']:>8.2f}{f['p50']:>9.2f}"
                f"{f['p95']:>9.2f}{w['p50'] / max(f['p50'], 1e-6):>7.1f}"
                f"{w['p95'] / max(f['p95'], 1e-6):>7.1f}"
            )
    bundled = results["libraries"][0]
    print(
        f"\npeak RSS after the bundled library: {bundled['peak_rss_mb']:.0f} MB (budget 250); "
        f"whole run: {results['peak_rss_mb']:.0f} MB; total {results['total_seconds']:.0f} s"
    )
    print(
        "budgets: bundled p50 < 10 ms, p95 < 30 ms; 1,000 policies p95 < 50 ms "
        "(plain/phrase), < 150 ms (typo); bundled build < 2 s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
