"""The command-line contract of DESIGN.md, run as a real subprocess where it matters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pytest import CaptureFixture

from guidance_app.cli import main
from tests.helpers import REPO, run_cli, write_library


def test_validate_passes_on_the_bundled_content() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Content is valid: 5 schools, 5 policies")


def test_validate_reports_every_problem_and_exits_1(
    tmp_path: Path, capsys: CaptureFixture[str]
) -> None:
    root = write_library(tmp_path)
    (root / "synonyms.yaml").write_text("groups: [[a]]\n")
    (root / "schools" / "example" / "school.yaml").write_text("name: x\nnmae: y\n")
    assert main(["validate", "--content", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert all(line.split(":")[1].isdigit() and line.split(":")[2].isdigit() for line in lines)
    assert any(
        "synonyms.yaml:1:10: item 1 of 'groups' needs at least 2 item(s)" in line for line in lines
    )


def test_content_option_works_before_or_after_the_command(
    tmp_path: Path, capsys: CaptureFixture[str]
) -> None:
    root = write_library(tmp_path)
    assert main(["--content", str(root), "schools", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["schools", "--json", "--content", str(root)]) == 0
    assert (
        json.loads(capsys.readouterr().out)
        == before
        == [{"id": "example", "name": "Example Academy", "policies": ["staff"]}]
    )


def test_schools_json_lists_the_five_bundled_schools() -> None:
    result = run_cli("schools", "--json")
    assert result.returncode == 0
    schools = json.loads(result.stdout)
    assert {s["id"] for s in schools} == {
        "wilnecote",
        "stokes-wood",
        "westhaven",
        "ewloe-green",
        "wybunbury-delves",
    }
    assert all(len(s["policies"]) == 1 for s in schools)


def test_missing_content_folder_is_a_clear_error(
    tmp_path: Path, capsys: CaptureFixture[str]
) -> None:
    assert main(["validate", "--content", str(tmp_path / "nowhere")]) == 2
    assert "No content found in" in capsys.readouterr().err


def _self_test(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    import os

    env = {
        **os.environ,
        "GUIDANCE_APP_CACHE_DIR": str(tmp_path / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path / "home"),  # so a stray settings write would land here, not in ~
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "guidance_app", *args, "--self-test"],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_self_test_passes_and_leaves_no_settings_behind(tmp_path: Path) -> None:
    result = _self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    checks = [line.split(":")[0] for line in result.stdout.splitlines() if line.startswith("ok")]
    assert checks == [
        "ok    settings",
        "ok    content",
        "ok    search",
        "ok    guided answer",
        "ok    main window",
    ]
    assert result.stdout.rstrip().endswith("self-test passed")
    assert list((tmp_path / "cache").rglob("*.toc"))  # the index was built on disk
    assert not (tmp_path / "home").exists() or not list((tmp_path / "home").rglob("*.ini"))


def test_self_test_fails_on_broken_content(tmp_path: Path) -> None:
    root = write_library(tmp_path / "content")
    (root / "wizards" / "friend-request.yaml").write_text("title: [\n", encoding="utf-8")
    result = _self_test(tmp_path, "--content", str(root))
    assert result.returncode == 1
    assert "FAIL  content:" in result.stdout and "friend-request.yaml" in result.stdout


def test_the_content_folder_comes_from_the_flag_then_the_system_file_then_the_bundle(
    tmp_path: Path, no_machine_settings: Path
) -> None:
    def schools(*args: str) -> list[str]:
        result = run_cli("schools", "--json", *args)
        assert result.returncode == 0, result.stderr
        return [row["id"] for row in json.loads(result.stdout)]

    assert "stokes-wood" in schools()  # the bundled library
    share = write_library(tmp_path / "share")
    no_machine_settings.write_text(f"[General]\ncontent = {share}\n", encoding="utf-8")
    assert schools() == ["example"]  # the system file's folder, e.g. a network share
    assert "stokes-wood" in schools("--content", str(REPO / "content"))  # the flag wins


def test_the_settings_command_shows_each_value_and_where_it_is_set(
    no_machine_settings: Path,
) -> None:
    no_machine_settings.write_text("[General]\nschool = westhaven\nkiosk_idle_minutes = 3\n")
    result = run_cli("--kiosk-minutes", "10", "settings")
    assert result.returncode == 0, result.stderr
    assert f"System settings file: {no_machine_settings}" in result.stdout
    assert f"school = westhaven    ({no_machine_settings}:2)" in result.stdout
    assert "kiosk_idle_minutes = 10    (command line)" in result.stdout
    assert "school_switching = off    (the school is pinned)" in result.stdout
    assert "content = (the bundled library)    (default)" in result.stdout


def test_a_mistake_in_the_settings_file_fails_the_settings_command_and_the_self_test(
    tmp_path: Path, no_machine_settings: Path
) -> None:
    no_machine_settings.write_text("[General]\nkiosk_idle_minuets = 5\n")
    result = run_cli("settings")
    assert result.returncode == 1
    assert ":2:1: unknown setting 'kiosk_idle_minuets'; did you mean" in result.stderr
    tested = _self_test(tmp_path)
    assert tested.returncode == 1 and "FAIL  settings:" in tested.stdout


def test_a_bad_flag_value_is_a_clear_usage_error() -> None:
    result = run_cli("--kiosk-minutes", "soon", "settings")
    assert result.returncode == 2
    assert "'soon' is not a number of minutes" in result.stderr
    result = run_cli("--school-switching", "maybe", "settings")
    assert result.returncode == 2 and "invalid choice: 'maybe'" in result.stderr


def test_a_pinned_school_missing_from_the_library_fails_settings_and_the_self_test(
    tmp_path: Path, no_machine_settings: Path
) -> None:
    no_machine_settings.write_text("[General]\nschool = westhaven-high\n", encoding="utf-8")
    result = run_cli("settings")
    assert result.returncode == 1
    assert "The school 'westhaven-high' is set" in result.stderr
    assert "(there are: ewloe-green, stokes-wood, westhaven, wilnecote, wybunbury-delves)" in (
        result.stderr
    )
    assert "Did you mean 'westhaven'?" in result.stderr
    tested = _self_test(tmp_path)
    assert tested.returncode == 1
    assert "FAIL  content: The school 'westhaven-high' is set" in tested.stdout


def test_a_locked_file_keeps_its_values_and_the_settings_command_says_why(
    tmp_path: Path, standard_settings: Path
) -> None:
    standard_settings.write_text(
        "[General]\nkiosk_idle_minutes = 5\nschool = westhaven\nlocked = yes\n", encoding="utf-8"
    )
    result = run_cli("--kiosk-minutes", "off", "--school", "wilnecote", "settings")
    assert result.returncode == 1
    assert f"kiosk_idle_minutes = 5    ({standard_settings}:2)" in result.stdout
    assert f"school = westhaven    ({standard_settings}:3)" in result.stdout
    assert f"locked = yes    ({standard_settings}:4)" in result.stdout
    assert (
        ":4:1: --kiosk-minutes off is refused: this computer's settings are locked; kiosk mode "
        "stays at 5 minutes" in result.stderr
    )
    assert "--school wilnecote is refused" in result.stderr
    assert run_cli("--kiosk-minutes", "2", "settings").returncode == 0  # stricter is fine
    # the checking commands may look at another folder: they change nothing on this computer
    share = write_library(tmp_path / "share")
    checked = run_cli("validate", "--content", str(share))
    assert checked.returncode == 0 and "1 school," in checked.stdout
    tested = _self_test(tmp_path, "--kiosk-minutes", "off")
    assert tested.returncode == 1 and "FAIL  settings:" in tested.stdout
    assert "--kiosk-minutes off is refused" in tested.stdout
