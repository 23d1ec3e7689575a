"""How long opening the store takes, plain next to encrypted, each open in a new process
(``bench/bench_store.py --encryption``, ``bench/bench_big_book.py --encryption``).

Two ways, the variants taking turns so a busy moment slows all:

- "app": as ``fieldbook`` starts (``desktop/__main__.py``): the store's key and first connection
  are read ahead on a thread (``desktop.protection.open_early``) while Qt loads and the
  application is made, then the window opens the store (``ui/store_guard.py``: the protection
  checks, ``Store.open``, ``has_accounts``). Timed from the read-ahead to the book (what a rep
  waits for, Qt included) and from the window's asking to the book;
- "store": the same open with nothing before it: the store's own cost, fixed costs of a
  process's first SQLCipher connection and first keyring read included.

With the bench's file keyring (``desktop.credentials.FileKeyring``) a key read is a JSON file.
A real keyring is a round trip to another process: where GNOME Keyring and D-Bus are installed,
both ways run again in a throwaway D-Bus session with a Secret Service of its own (``HOME`` a
temporary folder: the machine's keyring is never touched), the key copied into it.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import keyring

from desktop import credentials, protection

_CHILD = """
import os, sys, time
sys.path.insert(0, sys.argv[2])
from desktop import protection
from desktop.store import Store
from desktop.protection import Protection
spent = [0.0]
load_key = protection.load_key
def timed_load_key(path):
    started = time.perf_counter()
    try:
        return load_key(path)
    finally:
        spent[0] += time.perf_counter() - started
protection.load_key = timed_load_key
if sys.argv[4] == '1':  # the control: plain, through SQLCipher's own SQLite
    import types, sqlcipher3
    from desktop import transaction
    transaction.sqlite3 = types.SimpleNamespace(connect=sqlcipher3.connect, Row=sqlcipher3.Row)
path, wanted, app = sys.argv[1], Protection(encrypt=sys.argv[3] == '1'), sys.argv[5] == 'app'
started = time.perf_counter()
if app:  # desktop/__main__.py: read ahead, then Qt loads and ui.app.run starts
    protection.open_early(path)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import ui.app
    ui.app.create_application()
    ui.app.ensure_keyring()
asked = time.perf_counter()
# What the window does before it shows the book (ui/store_guard.py, ui/session_crm.py).
if not protection.needs_encrypting(path, wanted):
    protection.prepare(path, wanted, verify_key=True)
store = Store.open(path, wanted)
store.has_accounts()
opened = time.perf_counter()
store.account_count()
print(opened - asked, spent[0], time.perf_counter() - opened, opened - started)
"""

ENCRYPTED, NO_KEY = "encrypted", "no key"  # the variants of store_encryption.py, by name

START = "start to book ms"
OPEN = "open ms, window asks"
KEYRING_READ = "keyring read ms"
ALONE = "open ms, nothing before"
ALONE_NO_KEYRING = "same, keyring read off"
COLD_COUNT = "count all accounts ms, cold"
SECRET_SERVICE = ", GNOME"  # appended to a figure measured with the Secret Service
# Figures without a target: what one step costs, or what explains another figure.
INFORMATION = {
    OPEN: "(information: once Qt is up; an encrypted store was opened while it loaded)",
    ALONE: "(information: the store opened with nothing before it, the key read included)",
    ALONE_NO_KEYRING: "(information: the same without the keyring read)",
    COLD_COUNT: "(information: every page read for the first time)",
}
NO_RATIO = {KEYRING_READ}  # a plain store reads no key


def open_ms(paths: dict[str, Path], root: Path, how: str, runs: int = 15) -> dict[str, list[float]]:
    """Per variant, the medians in ms of: the window's open, its keyring reads, the cold count
    of every account that follows, and the whole start (``how``: "app" or "store")."""
    seen: dict[str, list[list[float]]] = {variant: [] for variant in paths}
    for _ in range(runs):
        for variant, path in paths.items():
            flags = ["1" if variant == ENCRYPTED else "0", "1" if variant == NO_KEY else "0"]
            out = subprocess.run(
                [sys.executable, "-c", _CHILD, str(path), str(root), *flags, how],
                check=True,
                capture_output=True,
                text=True,
                env=os.environ.copy(),
            )
            seen[variant].append([float(x) * 1000 for x in out.stdout.split()])
    return {
        variant: [statistics.median(column) for column in zip(*rows, strict=True)]
        for variant, rows in seen.items()
    }


def figures(paths: dict[str, Path], root: Path, runs: int = 15) -> dict[str, dict[str, float]]:
    """The open figures per variant, with the bench's file keyring and, where it can run, with
    GNOME's Secret Service (names ending in ``SECRET_SERVICE``)."""
    found = _figures(paths, root, runs)
    served = _with_secret_service(paths, root, runs)
    if served is None:
        print(
            "  (no gnome-keyring-daemon or dbus-run-session: the Secret Service figures are left out)"
        )
    else:
        for variant, named in served.items():
            found[variant].update({name + SECRET_SERVICE: value for name, value in named.items()})
    return found


def _figures(paths: dict[str, Path], root: Path, runs: int) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = {variant: {} for variant in paths}
    for variant, (opened, read, _count, start) in open_ms(paths, root, "app", runs).items():
        found[variant].update({START: start, OPEN: opened, KEYRING_READ: read})
    for variant, (opened, read, count, _start) in open_ms(paths, root, "store", runs).items():
        found[variant].update({ALONE: opened, ALONE_NO_KEYRING: opened - read, COLD_COUNT: count})
    return found


def _with_secret_service(
    paths: dict[str, Path], root: Path, runs: int
) -> dict[str, dict[str, float]] | None:
    if not (shutil.which("gnome-keyring-daemon") and shutil.which("dbus-run-session")):
        return None
    keys = {str(path): key.hex() for path in paths.values() if (key := protection.load_key(path))}
    with tempfile.TemporaryDirectory(prefix="fieldbook-bench-home-") as home:
        env = {k: v for k, v in os.environ.items() if k not in _KEYRING_CHOICE}
        env.update(HOME=home, FIELDBOOK_BENCH_KEYS=json.dumps(keys))
        driver = (
            "import sys; sys.path[:0] = [sys.argv[1], sys.argv[1] + '/bench'];"
            "import store_open; store_open._drive()"
        )
        out = subprocess.run(
            [
                "dbus-run-session",
                "--",
                "sh",
                "-c",
                "echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1;"
                ' exec "$@"',
                "sh",
                sys.executable,
                "-c",
                driver,
                str(root),
                json.dumps({variant: str(path) for variant, path in paths.items()}),
                str(runs),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
    if out.returncode != 0:
        print(f"  (the Secret Service run failed: {out.stderr.strip()[-300:]})")
        return None
    return {
        variant: {name: value for name, value in named.items() if name not in (COLD_COUNT,)}
        for variant, named in json.loads(out.stdout.splitlines()[-1]).items()
    }


_KEYRING_CHOICE = ("PYTHON_KEYRING_BACKEND", credentials.TEST_KEYRING_ENV, "XDG_DATA_HOME")


def _drive() -> None:
    """In the D-Bus session: the keys into its Secret Service, then both ways, as JSON."""
    root, paths, runs = Path(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
    backend = type(keyring.get_keyring()).__module__
    if "SecretService" not in backend:
        raise SystemExit(f"the session's keyring is {backend}, not the Secret Service")
    for path, key in json.loads(os.environ["FIELDBOOK_BENCH_KEYS"]).items():
        credentials.save_secret(protection.key_name(path), key)
    found = _figures({variant: Path(path) for variant, path in paths.items()}, root, runs)
    print(json.dumps(found))
