"""Highlighted snippets: the part of a text with the most matched words, matches in <b>...</b>."""

from __future__ import annotations

import html
from collections.abc import Sequence

from guidance_app.core.search.analysis import analyse

SNIPPET_CHARS = 240
LEAD_CHARS = 40

Tokens = Sequence[tuple[str, int, int]]


def highlight_spans(text: str, highlight: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of every word in `text` whose analysed form is one of `highlight`."""
    return [(start, end) for term, start, end in analyse(text) if term in highlight]


def snippet_html(text: str, tokens: Tokens, highlight: frozenset[str]) -> str:
    """HTML for the best window of `text` (tokens from `analyse(text)`), matches in bold."""
    matches = [(start, end) for term, start, end in tokens if term in highlight]
    begin, finish = _window(text, tokens, highlight)
    parts: list[str] = ["…"] if begin > 0 else []
    cursor = begin
    for start, end in matches:
        if start < begin or end > finish:
            continue
        parts.append(html.escape(text[cursor:start]))
        parts.append(f"<b>{html.escape(text[start:end])}</b>")
        cursor = end
    parts.append(html.escape(text[cursor:finish]))
    if finish < len(text):
        parts.append("…")
    return " ".join("".join(parts).split())


def _window(text: str, tokens: Tokens, highlight: frozenset[str]) -> tuple[int, int]:
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text)
    best_start, best_score = 0, -1
    for i, (term, start, _) in enumerate(tokens):
        if term not in highlight:
            continue
        seen = {term}
        for other, other_start, _ in tokens[i + 1 :]:
            if other_start >= start + SNIPPET_CHARS - LEAD_CHARS:
                break
            if other in highlight:
                seen.add(other)
        if len(seen) > best_score:
            best_start, best_score = start, len(seen)
    begin = max(0, best_start - LEAD_CHARS)
    if begin > 0:
        space = text.rfind(" ", 0, begin + 1)
        begin = space + 1 if space >= 0 and begin - space < 20 else begin
    finish = min(len(text), begin + SNIPPET_CHARS)
    if finish < len(text):
        space = text.rfind(" ", begin, finish)
        finish = space if space > begin + SNIPPET_CHARS // 2 else finish
    return begin, finish
