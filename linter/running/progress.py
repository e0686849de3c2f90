"""A one-line progress bar on stderr, for long runs in a terminal only."""

from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 30


def wanted(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (default: stderr) is a terminal that can show a progress bar."""
    stream = stream if stream is not None else sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Counts finished files; draws only once a run has lasted ``delay`` seconds.

    Short runs print nothing; the line is erased when the run ends, so the results that
    follow start on a clean line.
    """

    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        *,
        delay: float = 0.5,
        label: str = "linting",
    ) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self._start = time.monotonic()
        self._delay = delay
        self._drawn_at = 0.0
        self._shown = False

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        now = time.monotonic()
        if now - self._start < self._delay or now - self._drawn_at < 0.1:
            return
        self._drawn_at = now
        self._draw()

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def _draw(self) -> None:
        share = self.done / self.total if self.total else 1.0
        filled = int(share * _WIDTH)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self.stream.write(
            f"\rgenai-lint: {self.label} [{bar}] {self.done}/{self.total} files ({share:.0%})\x1b[K"
        )
        self.stream.flush()
        self._shown = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
