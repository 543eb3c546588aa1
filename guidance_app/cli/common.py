"""What every command shares: JSON output, the content option, how a command is added, and Qt
for the commands that write a PDF."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

Handler = Callable[[argparse.Namespace], int]
AddCommand = Callable[[str, Handler, str], argparse.ArgumentParser]


def print_json(value: object) -> None:
    """The machine-readable output of every `--json` command."""
    print(json.dumps(value, indent=2, ensure_ascii=False))


def add_content_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=default,
        metavar="DIR",
        help="the content folder to use (default: the bundled library)",
    )


CommandFactory = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def start_qt_for_pdf() -> None:
    """Make ready to write a PDF with Qt from the command line: no screen is needed, but laying
    out the text (fonts) needs an application object."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # Qt is imported only when a PDF is wanted

    if QApplication.instance() is None:
        QApplication([])


def counted(number: int, thing: str) -> str:
    """ "1 school", "5 schools" (a thing whose plural adds an s)."""
    return f"{number} {thing}{'' if number == 1 else 's'}"
