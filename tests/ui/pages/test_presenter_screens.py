"""Presenter mode on real screen sizes: a projector at 1024x768 and 1366x768, two screens, and a
bare X server with no window manager. Each runs tests/ui/pages/presenter_session.py in a
subprocess (a Qt process has its screens from the start): Qt's offscreen platform given a screen
file, or Xvfb. Every step of the deck, for every school, must fit the screen (every self-check
option, the whole quote, nothing scrolled or cut), and the keys must reach the slides while the
trainer's notes are shown, which on one screen must not cover the slide."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO

SESSION = "tests.ui.pages.presenter_session"
# The smallest text a slide may have: as big as the app's own reading text, and on a projector
# at 1024x768 still legible from the middle of a room. (The presenter aims higher; a single clause
# too long for a screen is the only thing it shrinks toward this.)
LEGIBLE_POINTS = 14


def _screen(name: str, x: int, width: int, height: int) -> dict[str, object]:
    return {
        "name": name,
        "x": x,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }


def _run(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", SESSION],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def _offscreen(tmp_path: Path, *screens: dict[str, object]) -> dict[str, Any]:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": list(screens)}), encoding="utf-8")
    return _run({"QT_QPA_PLATFORM": f"offscreen:configfile={config}"})


def _inside(inner: list[int], outer: list[int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def _apart(a: list[int], b: list[int]) -> bool:
    return a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1] or a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0]


def _check_fits_one_screen(report: dict[str, Any]) -> None:
    screen = report["screen"]
    assert report["full_screen"] and report["presenter"] == screen
    assert _inside(report["available"], screen)
    shown = {(step["school"], step["step"]) for step in report["steps"]}
    assert len(shown) == 5 * 10  # every school, every question and every answer
    for step in report["steps"]:
        where = f"{step['school']}, step {step['step']} part {step['part']} ({step['view']})"
        # a long answer goes over more slides rather than shrink: on each, a reader's size
        assert step["points"] >= LEGIBLE_POINTS, f"{where}: shrunk to {step['points']} pt"
        assert _inside(step["slide"], screen), where
        assert step["missing"] == [], where
        assert step["cut"] == [], f"{where}: cut off at {step['points']} pt"
        assert step["scroll"] == 0, where
    notes = report["notes"]
    assert not notes["two_screens"]
    assert _inside(notes["notes"], screen) and _apart(notes["notes"], notes["slide"])
    assert notes["keys"] == {"focus": "presenterWindow", "advanced": True, "back": True}
    assert report["left"]


@pytest.mark.parametrize("width", [1024, 1366])
def test_every_slide_fits_a_projector_and_the_keys_reach_it_with_the_notes_shown(
    tmp_path: Path, width: int
) -> None:
    _check_fits_one_screen(_offscreen(tmp_path, _screen("projector", 0, width, 768)))


def test_with_two_screens_the_notes_are_on_the_trainers_and_never_take_the_keys(
    tmp_path: Path,
) -> None:
    report = _offscreen(
        tmp_path, _screen("laptop", 0, 1366, 768), _screen("projector", 1366, 1024, 768)
    )
    assert report["presenter"] == report["screen"] == [1366, 0, 1024, 768]
    notes = report["notes"]
    assert notes["two_screens"]
    assert (notes["notes_screen"], notes["presenter_screen"]) == ("laptop", "projector")
    assert notes["keys"] == {"focus": "presenterWindow", "advanced": True, "back": True}
    assert notes["forwarded"]  # a key pressed in the notes window still moves the slides
    assert report["left"]


@pytest.fixture
def bare_x_server() -> Iterator[str]:
    """An X server of 1366x768 with no window manager; its DISPLAY."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (Debian: apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        display = numbers.readline().strip()  # written once the server is ready
    try:
        assert display, "Xvfb did not start"
        yield f":{display}"
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_with_no_window_manager_f5_fills_the_screen(bare_x_server: str) -> None:
    _check_fits_one_screen(_run({"QT_QPA_PLATFORM": "xcb", "DISPLAY": bare_x_server}))
