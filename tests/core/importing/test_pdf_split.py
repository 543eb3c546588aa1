"""A PDF long enough to be read on two cores (the second half of its pages in a forked process)
reads exactly as on one, is refused with the usual message when a page of the second half is
damaged, and leaves no process behind when the time allowed is spent."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)
from PySide6.QtWidgets import QApplication

from guidance_app.core.errors import DocumentImportError
from guidance_app.core.importing import pdf, pdf_split
from guidance_app.core.importing.pdf import read_pdf
from tests.pdf_fixtures import policy_blocks, write_policy_pdf

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="pages are read in two processes on Linux only"
)


@pytest.fixture
def long_pdf(qapp: QApplication, tmp_path: Path) -> Path:
    path = tmp_path / "long.pdf"
    assert write_policy_pdf(path, policy_blocks(pages=6)) >= 2 * pdf_split.SPLIT_FROM_PAGES - 2
    return path


def test_two_cores_read_the_same_document_as_one(
    long_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    two = read_pdf(long_pdf)
    monkeypatch.setattr(pdf_split, "SPLIT_FROM_PAGES", 10_000)
    one = read_pdf(long_pdf)
    assert two.lines == one.lines
    assert two.removed == one.removed
    assert two.source_text == one.source_text
    assert two.title == one.title
    assert {line.where for line in two.lines} >= {f"page {n}" for n in range(2, 7)}


def test_a_damaged_page_in_the_second_half_is_refused_as_damaged(
    long_pdf: Path, tmp_path: Path
) -> None:
    """The forked process fails on it; this process reads that half again and refuses. The last
    page's text is set in a font whose matrix is names, not numbers: pdfminer fails only when
    it lays out that page."""
    writer = PdfWriter(clone_from=PdfReader(long_pdf))
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type3"),
            NameObject("/FontMatrix"): ArrayObject([NameObject("/a")] * 6),
            NameObject("/FontBBox"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/CharProcs"): DictionaryObject(),
            NameObject("/FirstChar"): NumberObject(0),
            NameObject("/LastChar"): NumberObject(0),
            NameObject("/Widths"): ArrayObject([NumberObject(0)]),
        }
    )
    contents = DecodedStreamObject()
    contents.set_data(b"BT /F9 12 Tf (abc) Tj ET")
    last = writer.pages[-1]
    last[NameObject("/Contents")] = writer._add_object(contents)
    fonts = DictionaryObject({NameObject("/F9"): writer._add_object(font)})
    last[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    damaged = tmp_path / "damaged.pdf"
    writer.write(damaged)
    with pytest.raises(DocumentImportError) as raised:
        read_pdf(damaged)
    assert str(raised.value) == (
        "damaged.pdf is damaged and cannot be read as a PDF: open it in a PDF viewer and save "
        "(or print) it as a new PDF, or ask for the original Word document."
    )
    assert multiprocessing.active_children() == []


def test_when_the_time_is_spent_no_process_is_left_reading(
    long_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "MAX_SECONDS", 0.0)
    monkeypatch.setattr(pdf, "MAX_SECONDS_PER_PAGE", 0.0)
    with pytest.raises(DocumentImportError, match="took more than 0 seconds to read"):
        read_pdf(long_pdf)
    assert multiprocessing.active_children() == []
