"""Counters of how much text a run read, segmented and sent to spaCy (``--debug`` prints them)."""

from __future__ import annotations

from dataclasses import dataclass, fields

_STEP = 1 << 20


def word_count(text: str) -> int:
    """``len(text.split())``, without building the list for a long text (bounded memory)."""
    if len(text) <= _STEP:
        return len(text.split())
    total = 0
    for start in range(0, len(text), _STEP):
        total += len(text[start : start + _STEP].split())
        if start and not text[start - 1].isspace() and not text[start].isspace():
            total -= 1  # a word cut in two by the slice
    return total


@dataclass
class LintStats:
    """How much work a run did; workers' counters are added together with :meth:`add`."""

    files: int = 0  # files linted (not answered from the cache)
    words: int = 0  # words in those files
    matched_files: int = 0  # files the raw-text prefilter let through to segmentation
    matched_words: int = 0
    candidates: int = 0  # candidate sentences sent to spaCy
    parsed_words: int = 0  # words in those sentences
    cached_files: int = 0  # files answered from the cache
    workers: int = 0  # worker processes used (0: in-process)

    def add(self, other: LintStats) -> None:
        """Add ``other``'s counters to these (``workers`` is not summed)."""
        for field in fields(self):
            if field.name != "workers":
                setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    def summary(self) -> str:
        """One line: files, cache hits, words, and the share of words parsed by spaCy."""
        share = f"{100 * self.parsed_words / self.words:.1f}%" if self.words else "0%"
        mode = f"{self.workers} workers" if self.workers else "in-process"
        return (
            f"{self.files + self.cached_files} files ({self.cached_files} from cache, "
            f"{self.files} linted {mode}); {self.words} words linted, {self.matched_words} in "
            f"{self.matched_files} files past the prefilter, {self.parsed_words} ({share}) in "
            f"{self.candidates} sentences parsed"
        )
