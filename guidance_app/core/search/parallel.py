"""Building a large index on two cores: each worker process writes a share of the policies.

The units (policies, wizards) are cut into consecutive shares of about equal size, one a
worker. Each worker is an ordinary single-process Whoosh build of its share, in a private
folder of its own inside the build folder; it hands back, as JSON over a pipe (never a pickle),
its segment's name, size and field lengths and its units' words, and reports its progress the
same way, so progress is shown from the parent as for a one-process build. The parent moves the
segments into the build folder and writes the table of contents listing them in share order,
so documents are numbered exactly as a one-process build numbers them; searching a few segments
is as quick as one (scoring.py reads them a segment at a time), so they are not merged.

Workers are forked, so they share the entries without copying them: only where the operating
system forks cheaply and safely (Linux). Elsewhere, on one core, for a small library, or if a
worker fails, the index is built in one process as before (the caller's fallback).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import multiprocessing
import os
import shutil
import signal
import sys
from collections import defaultdict
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, clean_files

from guidance_app.core.errors import SearchIndexError
from guidance_app.core.search.documents import (
    INDEX_NAME,
    Entry,
    Progress,
    add_units,
    index_writer,
    schema,
)

# Below this many documents a second process costs more than it saves (the bundled library).
PARALLEL_FROM_DOCUMENTS = 8_000
MAX_WORKERS = 2
CORES = os.cpu_count() or 1
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def workers_for(entries: list[Entry]) -> int:
    """How many processes should build the index of `entries` (1: this one alone)."""
    if not sys.platform.startswith("linux") or len(entries) < PARALLEL_FROM_DOCUMENTS:
        return 1
    return max(1, min(MAX_WORKERS, CORES))


def shares(units: dict[str, list[int]], count: int) -> list[dict[str, list[int]]]:
    """`units` cut into `count` runs of consecutive units, each with about as many entries."""
    total = sum(len(numbers) for numbers in units.values())
    cut: list[dict[str, list[int]]] = [{} for _ in range(count)]
    done = 0
    for unit, numbers in units.items():
        cut[min(count - 1, done * count // max(1, total))][unit] = numbers
        done += len(numbers)
    return [share for share in cut if share]


def fill_parallel(
    folder: Path,
    entries: list[Entry],
    units: dict[str, list[int]],
    count: int,
    limitmb: float,
    progress: Progress | None,
) -> dict[str, dict[str, int]]:
    """Build the index of `entries` in the empty private `folder` with `count` worker
    processes; return each unit's words. SearchIndexError if a worker fails."""
    parts = shares(units, count)
    context = multiprocessing.get_context("fork")
    pipes: dict[Connection, int] = {}
    workers = []
    try:
        for number, share in enumerate(parts):
            place = folder / f"part-{number}"
            place.mkdir(mode=0o700)
            receiver, sender = context.Pipe(duplex=False)
            worker = context.Process(
                target=_work, args=(place, entries, share, limitmb, sender), daemon=True
            )
            worker.start()
            sender.close()  # so the parent sees the pipe end when the worker does
            workers.append(worker)
            pipes[receiver] = number
        results = _gather(pipes, [sum(map(len, s.values())) for s in parts], progress)
        for worker in workers:
            worker.join()
        if any(worker.exitcode != 0 for worker in workers):
            raise SearchIndexError("A process building the search index stopped.")
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
                worker.join()
        for receiver in pipes:
            receiver.close()
    return _join(folder, [results[number] for number in range(len(parts))])


def _gather(
    pipes: dict[Connection, int], sizes: list[int], progress: Progress | None
) -> dict[int, dict[str, Any]]:
    """Each worker's result, passing on their progress as the whole build's."""
    done = [0] * len(sizes)
    results: dict[int, dict[str, Any]] = {}
    waiting = dict(pipes)
    while waiting:
        for ready in wait(list(waiting)):
            assert isinstance(ready, Connection)
            number = waiting[ready]
            try:
                message = json.loads(ready.recv_bytes().decode("utf-8"))
            except EOFError:
                raise SearchIndexError("A process building the search index stopped.") from None
            if "done" in message:
                done[number] = int(message["done"])
                if progress is not None:
                    progress(sum(done), sum(sizes))
            else:
                results[number] = message
                del waiting[ready]
    if progress is not None:
        progress(sum(sizes), sum(sizes))
    return results


def _work(
    place: Path,
    entries: list[Entry],
    share: dict[str, list[int]],
    limitmb: float,
    sender: Connection,
) -> None:
    """A worker: an ordinary one-process build of `share` in `place`, reported as JSON."""
    _die_with_parent()
    parent = os.getppid()

    def report(done: int, total: int) -> None:
        if os.getppid() != parent:  # the app was killed: its build is abandoned (builds.py)
            os._exit(1)
        if done < total:
            sender.send_bytes(json.dumps({"done": done}).encode("utf-8"))

    storage = FileStorage(str(place))
    index = storage.create_index(schema(), indexname=INDEX_NAME)
    writer = index_writer(index, limitmb)
    vocabularies = add_units(writer, entries, share, report)
    writer.commit()
    segment = writer.newsegment
    result = {
        "segment": segment.segid,
        "documents": segment.doc_count_all(),
        "compound": bool(segment.compound),
        "lengths": dict(segment._fieldlengths),
        "vocabularies": vocabularies,
    }
    sender.send_bytes(json.dumps(result).encode("utf-8"))
    sender.close()


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the app dies, so that the worker does not hold the
    build's lock (builds.py) and leave the abandoned build folder looking live."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _join(folder: Path, results: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Move the workers' segments into `folder` and write the table of contents listing them,
    made here from the workers' JSON (nothing a worker wrote is unpickled)."""
    codec = W3Codec()
    segments: list[W3Segment] = []
    vocabularies: dict[str, dict[str, int]] = {}
    for number, result in enumerate(results):
        place = folder / f"part-{number}"
        segid = str(result["segment"])
        if not segid.isalnum():
            raise SearchIndexError("A process building the search index gave a bad answer.")
        for path in place.iterdir():
            if path.name.startswith(f"{INDEX_NAME}_{segid}."):
                os.rename(path, folder / path.name)
        shutil.rmtree(place)
        segment = W3Segment(codec, INDEX_NAME, int(result["documents"]), segid)
        segment.compound = bool(result["compound"])
        segment._fieldlengths = defaultdict(
            int, {str(k): int(v) for k, v in result["lengths"].items()}
        )
        segments.append(segment)
        for unit, words in result["vocabularies"].items():
            vocabularies[str(unit)] = {str(w): int(c) for w, c in words.items()}
    storage = FileStorage(str(folder))
    TOC(schema(), segments, 1).write(storage, INDEX_NAME)
    clean_files(storage, INDEX_NAME, 1, segments)
    storage.close()
    return vocabularies
