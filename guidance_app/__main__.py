"""`python -m guidance_app` is the same as the `guidance-app` command."""

from guidance_app.cli import main

raise SystemExit(main())
