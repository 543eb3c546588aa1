"""PyInstaller entry point of the console command (`guidance-app`): validate, --self-test, etc."""

import sys

from guidance_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
