"""The engine asks for the next pull page while it writes the current one (sync/lookahead.py)."""

from __future__ import annotations

import threading

import pytest
from engine_helpers import client_snapshot

import sync.engine as engine_module
from sync.connector import ConnectorError, ErrorKind, PullPage
from sync.engine import SyncEngine
from sync.lookahead import PullAhead
from sync.memory import MemoryConnector, MemoryCRM


def _book(pages: int, per_page: int) -> tuple[MemoryCRM, MemoryConnector, list[str]]:
    crm = MemoryCRM()
    ids = [crm.create("accounts", {"name": f"A{i}"}) for i in range(pages * per_page)]
    return crm, MemoryConnector(crm), ids


def test_the_next_page_is_asked_for_while_the_current_one_is_written(store, monkeypatch):
    monkeypatch.setattr(engine_module, "PULL_LIMIT", 2)
    crm, connector, _ = _book(pages=3, per_page=2)
    real_pull = connector.pull
    second_started = threading.Event()
    pull_threads: list[str] = []

    def pull(cursor, limit=500):
        pull_threads.append(threading.current_thread().name)
        if len(pull_threads) == 2:
            second_started.set()
        return real_pull(cursor, limit)

    connector.pull = pull
    engine = SyncEngine(store, connector)
    real_apply = engine._apply_page
    overlapped: list[bool] = []

    def apply_page(page, report, *rest):
        if not overlapped:  # the first page: is the second already on its way?
            overlapped.append(second_started.wait(timeout=5))
        return real_apply(page, report, *rest)

    monkeypatch.setattr(engine, "_apply_page", apply_page)
    assert engine.sync().ok
    assert overlapped == [True]
    assert any(name.startswith("fieldbook-pull-ahead") for name in pull_threads)
    assert client_snapshot(store) == crm.snapshot()


def test_a_session_that_expires_on_a_page_asked_ahead_is_refreshed_and_the_page_pulled_again(
    store, monkeypatch
):
    monkeypatch.setattr(engine_module, "PULL_LIMIT", 2)
    crm, connector, ids = _book(pages=3, per_page=2)
    real_pull = connector.pull
    calls = 0

    def pull(cursor, limit=500):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ConnectorError(ErrorKind.SIGN_IN, "session expired")
        return real_pull(cursor, limit)

    connector.pull = pull
    report = SyncEngine(store, connector).sync()
    assert report.ok, report.problems
    assert connector.refreshes == 1
    assert set(client_snapshot(store)["accounts"]) == set(ids)


def test_a_cancel_leaves_no_page_half_written_and_no_worker_behind(store, monkeypatch):
    monkeypatch.setattr(engine_module, "PULL_LIMIT", 2)
    crm, connector, ids = _book(pages=4, per_page=2)
    engine = SyncEngine(store, connector)
    pages = 0

    def progress(step):
        nonlocal pages
        pages += 1

    report = engine.sync(progress=progress, cancel=lambda: pages >= 1)
    assert report.cancelled
    held = set(client_snapshot(store)["accounts"])
    assert held and held < set(ids) and len(held) % 2 == 0  # whole pages only
    assert not [t for t in threading.enumerate() if t.name.startswith("fieldbook-pull-ahead")]
    assert engine.sync().ok  # the next sync goes on from the page written last
    assert client_snapshot(store) == crm.snapshot()


def _page(name: str) -> PullPage:
    return PullPage([], [], name, False)


def test_take_returns_the_page_asked_ahead_without_asking_again():
    asked: list[tuple] = []

    def pull(cursor, limit):
        asked.append((cursor, limit))
        return _page(f"after {cursor}")

    with PullAhead(pull) as ahead:
        ahead.start("c1", 10)
        assert ahead.take("c1", 10).cursor == "after c1"
        assert asked == [("c1", 10)]
        assert ahead.take("c1", 10).cursor == "after c1"  # nothing ahead now: asked again
        assert asked == [("c1", 10), ("c1", 10)]


def test_take_of_another_cursor_drops_the_page_asked_ahead_and_pulls_that_one():
    def pull(cursor, limit):
        return _page(f"after {cursor}")

    with PullAhead(pull) as ahead:
        ahead.start("c1", 10)
        assert ahead.take("c2", 10).cursor == "after c2"
        assert ahead.take("c2", 5).cursor == "after c2"


def test_a_failure_of_the_call_made_ahead_is_raised_once():
    failures = [ConnectorError(ErrorKind.TRANSIENT, "reset")]

    def pull(cursor, limit):
        if failures:
            raise failures.pop()
        return _page("ok")

    with PullAhead(pull) as ahead:
        ahead.start(None, 10)
        with pytest.raises(ConnectorError):
            ahead.take(None, 10)
        assert ahead.take(None, 10).cursor == "ok"
