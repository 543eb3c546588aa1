"""How long importing a 50-page policy takes, as a Word document and as a PDF.

    python dev_tools/bench_import.py [--runs N] [--pages N]

Writes the realistic policies the tests use (tests/docx_fixtures.policy_docx, and
tests/pdf_fixtures.write_policy_pdf of policy_blocks(): Qt's PDF writer places each glyph on its
own, the slowest kind of PDF to read) to a temporary folder, then times the real
`draft_from_file` (reading, cleaning, the draft and its report; nothing written) on each, wall
clock, and prints the median against the budget (issue 16: at most 5 s for 50 pages on a
2-core machine). Results are added to bench-results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from guidance_app.core.importing.importer import draft_from_file  # noqa: E402
from tests.docx_fixtures import policy_docx  # noqa: E402
from tests.pdf_fixtures import policy_blocks, write_policy_pdf  # noqa: E402

BUDGET_S = 5.0


def _median_seconds(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        draft_from_file(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication([])  # Qt's PDF writer measures text
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as temp:
        docx = policy_docx(Path(temp) / "policy.docx", pages=args.pages)
        pdf = Path(temp) / "policy.pdf"
        write_policy_pdf(pdf, policy_blocks(pages=args.pages))
        for kind, path in (("docx", docx), ("pdf", pdf)):
            results[kind] = _median_seconds(path, args.runs)
            verdict = "ok" if results[kind] <= BUDGET_S else "OVER"
            print(
                f"import {kind} {args.pages} pages: p50 {results[kind]:.2f} s "
                f"(budget {BUDGET_S:g} s) {verdict}",
                flush=True,
            )
    del app
    out = ROOT / "bench-results.json"
    saved = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    saved["import"] = {"pages": args.pages, "runs": args.runs, "p50_s": results}
    out.write_text(json.dumps(saved, indent=2), encoding="utf-8")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
