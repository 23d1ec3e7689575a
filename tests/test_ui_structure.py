"""The shape the UI keeps: one set of item roles, one pill painter, the list screens on one
scaffold, and the domain rules read from desktop/ (never computed again in a widget)."""

from __future__ import annotations

import re
from pathlib import Path

from ui import roles

UI = Path(__file__).resolve().parent.parent / "ui"


def _sources() -> dict[str, str]:
    return {
        str(p.relative_to(UI)): p.read_text(encoding="utf-8")
        for p in UI.rglob("*.py")
        if "__pycache__" not in p.parts
    }


def test_every_role_has_its_own_number():
    values = {name: getattr(roles, name) for name in roles.__all__}
    assert len(set(values.values())) == len(values), values


def test_roles_are_numbered_only_in_roles_py():
    offenders = [
        name
        for name, text in _sources().items()
        if name != "roles.py" and re.search(r"UserRole\s*\+", text)
    ]
    assert offenders == []


def test_one_pill_painter():
    # A rounded pill is filled in exactly one place: chips.paint_pill.
    offenders = [
        name
        for name, text in _sources().items()
        if name != "chips.py" and re.search(r"addRoundedRect\([^)]*height\(\)\s*/\s*2", text)
    ]
    assert offenders == []


def test_list_screens_share_the_scaffold(qapp):
    from ui.list_screen import ListScreen
    from ui.pipeline_view import PipelineView
    from ui.renewals_view import RenewalsView
    from ui.today_view import TodayView

    for screen in (TodayView, PipelineView, RenewalsView):
        assert issubclass(screen, ListScreen)
        assert screen.shown_tables


def test_notice_bands_are_not_reworked_in_widgets():
    # The 30/90-day notice bands live in desktop/renewals.py; no widget compares days to them.
    pattern = re.compile(r"days[\w\]\"')]*\s*<=\s*(30|90)\b")
    offenders = [name for name, text in _sources().items() if pattern.search(text)]
    assert offenders == []
