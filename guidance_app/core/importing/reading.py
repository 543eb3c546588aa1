"""Reading a document to import: a regular file, not empty, and under the size limit."""

from __future__ import annotations

from pathlib import Path

from guidance_app.core.errors import DocumentImportError
from guidance_app.core.files.safe_read import (
    FileTooLargeError,
    MissingFileError,
    UnreadableFileError,
    read_regular_file,
)
from guidance_app.core.importing.limits import MAX_IMPORT_BYTES


def read_import_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file of at most MAX_IMPORT_BYTES, else DocumentImportError
    saying what it is instead (a folder, a named pipe, a link to nothing, too large)."""
    try:
        data = read_regular_file(path, MAX_IMPORT_BYTES)
    except FileTooLargeError as exc:
        raise DocumentImportError(
            f"{path.name} is too large to be a policy ({exc.reason}): check it is the right "
            "file, or save it again without pictures."
        ) from exc
    except MissingFileError as exc:
        raise DocumentImportError(f"{path}: there is no such file; check the name.") from exc
    except UnreadableFileError as exc:
        raise DocumentImportError(f"{path}: {exc.reason}; choose the document itself.") from exc
    if not data:
        raise DocumentImportError(f"{path.name} is empty: there is nothing to import.")
    return data
