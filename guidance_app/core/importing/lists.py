"""Which lists give a clause per item.

A list whose items are rules in their own right ("must not be used in an abusive manner", "Staff
should set up a distinct account for educational purposes.") gives a clause per item, so a
ruling can cite the one rule it rests on. A list of phrases that complete their lead-in
(purposes, examples, the names of Acts, items ending in ";") stays one clause with its lead-in.
An item is a rule when it says must, should, not or never, or is a sentence ending in a full
stop; a list is a list of rules when most of its items are.
"""

from __future__ import annotations

import re

from guidance_app.core.importing.source import LineKind, SourceLine

_MODAL = re.compile(r"\b(?:must|should|not|never)\b", re.I)
MOST_MODAL = 0.7
MOST_SENTENCES = 0.6
FEW_SEMICOLONS = 0.5


def rule_items(lines: list[SourceLine]) -> set[int]:
    """The indices in `lines` of the list items that start a clause of their own."""
    chosen: set[int] = set()
    index = 0
    while index < len(lines):
        if lines[index].kind != LineKind.LIST_ITEM:
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].kind == LineKind.LIST_ITEM:
            end += 1
        top = [i for i in range(index, end) if lines[i].list_level <= 1]
        if _are_rules([lines[i].text.rstrip() for i in top]):
            chosen.update(top)
        index = end
    return chosen


def _are_rules(items: list[str]) -> bool:
    if len(items) < 2:
        return False
    count = len(items)
    modal = sum(bool(_MODAL.search(text)) for text in items) / count
    sentences = sum(text.endswith(".") for text in items) / count
    semicolons = sum(text.endswith(";") for text in items) / count
    return semicolons < FEW_SEMICOLONS and (modal >= MOST_MODAL or sentences >= MOST_SENTENCES)
