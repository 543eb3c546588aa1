"""Paper that reads as one piece: an outcome slip whose last few lines would spill onto a page of
their own is set a little smaller to keep them on the page before, and a quoted clause still
never prints apart from its citation. Every one of a school's slips, as real PDF files."""

from __future__ import annotations

import datetime
from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.render.slip import slip_html
from guidance_app.ui.pdf import write_pdf

FEW_WORDS = 40  # a last page with fewer words than this is a page of spilled lines


def test_no_slip_ends_on_a_page_of_a_few_spilled_lines(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    spilled, longer = [], 0
    for situation in library.situations:
        outcome = outcome_for(library, "stokes-wood", situation)
        path = tmp_path / f"{situation.replace('/', '-')}.pdf"
        pages = write_pdf(slip_html(outcome, [], datetime.date(2026, 12, 1)), path, "slip")
        if pages < 2:
            continue
        longer += 1
        words = (PdfReader(str(path)).pages[-1].extract_text() or "").split()
        if len(words) < FEW_WORDS:
            spilled.append(f"{situation}: {' '.join(words)[:80]}")
    assert longer > 0  # some answers do need a second page, and keep it
    assert spilled == []
