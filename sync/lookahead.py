"""One pull page asked for ahead: the CRM prepares page N+1 while page N is written locally.

A first sync is a long run of pages, each a round trip followed by a local write. Asking for
the next page as soon as the current one has arrived lets the two overlap, so the sync takes
about as long as the slower of them instead of their sum. Only the connector call runs ahead
(on one worker thread); its result is handed over to the engine's thread by ``take``, where the
engine's error mapping, session refresh and state writes run as for any other call.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from .connector import PullPage

Pull = Callable[[str | None, int], PullPage]


class PullAhead:
    """``start`` asks for a page in the background; ``take`` returns it, or pulls it now."""

    def __init__(self, pull: Pull):
        self._pull = pull
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldbook-pull-ahead")
        self._ahead: tuple[str | None, int, Future[PullPage]] | None = None

    def start(self, cursor: str | None, limit: int) -> None:
        self._discard()
        self._ahead = (cursor, limit, self._pool.submit(self._pull, cursor, limit))

    def take(self, cursor: str | None, limit: int) -> PullPage:
        """The page at ``cursor``: the one asked for ahead if it is that one, else pulled now.

        A failure of the call made ahead is raised here, once; calling again pulls afresh
        (so a retry after a session refresh really asks the CRM again).
        """
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            ahead_cursor, ahead_limit, future = ahead
            if (ahead_cursor, ahead_limit) == (cursor, limit):
                return future.result()
            future.cancel()
        return self._pull(cursor, limit)

    def _discard(self) -> None:
        if self._ahead is not None:
            self._ahead[2].cancel()
            self._ahead = None

    def __enter__(self) -> PullAhead:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # A page asked for but not taken (a cancel, a failed write) is waited for and dropped:
        # the connector is not used from two threads, and nothing of it is written.
        self._discard()
        self._pool.shutdown(wait=True)
