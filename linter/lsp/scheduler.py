"""Debounced linting in one worker thread, keeping only the newest result per document.

Every request for a document supersedes the ones before it: a request still waiting out its
debounce is cancelled, a queued lint that has not started is skipped, and a result that
arrives after a newer request is dropped. The protocol's event loop only waits; the lints run
one at a time in the worker (the spaCy pipeline is not shared between threads).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, TypeVar

S = TypeVar("S")  # what a lint reads: a document snapshot
R = TypeVar("R")  # what it gives: a result

#: Seconds between the last change and the lint it asks for.
DEBOUNCE = 0.15


class Scheduler(Generic[S, R]):
    """Runs ``work(snapshot)`` in the worker; ``deliver(snapshot, result)`` or
    ``failed(snapshot, error)`` is called on the event loop for the newest request only.
    ``take(key)`` reads a document's snapshot on the event loop (``None``: it is closed)."""

    def __init__(
        self,
        take: Callable[[str], S | None],
        work: Callable[[S], R],
        deliver: Callable[[S, R], None],
        failed: Callable[[S, BaseException], None],
        delay: float = DEBOUNCE,
    ) -> None:
        self._take = take
        self._work = work
        self._deliver = deliver
        self._failed = failed
        self.delay = delay
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="genai-lint")
        self._tickets: dict[str, int] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def request(self, key: str, *, debounce: bool = True) -> None:
        """Lint ``key`` after the debounce delay (or at once); call it on the event loop."""
        ticket = self._tickets[key] = self._tickets.get(key, 0) + 1
        self.cancel_pending(key)
        task = asyncio.get_running_loop().create_task(
            self._run(key, ticket, self.delay if debounce else 0.0))
        self._tasks[key] = task
        task.add_done_callback(lambda done: self._forget(key, done))

    def forget(self, key: str) -> None:
        """Drop every request for ``key`` (its document was closed)."""
        self._tickets[key] = self._tickets.get(key, 0) + 1
        self.cancel_pending(key)

    def cancel_pending(self, key: str) -> None:
        task = self._tasks.pop(key, None)
        if task is not None:
            task.cancel()

    def submit(self, job: Callable[[], object]) -> None:
        """Run ``job`` in the worker, between lints (a warm-up)."""
        self._executor.submit(job)

    def close(self) -> None:
        """Cancel what waits; a lint that runs finishes unseen."""
        for key in list(self._tasks):
            self.cancel_pending(key)
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _current(self, key: str, ticket: int) -> bool:
        return self._tickets.get(key) == ticket

    async def _run(self, key: str, ticket: int, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        snapshot = self._take(key)
        if snapshot is None:
            return
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self._executor, self._guarded, key, ticket,
                                                snapshot)
        except Exception as exc:  # the lint failed: say so, keep serving
            if self._current(key, ticket):
                self._failed(snapshot, exc)
            return
        if result is not None and self._current(key, ticket):
            self._deliver(snapshot, result[0])

    def _guarded(self, key: str, ticket: int, snapshot: S) -> tuple[R] | None:
        """In the worker: the lint, unless a newer request came while this one queued."""
        if not self._current(key, ticket):
            return None
        return (self._work(snapshot),)

    def _forget(self, key: str, done: asyncio.Task[None]) -> None:
        if self._tasks.get(key) is done:
            del self._tasks[key]
