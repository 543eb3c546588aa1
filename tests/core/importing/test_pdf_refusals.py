"""What the PDF reader refuses, each with a message that says what to do: a file that is not a
PDF, an incomplete or damaged one, one locked with a password, a scan, one too long or too large,
something that is not a regular file. And what it reads although it looks odd: a PDF with only a
permissions lock (an empty password), a policy with one scanned page among its text pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from guidance_app.core.errors import DocumentImportError
from guidance_app.core.importing import pdf
from guidance_app.core.importing.limits import MAX_IMPORT_BYTES
from guidance_app.core.importing.pdf import read_pdf
from guidance_app.core.importing.source import LineKind
from tests.pdf_fixtures import Block, write_policy_pdf, write_scan_pdf

SHORT_POLICY = [
    Block("title", "Online Safety Policy"),
    Block("para", "1.1 Staff never share their passwords with pupils or with each other."),
    Block("para", "1.2 Pupils use the school network only for their learning.", break_after_line=0),
]


@pytest.fixture
def policy_pdf(qapp: QApplication, tmp_path: Path) -> Path:
    path = tmp_path / "policy.pdf"
    write_policy_pdf(path, SHORT_POLICY)
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(DocumentImportError) as raised:
        read_pdf(path)
    return str(raised.value)


def test_a_text_file_named_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "policy.pdf"
    path.write_text("Online Safety Policy\n\n1.1 Staff never share passwords.\n")
    assert _refusal(path) == (
        "policy.pdf is not a PDF, although its name says so: open it in the program that made "
        "it and save it as a PDF or a Word document, then import that file."
    )


def test_a_pdf_locked_with_a_password_is_refused(policy_pdf: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(policy_pdf))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    assert _refusal(locked) == (
        "locked.pdf is locked with a password, so its text cannot be read: ask for a copy "
        "without a password, or for the original Word document."
    )


def test_a_pdf_with_only_a_permissions_lock_is_read(policy_pdf: Path, tmp_path: Path) -> None:
    """An empty password opens it in every PDF viewer without asking: its text is open."""
    writer = PdfWriter(clone_from=PdfReader(policy_pdf))
    writer.encrypt(user_password="", owner_password="governors")
    locked = tmp_path / "no-editing.pdf"
    writer.write(locked)
    assert PdfReader(locked).is_encrypted
    doc = read_pdf(locked)
    assert [line.number for line in doc.lines] == [None, "1.1", "1.2"]
    assert doc.title is None  # Qt writes an empty title when none is set


def test_a_truncated_pdf_is_refused(policy_pdf: Path, tmp_path: Path) -> None:
    data = policy_pdf.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    assert "cut.pdf is incomplete (the file stops before the PDF's end)" in _refusal(cut)


def test_a_damaged_pdf_is_refused(policy_pdf: Path, tmp_path: Path) -> None:
    """Its start and end are a PDF's; everything between is scrambled."""
    data = policy_pdf.read_bytes()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[:600] + bytes(b ^ 0x5A for b in data[600:-600]) + data[-600:])
    assert _refusal(damaged) == (
        "damaged.pdf is damaged and cannot be read as a PDF: open it in a PDF viewer and save "
        "(or print) it as a new PDF, or ask for the original Word document."
    )


def test_a_scan_is_refused(qapp: QApplication, tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    write_scan_pdf(scan, pages=2)
    assert _refusal(scan) == (
        "scan.pdf: this PDF is a scan (a picture of the pages), so there is no text to import: "
        "ask for the original Word document."
    )


def test_a_scanned_page_among_text_pages_is_listed(qapp: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "policy.pdf"
    write_policy_pdf(path, [*SHORT_POLICY, Block("picture", ""), *SHORT_POLICY[1:2]])
    doc = read_pdf(path)
    [picture] = [line for line in doc.removed if "only a picture" in line.reason]
    assert picture.where == "page 3"
    assert picture.reason.startswith("page 3 has no text, only a picture: its words (if any)")
    assert [line.where for line in doc.lines if line.kind is LineKind.PARAGRAPH] == [
        "page 1",
        "page 2",
        "page 4",
    ]


def test_a_pdf_of_too_many_pages_is_refused(qapp: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    for _ in range(pdf.MAX_PAGES):
        writer.newPage()
    painter.end()
    assert _refusal(path) == (
        f"long.pdf has {pdf.MAX_PAGES + 1} pages, more than the {pdf.MAX_PAGES} a policy can "
        "have here: import each part of it as a policy of its own."
    )


def test_a_pdf_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as file:
        file.write(b"%PDF-1.7\n")
        file.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk space used
    message = _refusal(path)
    assert message.startswith("huge.pdf cannot be imported: file is too large (52,428,801 bytes")
    assert "ask for the original Word document" in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_called_pdf_is_refused_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "pipe.pdf"
    os.mkfifo(path)
    assert _refusal(path) == (
        "pipe.pdf cannot be imported: this is not a regular file (it is a named pipe)."
    )


def test_reading_stops_when_the_time_allowed_is_spent(
    policy_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard against a PDF that keeps pdfminer busy for minutes, with no time allowed."""
    monkeypatch.setattr(pdf, "MAX_SECONDS", 0.0)
    monkeypatch.setattr(pdf, "MAX_SECONDS_PER_PAGE", 0.0)
    assert _refusal(policy_pdf) == (
        "policy.pdf took more than 0 seconds to read, so it is probably damaged: save it again "
        "as PDF from the program that made it, or ask for the original Word document."
    )
