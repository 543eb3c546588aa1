"""A not-covered ruling may name whom staff should ask (`ask`), and any ruling may carry a
question for the policy owner (`owner_query`): both are read from rulings.yaml, and a mistake in
either is reported at its own line and column."""

from __future__ import annotations

from pathlib import Path

from guidance_app.core.content.loader import load_library
from tests.core.content.test_content_errors import RULINGS, problems_after
from tests.helpers import minimal_rulings, write_library


def _ex_pupil(lines: str) -> str:
    """The minimal rulings with the former-pupil ruling replaced by `lines` (indented by 4)."""
    pupil = minimal_rulings().split("  friend-request/ex-pupil:")[0]
    return pupil + "  friend-request/ex-pupil:\n" + lines


def test_ask_and_owner_query_are_read(tmp_path: Path) -> None:
    root = write_library(tmp_path)
    (root / RULINGS).write_text(
        _ex_pupil(
            "    not_covered: The policy says nothing about former pupils.\n"
            "    ask: headteacher\n"
            "    owner_query: Was the rule meant for former pupils under 18?\n"
        ),
        encoding="utf-8",
    )
    result = load_library(root)
    assert result.problems == []
    book = result.library.rulings["example"]
    ruling = book.rulings["friend-request/ex-pupil"]
    assert ruling.ask == "headteacher"
    assert ruling.owner_query == "Was the rule meant for former pupils under 18?"
    assert book.rulings["friend-request/pupil"].ask is None
    assert book.rulings["friend-request/pupil"].owner_query is None


def test_an_owner_query_may_sit_on_a_ruling_that_rules(tmp_path: Path) -> None:
    text = minimal_rulings().replace(
        "    tell: [dsl]\n", "    tell: [dsl]\n    owner_query: Does this cover messages too?\n"
    )
    assert problems_after(tmp_path, RULINGS, text) == []


def test_ask_names_a_role_school_yaml_does_not_have(tmp_path: Path) -> None:
    text = _ex_pupil("    not_covered: Silent.\n    ask: headteaher\n")
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:13:10: the ruling for 'friend-request/ex-pupil' says to ask 'headteaher', "
        "which is not a role in school.yaml; did you mean 'headteacher'? roles there are: dsl, "
        "headteacher",
    ]


def test_ask_on_a_ruling_that_rules_is_refused(tmp_path: Path) -> None:
    text = minimal_rulings().replace("    tell: [dsl]\n", "    tell: [dsl]\n    ask: headteacher\n")
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:8:10: the ruling for 'friend-request/pupil' gives 'ask', which only goes "
        "with 'not_covered' (who staff should ask where the policy is silent); a ruling says "
        "whom to tell with 'tell'",
    ]


def test_ask_must_look_like_a_role_key(tmp_path: Path) -> None:
    text = _ex_pupil("    not_covered: Silent.\n    ask: [headteacher]\n")
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:13:10: 'ask' should be text, not a list (a role key from school.yaml, such "
        "as 'headteacher')",
    ]


def test_an_empty_owner_query_is_refused(tmp_path: Path) -> None:
    text = _ex_pupil("    not_covered: Silent.\n    owner_query: ''\n")
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:13:18: 'owner_query' must not be empty",
    ]


def test_a_mistyped_tell_role_gets_a_suggestion_too(tmp_path: Path) -> None:
    text = minimal_rulings().replace("tell: [headteacher]", "tell: [headteaher]")
    assert problems_after(tmp_path, RULINGS, text) == [
        f"{RULINGS}:11:3: the ruling for 'friend-request/ex-pupil' says to tell 'headteaher', "
        "which is not a role in school.yaml; did you mean 'headteacher'? roles there are: dsl, "
        "headteacher",
    ]
