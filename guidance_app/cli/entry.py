"""The command line. With no command it starts the desktop app; see DESIGN.md for the contract."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from guidance_app import __version__
from guidance_app.cli.common import Handler, add_content_option
from guidance_app.cli.content_commands import add_content_commands, cmd_settings
from guidance_app.cli.import_commands import add_import_command
from guidance_app.cli.installation_check import run_self_test
from guidance_app.cli.owner_commands import add_owner_commands
from guidance_app.cli.school_commands import add_school_commands
from guidance_app.cli.search_commands import add_search_command
from guidance_app.cli.training_commands import add_training_commands
from guidance_app.cli.wizard_commands import add_wizard_commands
from guidance_app.core.errors import ContentNotFoundError, GuidanceError, SettingValueError
from guidance_app.core.locations import bundled_content_dir
from guidance_app.core.machine.core_dumps import disable_core_dumps
from guidance_app.core.machine.deployment import load_deployment, parse_idle_minutes


def _idle_minutes(text: str) -> str:
    try:
        parse_idle_minutes(text)
    except SettingValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


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
    add_content_option(parser, None)
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
    app.add_argument(
        "--edit-answers",
        action="store_true",
        help="let this user write the school's answers in the app (never on a locked computer)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        add_content_option(sub, argparse.SUPPRESS)
        sub.set_defaults(handler=handler)
        return sub

    add_content_commands(command)
    add_search_command(command)
    add_wizard_commands(command)
    add_training_commands(command)
    add_owner_commands(command)
    add_school_commands(command)
    add_import_command(command)
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
            "edit_answers": "on" if args.edit_answers else None,
        },
        for_app=for_app,
    )
    args.content = args.deployment.content or bundled_content_dir()
    try:
        if args.self_test:
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
    from guidance_app.ui.app import run  # Qt is imported only when the window is wanted

    return run(args.content, args.deployment)


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows); `main` turns core dumps off
    first."""
    return main(sys.argv[1:])
