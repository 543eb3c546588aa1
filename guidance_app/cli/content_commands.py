"""`guidance-app validate | schools | settings`: the content and the settings in force."""

from __future__ import annotations

import argparse
import sys

from guidance_app.cli.common import AddCommand, counted, print_json
from guidance_app.core.content.loader import load_library
from guidance_app.core.content.validate import unfinished_answers
from guidance_app.core.errors import ContentNotFoundError
from guidance_app.core.machine.deployment import Deployment, describe, pinned_school_problem


def cmd_validate(args: argparse.Namespace) -> int:
    result = load_library(args.content)
    for problem in result.problems:
        print(problem.format())
    library = result.library
    clauses = sum(len(p.clauses) for s in library.schools for p in s.policies)
    rulings = sum(len(b.rulings) for b in library.rulings.values())
    policies = sum(len(s.policies) for s in library.schools)
    summary = ", ".join(
        [
            counted(len(library.schools), "school"),
            f"{policies} polic{'y' if policies == 1 else 'ies'}",
            counted(clauses, "clause"),
            counted(len(library.wizards), "guided answer"),
            counted(rulings, "ruling"),
            counted(len(library.decks), "training deck"),
            counted(len(library.glossary), "glossary term"),
        ]
    )
    if result.problems:
        count = len(result.problems)
        print(
            f"{counted(count, 'problem')} found. Loaded what could be: {summary}.",
            file=sys.stderr,
        )
    else:
        print(f"Content is valid: {summary}.")
    for line in [*result.notes, *unfinished_answers(library)]:  # work to do, not problems
        print(line)
    return 1 if result.problems else 0


def cmd_schools(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    rows = [
        {"id": s.id, "name": s.name, "policies": [p.id for p in s.policies]}
        for s in library.schools
    ]
    if args.json:
        print_json(rows)
    else:
        for school in library.schools:
            print(f"{school.id}: {school.name}")
            for policy in school.policies:
                print(f"    {policy.id}: {policy.title} (next review: {policy.next_review})")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    deployment: Deployment = args.deployment
    print(f"System settings file: {deployment.system_path}")
    for line in describe(deployment):
        print(f"  {line}")
    for problem in deployment.problems:
        print(problem.format(), file=sys.stderr)
    try:
        missing = pinned_school_problem(deployment, load_library(args.content).library)
    except ContentNotFoundError as exc:
        missing = str(exc)
    if missing:
        print(missing, file=sys.stderr)
    return 1 if deployment.problems or missing else 0


def add_content_commands(command: AddCommand) -> None:
    command("validate", cmd_validate, "check all content; print file:line:col per problem")
    command("settings", cmd_settings, "show the deployment settings in force and where each is set")
    schools = command("schools", cmd_schools, "list the schools and their policies")
    schools.add_argument("--json", action="store_true", help="print JSON")
