"""Transcripts of guided answers: every path through a wizard with each school's outcome. The
golden files in tests/content/golden/ are these records, so a change in what staff see shows up
as a diff to review."""

from __future__ import annotations

from typing import Any

from guidance_app.core.content.model import Library
from guidance_app.core.content.wizard_model import Wizard
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.guidance.wizard_engine import all_paths


def path_records(library: Library, wizard: Wizard, school_id: str | None) -> list[dict[str, Any]]:
    """Every path of a wizard with each school's outcome (the golden transcript's shape)."""
    records = []
    schools = [library.require_school(school_id)] if school_id else library.schools
    for school in (s.id for s in schools):
        for answers, situation in all_paths(wizard):
            outcome = outcome_for(library, school, situation)
            records.append(
                {
                    "school": school,
                    "answers": [{"question": q.text, "answer": o.label} for q, o in answers],
                    "situation": situation,
                    "outcome": outcome.as_dict(),
                }
            )
    return records
