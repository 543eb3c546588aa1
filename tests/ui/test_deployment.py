"""IT's deployment settings in the window: which school wins (command line, then the system file,
then the user's own first-run choice), school switching turned off, and kiosk mode clearing the
screen after the idle time."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from guidance_app.ui.app import startup_problems
from guidance_app.ui.dialogs import ProblemsDialog
from guidance_app.ui.kiosk import copy_to_clipboard, take_back_clipboard
from guidance_app.ui.main_window import MainWindow
from guidance_app.ui.pages.wizard_page import WizardPage
from guidance_app.ui.settings import SessionStore, Settings
from tests.helpers import needs_posix_files
from tests.ui.conftest import WORK_MS, MakeWindow


def _system(path: Path, text: str) -> None:
    path.write_text("[General]\n" + text, encoding="utf-8")


def test_the_school_comes_from_the_flag_then_the_system_file_then_the_user(
    qtbot: QtBot, make_window: MakeWindow, no_machine_settings: Path
) -> None:
    users_choice = make_window("westhaven", search=False)
    assert users_choice.school_id == "westhaven" and users_choice.school_box.isEnabled()

    _system(no_machine_settings, "school = wybunbury-delves\n")
    pinned = make_window("westhaven", search=False)  # the user's earlier choice is overruled
    assert pinned.school_id == "wybunbury-delves"
    assert not pinned.school_box.isEnabled()
    assert "IT team" in pinned.school_box.toolTip()
    assert not pinned.needs_school_choice

    flagged = make_window("westhaven", search=False, flags={"school": "ewloe-green"})
    assert flagged.school_id == "ewloe-green"
    assert not flagged.school_box.isEnabled()
    assert flagged.school_box.toolTip() == "Set when the app was started."
    assert Settings().school == "wybunbury-delves"  # a flag is for this run only

    switchable = make_window(None, search=False, flags={"school_switching": "on"})
    assert switchable.school_id == "wybunbury-delves" and switchable.school_box.isEnabled()


def test_with_switching_off_the_first_run_choice_stays(
    qtbot: QtBot, make_window: MakeWindow, no_machine_settings: Path
) -> None:
    _system(no_machine_settings, "school_switching = off\n")
    window = make_window(None, search=False)
    assert window.needs_school_choice  # nothing pinned: each user still chooses once
    window.after_show([])
    dialog = window.school_dialog
    assert dialog is not None
    dialog.schools.setCurrentRow(
        next(
            i
            for i in range(dialog.schools.count())
            if dialog.schools.item(i).text() == "Westhaven School"
        )
    )
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert window.school_id == "westhaven" and Settings().school == "westhaven"
    assert not window.school_box.isEnabled()
    assert "turned off" in window.school_box.toolTip()


def test_kiosk_mode_counts_idle_time_from_the_last_input(
    qtbot: QtBot, make_window: MakeWindow, no_machine_settings: Path
) -> None:
    plain = make_window(search=False)
    assert plain.kiosk is None
    _system(no_machine_settings, "kiosk_idle_minutes = 1\n")
    window = make_window(search=False)
    assert window.kiosk is not None
    timer = window.kiosk.timer
    assert timer.interval() == 60_000 and timer.isActive()
    qtbot.wait(300)
    waited = timer.remainingTime()
    qtbot.keyClick(window.home.search_box, Qt.Key.Key_A)
    assert timer.remainingTime() > waited  # a key press starts the count again
    qtbot.wait(300)
    waited = timer.remainingTime()
    QTest.mouseMove(window.home.search_box, QPoint(5, 5))
    QTest.mouseMove(window.home.search_box, QPoint(25, 8))
    assert timer.remainingTime() > waited  # so does moving the mouse
    shown = [label.text() for label in window.statusBar().findChildren(type(window.home.greeting))]
    assert "Shared computer: clears after 1 min unused" in shown


def _set_the_screen_full_of_things(qtbot: QtBot, window: MainWindow) -> None:
    """Search, a policy open with Find, a guided answer copied, compare, a dialog, presenting."""
    qtbot.keyClicks(window.home.search_box, "friend request")
    qtbot.waitUntil(
        lambda: bool(window.home.last_results and window.home.last_results.hits), timeout=WORK_MS
    )
    hits = window.home.last_results.hits if window.home.last_results else ()
    window.open_hit(next(h for h in hits if h.kind == "section"), frozenset({"friend"}))
    window.reader.open_find()
    qtbot.keyClicks(window.reader.find_bar.field, "pupil")
    window.open_wizard("friend-request")
    page = window.wizard_page
    assert isinstance(page, WizardPage)
    while not page.session.finished:
        qtbot.mouseClick(page.option_buttons()[0], Qt.MouseButton.LeftButton)
    page.copy_text()
    window.open_compare("friend-request/pupil")
    window.open_self_check(window.library.decks[0].id)
    ProblemsDialog(["x.yaml:1:1: a problem"], window).open()
    window.present(None)
    assert window.presenter is not None and not window.isVisible()


def test_after_the_idle_time_everything_on_screen_is_cleared(
    qtbot: QtBot, make_window: MakeWindow, no_machine_settings: Path
) -> None:
    _system(no_machine_settings, "kiosk_idle_minutes = 1\n")
    window = make_window("stokes-wood")
    assert window.kiosk is not None
    _set_the_screen_full_of_things(qtbot, window)
    copied = QGuiApplication.clipboard().text()
    assert "friend" in copied.lower()

    window.kiosk.timer.start(200)  # instead of waiting the minute
    # done when the window is back and active again (the presenter had hidden it)
    qtbot.waitUntil(
        lambda: window.presenter is None and window.isVisible() and window.isActiveWindow(),
        timeout=WORK_MS,
    )
    # the next person's idle time is the minute again (on a busy machine 200 ms could pass
    # between typing and the results, and clear them)
    window.kiosk.timer.setInterval(60_000)

    home = window.home
    assert window.pages.currentWidget() is home
    assert home.views.currentWidget() is home.start_view
    assert home.search_box.text() == "" and not home.search_box.isUndoAvailable()
    assert home.last_results is None and home.results.results_model.rowCount() == 0
    assert window.wizard_page is None and window.self_check is None
    assert not window.pages.findChildren(WizardPage)
    assert window.reader.policy is None and window.reader.browser.toPlainText() == ""
    assert window.reader.find_bar.field.text() == "" and window.reader.find_bar.isHidden()
    assert window.compare.table.toPlainText() == ""
    assert not [d for d in window.findChildren(ProblemsDialog) if d.isVisible()]
    assert QGuiApplication.clipboard().text() == ""
    assert "cleared" in window.statusBar().currentMessage()
    assert home.search_box.hasFocus()

    qtbot.keyClicks(home.search_box, "photos")  # and the next person can start at once
    qtbot.waitUntil(lambda: bool(home.last_results and home.last_results.hits), timeout=WORK_MS)


def test_a_reset_leaves_what_another_app_copied() -> None:
    copy_to_clipboard("our answer")
    QGuiApplication.clipboard().setText("someone's own text")
    assert not take_back_clipboard()
    assert QGuiApplication.clipboard().text() == "someone's own text"
    copy_to_clipboard("our answer")
    assert take_back_clipboard() and QGuiApplication.clipboard().text() == ""


def test_a_pinned_school_the_library_lacks_is_reported_and_the_user_chooses(
    qtbot: QtBot, make_window: MakeWindow, no_machine_settings: Path
) -> None:
    _system(no_machine_settings, "school = nowhere-high\n")
    window = make_window(None, search=False)
    assert "This computer is set to the school 'nowhere-high'" in (
        window.statusBar().currentMessage()
    )
    assert window.school_box.isEnabled() and window.needs_school_choice
    window.choose_school("westhaven")
    again = make_window(None, search=False)  # the user's choice now stands
    assert again.school_id == "westhaven" and not again.needs_school_choice

    flagged = make_window(None, search=False, flags={"school": "nowhere-low"})
    assert (
        flagged.statusBar()
        .currentMessage()
        .startswith("The app was started with the school 'nowhere-low'")
    )
    assert flagged.school_id == "westhaven" and flagged.school_box.isEnabled()


def test_a_locked_kiosk_survives_a_flag_to_turn_it_off_and_the_user_is_told(
    qtbot: QtBot, make_window: MakeWindow, standard_settings: Path
) -> None:
    standard_settings.write_text(
        "[General]\nkiosk_idle_minutes = 5\nlocked = yes\n", encoding="utf-8"
    )
    window = make_window(search=False, flags={"kiosk_idle_minutes": "off"})
    assert window.kiosk is not None and window.kiosk.timer.interval() == 300_000
    shown = [label.text() for label in window.statusBar().findChildren(type(window.home.greeting))]
    assert "Shared computer: clears after 5 min unused" in shown
    window.after_show(startup_problems(window.settings, []))
    dialog = window.problems_dialog
    assert dialog is not None and dialog.isVisible()
    assert (
        "--kiosk-minutes off is refused: this computer's settings are locked; kiosk mode stays "
        "at 5 minutes" in dialog.details.toPlainText()
    )
    dialog.reject()


@needs_posix_files
def test_a_preferences_file_that_is_a_pipe_is_reported_and_never_opened(
    qtbot: QtBot, make_window: MakeWindow, own_settings: Path
) -> None:
    preferences = own_settings / "config" / "policy-guidance.ini"
    preferences.parent.mkdir(parents=True)
    os.mkfifo(preferences)  # Qt would wait on it for ever
    settings = Settings()
    assert isinstance(settings.user, SessionStore)
    settings.school = "westhaven"  # kept for this session only
    assert settings.school == "westhaven" and stat.S_ISFIFO(preferences.stat().st_mode)
    notice = "Your preferences file cannot be used: this is not a regular file (it is a named pipe)"
    assert (settings.problem() or "").startswith(notice)
    assert startup_problems(settings, [])[0].startswith(notice)
    window = make_window(search=False)
    assert window.statusBar().currentMessage().startswith(notice)


@needs_posix_files
def test_a_settings_file_that_is_a_pipe_does_not_stop_the_window(
    qtbot: QtBot, make_window: MakeWindow, standard_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Qt, asked for settings by organisation name, also reads the system-wide files in
    # $XDG_CONFIG_DIRS: IT's settings file among them.
    monkeypatch.delenv("GUIDANCE_APP_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(standard_settings.parent.parent.parent / "home"))
    os.mkfifo(standard_settings)
    window = make_window(search=False)
    assert window.kiosk is not None and window.kiosk.timer.interval() == 300_000
    assert not window.school_box.isEnabled()
    assert isinstance(window.settings.user, QSettings)
    assert window.settings.user.fileName().startswith(str(standard_settings.parent.parent.parent))
