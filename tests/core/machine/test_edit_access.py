"""Edit answers is refused on a locked or kiosk computer and where the school's files cannot be
written by this user; `--edit-answers` is a command-line switch a locked file refuses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidance_app.core.machine.deployment import Deployment, load_deployment
from guidance_app.core.machine.edit_access import edit_answers_refusal


def _school(root: Path) -> Path:
    folder = root / "schools" / "our-school"
    folder.mkdir(parents=True)
    (folder / "rulings.yaml").write_text("rulings:\n  # a comment\n", encoding="utf-8")
    return folder


def test_a_writable_school_may_edit_and_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = _school(tmp_path)
    assert edit_answers_refusal(Deployment(), tmp_path, folder) is None
    assert sorted(p.name for p in folder.iterdir()) == ["rulings.yaml"]


def test_never_on_a_locked_or_kiosk_computer(tmp_path: Path) -> None:
    folder = _school(tmp_path)
    locked = edit_answers_refusal(Deployment(locked=True), tmp_path, folder)
    assert locked == "Editing answers is off: your IT team has locked this computer's settings."
    kiosk = edit_answers_refusal(Deployment(kiosk_idle_minutes=5), tmp_path, folder)
    assert kiosk is not None and "kiosk mode" in kiosk


def test_a_school_without_a_rulings_file_or_with_a_pipe_there_is_refused(tmp_path: Path) -> None:
    folder = _school(tmp_path)
    (folder / "rulings.yaml").unlink()
    missing = edit_answers_refusal(Deployment(), tmp_path, folder)
    assert missing is not None and "there is no" in missing and "new-school" in missing
    os.mkfifo(folder / "rulings.yaml")
    pipe = edit_answers_refusal(Deployment(), tmp_path, folder)
    assert pipe is not None and "should be a file but it is a named pipe" in pipe


def test_the_flag_turns_it_on_and_a_locked_file_still_refuses_it(
    no_machine_settings: Path, tmp_path: Path
) -> None:
    assert load_deployment({"edit_answers": "on"}).edit_answers is True
    assert load_deployment({}).edit_answers is False
    no_machine_settings.write_text("[General]\nlocked = yes\n", encoding="utf-8")
    locked = load_deployment({"edit_answers": "on"})
    refusal = edit_answers_refusal(locked, tmp_path, _school(tmp_path))
    assert refusal is not None and "locked" in refusal


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder another user can look into (pytest's own temporary folders are root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="guidance-edit-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run the check as the user 'nobody' (root may write anything)",
)
@pytest.mark.parametrize("owned_by_nobody", ["", "content", "school", "rulings.yaml"])
def test_a_user_who_cannot_write_the_schools_files_is_refused(
    open_folder: Path, owned_by_nobody: str
) -> None:
    """Everything root's and read-only to others, except what `owned_by_nobody` names (each
    case leaves one thing unwritable); all of it nobody's: editing is allowed."""
    folder = _school(open_folder / "content")
    content, rulings = open_folder / "content", folder / "rulings.yaml"
    places = {"content": content, "school": folder, "rulings.yaml": rulings}
    for path in (content, content / "schools", folder, rulings):
        path.chmod(0o755 if path.is_dir() else 0o644)
    if owned_by_nobody:
        for name, path in places.items():
            if name != owned_by_nobody:
                os.chown(path, 65534, 65534)
    else:
        for path in places.values():
            os.chown(path, 65534, 65534)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from guidance_app.core.machine.deployment import Deployment\n"
        "from guidance_app.core.machine.edit_access import edit_answers_refusal\n"
        "print(edit_answers_refusal(Deployment(), Path(sys.argv[1]), Path(sys.argv[2])))\n"
    )
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    result = subprocess.run(
        [*nobody, sys.executable, "-c", code, str(content), str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=open_folder,
    )
    assert result.returncode == 0, result.stderr
    said = result.stdout.strip()
    if not owned_by_nobody:
        assert said == "None"
    else:
        assert said.startswith("Editing answers is off: you cannot change")
        assert str(places[owned_by_nobody]) in said
