"""Whoosh's unpickling, restricted to the few classes a search index of ours holds.

Whoosh keeps parts of an index as pickles: the table of contents (the segment list), a
compound segment's directory, term and posting block headers, stored fields and positions.
Unpickling runs whatever a pickle names, so a planted index file would run code as the user.
`RestrictedUnpickler` builds only the classes in `ALLOWED`, found by recording what a real
index asks for when it is built, opened and searched (tests/core/test_index_trust.py checks
the list is exactly that); anything else raises SearchIndexError and the index is rebuilt.

Why a global hook: Whoosh unpickles through module-level names (`loads` imported into
whoosh.codec.whoosh3, whoosh.formats and whoosh.columns, `load_pickle` in structfile, the pickle
module in whoosh.index) with no storage or file object in between that we could hand our own
unpickler to, so those names are rebound here, once, and nowhere else. Left alone, on purpose:
whoosh.multiproc, which only reads back job files it wrote itself during a multi-process build
(never run here), and whoosh.externalsort, which only reads back the sorted runs a build spills
into its own private build folder moments before (a large library), never an index on disk;
those runs hold bytes of every kind, which the restricted unpickler rightly refuses.
"""

from __future__ import annotations

import io
import pickle
import types
from typing import IO, Any

from guidance_app.core.errors import SearchIndexError

ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        # The table of contents: a list of segments, each with its codec and a
        # defaultdict(int) of field lengths.
        ("whoosh.codec.whoosh3", "W3Segment"),
        ("whoosh.codec.whoosh3", "W3Codec"),
        ("collections", "defaultdict"),
        ("builtins", "int"),
    }
)
# Posting blocks are written with protocol 4 (_dumps), which stores bytes as bytes. Indexes
# written before that used protocol 2, which stores bytes as a call to
# _codecs.encode(text, "latin1"): answered by _latin1_bytes, which does only that.


def _dumps(value: Any, protocol: int = 4) -> bytes:
    """Whoosh's posting blocks pickled with protocol 4 whatever it asks for (2): their bytes
    (each posting's positions) are then read back in C, not by a call each through
    find_class, which made reading a common word's postings three times slower."""
    return pickle.dumps(value, 4)


def _latin1_bytes(text: str, encoding: str) -> bytes:
    if encoding not in ("latin1", "latin-1") or not isinstance(text, str):
        raise SearchIndexError(f"The search index holds bytes encoded as {encoding!r}.")
    return text.encode("latin1")


class RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that builds plain data and the classes in ALLOWED, and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("_codecs", "encode"):
            return _latin1_bytes
        if (module, name) in ALLOWED:
            return super().find_class(module, name)
        raise SearchIndexError(
            f"The search index holds something the app never writes ({module}.{name}), "
            "so it is not used."
        )


def restricted_load(file: IO[bytes]) -> Any:
    return RestrictedUnpickler(file).load()


def restricted_loads(data: bytes) -> Any:
    return RestrictedUnpickler(io.BytesIO(data)).load()


class _LegacyUnpickler(RestrictedUnpickler):
    """whoosh.legacy's class-renaming unpickler (old schemas), restricted like the rest."""

    def __init__(self, file: IO[bytes], objmap: object = None, shortcuts: object = None) -> None:
        super().__init__(file)


def guard_whoosh() -> None:
    """Route every unpickling Whoosh does through RestrictedUnpickler, and have it write
    posting blocks that need no class to read (safe to call again)."""
    import whoosh.codec.plaintext
    import whoosh.codec.whoosh3
    import whoosh.columns
    import whoosh.compat
    import whoosh.externalsort
    import whoosh.filedb.structfile
    import whoosh.formats
    import whoosh.index
    import whoosh.legacy

    for module in (
        whoosh.codec.whoosh3,
        whoosh.codec.plaintext,
        whoosh.formats,
        whoosh.columns,
        whoosh.compat,
    ):
        module.loads = restricted_loads
    whoosh.compat.load = restricted_load
    whoosh.filedb.structfile.load_pickle = restricted_load
    whoosh.codec.whoosh3.dumps = _dumps
    whoosh.externalsort.load = pickle.load  # a build's own runs (see the module's docstring)
    whoosh.legacy.RenamingUnpickler = _LegacyUnpickler
    # whoosh.index unpickles a stored schema with pickle.loads (we always pass our own
    # schema, so it is skipped, but a stored one must never be read unrestricted either).
    whoosh.index.pickle = types.SimpleNamespace(
        loads=restricted_loads, dumps=pickle.dumps, PicklingError=pickle.PicklingError
    )
