"""Work started on a thread of its own as the app starts, before Qt and its thread pool are
loaded, and waited for by whatever first needs what it found (``desktop.protection.open_early``:
the store's key from the keyring and its first connection, while the window's toolkit loads)."""

from __future__ import annotations

import threading
from collections.abc import Callable

_started: dict[str, threading.Thread] = {}


def start(name: str, work: Callable[[], None]) -> None:
    """Run ``work`` on a thread now, unless work under ``name`` is already under way."""
    if name in _started:
        return
    thread = threading.Thread(target=work, name="read-ahead", daemon=True)
    _started[name] = thread
    thread.start()


def wait(name: str) -> None:
    """Return once the work started under ``name``, if any, has ended."""
    thread = _started.pop(name, None)
    if thread is not None:
        thread.join()
