"""Importing a school's document as a draft policy: schools/ID/policies/POLICY.md.

`draft_from_file` makes the draft and its report without writing anything (the app shows it;
an update compares it with the policy in place); `import_policy` writes it, atomically, never
over a policy already there unless asked.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from guidance_app.core.content.model import NAME_ID
from guidance_app.core.content.policy_update import PolicyUpdate, apply_policy_update
from guidance_app.core.errors import DocumentImportError
from guidance_app.core.importing.draft import Draft, check_draft_parses, write_draft
from guidance_app.core.importing.draft_body import slug
from guidance_app.core.importing.reading import read_import_bytes
from guidance_app.core.importing.sniff import read_document
from guidance_app.core.importing.text_decode import decode_text

_MARKED = re.compile(r"^(?:#{1,4}\s.*)?\{#[^}]*\}[ \t]*$", re.M)  # our clause or heading ids
MAX_POLICY_ID = 60


@dataclass(frozen=True)
class ImportResult:
    """What was written, and the draft it holds."""

    path: Path
    policy_id: str
    draft: Draft


def draft_from_file(path: Path) -> Draft:
    """The draft policy made from the document at `path`; nothing is written."""
    if path.suffix.lower() == ".md":
        marked = _marked_markdown(path)
        if marked is not None:
            return marked
    document = read_document(path)
    return write_draft(document, path.name, fallback_title=path.stem)


def import_policy(
    file: Path, school_dir: Path, policy_id: str | None = None, overwrite: bool = False
) -> ImportResult:
    """Write the draft of `file` as the policy `policy_id` (from the title if not given) of
    the school in `school_dir`."""
    if not school_dir.is_dir():
        raise DocumentImportError(
            f"There is no school folder {school_dir}: create it with "
            f"`guidance-app new-school {school_dir.name} --name NAME`."
        )
    _check_policy_id(policy_id)
    if policy_id is not None:
        _refuse_existing(school_dir, policy_id, overwrite)  # before the work, as well as after
    draft = draft_from_file(file)
    chosen = policy_id or _policy_id(draft.title, file)
    target = _refuse_existing(school_dir, chosen, overwrite)
    _write_atomically(target, draft.text)
    return ImportResult(target, chosen, draft)


def update_policy(
    file: Path, school_dir: Path, policy_id: str | None, today: datetime.date
) -> tuple[ImportResult, PolicyUpdate]:
    """Bring in a new version of one of the school's policies (`policy_id`, or the one the
    document's title names): clause ids kept stable, the answers citing a changed or removed
    clause marked as needing review (core/content/policy_update.py)."""
    _check_policy_id(policy_id)
    draft = draft_from_file(file)
    chosen = policy_id or _policy_id(draft.title, file)
    target = school_dir / "policies" / f"{chosen}.md"
    if not os.path.lexists(target):
        have = sorted(p.stem for p in (school_dir / "policies").glob("*.md"))
        raise DocumentImportError(
            f"The school has no policy '{chosen}' to update"
            + (f" (it has: {', '.join(have)})" if have else "")
            + ": name the one this document replaces with --policy ID, or import it without "
            "--update as a new policy."
        )
    update = apply_policy_update(school_dir, chosen, draft.text, today)
    return ImportResult(target, chosen, draft), update


def _check_policy_id(policy_id: str | None) -> None:
    if policy_id is not None and not NAME_ID.match(policy_id):
        raise DocumentImportError(
            f"'{policy_id}' cannot be a policy id: use lowercase letters, digits and hyphens, "
            "for example 'online-safety'."
        )


def _refuse_existing(school_dir: Path, policy_id: str, overwrite: bool) -> Path:
    target = school_dir / "policies" / f"{policy_id}.md"
    if os.path.lexists(target) and not overwrite:
        raise DocumentImportError(
            f"The school already has a policy '{policy_id}' ({target}): use --update to bring "
            "in a new version of it, or --policy to import this document under another id."
        )
    return target


def _policy_id(title: str, file: Path) -> str:
    for text in (title, file.stem):
        candidate = slug(text)[:MAX_POLICY_ID].strip("-")
        if NAME_ID.match(candidate) and candidate != "section":
            return candidate
    return "policy"


def _marked_markdown(path: Path) -> Draft | None:
    """A Markdown file already in the app's policy format ({#id} markers): used as it is once
    it parses; None for any other Markdown file."""
    text = decode_text(read_import_bytes(path), "Markdown file")
    if not _MARKED.search(text):
        return None
    if not text.startswith("---"):
        raise DocumentImportError(
            f"{path.name} has clause ids ({{#...}}) but no details at the top: add the lines "
            "between '---' (title, source, approved, review_cycle, next_review), or take the "
            "ids out to import it as ordinary Markdown."
        )
    check_draft_parses(text, path.name)
    title_match = re.search(r"^title:\s*(.+)$", text, re.M)
    title = title_match.group(1).strip().strip("\"'") if title_match else path.stem
    headings = len(re.findall(r"^#{1,4}\s.*\{#[^}]*\}\s*$", text, re.M))
    clauses = len(re.findall(r"^\{#[^}]*\}\s*$", text, re.M))
    return Draft(text, (), title, headings, clauses, ())


def _write_atomically(target: Path, text: str) -> None:
    """Write aside, flush to disk, then rename over: a crash leaves the old file or the new,
    never half of one."""
    aside: str | None = None
    try:
        target.parent.mkdir(exist_ok=True)
        descriptor, aside = tempfile.mkstemp(
            prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent
        )
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(aside, target)
    except OSError as exc:
        if aside is not None:
            with contextlib.suppress(OSError):
                os.unlink(aside)
        raise DocumentImportError(
            f"Cannot write {target}: {exc.strerror or exc}. Check the content folder is yours "
            "to change (not a read-only copy) and that policies/ is a folder."
        ) from exc
    with contextlib.suppress(OSError):  # the rename itself reaches the disk (not on Windows)
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
