"""`make bench`: content load, index build and search latency against the budgets in DESIGN.md.

Measures, in one run: load_library on the bundled content (median of 25); index build time;
per-query latency (p50/p95, with highlighted snippets for the 10 hits shown) over realistic staff
queries (plain, phrase, typo) on the bundled library and on realistic libraries of 100 and 1,000
policies of 20 kinds (large_library.py) written to a temporary folder; the same queries over the
same text on SQLite FTS5 and tantivy (bench_baselines.py says how each is set up), with ratios;
at 1,000 policies, a fresh process opening the built index: its first query and its peak memory,
and one policy changed: re-indexed and searchable (bench_update.py);
the slowest of a few thousand fuzzed queries on the bundled and 1,000-policy libraries against
the search's time budget (bench_fuzz.py). Prints a table and writes bench-results.json.
`--only build|queries|update`: that part alone at 1,000 policies (a quicker check).
"""

from __future__ import annotations

import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_baselines import Fts5, Tantivy, tantivy_missing  # noqa: E402
from bench_fuzz import measure_fuzzed, print_fuzzed  # noqa: E402
from bench_update import measure_update  # noqa: E402
from large_library import write_large_library  # noqa: E402

from guidance_app.core.content.loader import load_library  # noqa: E402
from guidance_app.core.content.model import Library  # noqa: E402
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


# --- measurements -----------------------------------------------------------------------------


def measure_whoosh(engine: SearchEngine) -> tuple[dict[str, list[float]], int]:
    """Samples by kind of query, and how many queries found anything."""
    samples: dict[str, list[float]] = {"plain": [], "phrase": [], "typo": []}
    engine.search("warm up")
    answered = 0
    for number in range(ROUNDS):
        for kind, text in QUERIES:
            engine._analysed.clear()  # snippets computed afresh: no help from earlier rounds
            elapsed, found = timed(lambda text=text: engine.search(text, limit=SHOWN))
            samples[kind].append(elapsed)
            answered += bool(found.hits) and number == 0
    return samples, answered


def measure_baseline(engine: Fts5 | Tantivy) -> tuple[dict[str, list[float]], int]:
    """Its samples, as measure_whoosh's, and how many queries found anything."""
    samples: dict[str, list[float]] = {"plain": [], "phrase": [], "typo": []}
    engine.search("warm up", SHOWN)
    answered = 0
    for number in range(ROUNDS):
        for kind, text in QUERIES:
            elapsed, hits = timed(lambda text=text: engine.search(text, SHOWN))
            samples[kind].append(elapsed)
            answered += bool(hits) and number == 0
    return samples, answered


def summarise(samples: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    every = [v for values in samples.values() for v in values]
    rows = {"all": every, **samples}
    return {
        name: {"p50": statistics.median(v), "p95": percentile(v, 0.95)} for name, v in rows.items()
    }


def bench_library(name: str, library: Library, cache: Path, fuzz: bool) -> dict[str, Any]:
    entries = library_entries(library)
    build_ms, engine = timed(lambda: SearchEngine.open(library, cache_dir=cache / name))
    engine.close()
    open_ms, engine = timed(lambda: SearchEngine.open(library, cache_dir=cache / name))
    samples, answered = measure_whoosh(engine)
    row: dict[str, Any] = {
        "library": name,
        "policies": sum(len(s.policies) for s in library.schools),
        "documents": len(entries),
        "index_build_ms": build_ms,
        "index_open_ms": open_ms,
        "whoosh": summarise(samples),
        "answered": {"ours": answered},
        "baselines": {},
        "build_ms": {},
        "fuzzed": measure_fuzzed(engine, SHOWN) if fuzz else None,
    }
    engine.close()
    synonyms = [g.terms for g in library.synonyms]
    makers: list[tuple[str, Callable[[], Fts5 | Tantivy]]] = [
        ("FTS5", lambda: Fts5(entries, synonyms, cache / f"{name}-fts5.sqlite"))
    ]
    if tantivy_missing() is None:
        makers.append(("tantivy", lambda: Tantivy(entries, synonyms, cache / f"{name}-tantivy")))
    for label, make in makers:
        row["build_ms"][label], baseline = timed(make)
        samples, row["answered"][label] = measure_baseline(baseline)
        row["baselines"][label] = summarise(samples)
        baseline.close()
    row["peak_rss_mb"] = peak_mb()
    return row


def cold_start(folder: Path, cache: Path) -> dict[str, float]:
    """A fresh process opens the index built for `folder` in `cache`: its load, open and first
    queries, and its peak memory (the files are in the OS's disk cache: a warm disk)."""
    script = Path(__file__).resolve()
    done = subprocess.run(
        [sys.executable, str(script), "--cold", str(folder), str(cache)],
        check=True,
        capture_output=True,
        text=True,
    )
    cold: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return cold


def cold_child(folder: Path, cache: Path) -> None:
    """The fresh process of cold_start: prints its measurements as one line of JSON."""
    load_ms, loaded = timed(lambda: load_library(folder))
    open_ms, engine = timed(lambda: SearchEngine.open(loaded.library, cache_dir=cache))
    first = {
        kind: timed(lambda text=text: engine.search(text, limit=SHOWN))[0]
        for kind, text in (("plain", PLAIN[0]), ("phrase", PHRASE[0]), ("typo", TYPO[0]))
    }
    after_first = peak_mb()
    for _, text in QUERIES:
        engine.search(text, limit=SHOWN)
    result = {
        "load_ms": load_ms,
        "open_ms": open_ms,
        **{f"first_{kind}_ms": ms for kind, ms in first.items()},
        "to_first_result_ms": load_ms + open_ms + first["plain"],
        "peak_rss_mb_after_first": after_first,
        "peak_rss_mb_after_all": peak_mb(),
    }
    print(json.dumps(result))


def only(part: str) -> int:
    """`bench.py --only build|queries|update`: that part alone, at 1,000 policies."""
    bundled = load_library(CONTENT).library
    with tempfile.TemporaryDirectory(prefix="guidance-bench-") as temp:
        folder = write_large_library(Path(temp) / "large-1000", 1000, bundled=bundled)
        library = load_library(folder).library
        cache = Path(temp) / "cache" / "large-1000"
        build_ms, engine = timed(lambda: SearchEngine.open(library, cache_dir=cache))
        print(f"full build at 1,000 policies: {build_ms:.0f} ms")
        if part == "queries":
            rows = summarise(measure_whoosh(engine)[0])
            for kind, row in rows.items():
                print(f"  {kind:<7} p50 {row['p50']:.2f} ms, p95 {row['p95']:.2f} ms")
        engine.close()
        if part == "update":
            update = measure_update(folder, cache)
            print(f"one policy changed: {_update_line(update)}")
    return 0


def _update_line(update: dict[str, Any]) -> str:
    each = ", ".join(f"{ms:.0f}" for ms in update["samples_ms"])
    return f"median {update['median_ms']:.0f} ms, max {update['max_ms']:.0f} ms ({each})"


def main() -> int:
    if sys.argv[1:2] == ["--cold"]:
        cold_child(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    if sys.argv[1:2] == ["--only"] and sys.argv[2:3] in (["build"], ["queries"], ["update"]):
        return only(sys.argv[2])
    started = time.perf_counter()
    load_times = [timed(lambda: load_library(CONTENT))[0] for _ in range(25)]
    bundled = load_library(CONTENT).library
    missing = tantivy_missing()
    if missing:
        print(f"bench: no tantivy baseline: {missing}")
    results: dict[str, Any] = {
        "machine": f"{platform.platform()}, {platform.python_version()}",
        "queries": {"plain": len(PLAIN), "phrase": len(PHRASE), "typo": len(TYPO)},
        "content_load_ms_median": statistics.median(load_times),
        "tantivy_missing": missing,
        "libraries": [],
    }
    with tempfile.TemporaryDirectory(prefix="guidance-bench-") as temp:
        cache = Path(temp) / "cache"
        results["libraries"].append(bench_library("bundled", bundled, cache, fuzz=True))
        for policies in (100, 1000):
            name = f"large-{policies}"
            folder = write_large_library(Path(temp) / name, policies, bundled=bundled)
            load_ms, loaded = timed(lambda folder=folder: load_library(folder))
            row = bench_library(name, loaded.library, cache, fuzz=policies == 1000)
            row["content_load_ms"] = load_ms
            results["libraries"].append(row)
        results["cold_1000"] = cold_start(folder, cache / name)
        results["update_1000"] = measure_update(folder, cache / name)
    results["total_seconds"] = time.perf_counter() - started
    results["peak_rss_mb"] = peak_mb()
    print_table(results)
    print_fuzzed(results)
    out = ROOT / "bench-results.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten: {out}")
    return 0


def _pair(p50: float, p95: float, digits: int) -> str:
    return f"{p50:.{digits}f}/{p95:.{digits}f}".rjust(14)


def print_table(results: dict[str, Any]) -> None:
    print(f"machine: {results['machine']}")
    print(
        f"content load (bundled, median of 25): {results['content_load_ms_median']:.1f} ms "
        "(budget 200 ms)"
    )
    labels = list(results["libraries"][0]["baselines"])
    header = f"{'library':<12}{'docs':>7}{'build ms':>10}{'open ms':>9}  {'kind':<7}{'ours':>14}"
    header += "".join(f"{label:>14}{'ours/' + label:>14}" for label in labels)
    print("\nsearch with snippets, p50/p95 ms (ratio > 1: ours slower)")
    print(header)
    print("-" * len(header))
    for row in results["libraries"]:
        for number, kind in enumerate(("all", "plain", "phrase", "typo")):
            w = row["whoosh"][kind]
            lead = (
                f"{row['library']:<12}{row['documents']:>7}{row['index_build_ms']:>10.0f}"
                f"{row['index_open_ms']:>9.0f}"
                if number == 0
                else " " * 38
            )
            line = f"{lead}  {kind:<7}{_pair(w['p50'], w['p95'], 2)}"
            for label in labels:
                b = row["baselines"][label][kind]
                line += _pair(b["p50"], b["p95"], 2)
                line += _pair(w["p50"] / max(b["p50"], 1e-6), w["p95"] / max(b["p95"], 1e-6), 1)
            print(line)
        built = ", ".join(f"{k} {v:.0f} ms" for k, v in row["build_ms"].items())
        answered = ", ".join(f"{k} {v}" for k, v in row["answered"].items())
        print(
            f"{'':<40}baseline builds: {built}; queries with hits (of {len(QUERIES)}): {answered}"
        )
    print("\nwhat each time includes:")
    print(
        "  ours: parse (stop words, synonyms, typo correction), candidates, BM25F, snippets of 10"
    )
    print(f"  FTS5: {Fts5.includes}")
    print(f"  tantivy: {Tantivy.includes}")
    if results["tantivy_missing"]:
        print(f"  no tantivy column: {results['tantivy_missing']}")
    cold = results["cold_1000"]
    print(
        f"\ncold start at 1,000 policies (fresh process, index on disk, warm OS disk cache): "
        f"content load {cold['load_ms']:.0f} ms, index open {cold['open_ms']:.0f} ms, "
        f"first query {cold['first_plain_ms']:.0f} ms (then first phrase "
        f"{cold['first_phrase_ms']:.0f} ms, first typo {cold['first_typo_ms']:.0f} ms); "
        f"load + open + first query {cold['to_first_result_ms']:.0f} ms"
    )
    print(
        f"peak memory (ru_maxrss) of that process: {cold['peak_rss_mb_after_first']:.0f} MB after "
        f"the first query, {cold['peak_rss_mb_after_all']:.0f} MB after all {len(QUERIES)} queries"
    )
    print(
        f"one policy changed at 1,000 policies, open to first result (index updated): "
        f"{_update_line(results['update_1000'])}"
    )
    bundled = results["libraries"][0]
    print(
        f"peak RSS of this run after the bundled library: {bundled['peak_rss_mb']:.0f} MB "
        f"(budget 250); whole run: {results['peak_rss_mb']:.0f} MB; "
        f"total {results['total_seconds']:.0f} s"
    )
    print(
        "budgets: bundled p50 < 10 ms, p95 < 30 ms; 1,000 policies p95 < 50 ms "
        "(plain/phrase), < 150 ms (typo); bundled build < 2 s"
    )
    print(
        "issue 18's targets: 1,000 policies p95 <= 25 ms (plain, phrase), <= 50 ms (typo); "
        "cold first query <= 200 ms; one policy changed <= 2 s; full build <= 15 s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
