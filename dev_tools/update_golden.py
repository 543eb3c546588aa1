"""Rewrite tests/content/golden/*.json from the live content: every path, every school."""

from __future__ import annotations

import json
from pathlib import Path

from guidance_app.core.content.loader import load_library
from guidance_app.core.guidance.transcripts import path_records
from guidance_app.core.locations import bundled_content_dir

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "content" / "golden"


def main() -> int:
    result = load_library(bundled_content_dir())
    if result.problems:
        print("Fix the content first (guidance-app validate).")
        return 1
    GOLDEN.mkdir(exist_ok=True)
    for wizard in result.library.wizards:
        records = path_records(result.library, wizard, None)
        text = json.dumps(records, indent=2, ensure_ascii=False) + "\n"
        (GOLDEN / f"{wizard.id}.json").write_text(text, encoding="utf-8")
        print(f"{wizard.id}: {len(records)} paths x schools")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
