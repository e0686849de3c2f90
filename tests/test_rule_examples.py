"""Every shipped rule carries examples, and they behave as labelled (``genai-lint test-rules``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.api import ruleset
from linter.cli import cli
from linter.cli.ruletest import check_rules
from linter.config import Config

RULES = ruleset(Config()).infos


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_examples(code: str) -> None:
    info = RULES[code]
    assert info.examples.get("bad") and info.examples.get("good"), f"{code} needs examples"
    if info.fixable and info.kind == "term":
        assert len(info.examples.get("fixed", ())) == len(info.examples["bad"])


def test_shipped_examples_behave() -> None:
    failures = [r for r in check_rules(RULES.values()) if not r.passed]
    assert failures == []


BROKEN_RULE = """\
kind: term
rules:
  - code: ACME001
    name: acme-vision-name
    severity: warning
    preferred: AcmeVision
    variants: ["Acme Vision"]
    rationale: Our model is written AcmeVision.
    examples:
      bad: ["Acmevision draws diagrams."]
      good: ["AcmeVision draws diagrams.", "Acme Vision is fine here, says nobody."]
"""


def test_test_rules_command_reports_mismatches(tmp_path: Path) -> None:
    rule_file = tmp_path / "acme.yaml"
    rule_file.write_text(BROKEN_RULE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["test-rules", "--no-config", str(rule_file)])
    assert result.exit_code == 1
    assert "ACME001 bad: 'Acmevision draws diagrams.': no finding" in result.output
    assert "ACME001 good: 'Acme Vision is fine here, says nobody.'" in result.output
    assert "1 rules, 3 checks, 2 failed." in result.output


def test_test_rules_command_passes_on_shipped_rules() -> None:
    result = CliRunner().invoke(cli, ["test-rules", "--no-config"])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("0 failed.\n")
