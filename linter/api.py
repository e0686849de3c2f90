"""The library API: lint a string or paths (the CLI is a thin layer over these functions).

This is the public entry point; the implementation lives in :mod:`linter.running.api`.

>>> from linter.api import lint_text
>>> [f.rule for f in lint_text("Chat GPT answers questions.", claims=False)]
['GL101']
"""

from __future__ import annotations

from linter.knowledge.loaded import KNOWLEDGE_FILE, knowledge, name_digest
from linter.running.api import (
    NOT_FOUND,
    LintRun,
    PathNotFoundError,
    lint_paths,
    lint_text,
    lint_texts,
    linter_for,
    ruleset,
    run,
)
from linter.running.notices import NESTING_NOTICE, Notice

__all__ = [
    "KNOWLEDGE_FILE",
    "NESTING_NOTICE",
    "NOT_FOUND",
    "LintRun",
    "Notice",
    "PathNotFoundError",
    "knowledge",
    "lint_paths",
    "lint_text",
    "lint_texts",
    "linter_for",
    "name_digest",
    "ruleset",
    "run",
]
