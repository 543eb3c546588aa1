"""`make bench`, one policy changed at 1,000 policies: re-indexed and searchable, how soon.

A copy of the large library and of its built index; then, ROUNDS times, one policy's clause
gains a new word and the changed library (already loaded, as the app has it when it notices
the change) is opened for search: its index is updated from the last one (only that policy
re-indexed, the build-aside, manifest and checks as always) and the new word searched for.
The time is from SearchEngine.open to that first result.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path
from typing import Any

from guidance_app.core.content.loader import load_library
from guidance_app.core.search import SearchEngine

ROUNDS = 3


def _change(policy: Path, word: str) -> None:
    text = policy.read_text(encoding="utf-8")
    at = text.index(" pupils ")  # a clause's words, after the front matter and headings
    policy.write_text(f"{text[:at]} pupils {word}{text[at + 7 :]}", encoding="utf-8")


def measure_update(folder: Path, cache: Path) -> dict[str, Any]:
    """Changes ROUNDS policies one after another in a copy of `folder`, whose index is in
    `cache`: each one's milliseconds from opening the changed library to the first result."""
    changed = folder.with_name(f"{folder.name}-changed")
    shutil.copytree(folder, changed)
    own_cache = cache.with_name(f"{cache.name}-changed")
    shutil.copytree(cache, own_cache)
    policies = sorted(changed.glob("schools/*/policies/*.md"))
    policies = [policy for policy in policies if " pupils " in policy.read_text("utf-8")]
    samples: list[float] = []
    for number in range(ROUNDS):
        word = f"zebracorn{'x' * number}"
        _change(policies[(number + 1) * len(policies) // (ROUNDS + 1)], word)
        library = load_library(changed).library
        start = time.perf_counter()
        with SearchEngine.open(library, cache_dir=own_cache) as engine:
            hits = engine.search(word, limit=10).hits
            samples.append((time.perf_counter() - start) * 1000)
            if not (engine.updated and hits):
                raise SystemExit(f"bench: the change was not updated and found ({word})")
    return {"samples_ms": samples, "median_ms": statistics.median(samples), "max_ms": max(samples)}
