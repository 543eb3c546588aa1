"""A PDF's pages read on two cores: the second half in a forked process, the first half here.

pdfminer parses a page in pure Python, which for a PDF that places each glyph on its own (Qt's
writer does) is most of an import's time; two halves read at once take about half as long on a
machine with two cores. The child inherits the open document (fork: nothing of it is sent) and
sends back only plain values (str, float, int, bool), never an object of the PDF's. It works to
the same deadline as this process and is killed when that passes. If it fails for any reason
(a damaged page, a crash), this process reads its pages again itself, so a refusal is always
made here, with the usual message. Elsewhere than Linux (fork is unsafe on macOS, missing on
Windows) and for a short document, everything is read in this process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection

from pdfplumber.page import Page

from guidance_app.core.importing.pdf_layout import PdfWord
from guidance_app.core.importing.pdf_pages import PageContent, read_page

# Fewer pages than this are read here alone: a process costs more than it saves on a few pages.
SPLIT_FROM_PAGES = 4
# How long a finished child may take to exit once it has sent its pages.
_EXIT_WAIT = 5.0

_Word = tuple[str, float, float, float, float, float, bool]
_Plain = tuple[int, float, tuple[_Word, ...], str, bool]


def read_pages(
    pages: Sequence[Page], deadline: float, check: Callable[[], None]
) -> list[PageContent]:
    """Each page's content, in order. `check` is called after each page read here and raises
    once the time allowed (which ends at `deadline`, time.monotonic()) is spent."""
    if len(pages) < SPLIT_FROM_PAGES or not sys.platform.startswith("linux"):
        return _read_here(pages, check)
    half = (len(pages) + 1) // 2
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(sending, pages[half:], deadline), name="pdf-pages", daemon=True
    )
    try:
        child.start()
    except OSError:  # no process to be had (memory, a process limit): one core will do
        receiving.close()
        sending.close()
        return _read_here(pages, check)
    answered = False
    try:
        sending.close()  # the child's end: receiving sees the pipe close if the child dies
        first = _read_here(pages[:half], check)
        answered, second = _receive(receiving, deadline)
        if second is None:
            check()  # the time is spent: refused here; otherwise the child failed
            second = _read_here(pages[half:], check)
        return [*first, *second]
    finally:
        receiving.close()
        child.join(_EXIT_WAIT if answered else 0)  # an answered child is on its way out
        if child.is_alive():
            child.kill()
            child.join()
        child.close()


def _read_here(pages: Sequence[Page], check: Callable[[], None]) -> list[PageContent]:
    found: list[PageContent] = []
    for page in pages:
        found.append(read_page(page))
        page.close()  # its parsed objects are not needed again: memory stays flat
        check()
    return found


def _child(sending: Connection, pages: Sequence[Page], deadline: float) -> None:
    answer: tuple[str, list[_Plain]]
    try:
        plain: list[_Plain] = []
        for page in pages:
            plain.append(_plain(read_page(page)))
            page.close()
            if time.monotonic() > deadline:
                raise TimeoutError("the time allowed is spent")
        answer = ("pages", plain)
    # Anything at all: the parent reads these pages again itself and says what is wrong.
    except BaseException:
        answer = ("failed", [])
    with contextlib.suppress(OSError):  # the parent stopped listening (it refused the file)
        sending.send(answer)
    sending.close()


def _receive(receiving: Connection, deadline: float) -> tuple[bool, list[PageContent] | None]:
    """Whether the child answered, and its pages: None if it failed, died or overran."""
    try:
        if not receiving.poll(max(0.0, deadline - time.monotonic())):
            return False, None
        status, plain = receiving.recv()
    except (EOFError, OSError):  # the child died before sending
        return False, None
    return True, ([_content(page) for page in plain] if status == "pages" else None)


def _plain(page: PageContent) -> _Plain:
    words = tuple((w.text, w.x0, w.x1, w.top, w.bottom, w.size, w.bold) for w in page.words)
    return (page.number, page.height, words, page.turned, page.images)


def _content(plain: _Plain) -> PageContent:
    number, height, words, turned, images = plain
    return PageContent(
        number=int(number),
        height=float(height),
        words=tuple(
            PdfWord(str(t), float(x0), float(x1), float(top), float(bottom), float(s), bool(b))
            for t, x0, x1, top, bottom, s, b in words
        ),
        turned=str(turned),
        images=bool(images),
    )
