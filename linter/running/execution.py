"""How a run's files get linted: the cache first, then in-process or in worker processes.

The findings are those of ``Linter.lint`` on all files, whatever the cache held and however
the work was split (file order and the stable sort are kept).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from linter.config import Config
from linter.findings import Finding
from linter.running.cache import LintCache
from linter.running.engine import Linted, Linter, SourceFile
from linter.running.notices import Notice
from linter.running.progress import Progress
from linter.running.stats import LintStats, word_count

#: Below this much text (characters, about 25,000 words) starting workers costs more than
#: it saves (and the spaCy pipeline is loaded up front, before any sentence asks for it).
PARALLEL_MIN_CHARS = 150_000
#: Chunks per worker: small enough to balance the load, big enough for spaCy's batching.
CHUNKS_PER_JOB = 8
#: In-process chunk size (characters): bounds the memory held for segments and sentences.
INPROCESS_CHUNK_CHARS = 2_000_000


@dataclass(frozen=True)
class Execution:
    """Worker processes (``jobs``), the cache folder (``None``: no cache) and progress."""

    jobs: int = 1
    cache_dir: Path | None = None
    progress: bool = False


@dataclass(frozen=True)
class Results:
    """A run's findings, sorted as ``Linter.lint`` sorts them, its work counters, and the
    notices of the files the engine extracted (by label)."""

    findings: list[Finding]
    stats: LintStats
    notices: dict[str, tuple[Notice, ...]]


def lint_sources(
    linter: Linter,
    files: Sequence[SourceFile],
    execution: Execution,
    config: Config,
) -> Results:
    """Lint ``files``: from the cache, else in this process or in workers."""
    results: list[Linted | None] = [None] * len(files)
    stats = LintStats()
    cache = _open_cache(linter, config, execution)
    keys: list[str] = []
    if cache is not None:
        keys = [cache.key(f.label, f.source.text) for f in files]
        for index, key in enumerate(keys):
            cached = cache.get(key)
            results[index] = None if cached is None else Linted(cached)
        stats.cached_files = cache.hits
    todo = [i for i, found in enumerate(results) if found is None]
    linted = _prefilter(linter, files, todo, results, stats)
    with Progress(len(todo)) if execution.progress else _NoProgress() as progress:
        progress.advance(len(todo) - len(linted))
        preload = partial(_preload, linter, config.model)
        _lint(linter, files, linted, results, stats, execution, progress, preload)
    if cache is not None:
        for index in todo:
            done = results[index]
            cache.put(keys[index], done.findings if done is not None else [])
    findings = [finding for done in results if done is not None for finding in done.findings]
    notices = {file.label: done.notices for file, done in zip(files, results, strict=True)
               if done is not None and done.notices is not None}
    return Results(sorted(findings, key=lambda f: f.sort_key), stats, notices)


def _open_cache(linter: Linter, config: Config, execution: Execution) -> LintCache | None:
    if execution.cache_dir is None:
        return None
    from linter.running.cachekey import run_fingerprint

    return LintCache(execution.cache_dir, run_fingerprint(linter, config))


def _prefilter(
    linter: Linter,
    files: Sequence[SourceFile],
    todo: list[int],
    results: list[Linted | None],
    stats: LintStats,
) -> list[int]:
    """Answer the files no rule can match (no findings); return the others."""
    linted = []
    for index in todo:
        text = files[index].source.text
        if linter.could_match(text):
            linted.append(index)
        else:
            results[index] = Linted([])
            stats.files += 1
            stats.words += word_count(text)
    return linted


def _lint(
    linter: Linter,
    files: Sequence[SourceFile],
    indices: list[int],
    results: list[Linted | None],
    stats: LintStats,
    execution: Execution,
    progress: Progress | _NoProgress,
    preload: Callable[[], None],
) -> None:
    sizes = {i: len(files[i].source.text) for i in indices}
    total = sum(sizes.values())
    if execution.jobs > 1 and len(indices) > 1 and total >= PARALLEL_MIN_CHARS:
        # Workers prepare chunks of files while this process loads spaCy and parses (see
        # linter.running.parallel).
        from linter.running.parallel import lint_in_parallel

        chunks = _split(indices, sizes, execution.jobs * CHUNKS_PER_JOB)
        stats.workers = min(execution.jobs, len(chunks))
        linter.stats = LintStats()
        found = lint_in_parallel([[files[i] for i in chunk] for chunk in chunks], linter,
                                 execution.jobs, preload, progress.advance)
        stats.add(linter.stats)
        for chunk, chunk_found in zip(chunks, found, strict=True):
            _store(chunk, chunk_found, results)
        return
    count = max(1, -(-total // INPROCESS_CHUNK_CHARS))
    if execution.progress:
        count = max(count, min(len(indices), 20))
    for chunk in _split(indices, sizes, count):
        linter.stats = LintStats()
        _store(chunk, linter.lint_files([files[i] for i in chunk]), results)
        stats.add(linter.stats)
        progress.advance(len(chunk))


def _preload(linter: Linter, model: str | None) -> None:
    """Load the spaCy pipeline while the workers prepare files, so that the parse workers
    forked afterwards share it."""
    if not linter.runs_claims:
        return
    from linter.running.nlp import ModelError, load_pipeline

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # no BLAS threads to fork (spaCy uses blis)
    with contextlib.suppress(ModelError):  # reported by the first chunk that needs it
        load_pipeline(model)


def _split(indices: list[int], sizes: dict[int, int], count: int) -> list[list[int]]:
    """Consecutive runs of ``indices`` in about ``count`` chunks of similar total size."""
    target = max(1, sum(sizes.values()) / max(1, count))
    chunks: list[list[int]] = []
    current: list[int] = []
    size = 0
    for index in indices:
        current.append(index)
        size += sizes[index]
        if size >= target:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks


def _store(chunk: list[int], found: list[Linted], results: list[Linted | None]) -> None:
    for index, linted in zip(chunk, found, strict=True):
        results[index] = linted


class _NoProgress:
    def advance(self, count: int = 1) -> None:
        pass

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        pass
