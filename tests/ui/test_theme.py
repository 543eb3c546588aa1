"""The looks: the rich-text styles and the HTML they style agree (every class the core's HTML
carries is styled in each style of a pane that shows it, no style names a class nothing emits,
and every class is one of core/render/classes.py's constants); the widgets' stylesheet reaches
the bar across the top.

The HTML is the real thing: every policy, every school's outcome for every situation, every
comparison, and the results of real searches of the bundled library."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from guidance_app.core.content.model import Library
from guidance_app.core.guidance.compare import compare_html
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.render import classes
from guidance_app.core.render.html import outcome_html, policy_html
from guidance_app.core.render.results import hit_html
from guidance_app.core.search.engine import SearchEngine
from guidance_app.ui import theme
from tests.ui.conftest import MakeWindow

_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
_CLASS_SELECTOR = re.compile(r"\.([A-Za-z][\w-]*)")
SEARCHES = ("friend request", "photos", "whatsapp group with parents", "mobile phone")


def _emitted(pages: Iterable[str]) -> set[str]:
    return {
        name for page in pages for match in _CLASS_ATTRIBUTE.findall(page) for name in match.split()
    }


def _styled(css: str) -> set[str]:
    return set(_CLASS_SELECTOR.findall(css))


def _outcomes(library: Library, links: bool) -> list[str]:
    return [
        outcome_html(outcome_for(library, school.id, situation), links=links)
        for school in library.schools
        for situation in library.situations
    ]


@pytest.fixture(scope="module")
def reading(library: Library) -> set[str]:
    """What the reading panes show: policies, outcomes (the self-check's without links), and
    comparisons."""
    policies = [policy_html(policy) for school in library.schools for policy in school.policies]
    compared = [compare_html(library, situation) for situation in library.situations]
    outcomes = _outcomes(library, links=True) + _outcomes(library, links=False)
    return _emitted(policies + outcomes + compared)


@pytest.fixture(scope="module")
def presented(library: Library) -> set[str]:
    """What presenter mode shows: outcomes without links, and comparisons."""
    compared = [compare_html(library, situation) for situation in library.situations]
    return _emitted(_outcomes(library, links=False) + compared)


@pytest.fixture(scope="module")
def results(library: Library, index_cache: Path) -> set[str]:
    """What the results list shows, for searches finding guided answers and clauses."""
    engine = SearchEngine.open(library, index_cache)
    try:
        hits = [
            hit
            for query in SEARCHES
            for school in library.schools
            for hit in engine.search(query, school=school.id).hits
        ]
    finally:
        engine.close()
    assert {hit.kind for hit in hits} >= {"wizard", "section"}
    return _emitted(hit_html(hit, library) for hit in hits)


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_the_reading_style_styles_exactly_the_classes_the_reading_panes_show(
    colours: theme.Colours, reading: set[str]
) -> None:
    assert _styled(theme.reading_css(colours)) == reading


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_the_results_style_styles_exactly_the_classes_a_result_carries(
    colours: theme.Colours, results: set[str]
) -> None:
    assert _styled(theme.results_css(colours)) == results


def test_the_presenter_style_styles_exactly_the_classes_presenter_mode_shows(
    presented: set[str],
) -> None:
    assert _styled(theme.PRESENTER_CSS) == presented


def test_paper_styles_no_class() -> None:
    assert _styled(theme.PRINT_CSS) == set()


def test_every_class_emitted_is_a_constant_of_render_classes_and_every_constant_is_emitted(
    reading: set[str], presented: set[str], results: set[str]
) -> None:
    constants = {value for name, value in vars(classes).items() if name.isupper()}
    assert reading | presented | results == constants


def test_the_bar_across_the_top_is_drawn_in_the_stylesheets_colours(
    make_window: MakeWindow,
) -> None:
    """The bar is a widget class of its own, which Qt draws no stylesheet background for unless
    asked: it must still look as style.qss says."""
    window = make_window("westhaven", search=False)
    bar = window.home_button.parentWidget()
    assert bar is not None and bar.objectName() == "topBar"
    image = window.grab().toImage()  # as on screen: a widget alone is drawn on its palette
    assert image.pixelColor(bar.mapTo(window, bar.rect().topLeft())).name() == theme.LIGHT.surface
