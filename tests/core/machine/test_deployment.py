"""Deployment settings: the system file IT writes, and what wins when the command line, the
system file and the defaults disagree (the user's own school choice is tested in tests/ui)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from guidance_app.core.errors import SettingValueError
from guidance_app.core.machine.deployment import (
    COMMAND_LINE,
    DEFAULT,
    describe,
    load_deployment,
    parse_idle_minutes,
    read_system_file,
    system_config_path,
)

FULL = """\
# Policy Guidance, set by IT
[General]
school = stokes-wood
content = /srv/policies/content   ; a read-only share
kiosk_idle_minutes = 5
school_switching = off
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_no_system_file_means_the_defaults(no_machine_settings: Path) -> None:
    deployment = load_deployment()
    assert deployment.school is None and deployment.content is None
    assert deployment.kiosk_idle_minutes is None and deployment.kiosk_idle_ms is None
    assert deployment.school_switching is True
    assert deployment.problems == ()
    assert {deployment.source(k) for k in ("school", "content")} == {DEFAULT}


def test_the_system_file_sets_each_value_and_says_where(no_machine_settings: Path) -> None:
    path = _write(no_machine_settings, FULL)
    deployment = load_deployment()
    assert deployment.school == "stokes-wood"
    assert deployment.content == Path("/srv/policies/content")  # the comment is not part of it
    assert deployment.kiosk_idle_minutes == 5 and deployment.kiosk_idle_ms == 300_000
    assert deployment.school_switching is False
    assert deployment.source("school") == f"{path}:3"
    assert deployment.source("kiosk_idle_minutes") == f"{path}:5"
    assert deployment.problems == ()
    shown = "\n".join(describe(deployment))
    assert "kiosk_idle_minutes = 5" in shown and f"({path}:6)" in shown


def test_the_command_line_overrides_the_system_file_for_every_key(
    no_machine_settings: Path,
) -> None:
    _write(no_machine_settings, FULL)
    deployment = load_deployment(
        {
            "school": "westhaven",
            "content": "/home/trainer/pack",
            "kiosk_idle_minutes": "off",
            "school_switching": "on",
        }
    )
    assert deployment.school == "westhaven"
    assert deployment.content == Path("/home/trainer/pack")
    assert deployment.kiosk_idle_minutes is None
    assert deployment.school_switching is True
    assert all(deployment.source(key) == COMMAND_LINE for key in ("school", "content"))


def test_a_flag_not_given_leaves_the_system_value(no_machine_settings: Path) -> None:
    _write(no_machine_settings, FULL)
    deployment = load_deployment({"school": None, "kiosk_idle_minutes": "2"})
    assert deployment.school == "stokes-wood"
    assert deployment.kiosk_idle_minutes == 2


def test_a_pinned_school_turns_switching_off_unless_a_setting_says_otherwise(
    no_machine_settings: Path,
) -> None:
    _write(no_machine_settings, "[General]\nschool = westhaven\n")
    assert load_deployment().school_switching is False
    assert load_deployment({"school_switching": "on"}).school_switching is True
    _write(no_machine_settings, "[General]\nschool = westhaven\nschool_switching = yes\n")
    assert load_deployment().school_switching is True
    assert load_deployment({"school": "wilnecote"}).school_switching is True


def test_bare_lines_without_a_section_are_read(no_machine_settings: Path) -> None:
    _write(no_machine_settings, "\ufeffschool=westhaven\r\nkiosk_idle_minutes = 0.5\r\n")
    deployment = load_deployment()
    assert deployment.school == "westhaven" and deployment.kiosk_idle_ms == 30_000
    assert deployment.source("kiosk_idle_minutes").endswith(":2")


def test_a_relative_content_folder_is_relative_to_the_settings_file(
    no_machine_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(no_machine_settings, "[General]\ncontent = packs/ours\n")
    assert load_deployment().content == no_machine_settings.parent / "packs" / "ours"
    monkeypatch.setenv("POLICY_SHARE", "/mnt/share")
    _write(no_machine_settings, "[General]\ncontent = $POLICY_SHARE/content\n")
    assert load_deployment().content == Path("/mnt/share/content")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("[General]\nschool = a\nkiosk_minutes = 5\n", 3, "did you mean 'kiosk_idle_minutes'?"),
        ("[General]\nkiosk_idle_minutes = soon\n", 2, "'soon' is not a number of minutes"),
        ("[General]\nkiosk_idle_minutes = -3\n", 2, "out of range"),
        ("[General]\nschool_switching = maybe\n", 2, "'maybe' is not on or off"),
        ("[General]\nschool = a\n[Kiosk]\nminutes = 5\n", 3, "unknown section [Kiosk]"),
        ("[General]\nschool = a\nschool = b\n", 3, "'school' is set twice"),
    ],
)
def test_a_mistake_in_the_file_is_reported_with_its_line_and_skipped(
    no_machine_settings: Path, text: str, line: int, message: str
) -> None:
    _write(no_machine_settings, text)
    deployment = load_deployment()
    assert len(deployment.problems) == 1
    problem = deployment.problems[0]
    assert problem.path == no_machine_settings and problem.line == line
    assert message in problem.message
    assert deployment.kiosk_idle_minutes is None  # the bad value is not used


def test_the_good_settings_still_apply_beside_a_bad_one(no_machine_settings: Path) -> None:
    _write(no_machine_settings, "[General]\nschool = westhaven\nkiosk_idle_minutes = lots\n")
    deployment = load_deployment()
    assert deployment.school == "westhaven" and len(deployment.problems) == 1


def test_an_unreadable_settings_file_is_a_problem_not_a_crash(no_machine_settings: Path) -> None:
    no_machine_settings.mkdir()  # a folder where the file should be
    deployment = load_deployment()
    assert deployment.school is None
    assert "cannot be read" in deployment.problems[0].message
    assert read_system_file(no_machine_settings).problems


def test_idle_minutes_parsing() -> None:
    assert parse_idle_minutes("5") == 5 and parse_idle_minutes("0.25") == 0.25
    assert parse_idle_minutes("off") is None and parse_idle_minutes("0") is None
    for bad in ("nan", "inf", "1e9", "five", ""):
        with pytest.raises(SettingValueError):  # the app's own error family
            parse_idle_minutes(bad)


def test_where_the_system_file_is_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUIDANCE_APP_SYSTEM_CONFIG", str(tmp_path / "it.ini"))
    assert system_config_path() == tmp_path / "it.ini"
    monkeypatch.delenv("GUIDANCE_APP_SYSTEM_CONFIG")
    if sys.platform not in ("win32", "darwin"):  # Linux: $XDG_CONFIG_DIRS, first file found
        second = tmp_path / "second" / "GuidanceApp" / "policy-guidance.ini"
        second.parent.mkdir(parents=True)
        second.write_text("school = x\n")
        monkeypatch.setenv("XDG_CONFIG_DIRS", f"{tmp_path / 'first'}:{tmp_path / 'second'}")
        assert system_config_path() == second
