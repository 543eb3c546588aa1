"""PyInstaller entry point of the windowed app, `policy-guidance` (like `guidance-app-gui`)."""

import sys

from guidance_app.cli import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
