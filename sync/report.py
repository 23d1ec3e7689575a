"""What a sync cycle tells its caller while it runs and when it ends."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.errors import ErrorInfo


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
    errors: list[str] = field(default_factory=list)  # for logs and the command line
    problems: list[ErrorInfo] = field(default_factory=list)  # the same, as kinds for the UI
    duration: float = 0.0
    ok: bool = True
    cancelled: bool = False
    needs_sign_in: bool = False
    deleted: int = 0  # local rows removed because the CRM deleted them
    held_back: int = 0  # records the CRM sent that failed validation (desktop.quarantine)

    def add_problem(self, info: ErrorInfo) -> None:
        """Note why the cycle (or a record) failed: a kind for the UI, text for the log."""
        self.problems.append(info)
        self.errors.append(str(info))


class Stop(Exception):
    """Ends the cycle early; ``info`` says why (as a kind, worded by the UI)."""

    def __init__(self, info: ErrorInfo):
        super().__init__(str(info))
        self.info = info
