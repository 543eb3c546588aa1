"""Shared test set-up: Qt runs offscreen, and helpers for writing content into a temp folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
