"""Finding messages of the claim rules, from the ``messages`` templates in ``rules/claims.yaml``.

A template names its fields in braces ("{name} is made by {right}, not {wrong}"); the judge
and the checks fill them from the knowledge base. No message text lives in Python.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from linter.checks.base import Match
from linter.claims.facts import join_names

CLAIMS_FILE = "claims.yaml"


@cache
def _templates() -> dict[str, dict[str, str]]:
    """Rule name → case → template, from the shipped claim rules."""
    from linter.datafiles.packaged import packaged_path
    from linter.datafiles.yamlload import load_yaml

    data = load_yaml(packaged_path(CLAIMS_FILE))
    return {
        str(rule["name"]): {str(k): str(v) for k, v in (rule.get("messages") or {}).items()}
        for rule in data["rules"]
    }


def say(rule: str, case: str, **fields: Any) -> str:
    """The message of ``rule`` for ``case``, its fields filled in."""
    return _templates()[rule][case].format(**fields)


def one_for_the_list(rule: str, members: list[tuple[Match, str]]) -> Match:
    """ "models like ChatGPT, Perplexity and Copilot", "GPT-4 and Claude generate images": one
    claim about the listed members, one finding from the first to the last, naming the others."""
    members.sort(key=lambda m: m[0].start)
    first, last = members[0][0], members[-1][0]
    if len(members) == 1:
        return first
    others = join_names([name for _, name in members[1:]])
    message = (say(rule, "also", message=first.message, others=others)
               if "also" in _templates()[rule] else first.message)
    return Match(first.code, first.start, last.end, message, None)
