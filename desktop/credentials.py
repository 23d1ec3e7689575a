"""Secrets (passwords, session tokens) kept only in the OS keyring, never in files."""

from __future__ import annotations

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


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def is_real_backend() -> bool:
    """Whether secrets would really be stored (not the 'fail' or null backend)."""
    name = backend_name()
    return not any(bad in name for bad in ("fail.Keyring", "null.Keyring"))


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
