"""Everything the app knows and does without a screen, grouped by what it is about (see
ARCHITECTURE.md). Never imports Qt."""
