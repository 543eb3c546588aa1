"""What a screen reader finds in the running app, read from outside its process through AT-SPI
(Debian's python3-pyatspi), with the app driven by AT-SPI actions alone, as a blind user's
screen reader drives it: no mouse, no key presses, nothing inside the app.

Run by tests/ui/test_screen_reader.py with the system python (where python3-pyatspi lives, not
the project's .venv), on the same D-Bus session bus as the app:

    /usr/bin/python3 tests/ui/screen_reader_probe.py APP_PID

Goes Home -> a guided answer's question -> its outcome -> Home -> the policy reader -> compare ->
the self-check, and prints JSON: for each screen the interactive controls shown (role, name),
and the outcome's text as the Text interface gives it. Exits 1, saying what, when something never
appears within the wait.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pyatspi

# The controls a user operates. Scroll bars are left out: Qt gives them no name and a screen
# reader announces them by role and orientation.
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_TEXT,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_LINK,
    pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_TREE,
    pyatspi.ROLE_TABLE,
}
# Items of a list that do something when activated (not the school list's closed pop-up).
ITEM_ROLES = {pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TREE_ITEM, pyatspi.ROLE_TABLE_CELL}
# Qt gives a line edit the role "text"; AT-SPI's newer name for it is "entry"
ENTRY_ROLES = {pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY}
NO_ROLE = {pyatspi.ROLE_INVALID, pyatspi.ROLE_UNKNOWN}

# Generous: a loaded CI machine builds the search index while the window opens.
WAIT_S = 180.0
POLL_S = 0.1

Node = Any  # a pyatspi Accessible
SEARCH_BOX = "Search your school's policy"


def wait_for(what: str, found: Callable[[], Node | None], app: Node | None = None) -> Node:
    """Polls until `found` gives something: the wait is long, and ends as soon as it does. On
    timing out, says what the screen showed (when `app` is given)."""
    deadline = time.monotonic() + WAIT_S
    while True:
        try:
            result = found()
        except Exception:  # the tree changed while being read (a page replaced): look again
            result = None
        if result:
            return result
        if APP_PID and not _alive(APP_PID):  # a crash: say so now, not after every wait
            raise SystemExit(f"screen_reader_probe: the app stopped while waiting for {what}")
        if time.monotonic() > deadline:
            shown = "" if app is None else f"; shown: {json.dumps(controls(app))}"
            raise SystemExit(f"screen_reader_probe: timed out waiting for {what}{shown}")
        time.sleep(POLL_S)


APP_PID = 0  # the app being read, once known


def _alive(pid: int) -> bool:
    """Whether the app still runs: not gone, and not a zombie (its parent, the test, reaps it
    only after this probe ends)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def the_app(pid: int) -> Node | None:
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.get_process_id() == pid and app.childCount > 0:
            return app
    return None


def showing(node: Node) -> Iterator[Node]:
    """Every object under `node` a user could perceive now: showing, inside showing parents.
    An object that goes while being read (a page replaced) is passed over: it is not shown."""
    for index in range(node.childCount):
        try:
            child = node.getChildAtIndex(index)
            shown = child is not None and child.getState().contains(pyatspi.STATE_SHOWING)
        except Exception:
            continue
        if shown:
            yield child
            yield from showing(child)


def actions(node: Node) -> list[str]:
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def is_control(node: Node) -> bool:
    role = node.getRole()
    if role in CONTROL_ROLES:
        return True
    acts = actions(node)
    if role in ITEM_ROLES:
        return bool(acts)
    # anything else that acts or takes focus (scroll bars aside) counts as a control too
    return role != pyatspi.ROLE_SCROLL_BAR and (
        any(a not in ("SetFocus",) for a in acts)
        or node.getState().contains(pyatspi.STATE_FOCUSABLE)
    )


def controls(app: Node) -> list[dict[str, object]]:
    found = []
    for node in showing(app):
        if is_control(node):
            role = node.getRole()
            found.append(
                {
                    "role": "" if role in NO_ROLE else node.getRoleName(),
                    "name": node.name or "",
                    "actions": actions(node),
                }
            )
    return found


Match = str | Callable[[str], bool]


def find(app: Node, role: int, name: Match) -> Node | None:
    """The first object shown with this role and name (or a name the callable accepts)."""
    matches = name if callable(name) else (lambda text: text == name)
    roles = ENTRY_ROLES if role in ENTRY_ROLES else {role}
    for node in showing(app):
        if node.getRole() in roles and matches(node.name or ""):
            return node
    return None


def press(app: Node, name: Match) -> None:
    """Waits for the button shown with this name, then does its own action, as a screen
    reader's "activate" does."""
    found = wait_for(f"a button {name!r}", lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, name), app)
    names = actions(found)
    found.queryAction().doAction(names.index("Press") if "Press" in names else 0)


def text_of(node: Node) -> str:
    text = node.queryText()
    return str(text.getText(0, text.characterCount))


def main(pid: int) -> int:
    global APP_PID
    APP_PID = pid
    app = wait_for(f"the app (pid {pid}) on the accessibility bus", lambda: the_app(pid))
    screens: dict[str, list[dict[str, object]]] = {}

    def arrive(screen: str, role: int, name: Match) -> Node:
        """Waits for the screen, known by an object it shows, and notes its controls."""
        node = wait_for(screen, lambda: find(app, role, name), app)
        screens[screen] = controls(app)
        return node

    button = pyatspi.ROLE_PUSH_BUTTON
    home = "Home: search and guided answers"
    friend = "Guided answer: A pupil sent me a friend request. What do I do?"
    arrive("home", button, friend)

    # a search typed through the text interface, as a screen reader's user types it
    search = wait_for("the search box", lambda: find(app, pyatspi.ROLE_ENTRY, SEARCH_BOX), app)
    search.queryEditableText().setTextContents("friend request")
    arrive("search results", pyatspi.ROLE_LIST_ITEM, lambda name: "friend" in name.lower())
    search.queryEditableText().setTextContents("")
    wait_for("Home's guided answers again", lambda: find(app, button, friend), app)

    press(app, friend)
    arrive("question", button, "Someone sent me a friend request or a follow request")
    press(app, "Someone sent me a friend request or a follow request")
    press(app, "A pupil at this school")
    press(app, "No")  # not related to the pupil
    outcome = arrive("outcome", button, "Copy the answer as text")
    outcome = wait_for(
        "the outcome's text",
        lambda: next(
            (n for n in showing(app) if n.name == "What to do" and text_of(n).strip()), None
        ),
        app,
    )
    outcome_text = text_of(outcome)

    # Qt presses a button a moment after the action is asked for (as a click is drawn), so
    # each step waits for the screen it leads to before going on
    press(app, home)
    wait_for("Home again", lambda: find(app, button, friend), app)
    press(app, lambda name: name.startswith("Read the "))
    arrive("reader", pyatspi.ROLE_TREE, "Contents of the policy")

    press(app, "Compare schools")
    arrive("compare", pyatspi.ROLE_LABEL, "Compare schools")

    press(app, home)
    wait_for("Home again", lambda: find(app, button, friend), app)
    press(app, lambda name: name.startswith("Take the self-check"))
    rule = "It is a rule: staff must (or must not) do something"
    arrive("self-check", button, rule)
    press(app, rule)
    arrive("self-check answered", button, "Next scenario")

    print(json.dumps({"screens": screens, "outcome": outcome_text}))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))
