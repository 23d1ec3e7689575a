"""The arrows point one way (ui -> sync -> desktop, ui -> desktop): the core never imports Qt,
the UI never runs SQL or HTTP, desktop never reaches into sync, and sync leaves its SQL to
desktop (STYLE.md, structure rule 1)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
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
            _imports(p) & {"sqlite3", "sqlite_utils", "requests", "urllib", "urllib3", "http"}
        )
        for p in _sources("ui")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_sync_never_imports_ui():
    assert all("ui" not in _imports(p) for p in _sources("sync"))


# "sync/...", or a path joined as ... / "sync" / ...
_SYNC_PATH = re.compile(r"""\bsync[/\\]\w|/\s*["']sync["']""")


def test_desktop_never_imports_or_reads_sync():
    """desktop is the bottom layer: no import of sync, and no reading sync's files by path."""
    offenders = {}
    for p in _sources("desktop"):
        text = p.read_text(encoding="utf-8")
        found = sorted(_imports(p) & {"sync"})
        if "tryton_module" in text or _SYNC_PATH.search(text):
            found.append("reads sync/ by path")
        if found:
            offenders[str(p.relative_to(ROOT))] = found
    assert offenders == {}


_SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|WITH)\b")


def test_sync_runs_no_sql():
    """The engine and connectors ask desktop/outbox.py and desktop/replica.py; no SQL here.

    The Tryton server module (sync/tryton_module) is code for the CRM, not for us: it is aside.
    """
    offenders: dict[str, list[str]] = {}
    for p in _sources("sync"):
        if "tryton_module" in p.parts:
            continue
        tree = ast.parse(p.read_text(encoding="utf-8"))
        found = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if _SQL.match(node.value):
                    found.append(f"line {node.lineno}: {node.value[:40]!r}")
            elif isinstance(node, ast.Attribute) and node.attr in {
                "execute",
                "executemany",
                "executescript",
            }:
                found.append(f"line {node.lineno}: .{node.attr}")
        found += sorted(_imports(p) & {"sqlite_utils"})
        if found:
            offenders[str(p.relative_to(ROOT))] = found
    assert offenders == {}


@pytest.mark.parametrize("package", ["desktop", "sync", "ui"])
def test_every_module_imports(package):
    for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
        if ".tryton_module" in info.name or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
