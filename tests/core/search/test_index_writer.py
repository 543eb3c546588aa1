"""The writer every build uses writes exactly the index Whoosh's own writer writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage

from guidance_app.core.content.loader import load_library
from guidance_app.core.search.documents import (
    INDEX_NAME,
    add_units,
    index_writer,
    library_entries,
    schema,
    units_of,
)
from tests.helpers import CONTENT


def _written(folder: Path, quick: bool) -> list[Any]:
    """Every term's statistics, its posting blocks' length and weight bounds, and postings."""
    entries = library_entries(load_library(CONTENT).library)
    index = FileStorage(str(folder)).create_index(schema(), indexname=INDEX_NAME)
    writer = index_writer(index, 16) if quick else index.writer(limitmb=16)
    add_units(writer, entries, units_of(entries), None)
    writer.commit()
    found: list[Any] = []
    with FileStorage(str(folder)).open_index(INDEX_NAME, schema=schema()).reader() as reader:
        for fieldname, term in reader.all_terms():
            info = reader.term_info(fieldname, term)
            matcher = reader.postings(fieldname, term)
            blocks = []
            while matcher.is_active():
                blocks.append((matcher.block_min_length(), matcher.block_max_length()))
                blocks.append((matcher.block_max_weight(), matcher.block_max_id()))
                matcher.skip_to(matcher.block_max_id() + 1)
            stats = [info.weight(), info.doc_frequency(), info.max_weight()]
            stats += [info.min_length(), info.max_length()]
            matcher = reader.postings(fieldname, term)
            text = fieldname in ("heading", "body")
            postings = list(matcher.items_as("positions") if text else matcher.all_ids())
            found.append((fieldname, term, stats, blocks, postings))
    return found


def test_the_index_is_the_one_whooshs_own_writer_writes(tmp_path: Path) -> None:
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "ours").mkdir()
    expected = _written(tmp_path / "whoosh", quick=False)
    assert len(expected) > 1000
    assert _written(tmp_path / "ours", quick=True) == expected
