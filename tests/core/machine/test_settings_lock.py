"""IT's settings fail safe: one bad line costs only itself, a file that cannot be read means the
settings for a shared computer, and a locked file lets flags and environment variables make the
app stricter but never weaker. (The command line: tests/cli/test_content_commands.py and
tests/test_hostile_files.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.machine import deployment as deployment_module
from guidance_app.core.machine.deployment import (
    COMMAND_LINE,
    UNREADABLE,
    describe,
    load_deployment,
    pinned_school_problem,
)
from tests.helpers import CONTENT, make_hostile, needs_posix_files

LOCKED = """\
[General]
school = stokes-wood
kiosk_idle_minutes = 5
school_switching = off
locked = yes
"""


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


# --- one bad line costs only itself -----------------------------------------------------------


def test_a_duplicate_key_is_reported_and_the_first_value_and_other_lines_are_kept(
    no_machine_settings: Path,
) -> None:
    _write(
        no_machine_settings,
        "[General]\nkiosk_idle_minutes = 5\nschool = westhaven\nkiosk_idle_minutes = off\n",
    )
    deployment = load_deployment()
    assert deployment.kiosk_idle_minutes == 5 and deployment.school == "westhaven"
    assert [(p.line, p.message) for p in deployment.problems] == [
        (
            4,
            "'kiosk_idle_minutes' is set twice: the first value (line 2) is used and this "
            "line is ignored; remove one of them",
        )
    ]


def test_a_line_that_is_not_utf8_is_skipped_and_the_rest_still_counts(
    no_machine_settings: Path,
) -> None:
    _write(
        no_machine_settings,
        b"[General]\nschool = caf\xe9\nkiosk_idle_minutes = 5\r\nschool_switching = off\n",
    )
    deployment = load_deployment()
    assert deployment.kiosk_idle_minutes == 5 and deployment.school_switching is False
    assert deployment.school is None
    problem = deployment.problems[0]
    assert (problem.line, problem.col) == (2, 13)
    assert problem.message.startswith("this line is not UTF-8 text (byte 0xe9 cannot be read)")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("kiosk mode please", "this line is not a setting, so it is skipped; write key = value"),
        ("[General", "this section name is not closed; write [General]"),
        ("= 5", "this line is not a setting"),
    ],
)
def test_a_line_that_is_not_key_equals_value_is_skipped(
    no_machine_settings: Path, line: str, message: str
) -> None:
    _write(no_machine_settings, f"kiosk_idle_minutes = 5\n  {line}\nschool_switching = off\n")
    deployment = load_deployment()
    assert deployment.kiosk_idle_minutes == 5 and deployment.school_switching is False
    assert [(p.line, p.col) for p in deployment.problems] == [(2, 3)]
    assert deployment.problems[0].message.startswith(message)


def test_comments_inline_comments_colons_and_quotes_are_understood(
    no_machine_settings: Path,
) -> None:
    _write(
        no_machine_settings,
        '; IT\n# kiosk_idle_minutes = 1\n[general]\nSchool: "westhaven"  # pinned\n'
        "content = /srv/policy;guides ; a share\nkiosk_idle_minutes = 2 ;\n",
    )
    deployment = load_deployment()
    assert deployment.problems == ()
    assert deployment.school == "westhaven" and deployment.kiosk_idle_minutes == 2
    assert deployment.content == Path("/srv/policy;guides")


# --- a file that cannot be read: the settings for a shared computer ---------------------------


@needs_posix_files
@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero", "too large"])
def test_a_settings_file_that_cannot_be_read_means_kiosk_on_and_switching_off(
    no_machine_settings: Path, kind: str
) -> None:
    make_hostile(no_machine_settings, kind)
    deployment = load_deployment()
    assert deployment.kiosk_idle_minutes == 5 and deployment.school_switching is False
    assert deployment.locked
    assert deployment.source("kiosk_idle_minutes") == UNREADABLE
    assert "the settings file cannot be read" in deployment.problems[0].message
    # and, being locked, a flag cannot loosen it
    loosened = load_deployment({"kiosk_idle_minutes": "off", "school_switching": "on"})
    assert loosened.kiosk_idle_minutes == 5 and loosened.school_switching is False


def test_a_binary_settings_file_cannot_be_read(no_machine_settings: Path) -> None:
    _write(no_machine_settings, b"\x7fELF\x02\x01\x00\x00kiosk_idle_minutes = off\n")
    deployment = load_deployment()
    assert deployment.kiosk_idle_minutes == 5 and deployment.locked
    assert deployment.problems[0].message.startswith("this looks like a binary file")


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder another user can look into (pytest's own temporary folders are root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="guidance-settings-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to run a check as the user 'nobody'",
)
def test_a_settings_file_the_user_may_not_read_means_the_shared_computer_settings(
    open_folder: Path,
) -> None:
    settings = _write(open_folder / "GuidanceApp" / "policy-guidance.ini", "locked = no\n")
    settings.parent.chmod(0o755)
    settings.chmod(0o600)  # root's alone
    code = (
        "from guidance_app.core.machine.deployment import load_deployment\n"
        "d = load_deployment({'kiosk_idle_minutes': 'off'})\n"
        "print(d.kiosk_idle_minutes, d.school_switching, d.locked)\n"
        "print(d.problems[0].message)\n"
    )
    env = {**os.environ, "XDG_CONFIG_DIRS": str(open_folder), "HOME": str(open_folder)}
    env.pop("GUIDANCE_APP_SYSTEM_CONFIG", None)
    result = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=open_folder,
    )
    assert result.returncode == 0, result.stderr
    values, message = result.stdout.splitlines()[:2]
    assert values == "5.0 False True"
    assert message.startswith("cannot read the file: Permission denied; the settings file cannot")


# --- locked: flags and environment variables may only make it stricter ------------------------


def test_a_locked_file_refuses_every_flag_that_would_weaken_it(standard_settings: Path) -> None:
    _write(standard_settings, LOCKED)
    deployment = load_deployment(
        {
            "school": "westhaven",
            "content": "/home/someone/pack",
            "kiosk_idle_minutes": "off",
            "school_switching": "on",
        }
    )
    assert deployment.locked
    assert deployment.school == "stokes-wood" and deployment.content is None
    assert deployment.kiosk_idle_minutes == 5 and deployment.school_switching is False
    assert deployment.source("school") == f"{standard_settings}:2"
    messages = [p.message for p in deployment.problems]
    assert all(p.path == standard_settings and p.line == 5 for p in deployment.problems)
    assert messages == [
        "--school westhaven is refused: this computer's settings are locked; the school "
        "stays 'stokes-wood'",
        "--content /home/someone/pack is refused: this computer's settings are locked; the app "
        "uses the bundled library",
        "--kiosk-minutes off is refused: this computer's settings are locked; kiosk mode stays "
        "at 5 minutes (a flag may only shorten it)",
        "--school-switching on is refused: this computer's settings are locked; school "
        "switching stays off",
    ]
    assert load_deployment({"kiosk_idle_minutes": "10"}).kiosk_idle_minutes == 5


def test_a_locked_file_accepts_flags_that_make_it_stricter(standard_settings: Path) -> None:
    _write(standard_settings, "school_switching = on\nlocked = yes\n")
    stricter = load_deployment({"kiosk_idle_minutes": "2", "school_switching": "off"})
    assert stricter.problems == ()
    assert stricter.kiosk_idle_minutes == 2 and stricter.school_switching is False
    pinned = load_deployment({"school": "westhaven"})  # nothing pinned, switching allowed
    assert pinned.school == "westhaven" and pinned.problems == ()
    _write(standard_settings, LOCKED)
    same = load_deployment({"school": "stokes-wood", "kiosk_idle_minutes": "1"})
    assert same.problems == () and same.kiosk_idle_minutes == 1
    assert same.source("kiosk_idle_minutes") == COMMAND_LINE


def test_with_switching_off_a_locked_file_refuses_a_school_flag(standard_settings: Path) -> None:
    _write(standard_settings, "school_switching = off\nlocked = yes\n")
    deployment = load_deployment({"school": "westhaven"})
    assert deployment.school is None
    assert "each user keeps their own school" in deployment.problems[0].message


def test_the_commands_that_only_print_content_may_use_another_folder(
    standard_settings: Path,
) -> None:
    _write(standard_settings, LOCKED)
    checking = load_deployment({"content": "/home/author/pack"}, for_app=False)
    assert checking.content == Path("/home/author/pack") and checking.problems == ()


@pytest.mark.parametrize("override", ["/dev/null", "elsewhere.ini"])
def test_a_locked_standard_file_cannot_be_replaced_through_the_environment(
    standard_settings: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    override: str,
) -> None:
    _write(standard_settings, LOCKED)
    _write(tmp_path / "elsewhere.ini", "kiosk_idle_minutes = off\nschool_switching = on\n")
    monkeypatch.setenv("GUIDANCE_APP_SYSTEM_CONFIG", str(tmp_path / override))
    deployment = load_deployment()
    assert deployment.system_path == standard_settings
    assert deployment.kiosk_idle_minutes == 5 and deployment.school == "stokes-wood"
    assert deployment.school_switching is False
    assert [p.message for p in deployment.problems] == [
        f"GUIDANCE_APP_SYSTEM_CONFIG={tmp_path / override} is ignored: this computer's "
        "settings file is locked"
    ]


@needs_posix_files
def test_an_unreadable_standard_file_cannot_be_replaced_through_the_environment(
    standard_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_hostile(standard_settings, "named pipe")
    monkeypatch.setenv("GUIDANCE_APP_SYSTEM_CONFIG", os.devnull)
    deployment = load_deployment()
    assert deployment.kiosk_idle_minutes == 5 and deployment.school_switching is False
    assert "is ignored: this computer's settings file is locked (it cannot be read)" in (
        deployment.problems[1].message
    )


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the Linux places")
def test_on_linux_the_fixed_place_wins_over_folders_the_user_names(
    standard_settings: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """$XDG_CONFIG_DIRS is the user's to set: naming a folder with a file of their own (or an
    empty folder) must not hide IT's locked file in /etc/xdg."""
    fixed = _write(tmp_path / "etc-xdg" / "GuidanceApp" / "policy-guidance.ini", LOCKED)
    monkeypatch.setattr(deployment_module, "LINUX_SYSTEM_DIR", tmp_path / "etc-xdg")
    _write(standard_settings, "kiosk_idle_minutes = off\n")  # in the folder the user named
    deployment = load_deployment({"kiosk_idle_minutes": "off"})
    assert deployment.system_path == fixed
    assert deployment.kiosk_idle_minutes == 5 and deployment.locked


def test_an_unlocked_standard_file_can_still_be_replaced(
    standard_settings: Path, no_machine_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(standard_settings, LOCKED.replace("yes", "no"))
    _write(no_machine_settings, "school = westhaven\n")
    monkeypatch.setenv("GUIDANCE_APP_SYSTEM_CONFIG", str(no_machine_settings))
    deployment = load_deployment()
    assert deployment.system_path == no_machine_settings
    assert deployment.school == "westhaven" and deployment.problems == ()


def test_a_locked_file_does_not_take_its_folder_from_the_environment(
    standard_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICY_SHARE", "/home/someone")
    _write(standard_settings, "content = $POLICY_SHARE/content\nlocked = yes\n")
    deployment = load_deployment()
    assert deployment.content is None  # the bundled library, not the user's folder
    assert "a locked file cannot use $VARIABLES" in deployment.problems[0].message


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("kiosk_idle_minutes = soon", (5, True)),  # a bad value: the shared-computer default
        ("school_switching = maybe", (None, False)),
    ],
)
def test_a_bad_value_in_a_locked_file_falls_back_to_the_strict_default(
    standard_settings: Path, line: str, expected: tuple[float | None, bool]
) -> None:
    _write(standard_settings, f"{line}\nlocked = yes\n")
    deployment = load_deployment()
    assert (deployment.kiosk_idle_minutes, deployment.school_switching) == expected
    assert "as the file is locked" in deployment.problems[0].message


def test_a_locked_value_that_is_not_on_or_off_counts_as_locked(standard_settings: Path) -> None:
    _write(standard_settings, "kiosk_idle_minutes = 5\nlocked = please\n")
    deployment = load_deployment({"kiosk_idle_minutes": "off"})
    assert deployment.locked and deployment.kiosk_idle_minutes == 5
    assert any("'please' is not on or off" in p.message for p in deployment.problems)


def test_describe_shows_locked_and_where_it_is_set(standard_settings: Path) -> None:
    _write(standard_settings, LOCKED)
    shown = describe(load_deployment())
    assert shown[-1] == f"locked = yes    ({standard_settings}:5)"


# --- a pinned school the library lacks ----------------------------------------------------------


def test_a_pinned_school_missing_from_the_library_is_named_with_those_that_exist(
    standard_settings: Path,
) -> None:
    library = load_library(CONTENT).library
    _write(standard_settings, "school = stokes-wod\n")
    message = pinned_school_problem(load_deployment(), library)
    assert message is not None
    assert f"The school 'stokes-wod' is set ({standard_settings}:1)" in message
    assert "(there are: ewloe-green, stokes-wood, westhaven, wilnecote, wybunbury-delves)" in (
        message
    )
    assert message.endswith("Did you mean 'stokes-wood'?")
    _write(standard_settings, "school = stokes-wood\n")
    assert pinned_school_problem(load_deployment(), library) is None
