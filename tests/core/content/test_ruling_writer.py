"""Writing one ruling into rulings.yaml keeps every other byte a person wrote: comments, order,
quoting and long lines; the result always loads with the app's strict loader."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.ruling_writer import (
    clear_needs_review,
    mark_needs_review,
    write_ruling,
)
from guidance_app.core.content.rulings import RulingState
from guidance_app.core.errors import ContentWriteError
from guidance_app.core.files.yamlsafe import load_yaml_file
from tests.helpers import CONTENT

SCHOOLS = sorted(path.name for path in (CONTENT / "schools").iterdir() if path.is_dir())

RULINGS = """\
rulings:
  # friend-request: "A pupil sent me a friend request. What do I do?"
  friend-request/pupil:
    action: Decline the request.
    binding: must
    steps:
      - Decline it.  # the policy's own word
      - Tell the DSL.
    tell: [dsl]
    cite:
      - clause: social-media#4.1
        fingerprint: '0123456789ab'
  # A comment the author wrote before the former-pupil ruling.
  # It has two lines.
  friend-request/ex-pupil:
    not_covered: The policy says nothing about former pupils.
  # message: "A pupil messaged me."
  message/pupil:
    to_do: true
  # A pupil messaged me at night
  message/pupil/night: {to_do: true}
  # the end of the file
"""

ANSWER = {
    "action": "Do not accept the request; it is a very long line that must never be wrapped by "
    "the writer, because authors read the file line by line and a wrapped line is a changed line.",
    "binding": "should",
    "steps": ["Do not accept it.", "Speak to the DSL: 1:30 is not a number here."],
    "tell": ["dsl", "headteacher"],
    "cite": [{"clause": "social-media#4.2", "fingerprint": "123456789012"}],
}


def _rulings_file(tmp_path: Path) -> Path:
    path = tmp_path / "rulings.yaml"
    path.write_text(RULINGS, encoding="utf-8")
    return path


def _copy_school(tmp_path: Path, school_id: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root / "schools" / school_id / "rulings.yaml"


def test_replacing_a_ruling_keeps_every_comment_and_the_order(tmp_path: Path) -> None:
    path = _rulings_file(tmp_path)
    write_ruling(path, "friend-request/ex-pupil", ANSWER)
    text = path.read_text(encoding="utf-8")
    for comment in (
        '# friend-request: "A pupil sent me a friend request. What do I do?"',
        "# A comment the author wrote before the former-pupil ruling.\n  # It has two lines.\n"
        "  friend-request/ex-pupil:",
        '# message: "A pupil messaged me."\n  message/pupil:',
        "# the end of the file",
        "- Decline it.  # the policy's own word",
    ):
        assert comment in text
    assert text.count("# A comment the author wrote") == 1
    assert text.index("friend-request/pupil:") < text.index("friend-request/ex-pupil:")
    assert text.index("friend-request/ex-pupil:") < text.index("message/pupil:")
    assert ANSWER["action"] in text.splitlines()[15]  # one line, not re-wrapped
    assert "fingerprint: '123456789012'" in text  # quoted: it would read back as a number
    assert "tell: [dsl, headteacher]" in text
    data = load_yaml_file(path)
    assert data["rulings"]["friend-request/ex-pupil"] == ANSWER
    assert data["rulings"]["friend-request/pupil"]["steps"][0] == "Decline it."


def test_changing_one_field_rewrites_only_its_line(tmp_path: Path) -> None:
    path = _rulings_file(tmp_path)
    write_ruling(
        path,
        "friend-request/pupil",
        {
            "action": "Decline the request at once.",
            "binding": "must",
            "steps": ["Decline it.", "Tell the DSL."],
            "tell": ["dsl"],
            "cite": [{"clause": "social-media#4.1", "fingerprint": "0123456789ab"}],
        },
    )
    before, after = RULINGS.splitlines(), path.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [
        ("    action: Decline the request.", "    action: Decline the request at once.")
    ]


def test_a_to_do_written_on_one_line_becomes_a_ruling_of_one_field_a_line(
    tmp_path: Path,
) -> None:
    path = _rulings_file(tmp_path)
    write_ruling(path, "message/pupil/night", ANSWER)
    text = path.read_text(encoding="utf-8")
    assert "  # A pupil messaged me at night\n  message/pupil/night:\n    action: Do not" in text
    assert "to_do" not in text.split("message/pupil/night:")[1]
    assert text.endswith("        fingerprint: '123456789012'\n  # the end of the file\n")
    assert load_yaml_file(path)["rulings"]["message/pupil/night"] == ANSWER


def test_a_field_given_as_none_is_left_out(tmp_path: Path) -> None:
    path = _rulings_file(tmp_path)
    write_ruling(path, "friend-request/ex-pupil", {**ANSWER, "note": None, "ask": None})
    assert load_yaml_file(path)["rulings"]["friend-request/ex-pupil"] == ANSWER


def test_a_new_ruling_goes_after_the_last_of_its_guided_answer(tmp_path: Path) -> None:
    path = _rulings_file(tmp_path)
    write_ruling(path, "friend-request/colleague", ANSWER)
    keys = list(load_yaml_file(path)["rulings"])
    assert keys == [
        "friend-request/pupil",
        "friend-request/ex-pupil",
        "friend-request/colleague",
        "message/pupil",
        "message/pupil/night",
    ]
    text = path.read_text(encoding="utf-8")
    assert '# message: "A pupil messaged me."\n  message/pupil:' in text


def test_a_ruling_of_a_new_guided_answer_goes_at_the_end(tmp_path: Path) -> None:
    path = _rulings_file(tmp_path)
    write_ruling(path, "phone/pupil", {"to_do": True})
    assert list(load_yaml_file(path)["rulings"])[-1] == "phone/pupil"
    assert path.read_text(encoding="utf-8").startswith(RULINGS)


@pytest.mark.parametrize("school_id", SCHOOLS)
def test_writing_the_same_fields_changes_no_byte(tmp_path: Path, school_id: str) -> None:
    path = tmp_path / "rulings.yaml"
    shutil.copyfile(CONTENT / "schools" / school_id / "rulings.yaml", path)
    original = path.read_bytes()
    rulings = load_yaml_file(path)["rulings"]
    keys = list(rulings)
    for key in (keys[0], keys[len(keys) // 2], keys[-1]):
        write_ruling(path, key, rulings[key])
        assert path.read_bytes() == original
        # changed, then changed back: written out again, in the file's own style
        text = "action" if "action" in rulings[key] else "not_covered"
        write_ruling(path, key, {**rulings[key], text: "Something else."})
        assert path.read_bytes() != original
        write_ruling(path, key, rulings[key])
        assert path.read_bytes() == original


def test_needs_review_is_marked_and_cleared_and_the_school_still_loads(tmp_path: Path) -> None:
    path = _copy_school(tmp_path, "westhaven")
    original = path.read_bytes()
    reason = "Social Media Policy 4.1.4 changed when the policy was updated on 2 December 2026"
    mark_needs_review(path, ["friend-request/pupil", "message/pupil"], reason)
    result = load_library(tmp_path / "content")
    assert result.problems == []
    book = result.library.rulings["westhaven"]
    assert book.rulings["friend-request/pupil"].needs_review == reason
    assert book.rulings["friend-request/pupil"].state is RulingState.NEEDS_REVIEW
    assert book.rulings["message/pupil"].state is RulingState.NEEDS_REVIEW
    clear_needs_review(path, "friend-request/pupil")
    clear_needs_review(path, "message/pupil")
    assert path.read_bytes() == original


def test_only_an_answered_ruling_can_need_review(tmp_path: Path) -> None:
    path = _rulings_file(tmp_path)
    for key in ("friend-request/ex-pupil", "message/pupil", "no/such-key"):
        with pytest.raises(ContentWriteError, match=key):
            mark_needs_review(path, [key], "changed")
    assert path.read_text(encoding="utf-8") == RULINGS


def test_a_ruling_that_would_not_load_is_refused_and_the_file_kept(tmp_path: Path) -> None:
    path = _rulings_file(tmp_path)
    with pytest.raises(ContentWriteError, match="not_covered"):
        write_ruling(path, "friend-request/ex-pupil", {**ANSWER, "not_covered": "Silent."})
    with pytest.raises(ContentWriteError, match="binding"):
        write_ruling(path, "friend-request/ex-pupil", {**ANSWER, "binding": "perhaps"})
    assert path.read_text(encoding="utf-8") == RULINGS
    assert [p.name for p in tmp_path.iterdir()] == ["rulings.yaml"]  # nothing left aside


def test_the_file_keeps_its_mode_and_a_link_stays_a_link(tmp_path: Path) -> None:
    real = _rulings_file(tmp_path)
    os.chmod(real, 0o640)
    link = tmp_path / "linked.yaml"
    link.symlink_to(real)
    write_ruling(link, "friend-request/ex-pupil", ANSWER)
    assert link.is_symlink()
    assert load_yaml_file(real)["rulings"]["friend-request/ex-pupil"] == ANSWER
    assert os.stat(real).st_mode & 0o777 == 0o640


def test_something_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "rulings.yaml"
    folder.mkdir()
    with pytest.raises(ContentWriteError, match="not a regular file"):
        write_ruling(folder, "friend-request/pupil", ANSWER)
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.yaml"
        os.mkfifo(pipe)
        with pytest.raises(ContentWriteError, match="named pipe"):
            write_ruling(pipe, "friend-request/pupil", ANSWER)
