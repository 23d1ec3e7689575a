"""``fieldbook sign-in | sync | status | add-account | add-note``: the app without a window.

The same core as the window (the store in ``desktop/``, the engine and connectors in ``sync/``),
driven from a terminal, a script or CI. No Qt is imported here, so it starts fast and runs where
there is no screen. Each command prints one line and exits with a code a script can test:

    0  done                       3  sign in needed (or the CRM refused the password)
    1  the sync (or a step) failed 4  the CRM could not be reached
    2  wrong use: missing option, no such profile, not connected

The password is read from ``$FIELDBOOK_PASSWORD``, or from standard input (``--password-stdin``,
or whenever stdin is not a terminal), or asked for; it goes to the OS keyring only.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from desktop import credentials, paths, provisioning
from desktop import errors as problems
from desktop.clock import now_iso
from desktop.store import Store
from sync import kinds
from sync.connector import ConnectorError, ErrorKind

PASSWORD_ENV = "FIELDBOOK_PASSWORD"
COMMANDS = ("sign-in", "sign-out", "sync", "status", "add-account", "add-note")

OK, FAILED, USAGE, SIGN_IN, UNREACHABLE = 0, 1, 2, 3, 4


class CliError(Exception):
    """A command cannot go on; ``code`` is the exit code, the message is printed."""

    def __init__(self, message: str, code: int = USAGE):
        super().__init__(message)
        self.code = code


def add_commands(parser: argparse.ArgumentParser) -> None:
    """The subcommands, on the ``fieldbook`` parser (desktop/__main__.py)."""
    preset = provisioning.load()
    common = argparse.ArgumentParser(add_help=False)  # also accepted after the command
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument(
        "--profile", default=argparse.SUPPRESS, help="the profile (default: the last one used)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, parents=[common])

    sign_in = command("sign-in", "sign in to your CRM and remember the connection")
    sign_in.add_argument(
        "--kind",
        choices=sorted(kinds.KINDS),
        default=preset.get("crm", "kind") or kinds.DEFAULT_KIND,
        help="the kind of CRM (default: %(default)s)",
    )
    sign_in.add_argument("--url", default=preset.get("crm", "url"), help="the CRM's address")
    sign_in.add_argument("--database", default=preset.get("crm", "database"))
    sign_in.add_argument("--user", required=False, help="your user name on the CRM")
    sign_in.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )

    command("sign-out", "forget the password and session of this profile")
    command("sync", "sync once; prints one line, exit code 0 when it worked")
    command("status", "the profile, its CRM and what is waiting to sync")

    account = command("add-account", "create an account (synced on the next sync)")
    account.add_argument("name")
    account.add_argument("--city")

    note = command("add-note", "add a note to an account (by its exact name or id)")
    note.add_argument("--account", required=True, help="the account's exact name, or its id")
    note.add_argument("--title", required=True)
    note.add_argument("--body", default="")
    note.add_argument(
        "--kind", default="general", choices=["meeting", "call", "email", "review", "general"]
    )


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the parsed command; the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    base = paths.data_dir(getattr(args, "data_dir", None))
    command: Callable[[argparse.Namespace, Path], str] = {
        "sign-in": _sign_in,
        "sign-out": _sign_out,
        "sync": _sync,
        "status": _status,
        "add-account": _add_account,
        "add-note": _add_note,
    }[args.command]
    try:
        print(command(args, base), file=out)
        return OK
    except CliError as exc:
        print(f"fieldbook {args.command}: {exc}", file=err)
        return exc.code


# -- the commands ---------------------------------------------------------------------------


def _sign_in(args: argparse.Namespace, base: Path) -> str:
    preset = provisioning.load()
    for option in ("kind", "url", "database"):
        locked = preset.locked_value("crm", option)
        if locked is not None and getattr(args, option) not in (None, locked):
            raise CliError(f"--{option} is set by your IT department ({locked}) and locked.")
    kind = kinds.kind(args.kind)
    if kind.browser_sign_in:
        raise CliError(
            f"{kind.label} signs in in the browser: connect once from the window "
            "(Sync > Connect); after that 'fieldbook sync' uses the saved sign-in."
        )
    missing = [
        f"--{name}"
        for name, value in (("url", args.url), ("database", args.database), ("user", args.user))
        if name in kind.fields and not (value or "").strip()
    ]
    if missing:
        raise CliError(f"missing {', '.join(missing)}")
    _require_keyring()
    password = _read_password(args)
    try:
        connector = kind.sign_in(
            args.url.strip(), (args.database or "").strip(), args.user.strip(), password
        )
    except ConnectorError as exc:
        raise CliError(_sign_in_problem(exc), _code_for(exc)) from None
    try:
        profile = paths.profile_slug(connector.login, connector.url, args.database or "")
        store = Store.open(paths.store_path(base, profile))
        try:
            for key, value in kinds.connection_preferences(kind.key, connector).items():
                store.set_preference(key, value)
            currency = getattr(connector, "company_currency", None)
            if currency:
                store.set_preference("company_currency", currency)
        finally:
            store.close()
        paths.remember_profile(base, profile)
    finally:
        connector.close()
    return f"signed in to {connector.url} as {connector.login} (profile {profile})"


def _sign_out(args: argparse.Namespace, base: Path) -> str:
    with _profile(args, base) as (profile, store):
        connector = _connector(store)
        connector.forget_secrets()
        connector.close()
    return f"signed out of profile {profile}; its local copy stays"


def _sync(args: argparse.Namespace, base: Path) -> str:
    from sync.engine import SyncEngine

    with _profile(args, base) as (profile, store):
        connector = _connector(store)
        try:
            report = SyncEngine(store, connector).sync()
        finally:
            connector.close()
        pending = store.pending_count()
    counts = (
        f"pulled {report.pulled}, pushed {report.pushed}, deleted {report.deleted}, "
        f"conflicts {report.conflicts}, rejected {report.rejected}, pending {pending} "
        f"({report.duration:.1f} s)"
    )
    if report.ok:
        return f"synced {profile}: {counts}"
    code = SIGN_IN if report.needs_sign_in else FAILED
    if any(problem.kind == problems.CRM_UNREACHABLE for problem in report.problems):
        code = UNREACHABLE
    raise CliError(f"sync failed: {'; '.join(report.errors) or 'unknown'}; {counts}", code)


def _status(args: argparse.Namespace, base: Path) -> str:
    from sync.engine import SyncEngine

    with _profile(args, base) as (profile, store):
        url, database, user = (store.preference(k) for k in kinds.CONNECTION_PREFERENCES)
        salesforce = store.preference("salesforce_login_url")
        status = SyncEngine(store, None).status()  # type: ignore[arg-type]  # reads only
    if url:
        crm = f"{user}@{url}/{database}"
    elif salesforce:
        crm = f"Salesforce ({salesforce})"
    else:
        crm = "local only (no CRM)"
    last = status.last_success_at or "never"
    problem = f", last error: {status.last_error}" if status.last_error else ""
    return (
        f"{profile}: {crm}; pending {status.pending}, parked {status.parked}, conflicts "
        f"{status.conflicts}; last synced {last}{problem}"
    )


def _add_account(args: argparse.Namespace, base: Path) -> str:
    with _profile(args, base) as (_profile_name, store):
        values: dict[str, Any] = {"name": args.name}
        if args.city:
            values["city"] = args.city
        account_id = store.create("accounts", values)
    return f"created account {args.name!r} ({account_id}); it syncs on the next sync"


def _add_note(args: argparse.Namespace, base: Path) -> str:
    with _profile(args, base) as (_profile_name, store):
        account_id = _account_id(store, args.account)
        note_id = store.create(
            "notes",
            {
                "account_id": account_id,
                "kind": args.kind,
                "title": args.title,
                "body": args.body,
                "occurred_at": now_iso(),
            },
        )
    return f"added note {args.title!r} ({note_id}); it syncs on the next sync"


# -- helpers ----------------------------------------------------------------------------------


class _profile:
    """The chosen profile's store, opened for one command and closed after it."""

    def __init__(self, args: argparse.Namespace, base: Path):
        name = getattr(args, "profile", None) or paths.last_profile(base)
        if not name:
            raise CliError("no profile yet: run 'fieldbook sign-in' first (or pass --profile)")
        if not paths.store_path(base, name).exists():
            raise CliError(f"no profile {name!r} in {base}")
        self.name = name
        self.store = Store.open(paths.store_path(base, name))

    def __enter__(self) -> tuple[str, Store]:
        return self.name, self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()


def _connector(store: Store):
    connector = kinds.remembered_connection(store.preference)
    if connector is None:
        raise CliError("this profile is not connected to a CRM: run 'fieldbook sign-in'")
    return connector


def _account_id(store: Store, name_or_id: str) -> str:
    if store.get("accounts", name_or_id):
        return name_or_id
    hits = [
        hit
        for hit in store.search(name_or_id)
        if hit.table == "accounts" and hit.title == name_or_id
    ]
    if len(hits) != 1:
        found = "no account" if not hits else f"{len(hits)} accounts"
        raise CliError(f"--account: {found} named exactly {name_or_id!r}")
    return hits[0].id


def _require_keyring() -> None:
    if not credentials.is_real_backend():
        raise CliError(
            "no system keyring here, so the sign-in could not be kept for the next command. "
            "Run this in a desktop session (or with an unlocked GNOME Keyring / KWallet).",
            SIGN_IN,
        )


def _read_password(args: argparse.Namespace) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password is None and (args.password_stdin or not sys.stdin.isatty()):
        password = sys.stdin.readline().rstrip("\r\n")
    if password is None:
        password = getpass.getpass("Password: ")
    if not password:
        raise CliError("no password given (stdin, $FIELDBOOK_PASSWORD or the prompt)")
    return password


def _code_for(exc: ConnectorError) -> int:
    cause = getattr(exc, "cause", None)
    if cause in ("unreachable", "tls"):
        return UNREACHABLE
    if cause == "password" or exc.kind == ErrorKind.SIGN_IN and cause is None:
        return SIGN_IN
    return FAILED


_SIGN_IN_PROBLEMS = {
    "password": "the CRM refused the user name or password",
    "unreachable": "the server cannot be reached (check the address and the network)",
    "tls": "the server's TLS certificate is not trusted; the password was not sent",
    "address": "no CRM answers at this address",
    "database": "the server has no database with this name",
    "module": "the Fieldbook module is not activated on this CRM database",
    "keyring": "the system keyring refused to keep the sign-in",
}


def _sign_in_problem(exc: ConnectorError) -> str:
    cause = getattr(exc, "cause", None)
    return _SIGN_IN_PROBLEMS.get(cause or "", "") or str(exc)
