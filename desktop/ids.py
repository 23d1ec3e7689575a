"""Client-generated, time-ordered record ids (UUID version 7, RFC 9562)."""

from __future__ import annotations

import os
import random
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0
# Uniqueness comes from the millisecond, the counter and 62 random bits; they need not be
# secret, so a generator seeded once from the OS saves a system call per id.
_random = random.Random(os.urandom(32))


def new_id() -> str:
    """A fresh UUIDv7 as text; ids made in the same millisecond still sort in creation order."""
    global _last_ms, _counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms <= _last_ms:
            now_ms = _last_ms
            _counter += 1
            if _counter >= 1 << 12:  # 12-bit sequence exhausted: borrow the next millisecond
                now_ms += 1
                _counter = 0
        else:
            _counter = _random.getrandbits(10)
        _last_ms = now_ms
        counter = _counter
        rand = _random.getrandbits(62)
    now_ms &= (1 << 48) - 1
    return "%08x-%04x-%04x-%04x-%012x" % (
        now_ms >> 16,
        now_ms & 0xFFFF,
        0x7000 | counter,
        0x8000 | (rand >> 48),
        rand & 0xFFFFFFFFFFFF,
    )


def is_id(text: str) -> bool:
    """Whether ``text`` is a UUID string (any version)."""
    try:
        uuid.UUID(text)
    except (ValueError, TypeError, AttributeError):
        return False
    return True
