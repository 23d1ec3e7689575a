"""Ids stay unique across a fork (the crash test forks its sync children)."""

from __future__ import annotations

import multiprocessing
import os

import pytest

import desktop.ids as ids_module
from desktop.ids import new_id


def _child(conn) -> None:
    conn.send(new_id())
    conn.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_and_its_parent_never_make_the_same_id(monkeypatch):
    # The same millisecond on both sides: only the random bits and the counter can differ.
    monkeypatch.setattr(ids_module.time, "time_ns", lambda: 1_800_000_000_000 * 1_000_000)
    new_id()
    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe()
    child = ctx.Process(target=_child, args=(there,))
    child.start()
    theirs = here.recv()
    child.join(10)
    assert theirs != new_id()
