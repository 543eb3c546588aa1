"""Every colour and stylesheet of the app: light and dark looks (one palette per scheme, and the
widgets' stylesheet in `resources/style.qss`), the rich-text styles of the reading panes, the
results list and presenter mode, and the style of printed pages.

The app follows the system's light/dark setting (Qt 6.5+ reports it); `GUIDANCE_APP_THEME`
(`light` or `dark`) overrides it, e.g. for screenshots. Every text colour here is checked by a
test to keep a contrast of at least 4.5:1 against the background it is drawn on.

The rich-text styles name the HTML's classes by the constants of core/render/classes.py, where
the HTML is written. Each class the core emits has a rule in each style it reaches, even where
the rule only restates its element's own look, so that changing how one looks starts here (a
test checks every class emitted is styled, and nothing else is).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from guidance_app.core.files.safe_read import (
    MAX_BUNDLED_BYTES,
    UnreadableFileError,
    read_regular_file,
)
from guidance_app.core.locations import resources_dir
from guidance_app.core.render.classes import (
    ACTION,
    APP_ADVICE,
    APP_NOTE,
    BINDING,
    FACTS,
    GAP,
    KIND,
    LEAD_IN,
    SITUATION,
    SOURCE,
    TITLE,
    WHERE,
)


@dataclass(frozen=True)
class Colours:
    name: str  # "light" or "dark"
    window: str  # the page behind everything
    surface: str  # cards, text areas, inputs
    text: str
    muted: str  # secondary text, still 4.5:1 on window and surface
    border: str
    accent: str  # buttons, links, focus ring
    on_accent: str  # text on accent
    accent_soft: str  # hover and selection background (text colour on it)
    mark: str  # search-term highlight background (text colour on it)
    warning: str  # text for "overdue" etc. on warning_soft and surface
    warning_soft: str
    icon: str


LIGHT = Colours(
    name="light",
    window="#f3f5f8",
    surface="#ffffff",
    text="#1b2430",
    muted="#4f5b69",
    border="#c9d1db",
    accent="#1f56c4",
    on_accent="#ffffff",
    accent_soft="#dde8fb",
    mark="#ffe58a",
    warning="#8a3c00",
    warning_soft="#fff1df",
    icon="#1f56c4",
)

DARK = Colours(
    name="dark",
    window="#15181d",
    surface="#1f242b",
    text="#e8ebef",
    muted="#aab3bf",
    border="#3b434e",
    accent="#8ab4ff",
    on_accent="#0d1520",
    accent_soft="#2b3d5c",
    mark="#6b5300",
    warning="#ffc48a",
    warning_soft="#3a2712",
    icon="#8ab4ff",
)

# (foreground, background) pairs actually drawn; each must reach 4.5:1.
TEXT_PAIRS = (
    ("text", "window"),
    ("text", "surface"),
    ("muted", "window"),
    ("muted", "surface"),
    ("accent", "surface"),
    ("accent", "window"),
    ("on_accent", "accent"),
    ("text", "accent_soft"),
    ("text", "mark"),
    ("warning", "warning_soft"),
    ("warning", "surface"),
)


def scheme() -> str:
    """'dark' or 'light': the override, else the system's setting."""
    wanted = os.environ.get("GUIDANCE_APP_THEME", "").strip().lower()
    if wanted in ("light", "dark"):
        return wanted
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def colours() -> Colours:
    return DARK if scheme() == "dark" else LIGHT


def palette(c: Colours) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window),
        (role.WindowText, c.text),
        (role.Base, c.surface),
        (role.AlternateBase, c.window),
        (role.Text, c.text),
        (role.Button, c.surface),
        (role.ButtonText, c.text),
        (role.Highlight, c.accent),
        (role.HighlightedText, c.on_accent),
        (role.Link, c.accent),
        (role.LinkVisited, c.accent),
        (role.ToolTipBase, c.surface),
        (role.ToolTipText, c.text),
        (role.PlaceholderText, c.muted),
        (role.BrightText, c.warning),
    ):
        p.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(c.muted))
    return p


def stylesheet(c: Colours) -> str:
    text = read_regular_file(resources_dir() / "style.qss", MAX_BUNDLED_BYTES).decode("utf-8")
    chevron = resources_dir() / "icons" / f"chevron-down-{c.name}.svg"
    text = text.replace("@chevron", chevron.as_posix())
    # Longest names first, so @accent_soft is not read as @accent + "_soft".
    for field in sorted(fields(c), key=lambda f: -len(f.name)):
        if field.name == "name":
            continue
        text = text.replace(f"@{field.name}", getattr(c, field.name))
    return text


def reading_css(c: Colours) -> str:
    """The rich-text style of the reading panes (a policy, an outcome, compare, the self-check);
    sizes are relative, so Ctrl +/- scales all."""
    return (
        f"a {{ color: {c.accent}; }} .{FACTS} {{ color: {c.muted}; }}"
        f" p {{ margin-bottom: 8px; }} li {{ margin-bottom: 4px; }}"
        f" h2 {{ margin-top: 16px; }} .{SOURCE} {{ color: {c.muted}; }}"
        f" .{LEAD_IN} {{ color: {c.muted}; }}"
        f" .{APP_NOTE} {{ color: {c.muted}; font-style: italic; }}"
        # the app's own steps from national guidance: set apart, as the reminder is
        f" .{APP_ADVICE} {{ background-color: {c.warning_soft}; color: {c.text}; }}"
        f" .{GAP} {{ font-style: italic; }} .{SITUATION} {{ color: {c.muted}; }}"
        f" blockquote {{ margin-left: 14px; }} th {{ text-align: left; }}"
        # the outcome's headline (an h2) and how binding it is (a p): as their elements
        f" .{ACTION} {{ margin-top: 16px; }} .{BINDING} {{ margin-bottom: 8px; }}"
    )


def results_css(c: Colours) -> str:
    """The rich-text style of each row of the search results (the words matched are in <b>)."""
    return (
        f"b {{ background-color: {c.mark}; color: {c.text}; font-weight: normal; }}"
        f" p.{WHERE} {{ color: {c.muted}; margin-bottom: 2px; }}"
        f" p.{WHERE} b {{ background-color: transparent; color: {c.text}; font-weight: 600; }}"
        f" span.{KIND} {{ color: {c.accent}; font-weight: 600; }}"
        f" p.{TITLE} {{ font-weight: 600; }}"
    )


# Presenter mode, whatever the scheme: high contrast for projectors, white on black, yellow for
# what matters.
PRESENTER_CSS = (
    "body { color: #ffffff; } h1 { color: #ffd84d; } h2 { color: #ffd84d; }"
    " h3 { color: #ffd84d; margin-top: 14px; } a { color: #9cc8ff; }"
    f" .{SOURCE}, .{SITUATION}, .{LEAD_IN}, .{APP_NOTE} {{ color: #d9d9d9; }}"
    f" .{APP_ADVICE} {{ color: #ffffff; }}"
    " li { margin-bottom: 6px; } th { color: #ffd84d; text-align: left; }"
    " table { border-color: #ffffff; } blockquote { margin-left: 18px; }"
    # the outcome's headline (an h2), how binding it is and the policy's silence: as the rest
    f" .{ACTION} {{ color: #ffd84d; }} .{BINDING}, .{GAP} {{ color: #ffffff; }}"
)
PRESENTER_BACKGROUND = "#000000"
PRESENTER_QSS = """
QWidget#presenter { background: #000000; }
QTextBrowser { background: #000000; color: #ffffff; border: none; }
QLabel#blank { background: #000000; }
QLabel#footer { color: #d9d9d9; }
QWidget#notesStrip { border-top: 1px solid #808080; }
QWidget#notesStrip QTextBrowser { color: #d9d9d9; }
QLabel#notesHeading { color: #ffd84d; }
QScrollBar { background: #000000; width: 12px; }
QScrollBar::handle { background: #808080; min-height: 24px; }
QScrollBar::add-line, QScrollBar::sub-line { height: 0px; }
"""


# Paper: black on white, whatever the scheme; no class is styled (paper needs no muted text).
def print_css(scale: float = 1.0) -> str:
    """The style of paper (slips, handouts, the questions for the policy owner); `scale` a
    little below 1 fits a few spilled lines back onto the page before."""

    def points(size: float) -> str:
        return f"{round(size * scale * 2) / 2:g}pt"

    return (
        f"body {{ font-size: {points(11)}; }} h1 {{ font-size: {points(18)}; }}"
        f" h2 {{ font-size: {points(15)}; }}"
        f" h3 {{ font-size: {points(12)}; margin-top: 10px; }} blockquote {{ margin-left: 14px; }}"
    )


PRINT_CSS = print_css()


def apply(app: QApplication) -> Colours:
    """Give the app the scheme's palette and stylesheet; returns the colours used."""
    c = colours()
    app.setStyle("Fusion")
    app.setPalette(palette(c))
    app.setStyleSheet(stylesheet(c))
    return c


def icon(name: str, colour: str | None = None) -> QIcon:
    """An icon from resources/icons/<name>.svg, drawn in the scheme's icon colour."""
    path = resources_dir() / "icons" / f"{name}.svg"
    try:
        svg = read_regular_file(path, MAX_BUNDLED_BYTES).decode("utf-8")
    except (UnreadableFileError, UnicodeDecodeError):
        return QIcon()
    svg = svg.replace("currentColor", colour or colours().icon)
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(svg.encode("utf-8")), "SVG")
    return QIcon(pixmap)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(colour: str) -> float:
        q = QColor(colour)
        channels = []
        for value in (q.redF(), q.greenF(), q.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
