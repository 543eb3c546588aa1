"""What goes into the PyInstaller bundle: the rules, as plain Python, so they can be tested.

The spec (build_scripts/guidance_app.spec) passes `EXCLUDED_MODULES` to `Analysis(excludes=...)`
and runs the collected binaries and data files through `filter_toc`. A TOC entry is PyInstaller's
`(dest_name, src_path, typecode)` tuple; `dest_name` is the path inside the bundle, with `/` or
(on Windows) `\\` separators:

    PySide6/Qt/plugins/platforms/libqxcb.so        Linux
    PySide6/Qt/lib/libQt6Network.so.6              Linux
    PySide6\\plugins\\platforms\\qwindows.dll         Windows (no Qt/ level in the wheel)
    PySide6/Qt/plugins/platforms/libqcocoa.dylib   macOS

Nothing here imports PyInstaller or Qt (tests/test_packaging.py runs without a build).

The rules, and why (build_scripts/PACKAGING.md has the longer story):

* Qt plugins are kept only from an allow-list of plugin types and names. The app is a plain
  widgets app: it needs a platform plugin (xcb or wayland on Linux, windows, cocoa, and offscreen
  for `--self-test`), SVG image reading (its icons and the combo-box chevron in the stylesheet are
  SVG), the SVG icon engine, input methods (compose for dead keys, ibus as GNOME's default),
  the desktop-portal theme, the native styles, and printer support (QPrintDialog). Everything
  else (network information, TLS, SQL drivers, evdev `generic` input, eglfs/linuxfb/vnc
  platforms, QML tooling, OpenGL integrations, the GTK3 theme that would load the system's GTK
  against our bundled GLib/cairo) is dropped.
* Qt translations are dropped: the app is English only.
* Windows' software OpenGL (opengl32sw.dll) and the D3D shader compiler are dropped: the app
  draws no OpenGL (the same as windeployqt's --no-opengl-sw / --no-system-d3d-compiler).
* Libraries that only a dropped file needed (libQt6Network for the TLS and VNC plugins,
  libQt6OpenGL for eglfs, the GTK theme's cairo/pango/gdk-pixbuf, ...) are pruned by
  `prune_orphans`, which the spec calls with a real dependency reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

TocEntry = tuple[str, str, str]

# --- Python modules never to bundle ---------------------------------------------------------

# Qt bindings the app does not use. QtDBus / QtNetwork would otherwise come in as hidden
# imports: libQt6Gui links libQt6DBus on Linux (the *library* stays; only the Python module
# goes), and some plugins link libQt6Network.
UNUSED_QT_MODULES: tuple[str, ...] = (
    "PySide6.QtNetwork",
    "PySide6.QtNetworkAuth",
    "PySide6.QtDBus",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickTest",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtConcurrent",
    "PySide6.QtSvgWidgets",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.scripts",
)

# Development tools (the `dev` extra) and standard-library parts the app never imports.
# `ssl` is safe to leave out: urllib.request and http.client (imported, unused, by
# whoosh.compat) treat it as optional, and the app must never open a connection anyway.
DEV_AND_UNUSED_MODULES: tuple[str, ...] = (
    "pytest",
    "_pytest",
    "pytestqt",
    "pluggy",
    "hypothesis",
    "mypy",
    "mypyc",
    "ruff",
    "jsonschema",
    "jsonschema_specifications",
    "referencing",
    "rpds",
    "pypdf",
    # pdfplumber draws pages as pictures with these (pdfplumber.display); the importer only
    # reads text (core/importing/pdf*.py), so neither the renderer nor Pillow is shipped.
    "pdfplumber.display",
    "pypdfium2",
    "pypdfium2_raw",
    "docx",  # python-docx: test fixtures only
    "pygments",
    "IPython",
    "numpy",
    "PIL",
    "setuptools",
    "pkg_resources",
    "pip",
    "distutils",
    "_distutils_hack",
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc",
    "pydoc_data",
    "doctest",
    "unittest",
    "test",
    "ensurepip",
    "venv",
    "sqlite3",
    "ssl",
    "_ssl",
    "curses",
)

EXCLUDED_MODULES: tuple[str, ...] = UNUSED_QT_MODULES + DEV_AND_UNUSED_MODULES

# --- Qt plugins -------------------------------------------------------------------------------

ALL = None  # every plugin of that type
# plugin type -> plugin names kept ("qxcb" for libqxcb.so / qxcb.dll / libqxcb.dylib)
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}),
    "imageformats": frozenset({"qsvg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "styles": ALL,
    "printsupport": ALL,
    # Wayland: the xdg-shell (every current compositor) and client-side decorations for
    # compositors that draw none (GNOME). Widgets draw into shared memory, so none of the
    # OpenGL `wayland-graphics-integration-client` plugins is needed.
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": ALL,
}

# Loaded at run time by name (not linked), so orphan pruning cannot see they are unused.
DROPPED_FILES: frozenset[str] = frozenset(
    {
        "opengl32sw.dll",
        "d3dcompiler_47.dll",
    }
)

_SEPARATORS = re.compile(r"[\\/]+")
_LIBRARY_SUFFIX = re.compile(r"\.(so(\.\d+)*|dll|dylib)$", re.IGNORECASE)


def parts(dest_name: str) -> tuple[str, ...]:
    """The path components of a TOC destination name, whichever separator it uses."""
    return tuple(p for p in _SEPARATORS.split(dest_name) if p and p != ".")


def plugin_name(filename: str) -> str:
    """`libqxcb.so` / `qxcb.dll` / `libqcocoa.dylib` -> `qxcb` / `qcocoa`; lower case."""
    name = _LIBRARY_SUFFIX.sub("", filename).lower()
    if name.startswith("lib"):
        name = name[3:]
    return name


def _qt_subpath(dest_name: str) -> tuple[str, ...] | None:
    """The part after `PySide6/Qt/` (or `PySide6/` on Windows), else None (not Qt's)."""
    p = parts(dest_name)
    if not p or p[0].lower() != "pyside6":
        return None
    rest = p[1:]
    if rest and rest[0].lower() == "qt":
        rest = rest[1:]
    return rest


def plugin_kept(dest_name: str) -> bool | None:
    """True/False for a Qt plugin (kept or not); None if `dest_name` is not a Qt plugin."""
    sub = _qt_subpath(dest_name)
    if sub is None or len(sub) < 2 or sub[0].lower() != "plugins":
        return None
    if len(sub) == 2:  # a stray file straight in plugins/: nothing Qt loads
        return False
    plugin_type, filename = sub[1].lower(), sub[-1]
    if plugin_type not in KEPT_PLUGINS:
        return False
    allowed = KEPT_PLUGINS[plugin_type]
    return allowed is ALL or plugin_name(filename) in allowed


def is_translation(dest_name: str) -> bool:
    sub = _qt_subpath(dest_name)
    return sub is not None and len(sub) >= 1 and sub[0].lower() == "translations"


def keep(entry: TocEntry) -> bool:
    """Whether one TOC entry stays in the bundle (before orphan pruning)."""
    dest_name = entry[0]
    p = parts(dest_name)
    if p and p[-1].lower() in DROPPED_FILES:
        return False
    if is_translation(dest_name):
        return False
    kept_plugin = plugin_kept(dest_name)
    return kept_plugin is None or kept_plugin


def split_toc(toc: Iterable[TocEntry]) -> tuple[list[TocEntry], list[TocEntry]]:
    """(kept, dropped) by `keep`, in their original order."""
    kept: list[TocEntry] = []
    dropped: list[TocEntry] = []
    for entry in toc:
        (kept if keep(entry) else dropped).append(entry)
    return kept, dropped


def filter_toc(toc: Iterable[TocEntry]) -> list[TocEntry]:
    """The entries that `keep` keeps."""
    return split_toc(toc)[0]


def _basename(path: str) -> str:
    p = parts(path)
    return p[-1].lower() if p else ""


def prune_orphans(
    kept: Sequence[TocEntry],
    dropped: Sequence[TocEntry],
    needs: Callable[[TocEntry], Iterable[str]],
) -> tuple[list[TocEntry], list[TocEntry]]:
    """Remove the libraries that were only in the bundle because a dropped entry needed them.

    `needs(entry)` gives the file names (basenames) of the shared libraries that entry links
    against. A kept library is pruned when a dropped entry needs it (directly or through other
    libraries) and no entry that stays needs it. Libraries nothing dropped needed are never
    touched: they may be loaded by name at run time. Symbolic links (typecode SYMLINK, whose
    src is the bundle path of the target) go with their target. Returns (kept, pruned).
    """
    by_name: dict[str, list[TocEntry]] = {}
    for entry in kept:
        by_name.setdefault(_basename(entry[0]), []).append(entry)

    cache: dict[TocEntry, list[TocEntry]] = {}

    def children(entry: TocEntry) -> list[TocEntry]:
        if entry not in cache:
            found: list[TocEntry] = []
            if entry[2] == "SYMLINK":
                found.extend(by_name.get(_basename(entry[1]), []))
            else:
                for lib in needs(entry):
                    found.extend(by_name.get(_basename(lib), []))
            cache[entry] = found
        return cache[entry]

    def closure(roots: Iterable[TocEntry]) -> set[TocEntry]:
        seen: set[TocEntry] = set()
        stack = list(roots)
        while stack:
            entry = stack.pop()
            for child in children(entry):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return seen

    candidates = closure(dropped)
    if not candidates:
        return list(kept), []
    still_needed = closure(e for e in kept if e not in candidates)
    orphans = candidates - still_needed
    # a symlink to an orphan goes too; an orphan's symlink is an orphan as well
    orphan_names = {_basename(e[0]) for e in orphans}
    for entry in kept:
        if entry[2] == "SYMLINK" and _basename(entry[1]) in orphan_names:
            orphans.add(entry)
    return [e for e in kept if e not in orphans], [e for e in kept if e in orphans]


@dataclass
class Filtered:
    binaries: list[TocEntry]
    datas: list[TocEntry]
    dropped: list[TocEntry]  # by `keep`
    orphans: list[TocEntry]  # by `prune_orphans`


def apply(
    binaries: Iterable[TocEntry],
    datas: Iterable[TocEntry],
    needs: Callable[[TocEntry], Iterable[str]],
) -> Filtered:
    """All the rules, on an Analysis' binaries and datas. Both go through orphan pruning
    together: PyInstaller lists the top-level symbolic links to Qt's libraries among the datas
    (`libQt6Network.so.6 -> PySide6/Qt/lib/libQt6Network.so.6`, typecode SYMLINK)."""
    kept_bins, dropped_bins = split_toc(binaries)
    kept_datas, dropped_datas = split_toc(datas)
    _, orphans = prune_orphans(kept_bins + kept_datas, dropped_bins + dropped_datas, needs)
    gone = set(orphans)
    return Filtered(
        binaries=[e for e in kept_bins if e not in gone],
        datas=[e for e in kept_datas if e not in gone],
        dropped=dropped_bins + dropped_datas,
        orphans=orphans,
    )


def describe(entries: Iterable[TocEntry]) -> list[str]:
    """Sorted bundle paths, `/`-separated, for logs."""
    return sorted("/".join(parts(e[0])) for e in entries)
