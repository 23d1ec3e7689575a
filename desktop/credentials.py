"""Secrets (passwords, session tokens) kept only in the OS keyring, never in files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
from keyring.compat import properties

SERVICE = "Fieldbook"


class KeyringUnavailable(RuntimeError):
    """The OS keyring cannot store secrets here (no backend, locked, or refused)."""


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that forgets everything when the process ends: for tests and the self-test."""

    @properties.classproperty
    def priority(cls) -> float:
        # Never chosen automatically: keyring considers every imported backend class, and at
        # priority 0 this one tied with the "fail" backend, so where no OS keyring answered
        # (a headless session) it could be picked, and the self-test and `fieldbook sign-in`
        # took it for a real keyring. Not viable: only set on purpose (tests, ensure_keyring).
        raise RuntimeError("the in-memory keyring is only used when set explicitly")

    def __init__(self) -> None:
        super().__init__()
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self._secrets[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(username) from None


TEST_KEYRING_ENV = "FIELDBOOK_TEST_KEYRING"  # the file a FileKeyring keeps its secrets in


class FileKeyring(keyring.backend.KeyringBackend):
    """Secrets in a plain JSON file (``$FIELDBOOK_TEST_KEYRING``), for tests and benchmarks whose
    child processes must share one keyring (``PYTHON_KEYRING_BACKEND=desktop.credentials.
    FileKeyring``). Plain text: never chosen automatically, never for real use."""

    @keyring.backend.properties.classproperty
    def priority(cls) -> float:
        """Not viable (so never chosen by detection) unless a test named its file."""
        if TEST_KEYRING_ENV not in os.environ:
            raise RuntimeError(f"a test keyring: set {TEST_KEYRING_ENV} to use it")
        return 0

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        super().__init__()
        self._path = Path(path) if path else None  # keyring makes one of each backend: lazy

    @property
    def path(self) -> Path:
        return self._path or Path(os.environ[TEST_KEYRING_ENV])

    def _read(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _write(self, secrets: dict[str, str]) -> None:
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(secrets), encoding="utf-8")
        os.replace(partial, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        secrets = self._read()
        secrets[f"{service}\n{username}"] = password
        self._write(secrets)

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._read()
        if secrets.pop(f"{service}\n{username}", None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self._write(secrets)


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def is_real_backend() -> bool:
    """Whether secrets would really be stored (not the 'fail' or null backend)."""
    name = backend_name()
    return not any(bad in name for bad in ("fail.Keyring", "null.Keyring"))


def keeps_secrets() -> bool:
    """Whether a secret saved now is still there after a restart: a real keyring (or the test
    file keyring), not the in-memory stand-in used where the OS has none."""
    return not isinstance(keyring.get_keyring(), MemoryKeyring) and is_real_backend()


def save_secret(key: str, secret: str) -> None:
    try:
        keyring.set_password(SERVICE, key, secret)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(
            "Fieldbook could not save your sign-in in the system keyring. Unlock the keyring "
            "(or install one, such as GNOME Keyring or KWallet) and sign in again."
        ) from exc


def load_secret(key: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, key)
    except keyring.errors.KeyringError:
        return None


def forget_secret(key: str) -> None:
    try:
        keyring.delete_password(SERVICE, key)
    except keyring.errors.KeyringError:
        pass
