"""The command line: `guidance-app COMMAND`, or the desktop app when no command is given.

`entry` parses the arguments and runs a command; each `*_commands` module adds one group of
commands; `common` holds what they share (nothing imports back from `entry`).
"""

from guidance_app.cli.entry import gui_main, main

__all__ = ["gui_main", "main"]
