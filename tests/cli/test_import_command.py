"""`guidance-app import FILE --school ID`: a draft written with its report, and every bad input
refused with a message, exit 1 and nothing written."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from guidance_app.cli.entry import main
from guidance_app.core.content.policy_parser import parse_policy_file
from guidance_app.core.importing.limits import MAX_IMPORT_BYTES
from tests.helpers import MINIMAL_POLICY, run_cli

SCHOOL = "oakfield"
TEXT = """Oakfield School Online Safety Policy

Approved by governors: 3 March 2024

Purpose

Staff must not accept friend requests from pupils on any social networking site.

Staff must:

- keep their accounts private
- report any request to the designated safeguarding lead
"""
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "schools" / SCHOOL).mkdir(parents=True)
    (root / "schools" / "westdale").mkdir()
    return root


def _import(content: Path, file: Path, *more: str) -> int:
    return main(["import", str(file), "--school", SCHOOL, "--content", str(content), *more])


def _nothing_written(content: Path) -> bool:
    return not (content / "schools" / SCHOOL / "policies").exists()


def test_a_text_policy_is_written_with_its_report(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "online safety.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert _import(content, source) == 0
    out = capsys.readouterr().out
    written = content / "schools" / SCHOOL / "policies" / "oakfield-school-online-safety-policy.md"
    policy, problems = parse_policy_file(written, SCHOOL)
    assert policy is not None and problems == []
    assert policy.title == "Oakfield School Online Safety Policy"
    assert policy.approved == "3 March 2024"
    assert [c.id for c in policy.clauses] == ["purpose-1", "purpose-2"]
    assert policy.clauses[1].text.startswith("Staff must:\nkeep their accounts private")
    lines = written.read_text(encoding="utf-8").split("\n")
    purpose = lines.index("# Purpose {#purpose}") + 1
    assert (
        f"policies/{written.name}:{purpose}: a heading found by its shape: check it is one" in out
    )
    assert "2 clauses under 1 heading, 0 removed lines" in out
    assert not list(written.parent.glob(".*.tmp"))  # the aside file became the policy


def test_a_policy_id_can_be_given_and_markdown_in_our_format_comes_in_as_it_is(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "policy.md"
    source.write_text(MINIMAL_POLICY, encoding="utf-8")
    assert _import(content, source, "--policy", "social-media") == 0
    written = content / "schools" / SCHOOL / "policies" / "social-media.md"
    assert written.read_text(encoding="utf-8") == MINIMAL_POLICY
    assert "Wrote" in capsys.readouterr().out


def test_the_real_command_refuses_in_a_subprocess(content: Path, tmp_path: Path) -> None:
    source = tmp_path / "policy.doc"
    source.write_bytes(OLE2)
    done = run_cli("import", str(source), "--school", SCHOOL, "--content", str(content))
    assert done.returncode == 1
    assert "old Word .doc file: open it in Word and save it as .docx" in done.stderr
    assert done.stdout == ""
    assert _nothing_written(content)


def _zip(path: Path, names: list[str]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")


def _make(kind: str, folder: Path) -> Path:
    """A bad input of `kind`, made for real."""
    if kind == "named pipe":
        path = folder / "policy.txt"
        os.mkfifo(path)
    elif kind == "link to nothing":
        path = folder / "policy.docx"
        path.symlink_to(folder / "gone.docx")
    elif kind == "folder":
        path = folder / "policy.pdf"
        path.mkdir()
    elif kind == "oversized":
        path = folder / "policy.pdf"
        with path.open("wb") as handle:
            handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk space used
    elif kind == "empty":
        path = folder / "policy.docx"
        path.write_bytes(b"")
    elif kind == "old doc":
        path = folder / "policy.doc"
        path.write_bytes(OLE2 + "WordDocument".encode("utf-16-le"))
    elif kind == "password":
        path = folder / "policy.docx"
        path.write_bytes(OLE2 + "EncryptionInfo".encode("utf-16-le") + bytes(64))
    elif kind == "pdf named docx":
        path = folder / "policy.docx"
        path.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    elif kind == "zip named docx":
        path = folder / "policy.docx"
        _zip(path, ["photos/one.jpg"])
    elif kind == "damaged docx":
        path = folder / "policy.docx"
        path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    elif kind == "word named txt":
        path = folder / "policy.txt"
        _zip(path, ["[Content_Types].xml", "word/document.xml"])
    elif kind == "junk named txt":
        path = folder / "policy.txt"
        path.write_bytes(bytes(range(256)) * 16)
    elif kind == "missing":
        path = folder / "policy.docx"
    elif kind == "unknown ending":
        path = folder / "policy.odt"
        path.write_text(TEXT, encoding="utf-8")
    else:
        raise AssertionError(kind)
    return path


REFUSALS = {
    "named pipe": "this is not a regular file (it is a named pipe)",
    "link to nothing": "this is not a regular file (it is a link to something missing)",
    "folder": "this is not a regular file (it is a folder)",
    "oversized": "policy.pdf is too large to be a policy",
    "empty": "policy.docx is empty: there is nothing to import",
    "old doc": "policy.doc is an old Word .doc file: open it in Word and save it as .docx",
    "password": "policy.docx is password-protected: remove the password in Word",
    "pdf named docx": "policy.docx is a PDF, not a Word document, although its name ends in "
    ".docx: rename it to end in .pdf",
    "zip named docx": "policy.docx is a zip file but not a Word document",
    "damaged docx": "policy.docx is not a Word document, although its name ends in .docx: it "
    "may be damaged",
    "word named txt": "policy.txt is a Word document, not a text file",
    "junk named txt": "policy.txt is not a text file, although its name ends in .txt",
    "missing": "policy.docx: there is no such file; check the name",
    "unknown ending": "policy.odt has '.odt' at the end of its name: the app can import .docx "
    "(Word), .pdf, .txt (plain text) and .md (Markdown) files",
}


@pytest.mark.parametrize("kind", sorted(REFUSALS))
def test_a_bad_input_is_refused_with_a_message_and_nothing_written(
    kind: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if kind == "named pipe" and not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are a POSIX thing")
    source = _make(kind, tmp_path)
    assert _import(content, source) == 1
    captured = capsys.readouterr()
    assert REFUSALS[kind] in captured.err
    assert captured.out == ""
    assert _nothing_written(content)


@pytest.mark.parametrize("school", ["nowhere", "../outside"])
def test_an_unknown_school_is_refused_listing_the_schools(
    school: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content / "outside").mkdir()
    source = tmp_path / "policy.txt"
    source.write_text(TEXT, encoding="utf-8")
    code = main(["import", str(source), "--school", school, "--content", str(content)])
    assert code == 1
    err = capsys.readouterr().err
    assert f"There is no school '{school}' in {content}. The schools in {content} are: " in err
    assert "oakfield, westdale" in err
    assert f"guidance-app new-school {school} --name NAME" in err
    assert not (content / "schools" / "nowhere").exists()
    assert list((content / "outside").iterdir()) == []


def test_an_existing_policy_is_not_overwritten(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policies = content / "schools" / SCHOOL / "policies"
    policies.mkdir()
    (policies / "online.md").write_text(MINIMAL_POLICY, encoding="utf-8")
    source = tmp_path / "policy.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert _import(content, source, "--policy", "online") == 1
    assert "use --update to bring in a new version" in capsys.readouterr().err
    assert (policies / "online.md").read_text(encoding="utf-8") == MINIMAL_POLICY
    assert [p.name for p in policies.iterdir()] == ["online.md"]


@pytest.mark.parametrize(
    ("more", "message"),
    [
        (["--update"], "The school has no policy 'oakfield-school-online-safety-policy' to update"),
        (["--policy", "Online Safety"], "'Online Safety' cannot be a policy id"),
    ],
)
def test_options_that_cannot_be_used_are_refused(
    more: list[str],
    message: str,
    content: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "policy.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert _import(content, source, *more) == 1
    assert message in capsys.readouterr().err
    assert _nothing_written(content)


def test_markdown_with_our_ids_that_does_not_parse_is_refused(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "policy.md"
    source.write_text(MINIMAL_POLICY.replace("{#friend-requests-2}", "{#friend-requests-1}"))
    assert _import(content, source) == 1
    assert "is not a valid policy file (line " in capsys.readouterr().err
    assert _nothing_written(content)


def test_a_text_file_with_no_words_is_refused(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "policy.txt"
    source.write_text("\n\n   \n", encoding="utf-8")
    assert _import(content, source) == 1
    assert "This text file has no text to import" in capsys.readouterr().err
    assert _nothing_written(content)


def test_markdown_without_our_ids_is_read_as_markdown(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "behaviour.md"
    source.write_text(
        "# Behaviour Policy\n\nApproved: May 2024\n\n## Aims\n\n"
        "Every pupil should feel safe at school and know whom to tell.\n\n"
        "- Staff model good behaviour.\n  - In lessons and online.\n",
        encoding="utf-8",
    )
    assert _import(content, source) == 0
    written = content / "schools" / SCHOOL / "policies" / "behaviour-policy.md"
    policy, problems = parse_policy_file(written, SCHOOL)
    assert policy is not None and problems == []
    assert policy.approved == "May 2024"
    assert [(s.heading, s.level) for s in policy.sections] == [("Aims", 1)]
    assert [(b.markdown, b.level) for b in policy.clauses[0].blocks] == [
        ("Every pupil should feel safe at school and know whom to tell.", 0),
        ("Staff model good behaviour.", 1),
        ("In lessons and online.", 2),
    ]
    assert "heading found by its shape" not in capsys.readouterr().out


def test_a_policies_folder_that_is_a_file_is_refused(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = content / "schools" / SCHOOL / "policies"
    blocker.write_text("not a folder", encoding="utf-8")
    source = tmp_path / "policy.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert _import(content, source) == 1
    assert f"Cannot write {blocker}/" in capsys.readouterr().err
    assert blocker.read_text(encoding="utf-8") == "not a folder"
