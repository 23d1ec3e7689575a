"""Settings IT presets for every rep on a machine, from a system-wide, admin-writable file.

``fieldbook.json`` is read from (first found wins):

- Windows: ``%ProgramData%\\Fieldbook\\fieldbook.json``
- macOS:   ``/Library/Application Support/Fieldbook/fieldbook.json``
- Linux:   ``/etc/xdg/Fieldbook/fieldbook.json`` (and the other ``$XDG_CONFIG_DIRS``)
- ``$FIELDBOOK_SYSTEM_CONFIG_DIR/fieldbook.json`` instead of all of these (tests, staging)

On macOS a configuration profile pushed by MDM (``/Library/Managed Preferences/com.fieldbook.app
.plist``, the same sections and ``locked`` as the JSON, as a property list) comes first.

::

    {
      "crm": {"kind": "tryton", "url": "https://crm.example.com", "database": "prod",
              "salesforce_consumer_key": "3MVG9...", "salesforce_scope": "api refresh_token"},
      "sync": {"interval_minutes": 15, "on_start": true},
      "security": {"require_encryption": true, "lock_after_days": 14, "wipe_on_revoke": true},
      "locked": ["crm.kind", "crm.url", "crm.database"]
    }

Presets fill in what a rep would otherwise type (a rep then only types a user name and
password). ``locked`` names settings a rep may not change; locks are honoured only from a file
that only an administrator can write (owned by root and not writable by others on macOS and
Linux; under ``%ProgramData%`` on Windows), never from a folder a user can write. The
``security`` section is a plain mapping for the policy readers (``policy_section``). Nothing
secret belongs here: passwords stay in the OS keyring.
"""

from __future__ import annotations

import json
import logging
import os
import plistlib
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from xml.parsers.expat import ExpatError

log = logging.getLogger(__name__)

SYSTEM_CONFIG_ENV = "FIELDBOOK_SYSTEM_CONFIG_DIR"
FILE_NAME = "fieldbook.json"
# Where macOS puts the preferences an MDM configuration profile manages (written by the system,
# owned by root); the name is the app's bundle identifier (packaging/bundle_config.py).
MANAGED_PREFERENCES_DIR = Path("/Library/Managed Preferences")
MANAGED_PREFERENCES_FILE = "com.fieldbook.app.plist"

# What each section may hold, and the type of each value.
SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "crm": {
        "kind": str,
        "url": str,
        "database": str,
        "salesforce_consumer_key": str,
        "salesforce_scope": str,
        "salesforce_record_scope": dict,  # sObject -> SOQL condition: what a rep syncs
    },
    "sync": {"interval_minutes": int, "on_start": bool},
    "ui": {"language": str, "start_page": str},
    # Read by desktop/security_policy.py (SecurityPolicy's fields; a test keeps them the same).
    "security": {
        "require_encryption": bool,
        "lock_after_days": int,
        "lock_on_revoke": bool,
        "wipe_on_revoke": bool,
        "encrypt_demo": bool,
    },
}


_TYPE_WORDS: dict[Any, str] = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    dict: "an object",
}

# Settings that take one of a few words, and those words.
CHOICES: dict[str, tuple[str, ...]] = {"ui.start_page": ("last", "today", "accounts")}


class ProvisioningError(ValueError):
    """The file is there but cannot be used; the message names the file and the field."""


def system_config_dirs() -> list[Path]:
    """The admin-writable folders searched for ``fieldbook.json``, in order."""
    override = os.environ.get(SYSTEM_CONFIG_ENV)
    if override:
        return [Path(override)]
    if sys.platform == "win32":
        program_data = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return [Path(program_data) / "Fieldbook"]
    if sys.platform == "darwin":
        return [Path("/Library/Application Support/Fieldbook")]
    dirs = os.environ.get("XDG_CONFIG_DIRS") or "/etc/xdg"
    return [Path(d) / "Fieldbook" for d in dirs.split(":") if d]


@dataclass(frozen=True)
class Provisioning:
    """The presets read (empty when there is no file); ``source`` is the file they came from."""

    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    source: Path | None = None

    def get(self, section: str, key: str) -> Any:
        return self.settings.get(section, {}).get(key)

    def is_locked(self, name: str) -> bool:
        """Whether ``"section.key"`` is locked by IT."""
        return name in self.locked

    def locked_value(self, section: str, key: str) -> Any:
        """The preset value when IT locked it, else None."""
        return self.get(section, key) if self.is_locked(f"{section}.{key}") else None

    def section(self, name: str) -> Mapping[str, Any]:
        return MappingProxyType(dict(self.settings.get(name, {})))

    def with_options(self, section: str, **values: Any) -> Provisioning:
        """These presets with command-line values on top (``fieldbook --crm-url ...``); a value
        IT locked stays IT's, and None leaves a preset as it is."""
        merged = {name: dict(values_) for name, values_ in self.settings.items()}
        target = merged.setdefault(section, {})
        for key, value in values.items():
            if value is not None and not self.is_locked(f"{section}.{key}"):
                target[key] = value
        return Provisioning(merged, self.locked, self.source)


def _admin_only(path: Path) -> bool:
    """Whether only an administrator can change ``path`` (and so its locks are IT's word)."""
    if os.environ.get(SYSTEM_CONFIG_ENV):
        return True  # named explicitly by whoever set up this machine or test
    if sys.platform == "win32":
        program_data = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(program_data).resolve() in path.resolve().parents
    for part in (path, path.parent):
        info = part.stat()
        if info.st_uid != 0 or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True


def parse(data: Any, source: Path, honour_locks: bool = True) -> Provisioning:
    """Check ``data`` (the parsed JSON) against SCHEMA; ProvisioningError names what is wrong."""
    if not isinstance(data, dict):
        raise ProvisioningError(f"{source}: expected a JSON object at the top")
    settings: dict[str, dict[str, Any]] = {}
    for section, values in data.items():
        if section == "locked":
            continue
        allowed = SCHEMA.get(section)
        if allowed is None:
            raise ProvisioningError(
                f"{source}: unknown section {section!r} (expected one of "
                f"{', '.join(sorted(SCHEMA))}, locked)"
            )
        if not isinstance(values, dict):
            raise ProvisioningError(f"{source}: {section} must be an object")
        for key, value in values.items():
            expected = allowed.get(key)
            if expected is None:
                raise ProvisioningError(
                    f"{source}: unknown setting {section}.{key} (expected one of "
                    f"{', '.join(sorted(allowed))})"
                )
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                name = _TYPE_WORDS.get(expected, str(expected))
                raise ProvisioningError(f"{source}: {section}.{key} must be {name}")
            words = CHOICES.get(f"{section}.{key}")
            if words and value not in words:
                raise ProvisioningError(
                    f"{source}: {section}.{key} must be one of {', '.join(words)}"
                )
        settings[section] = dict(values)
    locked = data.get("locked", [])
    if not isinstance(locked, list) or not all(isinstance(n, str) for n in locked):
        raise ProvisioningError(f'{source}: locked must be a list like ["crm.url"]')
    for name in locked:
        section, _, key = name.partition(".")
        if key not in SCHEMA.get(section, {}):
            raise ProvisioningError(f"{source}: locked names an unknown setting {name!r}")
    if locked and not honour_locks:
        log.warning("%s: locks ignored, the file is writable by a non-administrator", source)
        locked = []
    return Provisioning(settings, frozenset(locked), source)


def load() -> Provisioning:
    """The presets of this machine; empty when there is no file. An unusable file is logged
    and ignored (the app still starts); ``check()`` reports it."""
    try:
        return check()
    except (ProvisioningError, OSError) as exc:
        log.error("provisioning file not used: %s", exc)
        return Provisioning()


def check() -> Provisioning:
    """Like ``load`` but raises ProvisioningError for a file that cannot be used."""
    managed = _managed_preferences()
    if managed is not None:
        return managed
    for folder in system_config_dirs():
        path = folder / FILE_NAME
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ProvisioningError(f"{path}: not valid JSON ({exc})") from None
        return parse(data, path, honour_locks=_admin_only(path))
    return Provisioning()


def _managed_preferences() -> Provisioning | None:
    """macOS: the presets of an MDM configuration profile, if one manages Fieldbook."""
    if sys.platform != "darwin" or os.environ.get(SYSTEM_CONFIG_ENV):
        return None
    path = MANAGED_PREFERENCES_DIR / MANAGED_PREFERENCES_FILE
    if not path.is_file():
        return None
    try:
        data = plistlib.loads(path.read_bytes())
    except (plistlib.InvalidFileException, ValueError, ExpatError) as exc:
        raise ProvisioningError(f"{path}: not a valid property list ({exc})") from None
    # A profile's payload carries keys of its own (PayloadUUID, ...); ours are the sections.
    if not isinstance(data, dict):
        raise ProvisioningError(f"{path}: expected a dictionary at the top")
    ours = {k: v for k, v in data.items() if k in SCHEMA or k == "locked"}
    return parse(ours, path, honour_locks=_admin_only(path))


def start_page(presets: Provisioning, chosen: Any) -> str:
    """Where Fieldbook opens: IT's page when locked, else the rep's choice, else IT's preset,
    else where the rep left off."""
    preset = presets.get("ui", "start_page")
    if presets.is_locked("ui.start_page") and preset:
        return str(preset)
    if chosen in CHOICES["ui.start_page"]:
        return str(chosen)
    return str(preset or "last")


def policy_section(name: str) -> Mapping[str, Any]:
    """One section as a read-only mapping, e.g. ``policy_section("security")``; empty if unset."""
    return load().section(name)
