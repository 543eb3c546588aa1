"""`guidance-app new-school`: a new school's folder, with every answer to do, that loads at once;
refused with a plain message and nothing written when the id, the folder or the content will
not do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from guidance_app.cli import main
from guidance_app.core.content.loader import load_library
from guidance_app.core.content.rulings import RulingState
from guidance_app.core.files.yamlsafe import load_yaml_file
from tests.helpers import CONTENT, REPO


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def _new(content: Path, *args: str) -> int:
    return main(["new-school", *args, "--content", str(content)])


def test_a_new_school_lists_every_situation_to_do_and_validates(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _new(content, "st-marys", "--name", "St Mary's Primary School") == 0
    out = capsys.readouterr().out
    assert "guidance-app import FILE --school st-marys" in out
    folder = content / "schools" / "st-marys"
    assert sorted(p.name for p in folder.iterdir()) == ["policies", "rulings.yaml", "school.yaml"]
    assert list((folder / "policies").iterdir()) == []
    result = load_library(content)
    assert result.problems == []
    assert result.notes == [
        "St Mary's Primary School has no policies yet: import a policy with "
        "guidance-app import FILE --school st-marys"
    ]
    library = result.library
    school = library.require_school("st-marys")
    assert (school.name, school.short_name) == ("St Mary's Primary School", "St Mary's")
    assert school.roles == {"dsl": "the Designated Safeguarding Lead"}
    book = library.rulings["st-marys"]
    assert list(book.rulings) == list(library.situations)
    assert {ruling.state for ruling in book.rulings.values()} == {RulingState.TO_DO}
    text = (folder / "rulings.yaml").read_text(encoding="utf-8")
    for wizard in library.wizards:  # each guided answer and each situation named in a comment
        assert f"  # {wizard.id}: {wizard.question}\n" in text
    title = library.situations["friend-request/pupil"]
    assert f"  # {title}\n  friend-request/pupil: {{to_do: true}}\n" in text
    assert "# headteacher: the Headteacher" in (folder / "school.yaml").read_text("utf-8")

    assert main(["validate", "--content", str(content)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Content is valid: 6 schools")
    assert f"St Mary's: {len(library.situations)} answers to do" in lines


@pytest.mark.parametrize(
    ("school_id", "message"),
    [
        ("St-Marys", "'St-Marys' cannot be a school id"),
        ("st--marys", "cannot be a school id"),
        ("../escape", "cannot be a school id"),
        ("westhaven", "already exists: choose another id"),
    ],
)
def test_a_bad_id_or_an_existing_folder_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str], school_id: str, message: str
) -> None:
    before = sorted(p.name for p in (content / "schools").iterdir())
    westhaven = (content / "schools" / "westhaven" / "school.yaml").read_bytes()
    assert _new(content, school_id, "--name", "A School") == 1
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in (content / "schools").iterdir()) == before
    assert (content / "schools" / "westhaven" / "school.yaml").read_bytes() == westhaven


def test_a_name_that_would_not_load_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _new(content, "long", "--name", "A School", "--short-name", "x" * 41) == 1
    assert "school.yaml would not load" in capsys.readouterr().err
    assert not os.path.lexists(content / "schools" / "long")
    assert [p for p in (content / "schools").iterdir() if p.name.startswith(".")] == []


def test_a_content_folder_that_cannot_be_written_is_refused() -> None:
    """Run as `nobody`, for whom the schools folder (root's, 755) is read-only. pytest's own
    temporary folders are private to root, so this one is made in the system's."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the command as another user")
    outer = Path(tempfile.mkdtemp(prefix="new-school-"))
    try:
        os.chmod(outer, 0o755)
        content = outer / "content"
        shutil.copytree(CONTENT, content)
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        command = [sys.executable, "-m", "guidance_app", "new-school", "new", "--name", "N"]
        result = subprocess.run(
            [*as_nobody, *command, "--content", str(content)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "HOME": str(outer), "GUIDANCE_APP_CONFIG_DIR": str(outer)},
            check=False,
        )
        assert result.returncode == 1, result.stdout + result.stderr
        assert "check that the content folder is not read-only" in result.stderr
        assert not os.path.lexists(content / "schools" / "new")
        assert [p for p in (content / "schools").iterdir() if p.name.startswith(".")] == []
    finally:
        shutil.rmtree(outer)


def test_a_to_do_once_answered_loads_with_the_comment_kept(content: Path) -> None:
    """The ruling writer turns the new school's one-line to-do into an answer."""
    from guidance_app.core.content.ruling_writer import write_ruling

    assert _new(content, "new", "--name", "New School") == 0
    path = content / "schools" / "new" / "rulings.yaml"
    write_ruling(
        path, "friend-request/pupil", {"not_covered": "Our policy does not say.", "tell": ["dsl"]}
    )
    library = load_library(content).library
    assert library.rulings["new"].rulings["friend-request/pupil"].state is RulingState.NOT_COVERED
    title = library.situations["friend-request/pupil"]
    assert f"  # {title}\n  friend-request/pupil:\n    not_covered:" in path.read_text("utf-8")
    assert load_yaml_file(path)["rulings"]["friend-request/parent"] == {"to_do": True}
