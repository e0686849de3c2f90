"""Lint chunks of files in worker processes; each worker builds its linter (and spaCy) once.

Chunks are independent: the claim analysis of a sentence does not depend on the batch it is
parsed in, so any split gives the findings of one in-process run. Results come back per
chunk and the caller puts them in file order.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

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
    factory: Callable[[], Linter],
    jobs: int,
) -> Iterator[tuple[int, ChunkResult]]:
    """Yield ``(chunk index, result)`` as chunks finish, using up to ``jobs`` processes.

    With fork, ``factory`` runs in each worker on inherited state; with spawn it must be
    picklable. A worker's exception is re-raised here and the remaining chunks are cancelled.
    """
    method = "fork" if can_fork() else "spawn"
    context = multiprocessing.get_context(method)
    workers = max(1, min(jobs, len(chunks)))
    # Biggest chunks first, so a large file does not start last and finish alone.
    order = sorted(range(len(chunks)), key=lambda i: -sum(len(f.source.text) for f in chunks[i]))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                             initargs=(factory,)) as pool:
        pending: dict[Future[ChunkResult], int] = {
            pool.submit(_lint_chunk, list(chunks[i])): i for i in order
        }
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    index = pending.pop(future)
                    yield index, future.result()
        finally:
            for future in pending:
                future.cancel()


def _start(factory: Callable[[], Linter]) -> None:
    global _linter
    _linter = factory()


def _lint_chunk(files: list[SourceFile]) -> ChunkResult:
    assert _linter is not None, "worker not initialised"
    _linter.stats = LintStats()
    found = _linter.lint_each(files)
    return found, _linter.stats
