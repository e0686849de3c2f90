"""Markup to prose: Markdown, MDX and plain text become prose segments with exact offset maps
back to the source, plus the documents' comments and the suppression directives in them."""

from __future__ import annotations

from linter.markup.markdown import (
    MAX_NESTING,
    SYNTAXES,
    extract,
    may_pass_nesting_limit,
    syntax_for,
)

__all__ = ["MAX_NESTING", "SYNTAXES", "extract", "may_pass_nesting_limit", "syntax_for"]
