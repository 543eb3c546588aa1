"""Incremental index updates: only what changed is re-indexed, and the results are exactly
those of a whole rebuild; a killed update leaves a working index; tampered indexes are not
updated from."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.search import SearchEngine
from guidance_app.core.search import documents as documents_module
from guidance_app.core.search.index import MANIFEST
from guidance_app.core.search.trust import index_key, manifest_mac
from tests.helpers import REPO, write_library

SENTENCES = (
    "Staff must not share personal contact details with pupils or parents.",
    "Report any concern about a child's safety to the designated safeguarding lead at once.",
    "Photographs of pupils may be taken only on school devices and stored on the school network.",
    "Staff should keep their social media accounts private and review their settings each term.",
    "Mobile phones are kept out of sight during lessons unless the headteacher agrees otherwise.",
    "Online bullying by a pupil is handled under the behaviour policy and recorded.",
    "Passwords must never be shared, and school laptops are locked when left unattended.",
    "Friend requests from pupils are declined, and the request is reported if it persists.",
    "Visitors sign in at reception and wear a badge at all times while on site.",
    "A member of staff who receives a disclosure listens, reassures and does not promise secrecy.",
)
QUERIES = (
    "friend request",
    "pupils",
    "safeguarding lead",
    '"social media"',
    "photgraphs",  # a typo
    "school laptops passwords",
    "zebracorn",
    "behaviour policy bullying",
    "staff",
    "disclosure secrecy",
)


def _policy(number: int, extra: str = "") -> str:
    lines = ["---", f"title: Policy {number}", "source: made.txt", "approved: not stated"]
    lines += ["review_cycle: annually", "next_review: not stated", "---", ""]
    for section in range(3):
        lines += [f"# Part {section + 1} of policy {number} {{#p{section}}}", ""]
        for clause in range(3):
            sentence = SENTENCES[(number * 3 + section * 2 + clause) % len(SENTENCES)]
            lines += [f"{{#p{section}-{clause}}}", f"{sentence} {extra}".strip(), ""]
    return "\n".join(lines)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = write_library(tmp_path / "content")
    for number in range(12):
        (root / "schools" / "example" / "policies" / f"policy-{number}.md").write_text(
            _policy(number), encoding="utf-8"
        )
    return root


def _open(content: Path, cache_dir: Path | None = None) -> SearchEngine:
    return SearchEngine.open(load_library(content).library, cache_dir=cache_dir)


def _answers(engine: SearchEngine) -> list[object]:
    found: list[object] = []
    for query in QUERIES:
        for school in (None, "example"):
            results = engine.search(query, school=school, limit=50, budget=60)
            assert not results.cut_short
            found.append(
                [(h.kind, h.policy_id, h.clause_id, h.wizard_id, h.score) for h in results.hits]
            )
            found.append(results.did_you_mean)
    return found


def _rebuilt_answers(content: Path, tmp_path: Path) -> list[object]:
    with _open(content, tmp_path / "fresh-cache") as engine:
        assert not engine.updated
        return _answers(engine)


def _policies(content: Path) -> Path:
    return content / "schools" / "example" / "policies"


def _add_change_remove(content: Path) -> None:
    (_policies(content) / "policy-new.md").write_text(_policy(99, "Zebracorn rules."), "utf-8")
    (_policies(content) / "policy-2.md").write_text(_policy(2, "Staff pupils zebracorn."), "utf-8")
    (_policies(content) / "policy-4.md").unlink()


@pytest.mark.parametrize("change", ["add", "change", "remove", "all three", "wizard"])
def test_an_update_gives_exactly_what_a_rebuild_gives(
    content: Path, cache: Path, tmp_path: Path, change: str
) -> None:
    _open(content).close()
    if change in ("add", "all three"):
        (_policies(content) / "policy-new.md").write_text(_policy(99, "Zebracorn rules."), "utf-8")
    if change in ("change", "all three"):
        (_policies(content) / "policy-2.md").write_text(
            _policy(2, "Staff pupils zebracorn."), "utf-8"
        )
    if change in ("remove", "all three"):
        (_policies(content) / "policy-4.md").unlink()
    if change == "wizard":
        wizard = content / "wizards" / "friend-request.yaml"
        text = wizard.read_text(encoding="utf-8")
        wizard.write_text(text.replace("What do I do?", "What do I do, zebracorn?"), "utf-8")
    with _open(content) as engine:
        assert engine.updated, "only what changed should have been re-indexed"
        updated = _answers(engine)
    assert updated == _rebuilt_answers(content, tmp_path)
    with _open(content) as engine:  # the updated index is the one kept and opened next time
        assert not engine.updated
        assert _answers(engine) == updated


def test_updates_one_after_another_still_match_a_rebuild(
    content: Path, cache: Path, tmp_path: Path
) -> None:
    _open(content).close()
    for number in range(3):
        (_policies(content) / f"policy-{number}.md").write_text(
            _policy(number, f"Round {number} zebracorn."), "utf-8"
        )
        with _open(content) as engine:
            assert engine.updated
            updated = _answers(engine)
        assert updated == _rebuilt_answers(content, tmp_path / f"round-{number}")


def test_a_schema_change_rebuilds_whole(
    content: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(content).close()
    _add_change_remove(content)
    monkeypatch.setattr(documents_module, "SCHEMA_VERSION", documents_module.SCHEMA_VERSION + 1)
    with _open(content) as engine:
        assert not engine.updated
        assert engine.search("zebracorn").hits


_KILLER = """
import os, signal, sys
from pathlib import Path
from guidance_app.core.content.loader import load_library
from guidance_app.core.search import SearchEngine
from guidance_app.core.search import index

def die(*args: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)

if sys.argv[2] == "before switching":
    index._switch = die
    progress = None
else:  # half-way through adding the changed documents
    progress = lambda done, total: die() if 0 < done < total else None
SearchEngine.open(load_library(Path(sys.argv[1])).library, progress=progress)
print("not killed")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")
@pytest.mark.parametrize("moment", ["before switching", "while updating"])
def test_an_update_killed_part_way_leaves_a_working_index(
    content: Path, cache: Path, tmp_path: Path, moment: str
) -> None:
    with _open(content) as engine:
        before = _answers(engine)
    _add_change_remove(content)
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILLER), str(content), moment],
        cwd=REPO,
        env={**os.environ, "GUIDANCE_APP_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == -signal.SIGKILL, run.stdout + run.stderr
    leftovers = [p for p in (cache / "search").iterdir() if p.name.startswith(".build-")]
    assert leftovers, "the killed update should have left its build folder behind"
    with _open(content) as engine:  # the next start updates again, from the untouched index
        assert engine.updated
        assert _answers(engine) == _rebuilt_answers(content, tmp_path)
    assert not [p for p in (cache / "search").iterdir() if p.name.startswith(".build-")]
    _policies(content).joinpath("policy-new.md").unlink()  # back to where it started
    (_policies(content) / "policy-2.md").write_text(_policy(2), "utf-8")
    (_policies(content) / "policy-4.md").write_text(_policy(4), "utf-8")
    with _open(content) as engine:  # the first index is still there, whole, and opened as is
        assert not engine.updated
        assert _answers(engine) == before


def _older_folder(cache: Path) -> Path:
    (folder,) = [p for p in (cache / "search").iterdir() if not p.name.startswith(".")]
    return folder


def _flip_a_byte(folder: Path) -> None:
    segment = max(
        (p for p in folder.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size
    )
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))


def _forge_units(folder: Path) -> None:
    """Change an older index's record of its units and sign the manifest with another key."""
    units = json.loads((folder / "units.json").read_text(encoding="utf-8"))
    units["units"] = {}  # as if it held nothing: every unit would be added again
    (folder / "units.json").write_text(json.dumps(units), encoding="utf-8")
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["units.json"] = [
        (folder / "units.json").stat().st_size,
        __import__("hashlib").sha256((folder / "units.json").read_bytes()).hexdigest(),
    ]
    manifest["mac"] = manifest_mac(
        b"\x00" * 32, manifest["fingerprint"], manifest["documents"], manifest["files"]
    )
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("tamper", [_flip_a_byte, _forge_units])
def test_a_tampered_older_index_is_not_updated_from(
    content: Path, cache: Path, tmp_path: Path, tamper: object
) -> None:
    _open(content).close()
    older = _older_folder(cache)
    assert callable(tamper)
    tamper(older)
    _add_change_remove(content)
    with _open(content) as engine:
        assert not engine.updated, "a tampered index must not be the base of an update"
        assert _answers(engine) == _rebuilt_answers(content, tmp_path)


def test_the_update_is_checked_with_this_users_key(content: Path, cache: Path) -> None:
    _open(content).close()
    assert index_key()  # the key the older index was signed with, made on first use
    _add_change_remove(content)
    with _open(content) as engine:
        assert engine.updated
        assert engine.location is not None
        manifest = json.loads((engine.location / MANIFEST).read_text(encoding="utf-8"))
        assert manifest["mac"] == manifest_mac(
            index_key(), manifest["fingerprint"], manifest["documents"], manifest["files"]
        )
