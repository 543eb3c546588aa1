"""The main window fits the screens schools have: at 1366x768, 1280x720 (1920x1080 at 150%) and
800x600 it opens within the screen's available area, every control of the top bar is on screen,
every control of every page is in view or can be scrolled into view (at 1280x720 and up, those
of a guided answer, the self-check and compare are in view at once), and a remembered size is
kept within the screen.

Qt's screen is fixed when the application starts, so each screen size is a real app process
(tests/ui/fit_session.py) on Qt's offscreen platform given a screen of that size through its
`configfile` option, with frame margins on, as a window manager adds them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, private_env

SIZES = ((1366, 768), (1280, 720), (800, 600))

Rect = list[int]


def _screen(path: Path, width: int, height: int) -> Path:
    screen = {"name": "fit", "x": 0, "y": 0, "width": width, "height": height}
    screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    path.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    return path


def _run(root: Path, width: int, height: int, *args: str) -> dict[str, object]:
    env = private_env(root)  # the same folders each run, so a remembered size is found again
    config = _screen(root / f"screen-{width}x{height}.json", width, height)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.fit_session", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else {}


def _inside(inner: Rect, outer: Rect) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_window_and_every_control_fit_the_screen(
    tmp_path: Path, width: int, height: int
) -> None:
    report = _run(tmp_path, width, height)
    available = report["available"]
    assert available == [0, 0, width, height]
    assert _inside(report["frame"], available), report["frame"]  # type: ignore[arg-type]
    for name, control in report["bar"].items():  # type: ignore[attr-defined]
        assert control["visible"], f"{name} is hidden"
        assert _inside(control["rect"], report["inside"]), f"{name} is off the window: {control}"
        assert _inside(control["rect"], available), f"{name} is off the screen: {control}"
    assert _inside(report["status_bar"], available)  # type: ignore[arg-type]
    for page in report["pages"]:  # type: ignore[attr-defined]
        assert page["controls"], page
        out_of_reach = [c for c in page["controls"] if c not in page["reachable"]]
        assert not out_of_reach, f"{page['page']}: cannot be scrolled into view: {out_of_reach}"
        if width >= 1280 and page["page"] != "home":  # Home's list of policies scrolls
            hidden = [c for c in page["controls"] if c not in page["in_view"]]
            assert not hidden, f"{page['page']} at {width}x{height}: out of view: {hidden}"


def test_a_remembered_size_comes_back_within_the_screen(tmp_path: Path) -> None:
    _run(tmp_path, 1366, 768, "--resize", "1000x600")
    again = _run(tmp_path, 1366, 768)
    assert again["inside"][2:] == [1000, 600]  # type: ignore[index]
    smaller = _run(tmp_path, 800, 600)
    assert _inside(smaller["frame"], smaller["available"])  # type: ignore[arg-type]
