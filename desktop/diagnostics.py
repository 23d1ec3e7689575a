"""The report support asks for: versions, the store, sync state, recent problems, the log's end.

Qt-free: the UI passes what only it knows (Qt's version, the language) and puts the text on the
clipboard. Nothing here is secret: the log tail and problems are already scrubbed by
``desktop.logs``, and no record content is included, only counts and sizes.
"""

from __future__ import annotations

import dataclasses
import platform
import sys
from pathlib import Path
from typing import Any

from . import __version__, logs


def store_facts(store: Any) -> dict[str, str]:
    """Where the store is, how big, which schema, and what waits to be sent."""
    path = Path(store.path)
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    return {
        "store": str(path),
        "store size": f"{size:,} bytes",
        "schema": str(store.schema_version),
        "pending changes": str(store.pending_count()),
    }


def sync_facts(status: Any, mode: str | None = None) -> dict[str, str]:
    """A sync status (``sync.engine.SyncStatus`` or None) as lines."""
    facts = {"sync mode": mode or ("local only" if status is None else "connected")}
    if status is not None and dataclasses.is_dataclass(status) and not isinstance(status, type):
        for name, value in dataclasses.asdict(status).items():
            facts[f"sync {name.replace('_', ' ')}"] = logs.scrub(str(value))
    return facts


def report(extra: dict[str, str] | None = None, tail_lines: int = 80) -> str:
    """The whole report as plain text, for the clipboard or an e-mail to support."""
    lines = ["Fieldbook diagnostics", "=" * 21]
    facts = {
        "version": __version__,
        "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "os detail": platform.platform(),
        "python": sys.version.split()[0],
        "frozen": "yes" if getattr(sys, "frozen", False) else "no",
        "log file": str(logs.current_log_file()),
    }
    facts.update(extra or {})
    width = max(len(k) for k in facts)
    lines += [f"{key.ljust(width)}  {value}" for key, value in facts.items()]
    lines += ["", "Last problems", "-" * 13]
    lines += logs.recent_problems() or ["(none in this run)"]
    lines += ["", f"Log (last {tail_lines} lines)", "-" * 14]
    lines.append(logs.tail(tail_lines) or "(empty)")
    return "\n".join(lines) + "\n"


__all__ = ["report", "store_facts", "sync_facts"]
