"""Bytes of a text file to text: UTF-8 (with or without a byte-order mark), UTF-16 with one, or
Windows-1252: what Notepad and Word's "Plain Text" save on a school's Windows machine."""

from __future__ import annotations

from guidance_app.core.errors import DocumentImportError

# Control characters other than tab, line feed, form feed and carriage return: text never has them.
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


def decode_text(data: bytes, kind: str) -> str:
    """The file's text with line ends made "\\n"; DocumentImportError if it is not text."""
    not_text = (
        f"This file is named as a {kind} but is not text (it looks like a program, a picture "
        "or another kind of document): check you chose the right file."
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode": UTF-16 with a BOM
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocumentImportError(not_text) from exc
    if b"\x00" in data or any(byte in _CONTROL for byte in data[:65536]):
        raise DocumentImportError(not_text)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DocumentImportError(not_text) from exc
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
