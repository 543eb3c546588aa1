"""`guidance-app import FILE --school ID`: a school's own document as a draft policy."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from guidance_app.cli.common import AddCommand, counted
from guidance_app.core.content.model import NAME_ID
from guidance_app.core.errors import DocumentImportError
from guidance_app.core.importing.importer import ImportResult, import_policy, update_policy


def cmd_import(args: argparse.Namespace) -> int:
    content: Path = args.content
    school_dir = content / "schools" / args.import_school
    if not NAME_ID.match(args.import_school) or not school_dir.is_dir():
        raise DocumentImportError(_no_such_school(content, args.import_school))
    if args.update:
        result, update = update_policy(args.file, school_dir, args.policy, datetime.date.today())
        _print_report(result)
        for line in update.changes.lines():
            print(f"  {line}")
        print(f"Updated {result.path}: {update.summary()}.")
        if update.marked:
            print(
                "Until someone confirms them (Edit answers, or take `needs_review` out of "
                "rulings.yaml), staff who reach those answers see the policy's current words "
                "and are told to speak to the DSL."
            )
        return 0
    result = import_policy(args.file, school_dir, args.policy)
    _print_report(result)
    draft = result.draft
    removed = sum(1 for line in draft.removed if line.text)
    print(
        f"Wrote {result.path}: '{draft.title}', {counted(draft.clauses, 'clause')} under "
        f"{counted(draft.headings, 'heading')}, {counted(removed, 'removed line')}, "
        f"{counted(len(draft.report), 'place')} to check (listed above). It is a draft: read it "
        "beside the original, then run `guidance-app validate`."
    )
    return 0


def _print_report(result: ImportResult) -> None:
    shown = f"policies/{result.path.name}"
    for item in result.draft.report:
        print(f"{shown}:{item.line}: {item.message}")


def _no_such_school(content: Path, school: str) -> str:
    folder = content / "schools"
    known = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    listed = f" The schools in {content} are: {', '.join(known)}." if known else ""
    return (
        f"There is no school '{school}' in {content}.{listed} To add a school, create it with "
        f"`guidance-app new-school {school} --name NAME`."
    )


def add_import_command(command: AddCommand) -> None:
    sub = command(
        "import",
        cmd_import,
        "import a school's policy (.docx, .pdf, .txt, .md) as a draft policy file, and list "
        "every place to check",
    )
    sub.add_argument("file", type=Path, metavar="FILE", help="the policy document")
    sub.add_argument(
        "--school", dest="import_school", required=True, metavar="ID", help="the school's id"
    )
    sub.add_argument(
        "--policy", metavar="ID", help="the policy's id (default: made from its title)"
    )
    sub.add_argument(
        "--update",
        action="store_true",
        help="bring in a new version of a policy the school already has",
    )
