"""`guidance-app new-school ID --name NAME`: a new school's folder, ready for its policies and
its answers."""

from __future__ import annotations

import argparse

from guidance_app.cli.common import AddCommand
from guidance_app.core.content.loader import load_library
from guidance_app.core.content.new_school import create_school


def cmd_new_school(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    folder = create_school(args.content, library, args.id, args.name, args.short_name)
    count = len(library.situations)
    print(f"Made {folder} for {args.name}, with {count} answers to do.")
    print(f"Next: import a policy with guidance-app import FILE --school {args.id}")
    print(f"Then check the roles in {folder / 'school.yaml'} and write the answers in the app.")
    return 0


def add_school_commands(command: AddCommand) -> None:
    new = command(
        "new-school",
        cmd_new_school,
        "make a new school's folder: school.yaml, policies/ and every answer to do",
    )
    new.add_argument("id", help="the school's id: lowercase letters, digits and hyphens")
    new.add_argument("--name", required=True, help="the school's full name")
    new.add_argument("--short-name", metavar="S", help="a short name (default: from the name)")
