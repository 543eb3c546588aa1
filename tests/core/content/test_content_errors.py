"""Every kind of content mistake gives the exact file, line, column and a plain message.

Each test writes a small valid library, breaks one file, loads it, and compares the problems
(paths relative to the content folder) with what an author must see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import fingerprint
from guidance_app.core.files import yamlsafe
from tests.helpers import (
    MINIMAL_POLICY,
    MINIMAL_SCHOOL,
    MINIMAL_WIZARD,
    minimal_rulings,
    write_library,
)

SCHOOL = "schools/example/school.yaml"
POLICY = "schools/example/policies/staff.md"
RULINGS = "schools/example/rulings.yaml"
WIZARD = "wizards/friend-request.yaml"
SYNONYMS = "synonyms.yaml"


def problems_after(tmp_path: Path, relative: str, content: str | bytes) -> list[str]:
    root = write_library(tmp_path)
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    result = load_library(root)
    return [
        f"{p.path.relative_to(root.resolve())}:{p.line}:{p.col}: {p.message}"
        for p in result.problems
    ]


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test through both PyYAML parsers: libyaml reads ahead and has limits of its own
    (PyYAML 6.0.4's stops at 1,000 levels of nesting), the pure-Python one streams. Whichever
    reads the file, the author sees our message at the same place."""
    if request.param == "libyaml":
        if not hasattr(yaml, "CBaseLoader"):
            pytest.skip("this PyYAML was built without libyaml")
        monkeypatch.setattr(yamlsafe, "FAST_PARSER", yaml.CBaseLoader)
    else:
        monkeypatch.setattr(yamlsafe, "FAST_PARSER", yaml.BaseLoader)
    return str(request.param)


def test_the_minimal_library_is_valid(tmp_path: Path) -> None:
    result = load_library(write_library(tmp_path))
    assert result.problems == []
    assert [s.id for s in result.library.schools] == ["example"]


# --- YAML itself -------------------------------------------------------------------------------


def test_yaml_syntax_error(tmp_path: Path) -> None:
    assert problems_after(tmp_path, SCHOOL, "name: [Example\nshort_name: x\n") == [
        f"{SCHOOL}:2:11: this is not valid YAML: did not find expected ',' or ']'",
    ]


def test_duplicate_key(tmp_path: Path) -> None:
    assert problems_after(tmp_path, SCHOOL, MINIMAL_SCHOOL + "name: Again\n") == [
        f"{SCHOOL}:6:1: duplicate key 'name' (first given at line 1); each key may appear once",
    ]


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    text = MINIMAL_SCHOOL.replace("short_name:", "shortname:")
    assert problems_after(tmp_path, SCHOOL, text) == [
        f"{SCHOOL}:1:1: the file is missing 'short_name': a short name for tight spaces such "
        "as the compare view",
        f"{SCHOOL}:2:1: unknown key 'shortname' in the file; did you mean 'short_name'? allowed "
        "keys are: name, roles, short_name",
    ]


def test_missing_required_role(tmp_path: Path) -> None:
    text = MINIMAL_SCHOOL.replace("  dsl: the designated safeguarding lead\n", "")
    problems = problems_after(tmp_path, SCHOOL, text)
    assert problems[0].startswith(f"{SCHOOL}:4:3: 'roles' is missing 'dsl'")


def test_mistyped_field(tmp_path: Path) -> None:
    text = MINIMAL_SCHOOL.replace("name: Example Academy", "name: 42")
    assert problems_after(tmp_path, SCHOOL, text) == [
        f"{SCHOOL}:1:7: 'name' should be text, not a number",
    ]


def test_yes_no_on_off_stay_text(tmp_path: Path) -> None:
    root = write_library(tmp_path)
    (root / SCHOOL).write_text(
        MINIMAL_SCHOOL.replace("Example Academy", "yes").replace(
            "short_name: Example", "short_name: off"
        )
    )
    result = load_library(root)
    assert result.problems == []
    school = result.library.schools[0]
    assert (school.name, school.short_name) == ("yes", "off")


def test_dates_stay_text(tmp_path: Path) -> None:
    root = write_library(tmp_path)
    result = load_library(root)
    assert result.library.schools[0].policies[0].next_review_due == "2025-01"


def test_alias_bomb_is_refused_quickly(tmp_path: Path, yaml_parser: str) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    assert problems_after(tmp_path, SYNONYMS, bomb) == [
        f"{SYNONYMS}:1:4: anchors (&name) and aliases (*name) are not allowed in content files; "
        "write the value out in full",
    ]


def test_merge_key_is_refused(tmp_path: Path, yaml_parser: str) -> None:
    assert problems_after(tmp_path, SYNONYMS, "groups:\n  - <<: {a: 1}\n")[0] == (
        f"{SYNONYMS}:2:5: merge keys (<<) are not allowed in content files"
    )


def test_absurd_nesting(tmp_path: Path, yaml_parser: str) -> None:
    assert problems_after(tmp_path, SYNONYMS, "groups: " + "[" * 5000 + "]" * 5000) == [
        f"{SYNONYMS}:1:32: nested more than 24 levels deep; content is never this deep, so the "
        "file is probably damaged",
    ]


def test_absurd_nesting_in_block_style(tmp_path: Path, yaml_parser: str) -> None:
    assert problems_after(tmp_path, SYNONYMS, "- " * 1500 + "x\n") == [
        f"{SYNONYMS}:1:49: nested more than 24 levels deep; content is never this deep, so the "
        "file is probably damaged",
    ]


def test_absurd_nesting_in_a_policys_details(tmp_path: Path, yaml_parser: str) -> None:
    details = "next_review_due: 2025-01\ndetails: " + "{a: " * 1200 + "\n"
    policy = MINIMAL_POLICY.replace("next_review_due: 2025-01\n", details, 1)
    assert problems_after(tmp_path, POLICY, policy)[0] == (
        f"{POLICY}:8:102: nested more than 24 levels deep; content is never this deep, so the "
        "file is probably damaged"
    )


def test_a_file_within_our_limits_reads_the_same_with_either_parser(
    tmp_path: Path, yaml_parser: str
) -> None:
    nested = "groups:\n  - [a, b]\n  - [c, " + "[" * 20 + "d" + "]" * 20 + "]\n"
    assert problems_after(tmp_path, SYNONYMS, nested) == [
        f"{SYNONYMS}:3:9: item 2 of item 2 of 'groups' should be text, not a list"
    ]


def test_python_tag_is_refused(tmp_path: Path, yaml_parser: str) -> None:
    assert problems_after(tmp_path, SYNONYMS, "groups: !!python/object/apply:os.system [ls]\n") == [
        f"{SYNONYMS}:1:9: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
        "allowed; content files hold only plain text, numbers, lists and mappings",
    ]


def test_two_documents_in_one_file(tmp_path: Path, yaml_parser: str) -> None:
    assert problems_after(tmp_path, SYNONYMS, "groups: [[a, b]]\n---\ngroups: [[c, d]]\n") == [
        f"{SYNONYMS}:2:1: a content file holds one YAML document; remove the extra '---'",
    ]


def test_not_utf8(tmp_path: Path) -> None:
    assert problems_after(tmp_path, SCHOOL, "name: Caf\xe9\n".encode("latin-1")) == [
        f"{SCHOOL}:1:10: the file is not valid UTF-8 text; save it as UTF-8 (byte 0xe9 cannot "
        "be read)",
    ]


def test_binary_file(tmp_path: Path) -> None:
    assert problems_after(tmp_path, SCHOOL, b"\x89PNG\r\n\x1a\n\x00\x00") == [
        f"{SCHOOL}:3:1: this looks like a binary file, not text; content files must be plain "
        "UTF-8 text",
    ]


def test_oversized_file(tmp_path: Path, yaml_parser: str) -> None:
    problems = problems_after(tmp_path, SYNONYMS, "# padding\n" * 60_000)
    assert problems == [
        f"{SYNONYMS}:1:1: file is too large (600,000 bytes; the limit is 524,288): content "
        "files are short text files",
    ]


def test_empty_file(tmp_path: Path) -> None:
    assert problems_after(tmp_path, SYNONYMS, "") == [f"{SYNONYMS}:1:1: the file is empty"]


def test_school_folder_without_school_yaml(tmp_path: Path) -> None:
    root = write_library(tmp_path)
    (root / "schools" / "other").mkdir()
    assert [str(p) for p in load_library(root).problems] == [
        f"{root.resolve()}/schools/other/school.yaml:1:1: this school folder has no "
        "school.yaml; add one with name, short_name and roles",
    ]


# --- policies ----------------------------------------------------------------------------------


def test_policy_without_front_matter(tmp_path: Path) -> None:
    problems = problems_after(tmp_path, POLICY, "# Heading {#h}\n")
    assert problems[0] == (
        f"{POLICY}:1:1: a policy file starts with a '---' line, then its details (title, "
        "source, approved, review_cycle, next_review), then another '---' line"
    )


def test_policy_front_matter_not_closed(tmp_path: Path) -> None:
    problems = problems_after(tmp_path, POLICY, "---\ntitle: x\n")
    assert problems[0] == (
        f"{POLICY}:1:1: the details at the top are not closed: add a line "
        "'---' after them, before the policy text"
    )


def test_policy_front_matter_unknown_key_has_the_right_line(tmp_path: Path) -> None:
    text = MINIMAL_POLICY.replace("approved:", "aproved:")
    problems = problems_after(tmp_path, POLICY, text)
    assert (
        f"{POLICY}:4:1: unknown key 'aproved' in the file; did you mean 'approved'? "
        "allowed keys are: approved, details, next_review, next_review_due, review_cycle, "
        "source, title" in problems
    )


def test_bad_review_date(tmp_path: Path) -> None:
    text = MINIMAL_POLICY.replace("next_review_due: 2025-01", "next_review_due: Jan 2025")
    assert problems_after(tmp_path, POLICY, text)[0] == (
        f"{POLICY}:7:18: 'next_review_due' 'Jan 2025' is not in the right form (YYYY-MM or "
        "YYYY-MM-DD, for example 2023-02)"
    )


def test_heading_without_id(tmp_path: Path) -> None:
    text = MINIMAL_POLICY.replace("# Friend requests {#friend-requests}", "# Friend requests")
    assert problems_after(tmp_path, POLICY, text)[0] == (
        f"{POLICY}:10:18: this heading has no id: end it with {{#some-id}}, for example "
        "'# Friend requests {#friend-requests}'"
    )


def test_text_outside_a_clause(tmp_path: Path) -> None:
    text = MINIMAL_POLICY.replace("{#friend-requests-1}\n", "")
    assert problems_after(tmp_path, POLICY, text)[0] == (
        f"{POLICY}:12:1: this text is not inside a clause: add a line with only '{{#clause-id}}' "
        "above it"
    )


def test_duplicate_clause_id(tmp_path: Path) -> None:
    text = MINIMAL_POLICY.replace("{#friend-requests-2}", "{#friend-requests-1}")
    assert problems_after(tmp_path, POLICY, text)[0] == (
        f"{POLICY}:15:2: the id 'friend-requests-1' is already used at line 12; every heading "
        "and clause needs its own id"
    )


def test_invalid_clause_id(tmp_path: Path) -> None:
    text = MINIMAL_POLICY.replace("{#friend-requests-2}", "{#Friend Requests}")
    assert problems_after(tmp_path, POLICY, text)[0] == (
        f"{POLICY}:15:2: the clause id 'Friend Requests' is not valid: use lowercase letters, "
        "digits, and '.' or '-' between them, for example '4.1.2' or 'friendships-1'"
    )


def test_empty_clause(tmp_path: Path) -> None:
    text = MINIMAL_POLICY + "\n{#empty}\n"
    assert problems_after(tmp_path, POLICY, text)[0] == (
        f"{POLICY}:21:1: the clause 'empty' has no text; remove the marker or put the clause's "
        "words under it"
    )


# --- wizards -----------------------------------------------------------------------------------


def test_option_leads_to_missing_question(tmp_path: Path) -> None:
    text = MINIMAL_WIZARD.replace(
        "        situation: friend-request/ex-pupil\n", "        next: when\n"
    )
    assert (
        f"{WIZARD}:13:15: option 'ex-pupil' leads to question 'when', which does not exist; "
        "questions here are: who" in problems_after(tmp_path, WIZARD, text)
    )


def test_option_with_both_next_and_situation(tmp_path: Path) -> None:
    text = MINIMAL_WIZARD.replace(
        "        situation: friend-request/pupil\n",
        "        situation: friend-request/pupil\n        next: who\n",
    )
    assert problems_after(tmp_path, WIZARD, text)[0] == (
        f"{WIZARD}:8:9: option 'pupil' must have exactly one of 'next' (the id of the next "
        "question) or 'situation' (the situation key it ends in)"
    )


def test_unreachable_question(tmp_path: Path) -> None:
    text = MINIMAL_WIZARD.replace(
        "situations:\n",
        "  orphan:\n    text: Never asked?\n"
        "    options:\n      - {id: a, label: A, situation: "
        "friend-request/pupil}\n      - {id: b, label: B, situation: "
        "friend-request/pupil}\nsituations:\n",
    )
    assert problems_after(tmp_path, WIZARD, text)[0] == (
        f"{WIZARD}:14:3: no answer leads to question 'orphan', so nobody can reach it; link it "
        "from an option's 'next' or remove it"
    )


def test_cycle(tmp_path: Path) -> None:
    text = MINIMAL_WIZARD.replace(
        "        situation: friend-request/ex-pupil\n", "        next: again\n"
    ).replace(
        "situations:\n",
        "  again:\n    text: Again?\n    options:\n      - {id: a, label: A, "
        "next: who}\n      - {id: b, label: B, situation: friend-request/ex-pupil}\nsituations:\n",
    )
    assert problems_after(tmp_path, WIZARD, text)[0] == (
        f"{WIZARD}:5:3: the questions go round in a circle (who -> again -> who); every path "
        "must end in a situation"
    )


def test_situation_not_declared(tmp_path: Path) -> None:
    text = MINIMAL_WIZARD.replace(
        "situation: friend-request/ex-pupil", "situation: friend-request/former"
    )
    assert problems_after(tmp_path, WIZARD, text)[0] == (
        f"{WIZARD}:13:20: option 'ex-pupil' ends in situation 'friend-request/former', which is "
        "not listed under 'situations'; add it there with a title"
    )


def test_question_with_one_option(tmp_path: Path) -> None:
    text = MINIMAL_WIZARD.replace(
        "      - id: ex-pupil\n        label: A former pupil\n"
        "        situation: friend-request/ex-pupil\n",
        "",
    )
    assert problems_after(tmp_path, WIZARD, text)[0] == (
        f"{WIZARD}:8:7: 'options' needs at least 2 item(s)"
    )


# --- rulings -----------------------------------------------------------------------------------


def test_citation_to_a_missing_clause(tmp_path: Path) -> None:
    text = minimal_rulings().replace("staff#friend-requests-1", "staff#friend-requests-9")
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:9:9: the citation 'staff#friend-requests-9' names a clause that is not in "
        "staff.md; check the clause id",
    ]


def test_citation_to_a_missing_policy(tmp_path: Path) -> None:
    text = minimal_rulings().replace("staff#friend-requests-1", "parents#friend-requests-1")
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:9:9: the citation 'parents#friend-requests-1' names a policy 'parents' that "
        "this school does not have (it has: staff)",
    ]


def test_edited_clause_flags_the_rulings_that_cite_it(tmp_path: Path) -> None:
    root = write_library(tmp_path)
    policy = root / POLICY
    policy.write_text(MINIMAL_POLICY.replace("**must not** accept", "**must never** accept"))
    new = fingerprint("Staff must never accept friend requests from pupils.")
    assert [f"{p.line}:{p.col}: {p.message}" for p in load_library(root).problems] == [
        "9:9: the clause 'staff#friend-requests-1' has changed since this ruling was written: "
        f"reread the ruling against the clause's text, then set its fingerprint to '{new}'",
    ]


def test_unknown_role(tmp_path: Path) -> None:
    text = minimal_rulings().replace("tell: [dsl]", "tell: [bursar]")
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:2:3: the ruling for 'friend-request/pupil' says to tell 'bursar', which is "
        "not a role in school.yaml; roles there are: dsl, headteacher",
    ]


def test_unknown_binding(tmp_path: Path) -> None:
    text = minimal_rulings().replace("binding: must", "binding: must not")
    assert problems_after(tmp_path, RULINGS, text)[0] == (
        f"{RULINGS}:4:14: 'binding' is 'must not'; it must be one of: must, should, "
        "strongly-advised, advised, may"
    )


def test_situation_without_a_ruling(tmp_path: Path) -> None:
    text = minimal_rulings().split("  friend-request/ex-pupil:")[0]
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:1:1: no ruling for the situation 'friend-request/ex-pupil': add one (or one "
        "for a coarser key such as 'friend-request'), or mark it 'not_covered' where the "
        "policy is silent",
    ]


def test_coarser_ruling_serves_finer_situations(tmp_path: Path) -> None:
    text = (
        minimal_rulings()
        .split("  friend-request/ex-pupil:")[0]
        .replace("  friend-request/pupil:", "  friend-request:")
    )
    assert problems_after(tmp_path, RULINGS, text) == []


def test_ruling_for_a_situation_no_wizard_has(tmp_path: Path) -> None:
    text = minimal_rulings() + "  photos:\n    not_covered: The policy says nothing.\n"
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:20:3: no wizard ends in the situation 'photos' (or one under it); check the "
        "key against the wizards' 'situations'",
    ]


def test_not_covered_with_an_action(tmp_path: Path) -> None:
    text = minimal_rulings().replace(
        "    action: You may accept it.\n",
        "    action: You may accept it.\n    not_covered: Silent.\n",
    )
    problems = problems_after(tmp_path, RULINGS, text)
    assert problems[0] == (
        f"{RULINGS}:11:3: the ruling for 'friend-request/ex-pupil' says 'not_covered' but also "
        "gives action, binding, steps; a situation the policy does not cover has no action of "
        "its own"
    )


def test_ruling_without_citations(tmp_path: Path) -> None:
    text = (
        minimal_rulings()
        .replace("    cite:\n      - clause: staff#friend-requests-1\n", "    cite: []\n    x-:\n")
        .replace("    x-:\n        fingerprint: ", "    # was: ")
    )
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:2:3: the ruling for 'friend-request/pupil' cites no clause; every ruling "
        "rests on the policy's own words"
    ]


def test_bad_fingerprint_form(tmp_path: Path) -> None:
    text = minimal_rulings().replace("fingerprint: ", "fingerprint: x", 1)
    assert problems_after(tmp_path, RULINGS, text)[0].startswith(
        f"{RULINGS}:10:22: 'fingerprint' 'x"
    )


# --- the rest still loads, every problem is reported --------------------------------------------


def test_a_bad_school_does_not_stop_the_others(tmp_path: Path) -> None:
    root = write_library(tmp_path)
    broken = root / "schools" / "broken"
    (broken / "policies").mkdir(parents=True)
    (broken / "school.yaml").write_text("name: [\n")
    result = load_library(root)
    assert [s.id for s in result.library.schools] == ["example"]
    assert len(result.library.schools[0].policies) == 1
    assert [p.path.parent.name for p in result.problems] == ["broken"]


def test_all_problems_are_collected(tmp_path: Path) -> None:
    root = write_library(tmp_path)
    (root / SYNONYMS).write_text("groups: [[a]]\nextra: 1\n")
    (root / POLICY).write_text(MINIMAL_POLICY.replace("{#friend-requests-2}", "{#BAD}"))
    files = {p.path.name for p in load_library(root).problems}
    assert files == {"synonyms.yaml", "staff.md", "rulings.yaml"}


@pytest.mark.parametrize("name", ["Bad Name", "UPPER"])
def test_invalid_school_folder_name(tmp_path: Path, name: str) -> None:
    root = write_library(tmp_path)
    (root / "schools" / name).mkdir()
    problems = load_library(root).problems
    assert [p.message for p in problems] == [
        f"the folder name '{name}' is not a valid school id: use lowercase letters, digits and "
        "hyphens"
    ]
