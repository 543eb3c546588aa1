"""`guidance-app wizards | paths | graph | coverage` per the DESIGN.md contract."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pytest import CaptureFixture

from guidance_app.cli import main
from tests.helpers import write_library


def test_wizards_json_lists_the_guided_answers_in_home_order(capsys: CaptureFixture[str]) -> None:
    assert main(["wizards", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {
        "id": "friend-request",
        "title": rows[0]["title"],
        "question": "A pupil sent me a friend request. What do I do?",
    }
    assert len(rows) == 14 and all(set(r) == {"id", "title", "question"} for r in rows)


def test_paths_json_has_the_contract_fields(tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    root = write_library(tmp_path)
    assert (
        main(["paths", "friend-request", "--school", "example", "--json", "--content", str(root)])
        == 0
    )
    records = json.loads(capsys.readouterr().out)
    assert [r["situation"] for r in records] == ["friend-request/pupil", "friend-request/ex-pupil"]
    first = records[0]
    assert first["answers"] == [{"question": "Who sent it?", "answer": "A pupil"}]
    assert first["outcome"]["title"] == "Decline the request."
    assert first["outcome"]["tell"] == ["the designated safeguarding lead"]
    assert first["outcome"]["citations"] == [
        {
            "policy": "staff",
            "section": "friend-requests-1",
            "heading": "Friend requests",
            "text": "Staff must not accept friend requests from pupils.",
        }
    ]


def test_paths_for_an_unknown_wizard_or_school_is_a_clear_error(
    capsys: CaptureFixture[str],
) -> None:
    assert main(["paths", "no-such-thing"]) == 1
    assert "There is no guided answer called 'no-such-thing'" in capsys.readouterr().err
    assert main(["paths", "friend-request", "--school", "nowhere"]) == 1
    assert "There is no school called 'nowhere'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_graph_names_every_question_situation_and_answer(
    fmt: str, tmp_path: Path, capsys: CaptureFixture[str]
) -> None:
    root = write_library(tmp_path)
    assert main(["graph", "friend-request", "--format", fmt, "--content", str(root)]) == 0
    out = capsys.readouterr().out
    for text in [
        "Who sent it?",
        "A pupil",
        "A former pupil",
        "A friend request from a pupil",
        "A friend request from a former pupil",
    ]:
        assert text in out
    if fmt == "dot" and shutil.which("dot"):
        rendered = subprocess.run(["dot", "-Tsvg"], input=out, capture_output=True, text=True)
        assert rendered.returncode == 0, rendered.stderr


def test_coverage_shows_ruled_fallback_and_not_covered(
    tmp_path: Path, capsys: CaptureFixture[str]
) -> None:
    root = write_library(tmp_path)
    rulings = root / "schools" / "example" / "rulings.yaml"
    rulings.write_text(
        rulings.read_text()
        .replace("  friend-request/pupil:", "  friend-request:")
        .split("  friend-request/ex-pupil:")[0]
        + "  friend-request/ex-pupil:\n    not_covered: Silent.\n"
    )
    assert main(["coverage", "--json", "--content", str(root)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["situations"] == {
        "friend-request/pupil": {
            "example": {"cover": "ruled by fallback", "ruling": "friend-request"}
        },
        "friend-request/ex-pupil": {
            "example": {"cover": "not covered", "ruling": "friend-request/ex-pupil"}
        },
    }
    assert report["uncited"] == ["example/staff#friend-requests-2"]
    assert main(["coverage", "--content", str(root)]) == 0
    table = capsys.readouterr().out
    assert "friend-request/ex-pupil  NOT COVERED" in table
    assert "Clauses no ruling cites (1):" in table
