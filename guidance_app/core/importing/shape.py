"""Headings in plain text, found by their shape.

A heading is a short line standing alone, without a full stop or a comma, that is followed by the
text it heads: a paragraph, a list, a numbered clause ("Purpose", "Who should take
Responsibility?", "2. Aims", "1.0 OVERVIEW AND INTRODUCTION"). A lead-in such as "This policy
aims to:" looks the same but is followed by its list, so it stays a paragraph. A short line
followed by another short line (a flow chart's boxes, a signature block) is not a heading. A
heading followed at once by another heading that heads text is a group heading ("Safeguarding
and Child Protection" over "Friendships with students"): the headings under it go one level down.
"""

from __future__ import annotations

import re

from guidance_app.core.importing.plain_blocks import Block
from guidance_app.core.importing.source import LineKind

MAX_HEADING_WORDS = 10
MAX_NUMBERED_HEADING_WORDS = 16
MAX_GROUP_HEADING_WORDS = 6
# A heading does not end in the middle of a phrase.
_DANGLING = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "of",
        "on",
        "or",
        "the",
        "to",
        "was",
        "were",
        "with",
    ]
)
_LABEL = re.compile(r"^[^:]{1,60}:\s+\S")
_DATE = re.compile(
    r"^(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\.?,?\s+\d{4}$|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$",
    re.I,
)
_TOP_NUMBER = re.compile(r"^\d{1,3}(?:\.0)?\.?$")  # "1.", "1.0", "6.0.", "2)" is not one


def find_headings(blocks: list[Block]) -> set[int]:
    """The ids (id()) of the blocks that are headings; sets heading_level where it is known."""
    following = {id(b): blocks[i + 1] for i, b in enumerate(blocks[:-1])}
    direct = {id(b) for b in blocks if _is_heading(b, following.get(id(b)))}
    groups = set()
    for index, block in enumerate(blocks):
        after = following.get(id(block))
        before = blocks[index - 1] if index else None
        if (
            after is not None
            # not the last of a run of short lines ("Referral made", "Case closed")
            and (before is None or id(before) in direct or not _heading_shaped(before))
            and id(block) not in direct
            and id(after) in direct
            and after.number is None
            and block.alone
            and _heading_shaped(block)
            and len(block.text.split()) <= MAX_GROUP_HEADING_WORDS
        ):
            groups.add(id(block))
    level = 1
    for block in blocks:
        if id(block) in groups:
            block.heading_level, level = 1, 2
        elif id(block) in direct and block.number is None:
            block.heading_level = level
    return direct | groups


def _is_heading(block: Block, after: Block | None) -> bool:
    if not block.alone or after is None:
        return False
    if block.text.rstrip().endswith(":") and after.kind == LineKind.LIST_ITEM:
        return False  # a lead-in to its list
    if block.number is not None:
        return _numbered_heading(block, after)
    return _heading_shaped(block) and _heads_text(after)


def _numbered_heading(block: Block, after: Block) -> bool:
    text = block.text.rstrip()
    if block.kind == LineKind.PARAGRAPH and re.match(r"^\d+\.0\.?$", block.number or ""):
        return True  # "5.0 USE OF SCHOOL SITES ... [include this Section only if relevant]"
    top = bool(_TOP_NUMBER.match(block.number or ""))
    return (
        (block.kind == LineKind.PARAGRAPH or top)
        and len(text.split()) <= MAX_NUMBERED_HEADING_WORDS
        and text[-1:] not in ".:;,"
        and (_heads_text(after) or after.number is not None)
    )


def _heading_shaped(block: Block) -> bool:
    text = block.text.strip()
    words = text.split()
    return (
        block.kind == LineKind.PARAGRAPH
        and 1 <= len(words) <= MAX_HEADING_WORDS
        and "," not in text
        and text[-1:] not in ".;"
        and not text[:1].islower()
        and not _LABEL.match(text)
        and not _DATE.match(text)
        and words[-1].casefold().strip("'\"()") not in _DANGLING
    )


def _heads_text(block: Block) -> bool:
    """Is this block body text a heading can stand over?"""
    text = block.text.rstrip()
    if block.number is not None and block.alone and _TOP_NUMBER.match(block.number):
        return (
            text[-1:] in ".:;,"
        )  # "1. Rationale" is the next heading; "1. Staff must ..." is text
    if block.kind == LineKind.LIST_ITEM or block.number is not None:
        return True
    if block.kind != LineKind.PARAGRAPH or _LABEL.match(text):
        return False
    return text.endswith(":") or (not _heading_shaped(block) and len(text.split()) >= 3)
