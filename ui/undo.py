"""Edit > Undo: the history of what the rep did, kept in the operation context.

One step per action (``desktop.undo``), so a delete with its children comes back as one. The
history belongs to the open profile (``OpContext.undo``), never to a module global: closing a
profile forgets it. ``remember_edit`` keeps an edit; ``record_dialog.confirm_delete`` keeps a
delete; ``undo_last_edit`` (Ctrl+Z) takes the newest step back as one StoreOp.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.undo import FieldEdit, UndoStep

from . import entity_words as words
from .operations import OpContext, StoreOp


def _context(context: OpContext | None) -> OpContext | None:
    if context is not None:
        return context
    try:
        return OpContext.current()
    except RuntimeError:  # no store open: nothing to remember
        return None


def remember_edit(
    table: str, row_id: str, base: dict[str, Any], context: OpContext | None = None
) -> None:
    """Keep the values an edit replaced, so Edit > Undo can put them back."""
    ctx = _context(context)
    if ctx is not None and base:
        ctx.undo.push(UndoStep("edit", table, [FieldEdit(table, row_id, dict(base))]))


def update_undoably(
    parent: QWidget | None, table: str, row_id: str, values: dict[str, Any], context: OpContext
) -> StoreOp:
    """Write ``values`` to one record as a StoreOp and remember what it replaced for Edit > Undo
    (only the fields the store really changed, derived ones included). Not started yet."""

    def work(store) -> dict:
        before = store.require(table, row_id)
        changed = store.update(table, row_id, values)
        return {k: before.get(k) for k in changed}

    return StoreOp(parent, work, context).success(
        lambda base: base and remember_edit(table, row_id, base, context)
    )


def forget_edits(context: OpContext | None = None) -> None:
    """Nothing to undo any more."""
    ctx = _context(context)
    if ctx is not None:
        ctx.undo.clear()


def can_undo(context: OpContext | None = None) -> bool:
    ctx = _context(context)
    return bool(ctx is not None and ctx.undo)


def undo_text(context: OpContext | None = None) -> str:
    """ "Undo edit of contact" for the Edit menu ('' when there is nothing to undo)."""
    ctx = _context(context)
    step = ctx.undo.peek() if ctx is not None else None
    if step is None:
        return ""
    if step.action == "delete":
        return words.undo_delete(step.table)
    return words.undo_edit(step.table)


def undo_last_edit(parent: QWidget | None, context: OpContext) -> bool:
    """Take back the last action (an edit, a delete with what went with it); False when there
    is none. It runs as one StoreOp, so the views refresh from the "store changed" signal."""
    step = context.undo.pop()
    if step is None:
        return False
    context.when_sync_idle(
        lambda: StoreOp(parent, step.apply, context, busy_cursor=True).run_in_background()
    )
    return True
