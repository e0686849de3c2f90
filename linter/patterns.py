"""Compile patterns from rule files in linear time (RE2), so no pattern can hang a run."""

from __future__ import annotations

from typing import Any

try:  # google-re2 is a declared dependency; the fallback only serves unusual platforms.
    import re2 as _engine

    LINEAR_TIME = True
except ImportError:  # pragma: no cover - exercised only without the wheel
    import re as _engine

    LINEAR_TIME = False


class PatternError(ValueError):
    """A rule-file pattern that does not compile."""


def compile_pattern(pattern: str) -> Any:
    """Compile a user-supplied pattern with RE2 (no backreferences or lookaround)."""
    try:
        return _engine.compile(pattern)
    except Exception as exc:  # re2 raises its own error type
        raise PatternError(f"bad pattern {pattern!r}: {exc}") from None
