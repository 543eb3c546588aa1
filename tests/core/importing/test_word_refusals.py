"""Every file that is not a readable Word document is refused with a message saying what to do,
before any library opens it."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest

from guidance_app.core.errors import DocumentImportError
from guidance_app.core.importing.limits import MAX_IMPORT_BYTES
from guidance_app.core.importing.word import read_docx
from guidance_app.core.importing.word_package import MAX_MEMBERS

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCUMENT_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>"
)


def _refused(path: Path) -> str:
    with pytest.raises(DocumentImportError) as caught:
        read_docx(path)
    return str(caught.value)


def _real_docx(tmp_path: Path) -> bytes:
    document = docx.Document()
    for n in range(40):
        document.add_paragraph(f"Clause {n}: staff must report every concern on the same day.")
    document.save(str(tmp_path / "real.docx"))
    return (tmp_path / "real.docx").read_bytes()


def test_a_file_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    path.write_text("Staff must report concerns.", encoding="utf-8")
    assert "not a Word document (.docx)" in _refused(path)


def test_a_zip_without_a_document(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("notes.txt", "hello")
    assert "zip archive but not a Word document" in _refused(path)


def _bomb(path: Path, megabytes: int) -> None:
    """A .docx-looking zip with one part of `megabytes` of zeros, streamed: never on disk whole."""
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", _DOCUMENT_XML)
        with package.open("word/media/image1.png", "w", force_zip64=True) as part:
            for _ in range(megabytes):
                part.write(chunk)


def test_a_zip_bomb_that_unpacks_to_hundreds_of_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    _bomb(path, 300)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert "zip bomb" in _refused(path)


def test_one_part_compressed_beyond_any_real_document(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    _bomb(path, 20)  # under the total cap, but 20 MB squeezed into kilobytes
    assert "zip bomb" in _refused(path)


def test_a_zip_of_thousands_of_parts(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", _DOCUMENT_XML)
        for n in range(MAX_MEMBERS):
            package.writestr(f"word/media/{n}.bin", b"")
    assert "far more than any Word document" in _refused(path)


def test_an_old_doc(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    path.write_bytes(_OLE2 + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1000))
    assert "old Word document (.doc)" in _refused(path)
    assert "save it again as a Word document (.docx)" in _refused(path)


def test_a_password_protected_docx(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    names = b"".join(n.encode("utf-16-le") for n in ("EncryptionInfo", "EncryptedPackage"))
    path.write_bytes(_OLE2 + bytes(504) + names + bytes(1000))
    assert "protected by a password" in _refused(path)


def test_a_truncated_docx(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    data = _real_docx(tmp_path)
    path.write_bytes(data[: len(data) // 2])
    assert "damaged" in _refused(path)


def test_a_docx_with_a_damaged_part(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    data = bytearray(_real_docx(tmp_path))
    with zipfile.ZipFile(tmp_path / "real.docx") as package:
        info = package.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 10, start + 40):  # scramble the compressed words
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    assert "damaged" in _refused(path)


def test_a_docx_whose_styles_are_not_xml(tmp_path: Path) -> None:
    real = zipfile.ZipFile(io.BytesIO(_real_docx(tmp_path)))
    path = tmp_path / "policy.docx"
    with real, zipfile.ZipFile(path, "w") as package:
        for info in real.infolist():
            data = real.read(info)
            package.writestr(info, b"<w:styles" if info.filename == "word/styles.xml" else data)
    assert "damaged" in _refused(path)


def test_an_external_entity_cannot_read_a_file_on_this_computer(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETWORDS", encoding="utf-8")
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://'
        + str(secret).encode()
        + b'">]>'
        + _DOCUMENT_XML.split(b"?>", 1)[1].replace(b"Hello", b"&x;")
    )
    path = tmp_path / "policy.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", evil)
    message = _refused(path)
    assert "document type declaration" in message
    assert "TOPSECRETWORDS" not in message


def test_a_file_too_large_to_be_a_policy(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: nothing is written
    assert "too large" in _refused(path)


def test_a_folder_named_like_a_document(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    path.mkdir()
    assert "not a regular file" in _refused(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_is_never_opened(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    os.mkfifo(path)
    assert "named pipe" in _refused(path)
