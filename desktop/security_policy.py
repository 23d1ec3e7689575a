"""IT's security policy for the local copy: encryption required, lock after N days, wipe.

IT presets it in the provisioning file's ``security`` section (``desktop/provisioning.py``,
``policy_section("security")``); ``SecurityPolicy.current()`` reads it through that accessor and
falls back to the defaults when there is no provisioning file (or no provisioning module yet).
A value of the wrong type is refused with the field's name, never guessed.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

log = logging.getLogger(__name__)


class PolicyError(ValueError):
    """A security setting that is not what it must be (names the field and what is expected)."""


@dataclass(frozen=True)
class SecurityPolicy:
    """The security settings IT may preset; the defaults are what a rep gets without IT."""

    require_encryption: bool = False  # never open a plain store (no keyring: refuse to start)
    lock_after_days: int | None = None  # lock after this many days without a confirmed sync
    lock_on_revoke: bool = True  # lock when the CRM refuses the sign-in for good
    wipe_on_revoke: bool = False  # then also remove the local copy (unsynced edits exported)
    encrypt_demo: bool = False  # the demo book (made-up data) encrypted too

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any] | None) -> SecurityPolicy:
        """The policy from a provisioning section; unknown keys are ignored (a newer file)."""
        mapping = mapping or {}
        values: dict[str, Any] = {}
        for spec in fields(cls):
            if spec.name not in mapping or mapping[spec.name] is None:
                continue
            value = mapping[spec.name]
            if spec.name == "lock_after_days":
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise PolicyError(
                        f"security.lock_after_days must be a whole number of days (1 or more), "
                        f"not {value!r}"
                    )
            elif not isinstance(value, bool):
                raise PolicyError(f"security.{spec.name} must be true or false, not {value!r}")
            values[spec.name] = value
        return cls(**values)

    @classmethod
    def current(cls) -> SecurityPolicy:
        """IT's policy on this computer (the defaults when none is provisioned)."""
        section = _provisioned_section()
        if section is None:
            return cls()
        return cls.from_mapping(section())


@functools.cache
def _provisioning_module() -> Any:
    """``desktop.provisioning`` (issue 13), or None where this build has none (looked up once:
    every ``Store.open`` asks for the policy)."""
    try:
        return importlib.import_module("desktop.provisioning")
    except ImportError:
        return None


def _provisioned_section() -> Callable[[], Mapping[str, Any] | None] | None:
    """The adapter to the provisioning module (issue 13): ``policy_section("security")``."""
    provisioning = _provisioning_module()
    if provisioning is None:
        return None
    accessor = getattr(provisioning, "policy_section", None)
    if accessor is None:
        return None
    return lambda: accessor("security")
