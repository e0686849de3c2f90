"""The registry of rule kinds: every kind registers itself once, and the rule-file schema that
editors use names the same kinds."""

from __future__ import annotations

import json

import pytest

from linter.checks.registry import BuildContext, Scope, kinds, rule_kind
from linter.datafiles.packaged import packaged_path


def test_the_schema_names_every_registered_kind() -> None:
    schema = json.loads(packaged_path("rules.schema.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["kind"]["enum"]) == set(kinds())


@pytest.mark.parametrize(("name", "scope", "fixable", "safe"), [
    ("term", Scope.PROSE, True, True),
    ("name-spelling", Scope.PROSE, True, True),
    ("existence", Scope.PROSE, False, False),
    ("substitution", Scope.PROSE, True, False),
    ("capitalization", Scope.PROSE, True, False),
    ("consistency", Scope.DOCUMENT, True, False),
    ("acronym", Scope.DOCUMENT, True, False),
    ("claim", Scope.SENTENCES, False, True),
])
def test_each_kind_says_how_it_runs_and_fixes(
    name: str, scope: Scope, fixable: bool, safe: bool
) -> None:
    kind = kinds()[name]
    assert (kind.scope, kind.fixable, kind.safe_fixes) == (scope, fixable, safe)
    assert (kind.checker is not None) == (scope is Scope.SENTENCES)


def test_a_kind_registers_once() -> None:
    kinds()
    with pytest.raises(ValueError, match="registered twice"):
        rule_kind("term", scope=Scope.PROSE)(lambda info, entry, context: None)
    with pytest.raises(ValueError, match="one sentence checker"):
        rule_kind("another-claim", scope=Scope.SENTENCES,
                  checker=lambda infos, settings: None)(  # type: ignore[arg-type, return-value]
            lambda info, entry, context: None)
    assert "another-claim" not in kinds()
    assert BuildContext().knowledge_files == ()
