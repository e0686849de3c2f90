"""Output formatters: ``text`` (default), ``json``, ``sarif`` and ``github``.

Every formatter takes a :class:`~linter.reporting.report.Report` and the keyword options ``color``,
``statistics``, ``quiet`` and ``file_errors`` (only ``text`` uses them) and returns the whole
output as a string, newline-terminated unless empty; the CLI decides where it goes.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from linter.reporting.report import Report

Formatter = Callable[..., str]


def _on_first_use(module: str) -> Formatter:
    """``render`` of ``linter.reporting.formatters.<module>``, imported when first called: a run
    imports the one formatter it uses."""

    def render(report: Report, **options: Any) -> str:
        rendered: str = import_module(f"linter.reporting.formatters.{module}").render(
            report, **options)
        return rendered

    render.__qualname__ = render.__name__ = f"{module}.render"
    return render


FORMATS: dict[str, Formatter] = {
    "text": _on_first_use("text"),
    "json": _on_first_use("json_format"),
    "sarif": _on_first_use("sarif"),
    "github": _on_first_use("github"),
}


def render(
    fmt: str, report: Report, *, color: bool = False, statistics: bool = False,
    quiet: bool = False, file_errors: bool = True,
) -> str:
    """Render ``report`` in format ``fmt``; an unknown format is a :class:`ValueError`.

    ``file_errors=False`` keeps the text format from listing the paths that could not be
    read or fixed (its summary still counts them); the other formats always hold them.
    """
    try:
        formatter = FORMATS[fmt]
    except KeyError:
        allowed = ", ".join(FORMATS)
        raise ValueError(f"unknown format {fmt!r} (expected one of: {allowed})") from None
    return formatter(report, color=color, statistics=statistics, quiet=quiet,
                     file_errors=file_errors)


__all__ = ["FORMATS", "Formatter", "render"]
