"""Which glossary terms a search names.

A search names a term when the term, what it stands for or one of its other names appears in it
as whole words (plurals and the like folded, as search folds them). A term that is also an
everyday word ("Prevent", "Channel") names itself only when the search is just that word
("Prevent", "what is channel?"), or when it is written with its capital after the first word
("a Channel referral"): "prevent pupils seeing my posts" is not about the Prevent duty.
"""

from __future__ import annotations

from collections.abc import Sequence

from guidance_app.core.content.glossary import GlossaryTerm
from guidance_app.core.search.analysis import is_query_stop, normalise, words

# Words around a term in a question about what it means: "what does LADO stand for?"
_ASKING = frozenset(
    {"mean", "means", "meaning", "stand", "stands", "for", "definition", "define", "explain"}
    | {"term", "acronym", "abbreviation", "who", "whats"}
)


def terms_named(glossary: Sequence[GlossaryTerm], *searches: str | None) -> list[GlossaryTerm]:
    """The terms any of `searches` names (what was typed, and its spelling-corrected form), in
    the order they are named. Where the same words are one term's own name and another's other
    name (DSP), only the term whose own name it is is shown."""
    named: dict[str, tuple[int, GlossaryTerm]] = {}
    for text in searches:
        if not text:
            continue
        typed = [(word, text[start:end]) for word, start, end in words(text)]
        folded = [normalise(word) for word, _ in typed]
        claimed: set[tuple[int, int]] = set()
        for own in (True, False):
            for term in glossary:
                names = term.own_names if own else tuple(o.name for o in term.also_called)
                for name in names:
                    for span in _spans(_fold(name), folded):
                        if not own and span in claimed:
                            continue
                        everyday = own and term.everyday_word and name == term.term
                        if everyday and not _means_the_term(typed, span):
                            continue
                        claimed.add(span)
                        first = min(span[0], named.get(term.term, (span[0], term))[0])
                        named[term.term] = (first, term)
    return [term for _, term in sorted(named.values(), key=lambda item: item[0])]


def _fold(name: str) -> list[str]:
    return [normalise(word) for word, _, _ in words(name)]


def _spans(name: list[str], folded: list[str]) -> list[tuple[int, int]]:
    size = len(name)
    if not size:
        return []
    return [(i, i + size) for i in range(len(folded) - size + 1) if folded[i : i + size] == name]


def _means_the_term(typed: list[tuple[str, str]], span: tuple[int, int]) -> bool:
    """For an everyday word: the search is just the term, or the term has its capital letter
    and is not the first word (where every word may have one)."""
    start, end = span
    rest = [word for i, (word, _) in enumerate(typed) if not start <= i < end]
    if all(is_query_stop(word) or word in _ASKING for word in rest):
        return True
    return start > 0 and typed[start][1][:1].isupper()
