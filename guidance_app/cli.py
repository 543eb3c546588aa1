"""The command line. With no command it starts the desktop app; see DESIGN.md for the contract."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from guidance_app import __version__
from guidance_app.core.core_dumps import disable_core_dumps
from guidance_app.core.deployment import (
    Deployment,
    describe,
    load_deployment,
    parse_idle_minutes,
    pinned_school_problem,
)
from guidance_app.core.errors import ContentNotFoundError, GuidanceError, Problem
from guidance_app.core.loader import LoadResult, load_library
from guidance_app.core.locations import bundled_content_dir
from guidance_app.core.model import Library


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def format_problem(problem: Problem) -> str:
    return f"{_display_path(problem.path)}:{problem.line}:{problem.col}: {problem.message}"


def print_json(value: object) -> None:
    """The machine-readable output of every `--json` command."""
    print(json.dumps(value, indent=2, ensure_ascii=False))


def require_school(library: Library, school_id: str) -> str:
    """`school_id` if the library has that school, else a GuidanceError naming those it has."""
    if library.school(school_id) is None:
        raise GuidanceError(library.no_such_school(school_id))
    return school_id


def _load(args: argparse.Namespace) -> LoadResult:
    return load_library(args.content)


def cmd_validate(args: argparse.Namespace) -> int:
    result = _load(args)
    for problem in result.problems:
        print(format_problem(problem))
    library = result.library
    clauses = sum(len(p.clauses) for s in library.schools for p in s.policies)
    rulings = sum(len(b.rulings) for b in library.rulings.values())
    summary = (
        f"{len(library.schools)} schools, "
        f"{sum(len(s.policies) for s in library.schools)} policies, {clauses} clauses, "
        f"{len(library.wizards)} guided answers, {rulings} rulings, "
        f"{len(library.decks)} training deck{'s' if len(library.decks) != 1 else ''}"
    )
    if result.problems:
        count = len(result.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} found. Loaded what could be: {summary}.",
            file=sys.stderr,
        )
        return 1
    print(f"Content is valid: {summary}.")
    return 0


def cmd_schools(args: argparse.Namespace) -> int:
    library = _load(args).library
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
        print(format_problem(problem), file=sys.stderr)
    try:
        missing = pinned_school_problem(deployment, load_library(args.content).library)
    except ContentNotFoundError as exc:
        missing = str(exc)
    if missing:
        print(missing, file=sys.stderr)
    return 1 if deployment.problems or missing else 0


def _idle_minutes(text: str) -> str:
    try:
        parse_idle_minutes(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _add_content_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=default,
        metavar="DIR",
        help="the content folder to use (default: the bundled library)",
    )


CommandFactory = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guidance-app",
        description="Offline policy guidance for school staff. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end (content, search, a guided answer, the window)",
    )
    _add_content_option(parser, None)
    app = parser.add_argument_group(
        "deployment (these override the system settings file; see `guidance-app settings`)"
    )
    app.add_argument("--school", metavar="ID", help="use this school, fixed for this run")
    app.add_argument(
        "--kiosk-minutes",
        type=_idle_minutes,
        metavar="N",
        help="after N idle minutes go back to Home and clear the screen (0 or off: never)",
    )
    app.add_argument(
        "--school-switching",
        choices=("on", "off"),
        help="allow or stop changing the school in the app",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _add_content_option(sub, argparse.SUPPRESS)
        sub.set_defaults(handler=handler)
        return sub

    command("validate", cmd_validate, "check all content; print file:line:col per problem")
    command("settings", cmd_settings, "show the deployment settings in force and where each is set")
    schools = command("schools", cmd_schools, "list the schools and their policies")
    schools.add_argument("--json", action="store_true", help="print JSON")
    from guidance_app.search_cli import add_search_command
    from guidance_app.training_cli import add_training_commands
    from guidance_app.wizard_cli import add_wizard_commands

    add_search_command(command)
    add_wizard_commands(command)
    add_training_commands(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `guidance-app` and `python -m guidance_app`."""
    disable_core_dumps()  # first, before anything is typed or read
    args = build_parser().parse_args(argv)
    handler = getattr(args, "handler", None)
    # A locked settings file binds what the app will do; the other commands only print content.
    for_app = args.self_test or handler in (None, cmd_settings)
    args.deployment = load_deployment(
        {
            "school": args.school,
            "content": str(args.content) if args.content is not None else None,
            "kiosk_idle_minutes": args.kiosk_minutes,
            "school_switching": args.school_switching,
        },
        for_app=for_app,
    )
    args.content = args.deployment.content or bundled_content_dir()
    try:
        if args.self_test:
            from guidance_app.self_test import run_self_test

            return run_self_test(args.content, args.deployment)
        if handler is None:
            return _run_gui(args)
        return int(handler(args))
    except ContentNotFoundError as exc:
        print(f"guidance-app: {exc}", file=sys.stderr)
        return 2
    except GuidanceError as exc:
        print(f"guidance-app: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `guidance-app search x | head` closed the pipe early: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run_gui(args: argparse.Namespace) -> int:
    from guidance_app.ui.app import run  # Qt is imported only when the window is wanted.

    return run(args.content, args.deployment)


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows); `main` turns core dumps off
    first."""
    return main(sys.argv[1:])
