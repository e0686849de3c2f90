"""Lint files in this process and ``jobs - 1`` workers, in two overlapping phases.

1. *Prepare* (Markdown, term and document checks, candidate sentences; no spaCy): chunks of
   files go to workers forked before the spaCy pipeline is loaded, while this process loads
   it (about a second of CPU) and then parses the sentences of the chunks already prepared.
2. *Parse* the sentences left when the last chunk is prepared: chunks of sentences go to
   workers forked after the load, so the pipeline is loaded once and shared.

Findings do not depend on the split (a sentence's analysis does not depend on its batch), so
they are those of one in-process run. Without fork (macOS, Windows), workers are spawned and
rebuild the linter from picklable parts; the parse then stays in this process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from functools import partial
from typing import Any, Generic, TypeVar

from linter.checks.base import Match
from linter.running.engine import Linted, Linter, Prepared, SourceFile
from linter.running.stats import LintStats

Task = TypeVar("Task", bound=Sequence[Any])
Result = TypeVar("Result")

#: Fewer candidate sentences than this are parsed here: forking costs more than it saves.
PARALLEL_PARSE_MIN = 64
#: Parse chunks per process, and the fewest sentences in one.
PARSE_CHUNKS_PER_JOB = 8
PARSE_CHUNK_MIN = 16

_linter: Linter | None = None


def can_fork() -> bool:
    """Whether workers can inherit the parent's loaded rules (fork, not on macOS)."""
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def lint_in_parallel(
    chunks: Sequence[Sequence[SourceFile]],
    linter: Linter,
    jobs: int,
    meanwhile: Callable[[], None] | None = None,
    on_chunk: Callable[[int], None] | None = None,
) -> list[list[Linted]]:
    """Each chunk's files linted (in chunk and file order); counters go to ``linter.stats``.

    Workers prepare the chunks (forked before the spaCy load); this process runs
    ``meanwhile`` (the load) and then parses the sentences of the chunks already prepared,
    or prepares a chunk itself when there are none. The sentences left when the last chunk
    is prepared are parsed split over the processes. ``on_chunk(files)`` reports progress.
    """
    prepared: list[list[Prepared]] = [[] for _ in chunks]
    parsed: dict[int, list[list[Match]]] = {}
    backlog: deque[int] = deque()

    def texts(index: int) -> list[str]:
        return [s.text for ready in prepared[index] for s in ready.sentences]

    def store(index: int, result: tuple[list[Prepared], LintStats]) -> None:
        prepared[index], stats = result
        linter.stats.add(stats)
        backlog.append(index)
        if on_chunk is not None:
            on_chunk(len(chunks[index]))

    with _Pool[Sequence[SourceFile], list[Prepared]](chunks, linter, jobs) as pool:
        pool.submit_all(_prepare)
        if meanwhile is not None:
            meanwhile()
        while pool.pending:
            if not backlog and not pool.take_finished(store) and not pool.steal(store):
                pool.wait(store)
            if backlog and pool.pending:  # the workers are still preparing: parse meanwhile
                index = backlog.popleft()
                parsed[index] = linter.parse(texts(index))
    rest = parse_in_parallel([t for i in backlog for t in texts(i)], linter, jobs)
    position = 0
    for index in backlog:
        count = len(texts(index))
        parsed[index], position = rest[position : position + count], position + count
    found = []
    for index, chunk in enumerate(chunks):
        matches = iter(parsed[index])
        found.append([
            linter.complete(file, ready, [next(matches) for _ in ready.sentences])
            for file, ready in zip(chunk, prepared[index], strict=True)
        ])
    return found


def parse_in_parallel(texts: Sequence[str], linter: Linter, jobs: int) -> list[list[Match]]:
    """``linter.parse(texts)``, split over ``jobs`` processes when that pays."""
    if jobs < 2 or len(texts) < PARALLEL_PARSE_MIN or not can_fork():
        return linter.parse(texts)
    # Small chunks: a worker holds up to three (running and queued), the rest balance.
    size = max(PARSE_CHUNK_MIN, -(-len(texts) // (jobs * PARSE_CHUNKS_PER_JOB)))
    chunks = [list(texts[i : i + size]) for i in range(0, len(texts), size)]
    parsed: list[list[list[Match]]] = [[] for _ in chunks]

    def store(index: int, result: tuple[list[list[Match]], LintStats]) -> None:
        parsed[index], stats = result
        linter.stats.add(stats)

    with _Pool[list[str], list[list[Match]]](chunks, linter, jobs) as pool:
        pool.submit_all(_parse)
        while pool.pending:
            if not pool.steal(store):
                pool.wait(store)
            pool.take_finished(store)
    return [matches for chunk in parsed for matches in chunk]


class _Pool(Generic[Task, Result]):
    """``jobs - 1`` worker processes for ``tasks``; this process works on tasks too.

    Workers get a linter equal to ``linter`` (inherited with fork; rebuilt from picklable
    parts with spawn). Tasks are submitted heaviest first, so a large one does not start
    last and finish alone; :meth:`steal` runs here the lightest task no worker has started.
    On an exception (Ctrl-C, a worker's error) the workers are stopped at once.
    """

    def __init__(self, tasks: Sequence[Task], linter: Linter, jobs: int) -> None:
        self.tasks = tasks
        self.linter = linter
        self.workers = max(1, min(jobs - 1, len(tasks) - 1))
        self.futures: dict[Future[tuple[Result, LintStats]], int] = {}
        self._work: Callable[[Linter, Task], Result] | None = None
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Pool[Task, Result]:
        context = multiprocessing.get_context("fork" if can_fork() else "spawn")
        factory = partial(Linter, self.linter.rules, self.linter.selection, self.linter.claims)
        self._executor = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start, initargs=(factory,))
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        assert self._executor is not None
        if kind is not None:
            # Ctrl-C, a worker's error or a closed generator: stop the workers now rather
            # than wait for the tasks they are on.
            _stop(self._executor)
        for future in self.futures:
            future.cancel()
        self._executor.shutdown(wait=kind is None)

    @property
    def pending(self) -> bool:
        return bool(self.futures)

    def submit_all(self, work: Callable[[Linter, Task], Result]) -> None:
        assert self._executor is not None
        self._work = work
        for index in sorted(range(len(self.tasks)), key=lambda i: -_weight(self.tasks[i])):
            self.futures[self._executor.submit(_in_worker, work, self.tasks[index])] = index

    def take_finished(self, store: Callable[[int, tuple[Result, LintStats]], None]) -> bool:
        """Store the results of the tasks done; False when there were none."""
        done = [future for future in self.futures if future.done()]
        for future in done:
            store(self.futures.pop(future), future.result())
        return bool(done)

    def steal(self, store: Callable[[int, tuple[Result, LintStats]], None]) -> bool:
        """Run here the lightest task not started; False when every task has started."""
        stolen = next((f for f in reversed(self.futures) if f.cancel()), None)
        if stolen is None:
            return False
        index = self.futures.pop(stolen)
        assert self._work is not None
        store(index, _with_stats(self.linter, self._work, self.tasks[index]))
        return True

    def wait(self, store: Callable[[int, tuple[Result, LintStats]], None]) -> None:
        """Wait for a worker's task to finish; store it (and any other done)."""
        done, _ = wait(self.futures, return_when=FIRST_COMPLETED)
        for future in done:
            store(self.futures.pop(future), future.result())


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel the queued tasks and terminate the workers."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)


def _start(factory: Callable[[], Linter]) -> None:
    # Ctrl-C reaches the whole process group: the parent handles it (and stops the
    # workers); a worker ignores it rather than print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _linter
    _linter = factory()


def _in_worker(work: Callable[[Linter, Task], Result], task: Task) -> tuple[Result, LintStats]:
    assert _linter is not None, "worker not initialised"
    return _with_stats(_linter, work, task)


def _with_stats(
    linter: Linter, work: Callable[[Linter, Task], Result], task: Task
) -> tuple[Result, LintStats]:
    """``work(linter, task)`` and the counters of that work alone."""
    saved, linter.stats = linter.stats, LintStats()
    try:
        return work(linter, task), linter.stats
    finally:
        linter.stats = saved


def _prepare(linter: Linter, files: Sequence[SourceFile]) -> list[Prepared]:
    return linter.prepare(files)


def _parse(linter: Linter, texts: Sequence[str]) -> list[list[Match]]:
    return linter.parse(texts)


def _weight(task: Sequence[Any]) -> int:
    """A task's size in characters (a chunk of files or of sentences)."""
    return sum(len(item) if isinstance(item, str) else len(item.source.text) for item in task)
