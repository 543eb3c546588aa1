"""`guidance-app gaps --school ID [--out FILE.pdf]`: questions for a school's policy owner."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from guidance_app.cli.common import AddCommand, counted, start_qt_for_pdf
from guidance_app.core.content.loader import load_library
from guidance_app.core.guidance.gaps import gaps_for
from guidance_app.core.render.gaps import gaps_summary, gaps_text


def cmd_gaps(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    gaps = gaps_for(library, args.school)
    if args.out is None:
        print(gaps_text(gaps, datetime.date.today()), end="")
        return 0
    start_qt_for_pdf()
    from guidance_app.ui.pdf import write_gaps_pdf

    pages = write_gaps_pdf(library, args.school, args.out)
    summary = gaps_summary(gaps)
    print(f"Wrote {args.out}: {counted(pages, 'page')} for {gaps.school.name}. {summary}")
    return 0


def add_owner_commands(command: AddCommand) -> None:
    gaps = command(
        "gaps",
        cmd_gaps,
        "for a school's policy owner: situations its policy is silent on, questions only the "
        "school can answer, and clauses no ruling cites",
    )
    gaps.add_argument("--school", metavar="ID", required=True, help="the school's id")
    gaps.add_argument(
        "--out", type=Path, metavar="FILE.pdf", help="write a PDF instead of printing text"
    )
