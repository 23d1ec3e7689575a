"""Undo: what one action of the rep did, kept so it can be taken back as one.

An ``UndoStep`` groups the parts of one action (an edit; a delete with everything that went
with it; later a drag on the pipeline board or an import) and takes them back together, in one
store transaction, newest part first. The ``UndoStack`` of an open profile lives in its
operation context (``ui.operations.OpContext.undo``), never in a module global, so closing a
profile forgets its history.

Steps are applied on the store's writer thread (``step.apply(store)``); pushing and popping
happen on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from .store import Store

MAX_STEPS = 50


class UndoPart(Protocol):
    """One reversible piece of an action."""

    def apply(self, store: Store) -> None:
        """Take this piece back (inside the step's transaction)."""


@dataclass
class FieldEdit:
    """An update of some fields: undone by writing back the values it replaced."""

    table: str
    row_id: str
    base: dict[str, Any]

    def apply(self, store: Store) -> None:
        if store.get(self.table, self.row_id) is not None:  # deleted since: nothing to put back
            store.update(self.table, self.row_id, self.base)


@dataclass
class UndoStep:
    """One action: its kind ('edit', 'delete', ...), the table it was about, its parts."""

    action: str
    table: str
    parts: list[UndoPart] = field(default_factory=list)

    def apply(self, store: Store) -> None:
        with store.transaction():
            for part in reversed(self.parts):
                part.apply(store)


class UndoStack:
    """The actions of one open profile that can still be taken back, newest last."""

    def __init__(self, limit: int = MAX_STEPS):
        self._steps: list[UndoStep] = []
        self._limit = limit

    def push(self, step: UndoStep) -> None:
        self._steps.append(step)
        del self._steps[: -self._limit]

    def pop(self) -> UndoStep | None:
        return self._steps.pop() if self._steps else None

    def peek(self) -> UndoStep | None:
        return self._steps[-1] if self._steps else None

    def clear(self) -> None:
        self._steps.clear()

    def __len__(self) -> int:
        return len(self._steps)

    def __bool__(self) -> bool:
        return bool(self._steps)
