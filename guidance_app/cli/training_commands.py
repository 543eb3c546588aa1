"""`guidance-app decks` and `guidance-app handout DECK --school ID --out FILE.pdf`."""

from __future__ import annotations

import argparse
from pathlib import Path

from guidance_app.cli.common import AddCommand, print_json, start_qt_for_pdf
from guidance_app.core.content.loader import load_library
from guidance_app.core.errors import GuidanceError


def cmd_decks(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    rows = [
        {
            "id": d.id,
            "title": d.title,
            "school": d.school_id,
            "scenarios": [s.id for s in d.scenarios],
        }
        for d in library.decks
    ]
    if args.json:
        print_json(rows)
    else:
        for deck in library.decks:
            print(f"{deck.id}: {deck.title} ({len(deck.scenarios)} scenarios)")
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    deck = library.require_deck(args.deck)
    school_id = deck.school_id or args.school
    if school_id is None:
        raise GuidanceError("Say which school's answers to print: --school ID.")
    library.require_school(school_id)
    start_qt_for_pdf()
    from guidance_app.ui.pdf import write_handout_pdf

    pages = write_handout_pdf(library, deck, school_id, args.out)
    print(f"Wrote {args.out}: {pages} pages, {len(deck.scenarios)} scenarios, for {school_id}.")
    return 0


def add_training_commands(command: AddCommand) -> None:
    decks = command("decks", cmd_decks, "list the training decks")
    decks.add_argument("--json", action="store_true", help="print JSON")
    handout = command("handout", cmd_handout, "a training deck as a PDF handout")
    handout.add_argument("deck", help="the deck's id, e.g. social-media-and-you")
    handout.add_argument("--school", metavar="ID", help="whose answers (unless the deck fixes one)")
    handout.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
