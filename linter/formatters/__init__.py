"""Output formatters: ``text`` (default), ``json``, ``sarif`` and ``github``.

Every formatter takes a :class:`~linter.report.Report` and the keyword options ``color``,
``statistics`` and ``quiet`` (only ``text`` uses them) and returns the whole output as a
string, newline-terminated unless empty; the CLI decides where it goes.
"""

from __future__ import annotations

from collections.abc import Callable

from linter.formatters import github, json_format, sarif, text
from linter.report import Report

Formatter = Callable[..., str]

FORMATS: dict[str, Formatter] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
}


def render(
    fmt: str, report: Report, *, color: bool = False, statistics: bool = False,
    quiet: bool = False,
) -> str:
    """Render ``report`` in format ``fmt``; an unknown format is a :class:`ValueError`."""
    try:
        formatter = FORMATS[fmt]
    except KeyError:
        allowed = ", ".join(FORMATS)
        raise ValueError(f"unknown format {fmt!r} (expected one of: {allowed})") from None
    return formatter(report, color=color, statistics=statistics, quiet=quiet)


__all__ = ["FORMATS", "Formatter", "render"]
