"""House rules that keep the core usable without a screen."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import guidance_app.core

CORE = Path(guidance_app.core.__file__).parent
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "guidance_app.ui")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_core_never_imports_qt() -> None:
    offenders = [
        f"{path.name} imports {name}"
        for path in sorted(CORE.rglob("*.py"))
        for name in _imports(path)
        if name.startswith(QT_MODULES)
    ]
    assert offenders == []


def test_loading_content_pulls_in_no_qt_at_runtime() -> None:
    code = (
        "import sys\n"
        "from guidance_app.core.content.loader import load_library\n"
        "from guidance_app.core.locations import bundled_content_dir\n"
        "load_library(bundled_content_dir())\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_yaml_is_never_loaded_unsafely() -> None:
    for path in CORE.parent.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "yaml.load(" not in source and "yaml.unsafe_load" not in source, path
        assert "FullLoader" not in source and "UnsafeLoader" not in source, path
