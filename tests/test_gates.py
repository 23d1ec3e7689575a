"""The gates a maintainer relies on stay switched on (issue 11): ruff lint with bugbear,
pyupgrade and simplify, mypy with check_untyped_defs on the core, both run by ./run-tests --lint
and by CI; every silenced finding says why."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_IGNORE = r"# type: ignore\[[\w,-]+\]"
_NOQA = r"# noqa: [A-Z0-9, ]+"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_ruff_lint_selects_bugbear_pyupgrade_and_simplify():
    selected = set(CONFIG["tool"]["ruff"]["lint"]["select"])
    assert {"E", "F", "I", "B", "UP", "SIM"} <= selected


def test_mypy_checks_untyped_defs_in_desktop_and_sync():
    mypy = CONFIG["tool"]["mypy"]
    assert mypy["check_untyped_defs"] is True
    assert mypy["warn_unused_ignores"] is True
    assert set(mypy["files"]) == {"desktop", "sync"}


def test_lint_runs_all_three_gates_and_ci_runs_it():
    run_tests = (ROOT / "run-tests").read_text(encoding="utf-8")
    lint = run_tests.split('"--lint" ]', 1)[1].split("fi", 1)[0]
    for gate in ("ruff format --check", "ruff check", "mypy"):
        assert gate in lint, gate
    assert re.search(r"^\./run-tests --lint$", (ROOT / ".ci" / "run").read_text(), re.M)


def test_every_silenced_finding_says_why():
    """A ``# noqa: X`` in desktop/, sync/, ui/ and a ``# type: ignore[...]`` in the type-checked
    core (desktop/, sync/) carry a reason, on the line or in a comment just above it."""
    markers = {"desktop": (_IGNORE, _NOQA), "sync": (_IGNORE, _NOQA), "ui": (_NOQA,)}
    bare = []
    for folder, kinds in markers.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, 1):
                for marker in kinds:
                    found = re.search(marker + r"(.*)$", line)
                    if not found or re.search(r"\w", found.group(1)):
                        continue
                    if number > 1 and lines[number - 2].strip().startswith("#"):
                        continue
                    bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not bare, "\n".join(bare)
