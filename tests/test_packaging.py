"""The packaging rules (build_scripts/bundle_filter.py and helpers), without PyInstaller or a build.

The TOC entries below are shaped like PyInstaller 6's: (path in the bundle, source path, typecode),
with the real plugin and library names of the PySide6 6.11 wheels for Linux, Windows and macOS.
"""

from __future__ import annotations

import ast
import importlib.util
import struct
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
BUILD_SCRIPTS = REPO / "build_scripts"


def _load(name: str) -> ModuleType:
    path = BUILD_SCRIPTS / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bundle_filter = _load("bundle_filter")
make_version_info = _load("make_version_info")
make_icons = _load("make_icons")

SITE = "/venv/lib/python3.11/site-packages/PySide6"


def linux(dest: str, typecode: str = "BINARY") -> tuple[str, str, str]:
    return (dest, f"{SITE}/{dest.removeprefix('PySide6/')}", typecode)


def windows(dest: str) -> tuple[str, str, str]:
    return (dest, "C:\\venv\\Lib\\site-packages\\" + dest, "BINARY")


# --- plugins, translations, dropped files -------------------------------------------------------

KEPT = [
    # Linux
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/imageformats/libqico.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/wayland-decoration-client/libbradient.so",
    "PySide6/Qt/plugins/wayland-decoration-client/libadwaita.so",
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Gui.so.6",
    "PySide6/Qt/lib/libQt6DBus.so.6",  # libQt6Gui links it on Linux
    "PySide6/Qt/lib/libQt6Svg.so.6",  # the SVG plugins link it
    "PySide6/Qt/lib/libicudata.so.73",
    "PySide6/QtCore.abi3.so",
    "PySide6/QtWidgets.abi3.so",
    "PySide6/QtPrintSupport.abi3.so",
    "PySide6/libpyside6.abi3.so.6.11",
    # Windows (the wheel has no Qt/ level)
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6\\plugins\\platforms\\qoffscreen.dll",
    "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
    "PySide6\\plugins\\imageformats\\qsvg.dll",
    "PySide6\\plugins\\iconengines\\qsvgicon.dll",
    "PySide6\\plugins\\printsupport\\windowsprintersupport.dll",
    "PySide6\\Qt6Core.dll",
    "PySide6\\Qt6Gui.dll",
    "PySide6\\QtWidgets.pyd",
    # macOS
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/styles/libqmacstyle.dylib",
    "PySide6/Qt/plugins/printsupport/libcocoaprintersupport.dylib",
    "PySide6/Qt/plugins/imageformats/libqsvg.dylib",
    "PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore",
    "PySide6/Qt/lib/QtGui.framework/Versions/A/Resources/Info.plist",
    # not Qt's at all: the app's data and Python's
    "content/schools/westhaven/school.yaml",
    "content/schools/westhaven/policies/social-media-and-networking.md",
    "resources/icons/app.svg",
    "resources/style.qss",
    "guidance_app/core/content/schemas/policy.schema.json",
    "libpython3.11.so.1.0",
    "python3.11/lib-dynload/_hashlib.cpython-311-x86_64-linux-gnu.so",
    "yaml/_yaml.cpython-311-x86_64-linux-gnu.so",
    "libxcb-cursor.so.0",
    # folders called plugins/translations outside PySide6 are the app's business
    "content/translations/notes.md",
    "resources/plugins/platforms/readme.txt",
]

DROPPED = [
    # Linux plugins the app does not need
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platforms/libqminimal.so",
    "PySide6/Qt/plugins/platforms/libqminimalegl.so",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/tls/libqcertonlybackend.so",
    "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
    "PySide6/Qt/plugins/networkinformation/libqglib.so",
    "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
    "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-egl-integration.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/imageformats/libqgif.so",
    "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-server/libqt-wayland-compositor-wayland-egl.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libwl-shell-plugin.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so",
    "PySide6/Qt/plugins/designer/libPySidePlugin.so",
    # translations (English only)
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qt_help_en.qm",
    "PySide6\\translations\\qtbase_fr.qm",
    # Windows
    "PySide6\\plugins\\platforms\\qdirect2d.dll",
    "PySide6\\plugins\\platforms\\qminimal.dll",
    "PySide6\\plugins\\tls\\qschannelbackend.dll",
    "PySide6\\plugins\\networkinformation\\qnetworklistmanager.dll",
    "PySide6\\plugins\\generic\\qtuiotouchplugin.dll",
    "PySide6\\plugins\\imageformats\\qjpeg.dll",
    "PySide6\\opengl32sw.dll",
    "PySide6\\d3dcompiler_47.dll",
    # macOS
    "PySide6/Qt/plugins/imageformats/libqmacheif.dylib",
    "PySide6/Qt/plugins/permissions/libqdarwincamerapermission.dylib",
    "PySide6/Qt/plugins/platforms/libqminimal.dylib",
]


@pytest.mark.parametrize("dest", KEPT)
def test_kept(dest: str) -> None:
    entry = windows(dest) if "\\" in dest else linux(dest)
    assert bundle_filter.keep(entry), f"{dest} should stay in the bundle"


@pytest.mark.parametrize("dest", DROPPED)
def test_dropped(dest: str) -> None:
    entry = windows(dest) if "\\" in dest else linux(dest)
    assert not bundle_filter.keep(entry), f"{dest} should be filtered out"


def test_filter_toc_keeps_order_and_splits_everything() -> None:
    toc = [linux(d) for d in KEPT + DROPPED if "\\" not in d]
    kept, dropped = bundle_filter.split_toc(toc)
    assert kept == [e for e in toc if e[0] in KEPT]
    assert sorted(kept + dropped) == sorted(toc)
    assert bundle_filter.filter_toc(toc) == kept


def test_every_platform_has_a_display_plugin_and_svg() -> None:
    """What the app cannot start or draw its icons without, on each OS."""
    needed = {
        "linux": [
            "platforms/libqxcb.so",
            "platforms/libqoffscreen.so",
            "imageformats/libqsvg.so",
            "iconengines/libqsvgicon.so",
        ],
        "windows": ["platforms/qwindows.dll", "imageformats/qsvg.dll", "iconengines/qsvgicon.dll"],
        "macos": [
            "platforms/libqcocoa.dylib",
            "imageformats/libqsvg.dylib",
            "iconengines/libqsvgicon.dylib",
        ],
    }
    for plugins in needed.values():
        for plugin in plugins:
            assert bundle_filter.plugin_kept(f"PySide6/Qt/plugins/{plugin}") is True, plugin
    assert bundle_filter.plugin_kept("PySide6/Qt/lib/libQt6Gui.so.6") is None


@pytest.mark.parametrize(
    ("filename", "name"),
    [
        ("libqxcb.so", "qxcb"),
        ("qwindows.dll", "qwindows"),
        ("libqcocoa.dylib", "qcocoa"),
        ("libqt-plugin-wayland-egl.so", "qt-plugin-wayland-egl"),
        ("libQt6Core.so.6", "qt6core"),
    ],
)
def test_plugin_name(filename: str, name: str) -> None:
    assert bundle_filter.plugin_name(filename) == name


# --- Python modules left out -------------------------------------------------------------------


def _app_imports() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "guidance_app").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _excluded(module: str) -> bool:
    """PyInstaller's rule: excluding `a.b` also excludes `a.b.c`."""
    return any(module == ex or module.startswith(ex + ".") for ex in bundle_filter.EXCLUDED_MODULES)


def test_nothing_the_app_imports_is_excluded() -> None:
    offenders = sorted(m for m in _app_imports() if _excluded(m))
    assert offenders == [], f"the app imports modules the bundle leaves out: {offenders}"


def test_dev_tools_and_unused_qt_are_excluded() -> None:
    for module in (
        "pytest",
        "hypothesis",
        "mypy",
        "ruff",
        "jsonschema",
        "pypdf",
        "tkinter",
        "PySide6.QtNetwork",
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.QtOpenGL",
        "PySide6.QtDBus",
        "ssl",
    ):
        assert _excluded(module), module
    for module in (
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtWidgets",
        "PySide6.QtPrintSupport",
        "PySide6.QtSvg",
        "whoosh",
        "yaml",
        "json",
        "configparser",
        "urllib.request",
        "http.client",
        "hashlib",
        "multiprocessing",
    ):
        assert not _excluded(module), module


# --- pruning libraries only dropped files needed -------------------------------------------------

GRAPH: dict[str, list[str]] = {
    # dropped
    "PySide6/Qt/plugins/tls/libqopensslbackend.so": ["libQt6Network.so.6", "libQt6Core.so.6"],
    "PySide6/Qt/plugins/platforms/libqvnc.so": ["libQt6Network.so.6", "libQt6Gui.so.6"],
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so": [
        "libcairo.so.2",
        "libglib-2.0.so.0",
        "libQt6DBus.so.6",
        "libQt6Gui.so.6",
    ],
    # kept
    "PySide6/Qt/plugins/platforms/libqxcb.so": ["libQt6XcbQpa.so.6", "libQt6Gui.so.6"],
    "PySide6/Qt/lib/libQt6XcbQpa.so.6": [
        "libQt6Gui.so.6",
        "libxcb-cursor.so.0",
        "libglib-2.0.so.0",
    ],
    "PySide6/Qt/lib/libQt6Gui.so.6": ["libQt6DBus.so.6", "libQt6Core.so.6", "libglib-2.0.so.0"],
    "PySide6/Qt/lib/libQt6DBus.so.6": ["libQt6Core.so.6", "libdbus-1.so.3"],
    "PySide6/Qt/lib/libQt6Network.so.6": ["libQt6Core.so.6"],
    "PySide6/Qt/lib/libQt6Core.so.6": ["libicuuc.so.73"],
    "libcairo.so.2": ["libpixman-1.so.0", "libpng16.so.16"],
    "libpixman-1.so.0": [],
    "libpng16.so.16": [],
    "libglib-2.0.so.0": [],
    "libxcb-cursor.so.0": [],
    "libdbus-1.so.3": [],
    "PySide6/Qt/lib/libicuuc.so.73": [],
    # nothing links it: loaded by name at run time (ctypes, the bootloader)
    "libpython3.11.so.1.0": [],
}


def _needs(entry: tuple[str, str, str]) -> Iterable[str]:
    return GRAPH.get(entry[0], [])


def _toc(names: Iterable[str]) -> list[tuple[str, str, str]]:
    return [linux(n) for n in names]


def test_prune_orphans_drops_only_what_dropped_files_alone_needed() -> None:
    kept, dropped = bundle_filter.split_toc(_toc(GRAPH))
    assert {e[0] for e in dropped} == {
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    }
    still, orphans = bundle_filter.prune_orphans(kept, dropped, _needs)
    assert sorted(e[0] for e in orphans) == [
        "PySide6/Qt/lib/libQt6Network.so.6",
        "libcairo.so.2",
        "libpixman-1.so.0",
        "libpng16.so.16",
    ]
    names = {e[0] for e in still}
    # shared with kept files: stay
    assert {
        "PySide6/Qt/lib/libQt6DBus.so.6",
        "libglib-2.0.so.0",
        "PySide6/Qt/lib/libQt6Gui.so.6",
    } <= names
    # nothing dropped needed it: never touched
    assert "libpython3.11.so.1.0" in names
    assert len(still) + len(orphans) == len(kept)


def test_a_library_a_kept_file_needs_through_others_stays() -> None:
    graph = {
        "PySide6/Qt/plugins/tls/libqopensslbackend.so": ["libQt6Network.so.6"],
        "PySide6/Qt/plugins/platforms/libqxcb.so": ["libmiddle.so"],
        "libmiddle.so": ["libQt6Network.so.6"],
        "PySide6/Qt/lib/libQt6Network.so.6": [],
    }
    kept, dropped = bundle_filter.split_toc(_toc(graph))
    still, orphans = bundle_filter.prune_orphans(kept, dropped, lambda e: graph.get(e[0], []))
    assert orphans == []
    assert len(still) == 3


def test_apply_prunes_the_top_level_symlinks_among_the_datas() -> None:
    binaries = _toc(GRAPH)
    datas = [
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("PySide6/Qt/translations/qtbase_de.qm", f"{SITE}/Qt/translations/qtbase_de.qm", "DATA"),
        ("content/synonyms.yaml", "/repo/content/synonyms.yaml", "DATA"),
    ]
    result = bundle_filter.apply(binaries, datas, _needs)
    assert [e[0] for e in result.datas] == ["libQt6Gui.so.6", "content/synonyms.yaml"]
    orphan_names = {e[0] for e in result.orphans}
    assert {"libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6"} <= orphan_names
    assert "PySide6/Qt/lib/libQt6Network.so.6" not in {e[0] for e in result.binaries}
    assert "PySide6/Qt/translations/qtbase_de.qm" in {e[0] for e in result.dropped}


def test_nothing_dropped_means_nothing_pruned() -> None:
    kept = _toc(["PySide6/Qt/lib/libQt6Core.so.6", "libpython3.11.so.1.0"])
    still, orphans = bundle_filter.prune_orphans(kept, [], _needs)
    assert (still, orphans) == (kept, [])


# --- version information, icons, the spec's inputs ------------------------------------------------


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.1rc1", (2, 0, 1, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
        ("3.1.dev4", (3, 1, 0, 0)),
    ],
)
def test_version_tuple(version: str, numbers: tuple[int, int, int, int]) -> None:
    assert make_version_info.version_tuple(version) == numbers


def test_version_info_text_is_what_pyinstaller_evaluates() -> None:
    """PyInstaller eval()s the file with its VSVersionInfo classes: stand-ins record the call."""

    def recorder(kind: str) -> Any:
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = [
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ]
    version = make_version_info.app_version()
    text = make_version_info.version_info_text(version, "policy-guidance", "policy-guidance.exe")
    info = eval(text, {name: recorder(name) for name in names})
    assert info[0] == "VSVersionInfo"
    fixed = info[2]["ffi"]
    assert fixed[2]["filevers"] == make_version_info.version_tuple(version)
    table = info[2]["kids"][0][1][0][0]
    strings = {s[1][0]: s[1][1] for s in table[1][1]}
    assert strings["FileDescription"] == "Policy Guidance"
    assert strings["ProductName"] == "Policy Guidance"
    assert strings["CompanyName"] == "GuidanceApp"
    assert strings["ProductVersion"] == strings["FileVersion"] == version
    assert strings["OriginalFilename"] == "policy-guidance.exe"


def test_app_version_matches_the_package() -> None:
    import guidance_app

    assert make_version_info.app_version() == guidance_app.__version__


def test_join_ico_builds_one_directory_from_png_and_qt_ico_images() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"x" * 20
    bmp_body = b"B" * 40
    qt_ico = (
        struct.pack("<HHH", 0, 1, 1)
        + struct.pack("<BBBBHHII", 16, 16, 0, 0, 1, 32, len(bmp_body), 22)
        + bmp_body
    )
    data = make_icons.join_ico([(16, qt_ico), (256, png)])
    assert struct.unpack_from("<HHH", data, 0) == (0, 1, 2)
    first = struct.unpack_from("<BBBBHHII", data, 6)
    second = struct.unpack_from("<BBBBHHII", data, 22)
    assert first[:2] == (16, 16) and second[:2] == (0, 0)  # 0 means 256
    assert data[first[7] : first[7] + first[6]] == bmp_body
    assert data[second[7] : second[7] + second[6]] == png


def test_join_icns_lengths_add_up() -> None:
    png = b"\x89PNG" + b"y" * 10
    data = make_icons.join_icns([(b"ic07", png), (b"ic08", png)])
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    assert data[8:12] == b"ic07" and struct.unpack(">I", data[12:16])[0] == 8 + len(png)


def test_the_spec_inputs_exist() -> None:
    spec = (BUILD_SCRIPTS / "guidance_app.spec").read_text(encoding="utf-8")
    assert (REPO / "content").is_dir() and (REPO / "resources" / "style.qss").is_file()
    assert (REPO / "resources" / "icons" / "app.svg").is_file()
    assert list((REPO / "guidance_app" / "core" / "content" / "schemas").glob("*.schema.json"))
    assert '"guidance_app/core/content/schemas"' in spec
    for script, call in (("entry_gui.py", "gui_main()"), ("entry_cli.py", "main()")):
        assert f"sys.exit({call})" in (BUILD_SCRIPTS / script).read_text(encoding="utf-8")
        assert f'analyse("{script}")' in spec
    from guidance_app import cli

    assert callable(cli.main) and callable(cli.gui_main)


def test_desktop_template() -> None:
    text = (BUILD_SCRIPTS / "policy-guidance.desktop").read_text(encoding="utf-8")
    entry = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#")
    )
    assert entry["Type"] == "Application" and entry["Name"] == "Policy Guidance"
    assert entry["Exec"] == "@INSTALL_DIR@/policy-guidance"
    assert entry["Icon"] == "@INSTALL_DIR@/policy-guidance.png"
    assert entry["Terminal"] == "false"
