"""Whether this user may edit a school's answers in the app ("Edit answers"), and if not, why.

Never on a computer whose settings IT has locked or in kiosk mode, and never where the content
folder, the school's folder or its rulings.yaml cannot be written by this user. Saving writes a new
rulings.yaml beside the old one and swaps it in, so the school's folder must take a new file:
that is tried for real (a file written and removed), as permissions alone do not tell (a
read-only network share, an ACL, a full disk).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from guidance_app.core.files.safe_read import what_is
from guidance_app.core.machine.deployment import Deployment

RULINGS = "rulings.yaml"


def edit_answers_refusal(deployment: Deployment, content: Path, school_folder: Path) -> str | None:
    """Why this user cannot edit the school's answers here, in plain words; None if they can."""
    if deployment.locked:
        return "Editing answers is off: your IT team has locked this computer's settings."
    if deployment.kiosk_idle_minutes is not None:  # it would clear an unsaved answer away
        return "Editing answers is off on a shared computer that clears itself (kiosk mode)."
    rulings = school_folder / RULINGS
    kind = what_is(rulings)
    if kind == "nothing":
        return (
            f"Editing answers is off: there is no {rulings} yet. Ask your IT team to set the "
            "school up with `guidance-app new-school`."
        )
    if kind != "a regular file":
        return f"Editing answers is off: {rulings} should be a file but it is {kind}."
    for place in (content, school_folder):
        if not os.access(place, os.W_OK | os.X_OK):
            return f"Editing answers is off: you cannot change files in {place}."
    if not os.access(rulings, os.W_OK):
        return f"Editing answers is off: you cannot change {rulings}."
    try:
        handle, aside = tempfile.mkstemp(prefix=".write-test-", dir=school_folder)
    except OSError as exc:
        reason = exc.strerror or "it cannot be written"
        return f"Editing answers is off: no file can be saved in {school_folder} ({reason})."
    os.close(handle)
    os.unlink(aside)
    return None
