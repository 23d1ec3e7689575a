"""A local Tryton CRM on 127.0.0.1: for the demo and the end-to-end tests.

Building a Tryton database takes half a minute, so it is built once into a *template* file,
cached under the data folder and keyed by the Tryton and module versions; each use copies the
template (a few MB, well under a second) and starts ``trytond`` on a free port as a child
process. No Qt here.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

ADMIN_USER = "admin"
ADMIN_PASSWORD = "admin"  # of the local demo/test CRM only; it never leaves 127.0.0.1
DATABASE = "fieldbook"
MODULES = ("fieldbook",)
COMPANY_NAME = "Northwind Field Sales"


class CrmServerError(RuntimeError):
    """The local CRM could not be built or started; the message says what to do."""


def _bin(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise CrmServerError(
            f"{name} is not installed. Install the CRM extra: pip install -e '.[crm]'"
        )
    return found


def _module_fingerprint() -> str:
    """Changes when Tryton or our module changes, so a stale template is rebuilt."""
    import trytond

    digest = hashlib.sha256(trytond.__version__.encode())
    module_dir = Path(__file__).resolve().parent.parent / "tryton_module"
    for path in sorted(module_dir.glob("*")):
        if path.is_file() and path.suffix in {".py", ".cfg", ".xml"}:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_config(folder: Path, port: int) -> Path:
    conf = folder / "trytond.conf"
    conf.write_text(
        textwrap.dedent(
            f"""\
            [database]
            uri = sqlite://
            path = {folder}
            language = en

            [web]
            listen = 127.0.0.1:{port}

            [session]
            authentications = password
            """
        )
    )
    return conf


def _env(folder: Path, admin_password: bool = False) -> dict[str, str]:
    """The server's environment; ``admin_password`` only for building a database, in a
    temporary folder that is deleted afterwards (the running server needs no password file)."""
    env = dict(os.environ)
    env.pop("TRYTONPASSFILE", None)
    (folder / "admin.pass").unlink(missing_ok=True)  # left by earlier versions
    if admin_password:
        passfile = folder / "admin.pass"
        passfile.write_text(ADMIN_PASSWORD)
        env["TRYTONPASSFILE"] = str(passfile)
    env.pop("TRYTOND_CONFIG", None)
    # Our module from this source tree, not from wherever the package was installed from
    # (a second checkout sharing one virtualenv would otherwise build the other's module).
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


_COMPANY_SCRIPT = """
import sys
from trytond.config import config
config.update_etc(sys.argv[1])
from trytond.pool import Pool
from trytond.transaction import Transaction
db = sys.argv[2]
Pool(db).init()
with Transaction().start(db, 0, context={}) as transaction:
    pool = Pool()
    Currency = pool.get('currency.currency')
    Party = pool.get('party.party')
    Company = pool.get('company.company')
    User = pool.get('res.user')
    usd, = Currency.create([{'name': 'U.S. Dollar', 'code': 'USD', 'symbol': '$',
        'rounding': 1, 'digits': 2}]) if not Currency.search([('code', '=', 'USD')]) \\
        else Currency.search([('code', '=', 'USD')])
    party, = Party.create([{'name': sys.argv[3], 'fieldbook_kind': 'internal'}])
    company, = Company.create([{'party': party.id, 'currency': usd.id}])
    admin, = User.search([('login', '=', 'admin')])
    User.write([admin], {'companies': [('add', [company.id])], 'company': company.id})
    transaction.commit()
"""


def build_template(cache_dir: Path) -> Path:
    """The template database file, built on first use and cached; returns its path."""
    cache_dir = Path(cache_dir)
    target = cache_dir / f"tryton-template-{_module_fingerprint()}.sqlite"
    if target.exists():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fieldbook-tryton-build-") as tmp:
        folder = Path(tmp)
        (folder / f"{DATABASE}.sqlite").touch()
        conf = _write_config(folder, free_port())
        env = _env(folder, admin_password=True)
        admin = _bin("trytond-admin")
        steps = [
            [admin, "-c", str(conf), "-d", DATABASE, "--all", "--email", "admin@example.com"],
            [admin, "-c", str(conf), "-d", DATABASE, "-u", *MODULES, "--activate-dependencies"],
            [sys.executable, "-c", _COMPANY_SCRIPT, str(conf), DATABASE, COMPANY_NAME],
        ]
        for cmd in steps:
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
            if done.returncode:
                raise CrmServerError(
                    "Building the local Tryton database failed:\n" + done.stderr[-4000:]
                )
        snapshot(folder / f"{DATABASE}.sqlite", target)  # atomic: never half-built
    log.info("built Tryton template in %.1f s", time.monotonic() - started)
    return target


def snapshot(source: Path, target: Path) -> None:
    """Copy a SQLite database consistently, including what is still in its write-ahead log."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    partial.replace(target)


def copy_database(template: Path, folder: Path, name: str = DATABASE) -> Path:
    """A fresh CRM database in ``folder``, copied from ``template``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.sqlite"
    for stale in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(template, path)  # a template is always a finished, checkpointed file
    return path


@dataclass(eq=False)  # identity: servers are kept in a set of running ones
class CrmServer:
    """A running ``trytond`` serving one SQLite database on 127.0.0.1."""

    folder: Path
    database: str = DATABASE
    port: int = 0
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> CrmServer:
        """Start the server (on the same port when restarted) and wait until it answers."""
        if self.process and self.process.poll() is None:
            return self
        if not self.port:
            self.port = free_port()
        conf = _write_config(self.folder, self.port)
        _stop_stale_server(self.folder)
        with open(self.folder / "trytond.log", "ab") as log_file:  # the child keeps its copy
            self.process = subprocess.Popen(
                [_bin("trytond"), "-c", str(conf), "-d", self.database],
                env=_env(self.folder),
                stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        (self.folder / PID_FILE).write_text(str(self.process.pid))
        _running.add(self)
        self._wait_until_answering(timeout)
        return self

    def _wait_until_answering(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        body = json.dumps({"method": "common.server.version", "params": [], "id": 0}).encode()
        process = self.process
        if process is None:
            raise CrmServerError("The local Tryton server was not started.")
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise CrmServerError(
                    "The local Tryton server stopped at start-up; see "
                    f"{self.folder / 'trytond.log'}"
                )
            probe = urllib.request.Request(
                f"{self.url}/{self.database}/rpc/",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(probe, timeout=5):
                    return
            except urllib.error.HTTPError as exc:
                if exc.code == 401:  # up, and asks for a session
                    return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise CrmServerError(f"The local Tryton server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        """Stop the server; its database stays in ``folder``."""
        process, self.process = self.process, None
        _running.discard(self)
        (self.folder / PID_FILE).unlink(missing_ok=True)
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __enter__(self) -> CrmServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


PID_FILE = "server.pid"
_running: set[CrmServer] = set()


@atexit.register
def _stop_running_servers() -> None:
    """A server never outlives the process that started it, however that process ends."""
    for server in list(_running):
        server.stop()


def _stop_stale_server(folder: Path) -> None:
    """Stop a server left running on ``folder`` by a process that was killed."""
    pid_file = folder / PID_FILE
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        return
    cmdline = Path(f"/proc/{pid}/cmdline")
    try:
        is_ours = cmdline.exists() and str(folder).encode() in cmdline.read_bytes()
    except OSError:
        is_ours = False
    if is_ours:  # only a process whose command line names this folder (never a reused pid)
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
    pid_file.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def start_copy(template: Path, folder: Path, database: str = DATABASE) -> CrmServer:
    """Copy ``template`` into ``folder`` and start a server on it."""
    copy_database(template, folder, database)
    return CrmServer(folder=Path(folder), database=database).start()
