"""Benchmark: loading and validating the whole bundled library (budget: under 200 ms).

Reports the median and p95 of repeated loads, and a baseline measured in the same run (parsing
the same YAML files with PyYAML's own C loader, no positions or checks), so the ratio tells what
our safety checks cost on a noisy machine.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

import yaml

from guidance_app.core.content.loader import load_library
from guidance_app.core.locations import bundled_content_dir

RUNS = 40


def _times(action: object, runs: int = RUNS) -> list[float]:
    assert callable(action)
    action()  # warm up: imports, schema cache
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        found.append((time.perf_counter() - start) * 1000)
    return found


def main(out: Path | None = None) -> dict[str, float]:
    content = bundled_content_dir()
    yaml_files = sorted(content.rglob("*.yaml"))

    def baseline() -> None:
        for path in yaml_files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    ours = _times(lambda: load_library(content))
    base = _times(baseline)
    result = {
        "load_median_ms": statistics.median(ours),
        "load_p95_ms": statistics.quantiles(ours, n=20)[-1],
        "baseline_median_ms": statistics.median(base),
    }
    result["ratio_to_baseline"] = result["load_median_ms"] / result["baseline_median_ms"]
    print(
        f"Loading + validating the bundled library ({RUNS} runs): median "
        f"{result['load_median_ms']:.1f} ms, p95 {result['load_p95_ms']:.1f} ms (budget 200 ms)"
    )
    print(
        f"Baseline, plain yaml.CSafeLoader over the same {len(yaml_files)} YAML files: median "
        f"{result['baseline_median_ms']:.1f} ms; ratio {result['ratio_to_baseline']:.1f}x"
    )
    if out is not None:
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
