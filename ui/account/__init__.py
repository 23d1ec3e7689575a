"""The account screen, one module per job: ``models`` (a model per tab), ``note_card`` (the
timeline's painted card), ``record_tab`` (a tab's actions and view), ``header`` (name, health,
figures) and ``view`` (the screen that puts them together and follows store changes)."""

from __future__ import annotations

from .view import AccountView

__all__ = ["AccountView"]
