"""What every check returns: a match in prose coordinates, before it becomes a Finding."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    """Rule ``code`` matched prose ``[start, end)`` of one segment."""

    code: str
    start: int
    end: int
    message: str
    replacement: str | None = None
