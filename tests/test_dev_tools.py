"""The bench's own set-up: its bench-only dependency and its large library (no timings here)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType

from guidance_app.core.content.loader import load_library

ROOT = Path(__file__).resolve().parent.parent


def _lock_part(want: int) -> str:
    """What the Makefile makes of requirements.lock: 1 for `make bench`, 0 for everything else."""
    done = subprocess.run(
        [
            "make",
            "-s",
            "--no-print-directory",
            f"--eval=_part: ; @$(call lock_part,{want})",
            "_part",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _pinned(text: str) -> set[str]:
    return {m.group(1).lower() for m in re.finditer(r"^([A-Za-z0-9_.-]+)==", text, re.MULTILINE)}


def test_the_bench_extra_is_locked_but_installed_only_by_make_bench() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = pyproject["project"]["optional-dependencies"]
    bench = {re.split(r"[<>=!~ ;\[]", r)[0].lower() for r in extras["bench"]}
    assert bench and not bench & {re.split(r"[<>=!~ ;\[]", r)[0].lower() for r in extras["dev"]}
    app, bench_only = _lock_part(0), _lock_part(1)
    every = _pinned((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    assert _pinned(bench_only) == bench  # hashed, like the rest of the lock
    assert "--hash=sha256:" in bench_only
    assert _pinned(app) == every - bench  # the app, the tests and the package never get it
    assert "--hash=sha256:" in app


def _large_library() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "large_library", ROOT / "dev_tools" / "large_library.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_large_library_has_many_kinds_of_policy_of_different_lengths(tmp_path: Path) -> None:
    large_library = _large_library()
    first = large_library.write_large_library(tmp_path / "first", 42)
    again = large_library.write_large_library(tmp_path / "again", 42)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (again / f).read_bytes() for f in files)

    library = load_library(first).library
    policies = [p for school in library.schools for p in school.policies]
    assert len(policies) == 42
    titles = {p.title for p in policies}
    assert len(titles) == 20
    assert {"Safeguarding and Child Protection Policy", "Social Media Policy"} <= titles
    clauses = sorted(sum(len(s.clauses) for s in p.sections) for p in policies)
    assert clauses[-1] >= 4 * clauses[0]
