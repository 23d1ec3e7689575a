"""Locking the local copy when access ends, and wiping it where IT says so (issue 16).

Two things lock a profile (``SecurityPolicy``):
- the CRM refuses the sign-in *for good* (``ACCESS_REVOKED``: a deactivated user, a dead refresh
  token; not a network failure, not a mistyped password), when ``lock_on_revoke``;
- ``lock_after_days`` without a sync the server confirmed.

Days offline are measured from the **server's** clock: every confirmed sync records the
server's time (the ``Date`` of its answer) beside the client's, and the elapsed time since is
the client's progress from there, never less than the furthest the client clock has been seen
(a clock set back does not buy days). A locked profile shows nothing until the rep signs in and
a sync is confirmed again (``unlock``).

Wiping (``wipe_on_revoke``) first exports every unsynced change (the outbox and open conflicts,
with the records they touch) to an encrypted file whose key is in the keyring
(``export_unsynced``), then removes the store, its -wal and its key. Without a keyring that keeps
secrets there is no encrypted export, so there is no wipe either: the copy stays locked.

The state lives in the store's preferences (the file is itself encrypted); the functions run on
the writer's thread.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cipher, credentials, protection
from .security_policy import SecurityPolicy

log = logging.getLogger(__name__)

LOCK_KEY = "access.lock"  # JSON {"reason": REVOKED | OFFLINE, "since": iso, "days": n}
CONFIRMED_KEY = "access.confirmed_sync"  # JSON {"server": iso, "client": iso}
SEEN_KEY = "access.server_seen"  # JSON {"server": iso, "client": iso}: the last answer's Date
HIGH_WATER_KEY = "access.client_high_water"  # the furthest the client clock was seen (iso)

REVOKED = "revoked"
OFFLINE = "offline"


@dataclass(frozen=True)
class AccessState:
    """Whether the copy is locked, why, and how long it has been without a confirmed sync."""

    locked: bool
    reason: str | None = None  # REVOKED | OFFLINE
    days_offline: float | None = None  # None: never synced (a profile without a CRM yet)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def _parse(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _json(store: Any, key: str) -> dict[str, Any]:
    try:
        value = json.loads(store.preference(key) or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def record_server_time(
    store: Any, server_time: dt.datetime | None, client_now: dt.datetime | None = None
) -> None:
    """The server's clock as seen in any answer (even a refused sign-in), with the client's."""
    if server_time is None:
        return
    client = client_now or _now()
    with store.transaction():
        store.set_preference(
            SEEN_KEY, json.dumps({"server": _iso(server_time), "client": _iso(client)})
        )
        _raise_high_water(store, client)


def record_confirmed_sync(
    store: Any, server_time: dt.datetime | None, client_now: dt.datetime | None = None
) -> None:
    """A sync the server confirmed, at ``server_time`` (its ``Date``; None: the client's clock).

    Lifts a lock for days offline; a revoked lock is lifted only by ``unlock`` after a sign-in.
    """
    client = client_now or _now()
    mark = json.dumps({"server": _iso(server_time or client), "client": _iso(client)})
    with store.transaction():
        store.set_preference(CONFIRMED_KEY, mark)
        store.set_preference(SEEN_KEY, mark)
        _raise_high_water(store, client)
        if _json(store, LOCK_KEY).get("reason") == OFFLINE:
            store.set_preference(LOCK_KEY, None)


def _raise_high_water(store: Any, client: dt.datetime) -> dt.datetime:
    seen = _parse(store.preference(HIGH_WATER_KEY))
    if seen is None or client > seen:
        store.set_preference(HIGH_WATER_KEY, _iso(client))
        return client
    return seen


def _pair(store: Any, key: str) -> tuple[dt.datetime, dt.datetime] | None:
    mark = _json(store, key)
    server, client = _parse(mark.get("server")), _parse(mark.get("client"))
    return (server, client) if server and client else None


def days_without_confirmed_sync(store: Any, client_now: dt.datetime | None = None) -> float | None:
    """Days since the last confirmed sync, on the server's clock; None when there was none.

    The server's "now" is the last time it was seen plus the client's progress since then (never
    less than the furthest the client clock has been): only differences of the client clock are
    used, anchored on the server's, so a client clock that is off, or set back, buys nothing.
    """
    confirmed = _pair(store, CONFIRMED_KEY)
    if confirmed is None:
        return None
    seen = _pair(store, SEEN_KEY) or confirmed
    client = client_now or _now()
    furthest = max(client, _parse(store.preference(HIGH_WATER_KEY)) or client)
    server_now = seen[0] + max(dt.timedelta(0), furthest - seen[1])
    return max(0.0, (server_now - confirmed[0]).total_seconds() / 86400)


def check(store: Any, policy: SecurityPolicy, client_now: dt.datetime | None = None) -> AccessState:
    """The copy's state now; locks it when ``policy.lock_after_days`` have passed."""
    client = client_now or _now()
    with store.transaction():
        _raise_high_water(store, client)
        days = days_without_confirmed_sync(store, client)
        lock = _json(store, LOCK_KEY)
        limit = policy.lock_after_days
        if not lock and limit and days is not None and days >= limit:
            lock = {"reason": OFFLINE, "since": _iso(client), "days": int(days)}
            store.set_preference(LOCK_KEY, json.dumps(lock))
            log.warning("locked the local copy: %d days without a confirmed sync", int(days))
    if lock:
        return AccessState(True, lock.get("reason"), days)
    return AccessState(False, None, days)


def note_revoked(store: Any, policy: SecurityPolicy) -> AccessState:
    """The CRM refused the sign-in for good: lock (when the policy says so)."""
    if not policy.lock_on_revoke and not policy.wipe_on_revoke:
        return AccessState(False)
    lock = {"reason": REVOKED, "since": _iso(_now())}
    store.set_preference(LOCK_KEY, json.dumps(lock))
    log.warning("locked the local copy: the CRM refused the sign-in for good")
    return AccessState(True, REVOKED, days_without_confirmed_sync(store))


def unlock(store: Any) -> None:
    """After the rep signed in again and the server confirmed a sync."""
    store.set_preference(LOCK_KEY, None)


def state(store: Any) -> AccessState:
    """The recorded state, without applying any policy (cheap: for the window's start)."""
    lock = _json(store, LOCK_KEY)
    days = days_without_confirmed_sync(store)
    return AccessState(bool(lock), lock.get("reason") if lock else None, days)


# -- wiping -----------------------------------------------------------------------------------


class WipeRefused(RuntimeError):
    """No wipe: the unsynced changes could not be exported encrypted (no keyring here)."""


def may_wipe(policy: SecurityPolicy, access: AccessState) -> bool:
    return policy.wipe_on_revoke and access.locked and access.reason == REVOKED


def export_unsynced(store: Any, folder: Path, now: dt.datetime | None = None) -> Path | None:
    """Every unsynced change, encrypted, in ``folder/unsynced-<stamp>.sqlite``; None when none.

    Its key is saved in the keyring (``protection.key_name(file)``); raises ``WipeRefused``
    where no keyring keeps it."""
    db = store.db
    outbox = [dict(r) for r in db.execute("SELECT * FROM outbox ORDER BY seq")]
    conflicts = [dict(r) for r in db.execute("SELECT * FROM conflicts")]
    if not outbox and not conflicts:
        return None
    if not credentials.keeps_secrets():
        raise WipeRefused("no keyring keeps the export's key")
    stamp = (now or _now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"unsynced-{stamp}.sqlite"
    try:
        key = protection.create_key(path)
    except credentials.KeyringUnavailable as exc:
        raise WipeRefused(str(exc)) from exc
    records = []
    for table, row_id in {(r["table_name"], r["row_id"]) for r in outbox}:
        row = db.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is not None:
            records.append((table, row_id, json.dumps(dict(row), default=str)))
    export = cipher.connect_encrypted(path, key, isolation_level=None)
    try:
        export.execute("BEGIN")
        for name, rows in (("outbox", outbox), ("conflicts", conflicts)):
            columns = list(rows[0]) if rows else ["seq"]
            export.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
            marks = ", ".join("?" * len(columns))
            export.executemany(
                f"INSERT INTO {name} VALUES ({marks})", [tuple(r[c] for c in columns) for r in rows]
            )
        export.execute("CREATE TABLE records (table_name, row_id, record_json)")
        export.executemany("INSERT INTO records VALUES (?, ?, ?)", records)
        export.execute("COMMIT")
    finally:
        export.close()
    log.warning("exported %d unsynced change(s) before a wipe to %s", len(outbox), path.name)
    return path


def wipe(store: Any) -> Path | None:
    """Export the unsynced changes, then remove the store file, its -wal and its key.

    Returns the export (None: nothing was unsynced). The store is closed by this call."""
    path = Path(store.path)
    exported = export_unsynced(store, path.parent)
    store.close()
    for file in (path, *cipher.side_files(path)):
        file.unlink(missing_ok=True)
    protection.forget_key(path)
    log.warning("wiped the local copy %s (access revoked)", path.name)
    return exported
