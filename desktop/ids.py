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


def _reseed_after_fork() -> None:
    # A forked child starts with its parent's generator state and counter: without a new seed
    # it would make the very ids its parent makes next.
    _random.seed(os.urandom(32))


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reseed_after_fork)


def new_id() -> str:
    """A fresh UUIDv7 as text; ids made in the same millisecond still sort in creation order."""
    return new_ids(1)[0]


def new_ids(count: int) -> list[str]:
    """``count`` fresh ids in creation order, for a batch of records (one lock, one clock read)."""
    global _last_ms, _counter
    made = []
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms <= _last_ms:
            now_ms, counter = _last_ms, _counter  # the next id continues this millisecond
        else:
            counter = _random.getrandbits(10) - 1  # a new millisecond starts at a random count
        bits = _random.getrandbits
        prefix = _time_prefix(now_ms)
        for _ in range(count):
            counter += 1
            if counter >= 1 << 12:  # 12-bit sequence exhausted: borrow the next millisecond
                now_ms += 1
                counter = 0
                prefix = _time_prefix(now_ms)
            rand = bits(62)
            made.append(
                "%s%04x-%04x-%012x"
                % (prefix, 0x7000 | counter, 0x8000 | (rand >> 48), rand & 0xFFFFFFFFFFFF)
            )
        _last_ms = now_ms
        _counter = counter
    return made


def _time_prefix(now_ms: int) -> str:
    stamp = now_ms & ((1 << 48) - 1)
    return "%08x-%04x-" % (stamp >> 16, stamp & 0xFFFF)


def is_id(text: str) -> bool:
    """Whether ``text`` is a UUID string (any version)."""
    try:
        uuid.UUID(text)
    except (ValueError, TypeError, AttributeError):
        return False
    return True
