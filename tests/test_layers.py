"""The house as its imports draw it: layers that import one way only, and no import cycles.

Every import counts, wherever it stands: at module level, inside a function, or under
`if TYPE_CHECKING:`. A cycle that only works because an import sits inside a function is still
a cycle for the reader. The layers: `cli` may import `ui` and `core`; `ui` may import `core`;
`core` imports neither.
"""

from __future__ import annotations

import ast
from pathlib import Path

import guidance_app

PACKAGE = Path(guidance_app.__file__).parent
ROOT = PACKAGE.parent
LAYERS = ("guidance_app.cli", "guidance_app.ui", "guidance_app.core")  # top to bottom
# Inside core, each group may import only groups of a lower rank (ARCHITECTURE.md).
CORE_RANKS = {
    "errors": 0,
    "locations": 0,
    "files": 1,
    "content": 2,
    "guidance": 3,
    "importing": 3,
    "machine": 3,
    "search": 3,
    "training": 4,
    "render": 5,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of this package that the module imports, by any kind of import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; `from module import name`, the module
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and target != "guidance_app":
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _layer(name: str) -> int | None:
    return next((i for i, layer in enumerate(LAYERS) if name.startswith(layer)), None)


def test_no_import_cycles_anywhere_in_the_package() -> None:
    assert _cycles(_graph()) == []


def test_imports_run_one_way_cli_then_ui_then_core() -> None:
    upward = [
        f"{name} imports {target}"
        for name, targets in _graph().items()
        for target in sorted(targets)
        if (mine := _layer(name)) is not None
        and (theirs := _layer(target)) is not None
        and theirs < mine
    ]
    assert upward == []


def _core_group(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "core" else None


def test_inside_core_each_group_imports_only_groups_below_it() -> None:
    groups = {g for name in _graph() if (g := _core_group(name)) is not None}
    assert groups <= set(CORE_RANKS), f"give these a rank: {sorted(groups - set(CORE_RANKS))}"
    upward = [
        f"{name} imports {target}"
        for name, targets in _graph().items()
        for target in sorted(targets)
        if (mine := _core_group(name)) is not None
        and (theirs := _core_group(target)) is not None
        and mine != theirs
        and CORE_RANKS[theirs] >= CORE_RANKS[mine]
    ]
    assert upward == []


def test_the_checks_see_an_import_inside_a_function_and_under_type_checking(
    tmp_path: Path,
) -> None:
    """The graph is built from every kind of import (so the two tests above can fail)."""
    code = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from guidance_app.ui.app import run\n"
        "def later():\n    from guidance_app.cli import main\n"
    )
    path = tmp_path / "probe.py"
    path.write_text(code, encoding="utf-8")
    modules = _modules()
    assert _imported("guidance_app.core.probe", path, modules) >= {
        "guidance_app.ui.app",
        "guidance_app.cli",
    }
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
