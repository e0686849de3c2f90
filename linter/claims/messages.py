"""Finding messages of the claim rules, from the ``messages`` templates in ``rules/claims.yaml``.

A template names its fields in braces ("{name} is made by {right}, not {wrong}"); the judge
and the checks fill them from the knowledge base. No message text lives in Python.
"""

from __future__ import annotations

from functools import cache
from typing import Any

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
