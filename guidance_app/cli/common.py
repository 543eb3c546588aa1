"""What every command shares: JSON output, the content option, and how a command is added."""

from __future__ import annotations

import argparse
import json
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
