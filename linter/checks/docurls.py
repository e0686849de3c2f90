"""Where a rule's documentation page is published (SARIF ``helpUri``, the text output's links).

Kept apart from :mod:`linter.checks.docs`, which renders the pages, so that the formatters do
not load the page builder at start-up.
"""

from __future__ import annotations

from functools import cache

from linter.checks.info import RuleInfo
from linter.checks.ruleset import DEFAULT_RULE_FILES
from linter.datafiles.packaged import packaged_path

REPOSITORY = "https://github.com/genai-lint/genai-lint"
#: Where the rule pages are published: the ``docs/rules`` folder of the main branch.
DOCS_URL = f"{REPOSITORY}/blob/main/docs/rules"


@cache
def _shipped_origins() -> frozenset[str]:
    return frozenset(str(packaged_path(name).resolve()) for name in DEFAULT_RULE_FILES)


def is_shipped(info: RuleInfo) -> bool:
    """Whether the rule ships with genai-lint (and so has a docs page)."""
    return info.origin in _shipped_origins()


def doc_url(info: RuleInfo) -> str | None:
    """The web address of the rule's page, or ``None`` for a rule of a team's rule file."""
    return f"{DOCS_URL}/{info.code}.md" if is_shipped(info) else None
