"""A team's own project: config → custom knowledge and rules → check → fix → explain → test-rules.

``tests/acme_project`` adds a company model (AcmeVision, a text-to-image model by Acme Corp) and
a term rule for its name, without any Python.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli

PROJECT = Path(__file__).parent / "acme_project"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "acme"
    shutil.copytree(PROJECT, root)
    monkeypatch.chdir(root)
    return root


def test_custom_entity_and_rule_findings(project: Path) -> None:
    result = CliRunner().invoke(cli, ["docs/", "--format", "json"])
    assert result.exit_code == 1
    import json

    found = {(f["rule"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("GL201", 3, 1), ("GL205", 5, 1), ("ACME001", 5, 37)}


def test_fix_uses_custom_vendor_and_term(project: Path) -> None:
    result = CliRunner().invoke(cli, ["docs/", "--fix"])
    assert result.exit_code == 1  # the category claim has no automatic fix
    text = (project / "docs" / "models.md").read_text(encoding="utf-8")
    assert "Acme Corp's AcmeVision draws diagrams. AcmeVision is our brand." in text
    again = CliRunner().invoke(cli, ["docs/", "--fix"])
    assert (project / "docs" / "models.md").read_text(encoding="utf-8") == text
    assert again.exit_code == 1


def test_explain_custom_entity_and_rule(project: Path) -> None:
    entity = CliRunner().invoke(cli, ["explain", "AcmeVision"])
    assert entity.exit_code == 0
    assert "vendor:        Acme Corp" in entity.output
    assert "AcmeVision product page <https://example.com/acmevision>" in entity.output
    rule = CliRunner().invoke(cli, ["explain", "ACME001"])
    assert rule.exit_code == 0 and "acme-vision-name" in rule.output


def test_custom_rules_pass_their_own_examples(project: Path) -> None:
    result = CliRunner().invoke(cli, ["test-rules", "acme-rules.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 rules, 3 checks, 0 failed."


def test_custom_knowledge_file_is_schema_checked(project: Path) -> None:
    (project / "bad.yaml").write_text(
        "entities:\n  - id: x\n    name: X\n    kind: model\n    outputs: [image]\n",
        encoding="utf-8",
    )
    (project / ".genai-lint.yaml").write_text("knowledge-files: [bad.yaml]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["docs/"])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "bad.yaml:5: entities.0.outputs: Additional properties are not allowed "
        "('outputs' was unexpected)"
    )
