"""The core never imports Qt; the UI never runs SQL or HTTP (STYLE.md, structure rule 1)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", ["desktop", "sync"])
def test_core_never_imports_qt(package):
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & {"PySide6", "shiboken6", "ui"})
        for p in _sources(package)
        if "tryton_module" not in p.parts
    }
    offenders = {k: v for k, v in offenders.items() if v}
    # desktop/__main__.py hands over to ui.app lazily; that is the one allowed door
    offenders.pop("desktop/__main__.py", None)
    assert offenders == {}


def test_ui_never_runs_sql_or_http():
    offenders = {
        str(p.relative_to(ROOT)): sorted(
            _imports(p) & {"sqlite3", "sqlite_utils", "requests", "urllib3", "http"}
        )
        for p in _sources("ui")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_sync_never_imports_ui():
    assert all("ui" not in _imports(p) for p in _sources("sync"))


@pytest.mark.parametrize("package", ["desktop", "sync", "ui"])
def test_every_module_imports(package):
    for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
        if ".tryton_module" in info.name or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
