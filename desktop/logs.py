"""What Fieldbook keeps for support: a rotating log file in the OS log folder, with no secrets.

``setup_logging`` is called once at start-up (window and command line). It writes INFO and above
to ``fieldbook.log`` in the OS log folder (``~/.local/state/Fieldbook/log`` on Linux,
``~/Library/Logs/Fieldbook`` on macOS, ``%LOCALAPPDATA%\\Fieldbook\\Logs`` on Windows), rotating
at 1 MB with five old files kept, and warnings to stderr as before.

Secrets never reach the file: code logs no password, session token or note body, and as a
second line of defence every record passes a filter that replaces the secrets the connectors
registered (``redact``) and anything shaped like a credential (``password=…``, an
``Authorization`` header) with ``«redacted»``. The last warnings and errors are kept in memory
for Help ▸ Copy diagnostics (``recent_problems``).
"""

from __future__ import annotations

import collections
import logging
import logging.handlers
import os
import re
import threading
from pathlib import Path

import platformdirs

LOG_DIR_ENV = "FIELDBOOK_LOG_DIR"
LOG_FILE = "fieldbook.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
REDACTED = "«redacted»"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_lock = threading.Lock()
_secrets: set[str] = set()
_problems: collections.deque[str] = collections.deque(maxlen=20)
_handler: logging.Handler | None = None

_CREDENTIAL_SHAPES = (
    # key=value or "key": "value" for keys that hold secrets
    re.compile(
        r"(?i)(\b(?:password|passwd|secret|token|session|authorization|api[_-]?key|"
        r"access[_-]?token|refresh[_-]?token)\b[\"']?\s*[:=]\s*[\"']?)([^\s\"',;}]+)"
    ),
    re.compile(r"(?i)\b(Session|Bearer|Basic)\s+[A-Za-z0-9+/=._-]{8,}"),
)


def log_dir() -> Path:
    """The OS log folder for Fieldbook (``$FIELDBOOK_LOG_DIR`` overrides it)."""
    chosen = os.environ.get(LOG_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_log_dir("Fieldbook", appauthor=False))


def log_file() -> Path:
    return log_dir() / LOG_FILE


def redact(*secrets: str | None) -> None:
    """Never write these values (a password, a session token) to the log, whatever logs them."""
    with _lock:
        for secret in secrets:
            if secret and len(secret) >= 4:
                _secrets.add(secret)


def scrub(text: str) -> str:
    """``text`` with every registered secret and credential-shaped value replaced."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, REDACTED)
    text = _CREDENTIAL_SHAPES[1].sub(lambda m: m.group(1) + " " + REDACTED, text)
    return _CREDENTIAL_SHAPES[0].sub(
        lambda m: m.group(0) if m.group(2).startswith(REDACTED) else m.group(1) + REDACTED, text
    )


class _Scrubber(logging.Filter):
    """Rewrites each record's message (and traceback) without secrets before any handler."""

    def __init__(self, collect: bool = False):
        super().__init__()
        self.collect = collect  # keep warnings for the diagnostics report (once, on one handler)

    def filter(self, record: logging.LogRecord) -> bool:
        message = scrub(record.getMessage())
        record.msg, record.args = message, None
        if record.exc_info:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if self.collect and record.levelno >= logging.WARNING:
            _problems.append(f"{record.levelname} {record.name}: {message.splitlines()[0][:300]}")
        return True


def setup_logging(level: int = logging.INFO, folder: Path | None = None) -> Path:
    """Log to the rotating file (and warnings to stderr); returns the file's path. Idempotent."""
    global _handler
    folder = Path(folder) if folder else log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    with _lock:
        if _handler is not None:
            root.removeHandler(_handler)
            _handler.close()
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=False
        )
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(_Scrubber(collect=True))
        root.addHandler(handler)
        _handler = handler
        if not any(getattr(h, "_fieldbook_console", False) for h in root.handlers):
            console = logging.StreamHandler()
            console.setLevel(logging.WARNING)
            console.addFilter(_Scrubber())
            console._fieldbook_console = True  # type: ignore[attr-defined]  # a marker on a stdlib handler, read back with getattr
            root.addHandler(console)
    root.setLevel(level)
    # Request-level chatter (URLs with ids, headers) stays out even at DEBUG of our own code.
    for noisy in ("urllib3", "requests", "keyring", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger(__name__).info("logging to %s", path)
    return path


def stop_logging() -> None:
    """Close the file (tests, and before the log folder is removed)."""
    global _handler
    with _lock:
        if _handler is not None:
            logging.getLogger().removeHandler(_handler)
            _handler.close()
            _handler = None


def recent_problems() -> list[str]:
    """The last warnings and errors logged in this run, oldest first (already scrubbed)."""
    return list(_problems)


def tail(lines: int = 60) -> str:
    """The end of the current log file ('' when there is none)."""
    path = Path(_handler.baseFilename) if isinstance(_handler, logging.FileHandler) else log_file()
    try:
        with path.open("rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 64_000))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def current_log_file() -> Path:
    """The file being written now (the default location before ``setup_logging``)."""
    if isinstance(_handler, logging.FileHandler):
        return Path(_handler.baseFilename)
    return log_file()


__all__ = [
    "current_log_file",
    "log_dir",
    "recent_problems",
    "redact",
    "scrub",
    "setup_logging",
    "stop_logging",
    "tail",
]
