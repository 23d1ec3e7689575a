"""docs/core-map.md is how a newcomer finds where a job or a rule lives: it must stay true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP = (ROOT / "docs" / "core-map.md").read_text(encoding="utf-8")
NAMED = set(re.findall(r"`((?:desktop|sync|ui|tests|tools|docs)/[\w./-]*)`", MAP))


def test_every_path_the_map_names_exists():
    assert sorted(p for p in NAMED if not (ROOT / p).exists()) == []


def test_every_module_is_on_the_map():
    """A new module gets its row (its folder's ``__init__.py`` aside, unless it holds code)."""
    missing = []
    for package in ("desktop", "sync", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if "tryton_module" in rel or rel in NAMED:
                continue
            if path.name == "__init__.py" and len(path.read_text(encoding="utf-8")) < 400:
                continue
            missing.append(rel)
    assert missing == [], f"give these a row in docs/core-map.md (job | module): {missing}"
