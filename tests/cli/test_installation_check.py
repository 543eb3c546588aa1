"""The self-test's lines: an outcome shortened for its line ends at a word, marked as cut."""

from __future__ import annotations

from guidance_app.cli.installation_check import shortened


def test_a_long_outcome_is_shortened_at_a_word_with_an_ellipsis() -> None:
    action = "Declare that you are related to the pupil and discuss the request with the Head"
    line = shortened(action, 60)
    assert len(line) <= 60 and line.endswith("…")
    assert action.startswith(line.removesuffix("…"))
    assert line.removesuffix("…").split()[-1] in action.split()  # a whole word, not cut
    assert shortened("Decline it.", 60) == "Decline it."
