"""Lint chunks of files in this process and ``jobs - 1`` workers that share its loaded state.

Chunks are independent: the claim analysis of a sentence does not depend on the batch it is
parsed in, so any split gives the findings of one in-process run. Results come back per
chunk and the caller puts them in file order. With fork, the spaCy pipeline is loaded once,
here, before the workers start (importing and loading it costs about a second of CPU).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from functools import partial

from linter.engine import Linter, SourceFile
from linter.findings import Finding
from linter.stats import LintStats

#: A chunk's result: each file's findings (in the chunk's order) and the work counters.
ChunkResult = tuple[list[list[Finding]], LintStats]

_linter: Linter | None = None


def can_fork() -> bool:
    """Whether workers can inherit the parent's loaded rules (fork, not on macOS)."""
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def run_chunks(
    chunks: Sequence[Sequence[SourceFile]],
    linter: Linter,
    jobs: int,
    prepare: Callable[[], None] | None = None,
) -> Iterator[tuple[int, ChunkResult]]:
    """Yield ``(chunk index, result)`` as chunks finish, in ``jobs`` processes in all.

    This process lints chunks too, with ``linter``; ``jobs - 1`` workers get an equal linter
    (inherited with fork, after ``prepare`` ran here, so that what it loads is loaded once;
    rebuilt from picklable parts with spawn). A worker's exception is re-raised here and the
    chunks not started are cancelled.
    """
    forking = can_fork()
    if forking and prepare is not None:
        prepare()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    factory = partial(Linter, linter.rules, linter.selection, linter.claims)
    workers = max(1, min(jobs - 1, len(chunks) - 1))
    # Biggest chunks first, so a large file does not start last and finish alone.
    queue = deque(sorted(range(len(chunks)), key=lambda i: -sum(len(f.source.text)
                                                                for f in chunks[i])))
    pending: dict[Future[ChunkResult], int] = {}
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                             initargs=(factory,)) as pool:
        try:
            while queue or pending:
                while queue and len(pending) < 2 * workers:
                    index = queue.popleft()
                    pending[pool.submit(_lint_chunk, list(chunks[index]))] = index
                if queue:  # this process takes the smallest chunk left
                    index = queue.pop()
                    yield index, _lint_with(linter, chunks[index])
                    done = {future for future in pending if future.done()}
                else:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), future.result()
        except BaseException:
            # Ctrl-C, a worker's error or a closed generator: stop the workers now rather
            # than wait for the chunks they are on (leaving the pool would wait for them).
            _stop(pool)
            raise
        finally:
            for future in pending:
                future.cancel()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel the queued chunks and terminate the workers."""
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


def _lint_chunk(files: list[SourceFile]) -> ChunkResult:
    assert _linter is not None, "worker not initialised"
    return _lint_with(_linter, files)


def _lint_with(linter: Linter, files: Sequence[SourceFile]) -> ChunkResult:
    linter.stats = LintStats()
    found = linter.lint_each(files)
    return found, linter.stats
