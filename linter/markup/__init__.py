"""Markup to prose: Markdown, MDX and text to prose segments with source offset maps.

:func:`extract` (:mod:`linter.markup.extract`) is the entry point; :mod:`linter.markup.segments`
holds what it returns.
"""

from __future__ import annotations

from linter.markup.extract import SYNTAXES, extract, syntax_for
from linter.markup.nesting import may_pass_nesting_limit
from linter.markup.parser import MAX_NESTING

__all__ = ["MAX_NESTING", "SYNTAXES", "extract", "may_pass_nesting_limit", "syntax_for"]
