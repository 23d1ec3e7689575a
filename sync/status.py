"""What the status bar and the watchdog ask the engine."""

from __future__ import annotations

from dataclasses import dataclass

from desktop import outbox, quarantine, sync_review
from desktop.errors import ErrorInfo
from desktop.sync_review import Conflict, OutboxItem

from .core import EngineCore


@dataclass
class SyncStatus:
    """What the status bar shows."""

    pending: int
    parked: int
    conflicts: int
    last_success_at: str | None
    last_error: ErrorInfo | None  # a kind and parameters; ui/errors.py words it
    next_retry_at: float | None
    needs_sign_in: bool
    online: bool | None
    held_back: int = 0  # records the CRM sent that failed validation, held aside


class StatusPart(EngineCore):
    """Counts, flags, the outbox and the conflicts (reads on the caller's thread)."""

    def status(self) -> SyncStatus:
        """Counts and flags for the status bar."""
        db = self.db
        counts = outbox.counts_by_state(db)
        state = outbox.all_state(db)
        candidates = [t for t in (outbox.next_attempt(db),) if t is not None]
        if state.get("next_retry_at"):
            candidates.append(float(state["next_retry_at"]))
        online = state.get("online")
        return SyncStatus(
            pending=counts.get("pending", 0),
            parked=counts.get("parked", 0),
            conflicts=outbox.open_conflict_count(db),
            last_success_at=state.get("last_success_at"),
            last_error=ErrorInfo.from_json(state.get("last_error")),
            next_retry_at=min(candidates) if candidates else None,
            needs_sign_in=state.get("needs_sign_in") == "1",
            online=None if online is None else online == "1",
            held_back=quarantine.count(db),
        )

    def held_back(self) -> list[quarantine.Held]:
        """Records the CRM sent that are held aside, with why (the outbox lists them)."""
        return quarantine.held(self.db)

    def due_for_retry(self) -> bool:
        """Whether the watchdog should start a sync now (a backoff ran out, or work waits)."""
        if self.status().needs_sign_in:
            return False
        now = self.clock()
        state_retry = outbox.state(self.db, "next_retry_at")
        if state_retry:  # the CRM could not be reached: its backoff decides
            return float(state_retry) <= now
        return outbox.any_due(self.db, now)

    def outbox_items(self) -> list[OutboxItem]:
        """Every pending or parked operation, oldest first."""
        return sync_review.outbox_items(self.db)

    def conflicts(self) -> list[Conflict]:
        """Open conflicts, oldest first."""
        return sync_review.conflicts(self.db)
