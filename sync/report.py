"""What a sync cycle tells its caller while it runs and when it ends."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SyncProgress:
    """Where a running sync is: phase is 'pull', 'push' or 'reconcile'; total may be None."""

    phase: str
    done: int
    total: int | None
    message: str = ""


@dataclass
class SyncReport:
    """What one sync cycle did."""

    pulled: int = 0
    pushed: int = 0
    conflicts: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)
    duration: float = 0.0
    ok: bool = True
    cancelled: bool = False
    needs_sign_in: bool = False
    deleted: int = 0  # local rows removed because the CRM deleted them


class Stop(Exception):
    """Ends the cycle early; the message is for the rep."""
