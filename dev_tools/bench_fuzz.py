"""`make bench`, fuzzed queries: the slowest of a few thousand hostile or careless queries.

The fuzz test (tests/core/test_search_fuzz.py) proves any text gives results or none; this
measures how long the worst of such texts takes, with snippets, against the search's time budget.
The queries come from a fixed seed, so every run times the same ones: words from the library's
vocabulary, several quoted phrases of its commonest words (the slowest kind), typos, the fuzz
test's query syntax and control characters, and very long strings.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from guidance_app.core.search import SearchEngine
from guidance_app.core.search.deadline import TIME_BUDGET
from tests.core.search.test_search_fuzz import SYNTAX

COUNT = 2000
SLOWEST = 5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _typo(rng: random.Random, word: str) -> str:
    for _ in range(rng.choice((1, 1, 2))):
        at = rng.randrange(len(word))
        edit = rng.choice(("swap", "drop", "add", "change"))
        if edit == "swap" and at < len(word) - 1:
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        elif edit == "drop" and len(word) > 1:
            word = word[:at] + word[at + 1 :]
        elif edit == "add":
            word = word[:at] + rng.choice(_LETTERS) + word[at:]
        else:
            word = word[:at] + rng.choice(_LETTERS) + word[at + 1 :]
    return word


def fuzzed_queries(vocabulary: dict[str, int], count: int = COUNT, seed: int = 13) -> list[str]:
    """`count` queries of every kind, in a fixed order for a given seed."""
    rng = random.Random(seed)
    words = sorted(vocabulary)
    common = sorted(words, key=lambda w: (-vocabulary[w], w))[:60]
    glue = ["the", "of", "and", "to", "a", "in", "not", "must", "be", "is", "are", "or"]
    makers: list[Callable[[], str]] = [
        lambda: " ".join(rng.choices(words, k=rng.randint(1, 8))),
        lambda: " ".join(rng.choices(common + glue, k=rng.randint(3, 24))),
        lambda: " ".join(
            '"' + " ".join(rng.choices(common + glue, k=rng.randint(2, 4))) + '"'
            for _ in range(rng.randint(2, 6))
        ),
        lambda: (
            '"'
            + " ".join(rng.choices(common, k=rng.randint(2, 3)))
            + '" '
            + " ".join(rng.choices(common, k=rng.randint(1, 4)))
        ),
        lambda: " ".join(_typo(rng, w) for w in rng.choices(words, k=rng.randint(1, 6))),
        lambda: "".join(rng.choices(SYNTAX + words[:200], k=rng.randint(1, 16))),
        lambda: " ".join(rng.choices(SYNTAX + common, k=rng.randint(1, 16))),
        lambda: "".join(rng.choices(_LETTERS, k=rng.randint(20, 600))),
        lambda: (" ".join(rng.choices(common, k=3)) + " ") * rng.randint(10, 500),
        lambda: '"' * rng.randint(1, 50) + " ".join(rng.choices(common, k=30)),
        lambda: "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(1, 40))),
    ]
    return [rng.choice(makers)() for _ in range(count)]


def measure_fuzzed(engine: SearchEngine, shown: int) -> dict[str, Any]:
    """Time every fuzzed query through `engine.search` with snippets for `shown` hits, each
    with nothing left over from the last (no analysed text kept), as the worst case."""
    queries = fuzzed_queries(engine._speller.counts, COUNT)
    timings: list[tuple[float, str, bool]] = []
    for text in queries:
        engine._analysed.clear()
        start = time.perf_counter()
        results = engine.search(text, limit=shown)
        timings.append(((time.perf_counter() - start) * 1000, text, results.cut_short))
    ordered = sorted(timings, key=lambda item: -item[0])
    at_p99 = ordered[min(len(ordered) - 1, len(ordered) // 100)]
    return {
        "queries": len(queries),
        "budget_ms": TIME_BUDGET * 1000,
        "max_ms": ordered[0][0],
        "p99_ms": at_p99[0],
        "cut_short": sum(1 for _, _, cut in timings if cut),
        "within_budget": ordered[0][0] <= TIME_BUDGET * 1000,
        "slowest": [
            {"ms": ms, "query": _shown(text), "cut_short": cut}
            for ms, text, cut in ordered[:SLOWEST]
        ],
    }


def _shown(text: str) -> str:
    """A query as it can be printed and stored: escapes for the unprintable, long ones cut."""
    shown = text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= 120 else f"{shown[:117]}... ({len(text)} characters)"


def print_fuzzed(results: dict[str, Any]) -> None:
    print(
        f"\nfuzzed queries (the slowest of {COUNT}, snippets included; budget "
        f"{TIME_BUDGET * 1000:.0f} ms per query):"
    )
    for row in results["libraries"]:
        fuzz = row.get("fuzzed")
        if not fuzz:
            continue
        verdict = "within budget" if fuzz["within_budget"] else "OVER BUDGET"
        print(
            f"  {row['library']:<16} max {fuzz['max_ms']:7.1f} ms  p99 {fuzz['p99_ms']:7.1f} ms  "
            f"cut short {fuzz['cut_short']:>4}  {verdict}"
        )
        for slow in fuzz["slowest"]:
            mark = " (cut short)" if slow["cut_short"] else ""
            print(f"    {slow['ms']:7.1f} ms  {slow['query']}{mark}")
