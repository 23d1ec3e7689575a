"""``fieldbook --self-test``: prove an installed (or frozen) Fieldbook works, without a screen.

Each check prints one line, ``ok    name  detail`` or ``FAIL  name  detail``, and the command
exits non-zero when any check fails. The checks here need no Qt (the core never imports it);
ui/self_test.py adds the Qt ones (offscreen window, icons, style, PDF) and runs them all.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TextIO

from . import APP_NAME, __version__, credentials, paths

Check = tuple[str, Callable[[], str]]  # (name, function returning a detail; raises on failure)


class CheckFailed(Exception):
    """A check ran and found something wrong (the message says what)."""


class Writer(Protocol):
    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...


def run_checks(checks: Iterable[Check], out: Writer) -> int:
    """Run ``checks`` in order, one line each; the number of failures."""
    failures = 0
    for name, check in checks:
        try:
            detail = check()
            line = f"ok    {name:<14} {detail}"
        except CheckFailed as exc:
            failures += 1
            line = f"FAIL  {name:<14} {exc}"
        except Exception as exc:  # noqa: BLE001 - the self-test reports every error as a FAIL
            failures += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            line = (
                f"FAIL  {name:<14} {type(exc).__name__}: {exc} "
                f"({Path(where.filename).name}:{where.lineno})"
            )
        print(line, file=out, flush=True)
    return failures


def header() -> str:
    frozen = "frozen bundle" if getattr(sys, "frozen", False) else "source"
    return (
        f"{APP_NAME} {__version__} self-test ({frozen}, Python "
        f"{sys.version.split()[0]}, {sys.platform})"
    )


# -- checks without Qt ---------------------------------------------------------------------


def check_store() -> str:
    """A new profile's store opens, migrates to the current schema, saves and finds a record."""
    from .schema import SCHEMA_VERSION
    from .store import Store

    with tempfile.TemporaryDirectory(prefix="fieldbook-self-test-") as tmp:
        path = paths.store_path(Path(tmp), "self-test")
        # Plain: an encrypted one would leave its key in the rep's keyring after every run
        # (the "encryption" check proves SQLCipher with a key kept in memory only).
        from .protection import Protection

        store = Store.open(path, Protection(encrypt=False))
        try:
            if store.schema_version != SCHEMA_VERSION:
                raise CheckFailed(
                    f"schema v{store.schema_version} after migration, expected v{SCHEMA_VERSION}"
                )
            account_id = store.create("accounts", {"name": "Selftest Quarry Holdings"})
            hits = store.search("quarry")
            if not any(hit.id == account_id for hit in hits):
                raise CheckFailed("created an account but search did not find it")
            if store.pending_count() < 1:
                raise CheckFailed("the new account has no outbox row")
            if not store.integrity_ok():
                raise CheckFailed("SQLite integrity check failed")
        finally:
            store.close()
        import sqlite3

        return f"schema v{SCHEMA_VERSION}, SQLite {sqlite3.sqlite_version}, create+search+outbox"


def check_encrypted_store() -> str:
    """SQLCipher is bundled and works: an encrypted file with FTS5 (trigram) is written, plain
    SQLite cannot read it, and it opens again with its key (no keyring touched: a fresh key)."""
    import sqlite3

    from . import cipher

    with tempfile.TemporaryDirectory(prefix="fieldbook-self-test-") as tmp:
        path = Path(tmp) / "encrypted.sqlite"
        key = cipher.new_key()
        db = cipher.connect_encrypted(path, key, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("CREATE VIRTUAL TABLE t USING fts5(name, tokenize = 'trigram')")
        db.execute("INSERT INTO t VALUES ('Selftest Quarry Holdings')")
        db.close()
        if cipher.is_plain(path):
            raise CheckFailed("the file was written in plain text")
        try:
            sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
        except sqlite3.DatabaseError:
            pass
        else:
            raise CheckFailed("plain SQLite read the encrypted file")
        db = cipher.connect_encrypted(path, key)
        try:
            found = db.execute("SELECT name FROM t WHERE t MATCH 'arry'").fetchall()
            version = db.execute("PRAGMA cipher_version").fetchone()[0]
            hmac = db.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0]
        finally:
            db.close()
        if found != [("Selftest Quarry Holdings",)]:
            raise CheckFailed("the encrypted store did not find its record")
        if hmac != cipher.PAGE_FORMAT.hmac:
            raise CheckFailed(f"pages authenticated with {hmac}, not {cipher.PAGE_FORMAT.hmac}")
        return (
            f"SQLCipher {version} (SQLite {cipher.sqlcipher_version}), AES-256 pages with"
            f" {hmac}, FTS5 trigram"
        )


def _discovered_backends() -> list[str]:
    """Backends keyring can see through its entry points (needs the bundled package metadata)."""
    names = sorted(ep.name for ep in importlib.metadata.entry_points(group="keyring.backends"))
    return names


def _platform_backend() -> tuple[str, str]:
    """The module of the OS's own keyring backend and its class name."""
    if sys.platform == "win32":
        return "keyring.backends.Windows", "WinVaultKeyring"
    if sys.platform == "darwin":
        return "keyring.backends.macOS", "Keyring"
    return "keyring.backends.SecretService", "Keyring"


def check_keyring() -> str:
    """Secrets would go to the OS keyring, not keyring's "fail" fallback.

    On Windows and macOS the OS keyring is always there, so anything else is a failure. A Linux
    session without a Secret Service (a headless box, CI) cannot have a real backend; there the
    honest test is that the Secret Service backend is bundled, discoverable and importable, and
    that it declines only because no service answers on D-Bus.
    """
    entry_points = _discovered_backends()
    if not entry_points:
        raise CheckFailed("keyring's entry points are missing (package metadata not bundled)")
    module_name, class_name = _platform_backend()
    module = importlib.import_module(module_name)
    backend_class = getattr(module, class_name)
    name = credentials.backend_name()
    if credentials.is_real_backend():
        return f"{name} (entry points: {', '.join(entry_points)})"
    if not sys.platform.startswith("linux"):
        raise CheckFailed(f"fell back to {name}; {module_name} is bundled but was not chosen")
    try:
        priority = backend_class.priority
    except Exception as exc:  # noqa: BLE001 - the backend says why it is not usable here
        reason = str(exc) or type(exc).__name__
    else:
        raise CheckFailed(f"fell back to {name} although {module_name} offers priority {priority}")
    if "secretstorage" in reason.lower() and "required" in reason.lower():
        raise CheckFailed(f"SecretStorage is not bundled: {reason}")
    return (
        f"no Secret Service on this session ({reason}); {module_name} is bundled and "
        f"importable and would be used in a desktop session; now: {name}"
    )


def check_resources() -> str:
    """The shipped resources/ folder is there: icons, style sheet, brief CSS, demo data."""
    root = paths.resources_dir()
    if not root.is_dir():
        raise CheckFailed(f"no resources folder at {root}")
    needed = ["icons/fieldbook.svg", "style/fieldbook.qss", "brief/brief.css"]
    missing = [name for name in needed if not (root / name).is_file()]
    if missing:
        raise CheckFailed(f"missing in {root}: {', '.join(missing)}")
    demo_files = sorted((root / "demo").glob("*.json"))
    if not demo_files:
        raise CheckFailed(f"no demo data in {root / 'demo'}")
    for path in demo_files:
        json.loads(path.read_text(encoding="utf-8"))
    icons = sorted((root / "icons").glob("*.svg"))
    return f"{len(icons)} icons, {len(demo_files)} demo data files, in {root}"


def check_tls() -> str:
    """HTTPS to the CRM works: requests imports and its CA bundle is shipped."""
    import ssl

    import certifi
    import requests

    bundle = Path(certifi.where())
    if not bundle.is_file():
        raise CheckFailed(f"CA bundle missing at {bundle}")
    ssl.create_default_context(cafile=str(bundle))
    return f"requests {requests.__version__}, {ssl.OPENSSL_VERSION}"


CORE_CHECKS: list[Check] = [
    ("store", check_store),
    ("encryption", check_encrypted_store),
    ("keyring", check_keyring),
    ("resources", check_resources),
    ("tls", check_tls),
]


def main(extra_checks: Iterable[Check] = (), report: str | None = None) -> int:
    """Run the core checks and ``extra_checks``; 0 when all pass, 1 otherwise.

    ``report`` also writes the lines to that file: a windowed Windows executable has no console
    to print to, so CI reads the report instead.
    """
    out = _Tee(sys.stdout, report)
    try:
        print(header(), file=out, flush=True)
        failures = run_checks([*CORE_CHECKS, *extra_checks], out)
        print(
            f"{'all checks passed' if not failures else f'{failures} check(s) FAILED'}",
            file=out,
            flush=True,
        )
    finally:
        out.close()
    return 1 if failures else 0


class _Tee:
    """Writes to the console (when there is one) and to a report file (when asked)."""

    def __init__(self, console: TextIO | None, report: str | None):
        self._console = console
        self._file = open(report, "w", encoding="utf-8") if report else None  # noqa: SIM115 - kept open for the whole run, closed by close()

    def write(self, text: str) -> int:
        if self._console is not None:
            try:
                self._console.write(text)
            except UnicodeEncodeError:  # a legacy Windows console code page
                self._console.write(text.encode("ascii", "replace").decode("ascii"))
        if self._file is not None:
            self._file.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in (self._console, self._file):
            if stream is not None:
                stream.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
