"""`guidance-app --self-test`: prove that this installation works, end to end, without a screen.

Checks the deployment settings file, loads the content, builds or opens the search index, runs a
search and a guided answer, then opens and closes the main window offscreen. Prints one line per
check; exit 0 only if all pass. It leaves nothing behind but the search index in the usual per-user
cache. It makes no network connection (tests/test_no_network.py).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.errors import GuidanceError
from guidance_app.core.guidance.wizard_engine import WizardSession
from guidance_app.core.machine.deployment import Deployment, load_deployment, pinned_school_problem


class SelfTestFailure(GuidanceError):
    pass


def _check(name: str, action: Callable[[], str]) -> None:
    started = time.perf_counter()
    try:
        detail = action()
    except Exception as exc:
        print(f"FAIL  {name}: {exc}")
        raise SelfTestFailure(f"self-test failed at: {name}") from exc
    print(f"ok    {name}: {detail} ({(time.perf_counter() - started) * 1000:.0f} ms)")


def run_self_test(content: Path, deployment: Deployment | None = None) -> int:
    state: dict[str, object] = {}
    deployment = deployment or load_deployment()

    def settings() -> str:
        if deployment.problems:
            raise GuidanceError(f"{deployment.problems[0]}")
        path = deployment.system_path
        where = f"system settings {path}" if path and path.is_file() else "no system settings file"
        return f"{where}{', locked' if deployment.locked else ''}; content {content}"

    def load() -> str:
        result = load_library(content)
        if result.problems:
            raise GuidanceError(
                f"{len(result.problems)} content problems; first: {result.problems[0]}"
            )
        library = result.library
        if not library.schools or not library.wizards:
            raise GuidanceError("the library has no schools or no guided answers")
        missing = pinned_school_problem(deployment, library)
        if missing:
            raise GuidanceError(missing)
        state["library"] = library
        return f"{len(library.schools)} schools, {len(library.wizards)} guided answers"

    def search() -> str:
        from guidance_app.core.search.engine import SearchEngine

        library = _library(state)
        engine = SearchEngine.open(library)
        try:
            school = library.schools[0].id
            results = engine.search("pupil friend request", school=school)
            if not results.hits:
                raise GuidanceError("a search for 'pupil friend request' found nothing")
            where = engine.location or "memory"
            return f"{len(results.hits)} results; index in {where}"
        finally:
            engine.close()

    def wizard() -> str:
        library = _library(state)
        wizard = library.wizards[0]
        session = WizardSession(library, wizard, library.schools[0].id)
        while (question := session.current_question) is not None:
            session.answer(question.options[0].id)
        outcome = session.outcome()
        if outcome is None or not outcome.action:
            raise GuidanceError(f"'{wizard.id}' reached no outcome")
        return f"'{wizard.id}' → {shortened(outcome.action, 60)}"

    def window() -> str:
        return _window_check(_library(state), deployment)

    try:
        for name, action in (
            ("settings", settings),
            ("content", load),
            ("search", search),
            ("guided answer", wizard),
            ("main window", window),
        ):
            _check(name, action)
    except SelfTestFailure as exc:
        print(exc)
        return 1
    print("self-test passed")
    return 0


def shortened(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word's end, with "…" if anything was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def _library(state: dict[str, object]) -> Library:
    library = state["library"]
    assert isinstance(library, Library)
    return library


def _window_check(library: Library, deployment: Deployment) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    earlier = os.environ.get("GUIDANCE_APP_CONFIG_DIR")
    with tempfile.TemporaryDirectory() as settings_dir:
        os.environ["GUIDANCE_APP_CONFIG_DIR"] = settings_dir  # the user's settings untouched
        from guidance_app.ui.app import create_app
        from guidance_app.ui.main_window import MainWindow
        from guidance_app.ui.settings import Settings

        app = create_app()
        shown = MainWindow(library, Settings(deployment))
        shown.show()
        app.processEvents()
        visible = shown.isVisible()
        title = shown.windowTitle()
        shown.close()
        shown.deleteLater()
        app.processEvents()
    if earlier is None:
        del os.environ["GUIDANCE_APP_CONFIG_DIR"]
    else:
        os.environ["GUIDANCE_APP_CONFIG_DIR"] = earlier
    if not visible:
        raise GuidanceError("the main window did not open")
    return f"opened and closed '{title}'"
