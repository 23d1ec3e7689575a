"""Where Fieldbook keeps its files: the platform's data folder, or one the caller names."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

DATA_DIR_ENV = "FIELDBOOK_DATA_DIR"
STORE_FILE = "book.sqlite"
LAST_PROFILE_FILE = "last-profile"  # read by the command line, which has no QSettings
LOCAL_PROFILE = "local"  # no CRM yet
DEMO_PROFILE = "demo"


def platform_data_dir() -> Path:
    """The per-user data folder the OS expects an application to use."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "Fieldbook"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """``override``, else ``$FIELDBOOK_DATA_DIR``, else the platform's data folder."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    return Path(chosen).expanduser().resolve() if chosen else platform_data_dir()


def profile_slug(user: str, server: str, database: str = "") -> str:
    """A folder name for one user on one server: readable, and safe on every file system."""
    server = re.sub(r"^[a-z]+://", "", server.lower())
    raw = (f"{user}@{server}" + (f"-{database}" if database else "")).lower()
    return re.sub(r"[^a-z0-9@._-]+", "_", raw).strip("._")[:120] or "default"


def profile_dir(base: Path, profile: str) -> Path:
    return base / "profiles" / profile


def store_path(base: Path, profile: str) -> Path:
    """The SQLite file of ``profile`` under ``base``."""
    return profile_dir(base, profile) / STORE_FILE


def last_profile(base: Path) -> str | None:
    """The profile opened last (by the window or ``fieldbook sign-in``), or None."""
    try:
        name = (Path(base) / LAST_PROFILE_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name if name and profile_dir(Path(base), name).is_dir() else None


def profile_to_open(profile: str | None, demo: bool, base: Path) -> str | None:
    """``--demo`` wins, then ``--profile``, then the profile opened last (the data folder's
    note); None when none is noted (the window then asks QSettings, an older Fieldbook's)."""
    if demo:
        return DEMO_PROFILE
    return profile or last_profile(base)


def remember_profile(base: Path, profile: str) -> None:
    folder = Path(base)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / LAST_PROFILE_FILE).write_text(profile + "\n", encoding="utf-8")


def resources_dir() -> Path:
    """The shipped ``resources/`` folder, in a source tree or inside a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
