"""`guidance-app search`: owned by the search work (issue 3); registered by cli.py."""

from __future__ import annotations

from typing import Any


def add_search_command(command: Any) -> None:
    """Register the `search` subcommand (not yet built: nothing is registered)."""
