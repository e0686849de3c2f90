"""A team's own facts in a knowledge file are checked with no code (data-only extension)."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.api import lint_text
from linter.config import Config
from linter.datafiles.lines import YamlError

TEAM_KB = """\
sources:
  acme-handbook:
    title: "Acme assistant handbook"
    url: "https://acme.example/handbook"
    accessed: "2026-12-01"
vendors:
  acme: {name: Acme Corp, aliases: [Acme Corp], sources: [acme-handbook]}
entities:
  - id: acme-helper
    name: AcmeHelper
    kind: product
    category: chatbot
    vendor: acme
    powered_by: [claude]
    sources: {category: acme-handbook, vendor: acme-handbook, powered_by: acme-handbook}
"""


def _config(tmp_path: Path, text: str = TEAM_KB) -> Config:
    path = tmp_path / "team-knowledge.yaml"
    path.write_text(text, encoding="utf-8")
    return Config(knowledge_files=(path,))


def _rules(text: str, config: Config) -> list[str]:
    return [f.rule for f in lint_text(text, config=config)]


def test_a_team_product_powered_by_fact_is_checked(tmp_path: Path) -> None:
    config = _config(tmp_path)
    assert _rules("AcmeHelper is powered by PaLM 2.", config) == ["GL207"]
    assert _rules("AcmeHelper is powered by Claude.", config) == []
    assert _rules("AcmeHelper is not powered by PaLM 2.", config) == []


def test_a_team_vendor_fact_is_checked(tmp_path: Path) -> None:
    config = _config(tmp_path)
    assert "GL205" in _rules("Google's AcmeHelper answers tickets.", config)
    assert _rules("Acme Corp's AcmeHelper answers tickets.", config) == []


def test_crediting_a_team_product_s_co_developer_is_right(tmp_path: Path) -> None:
    kb = TEAM_KB.replace("    powered_by: [claude]\n",
                         "    powered_by: [claude]\n    co_developers: [anthropic]\n")
    kb = kb.replace("powered_by: acme-handbook}",
                    "powered_by: acme-handbook, co_developers: acme-handbook}")
    config = _config(tmp_path, kb)
    assert _rules("Anthropic's AcmeHelper answers tickets.", config) == []
    assert "GL205" in _rules("Google's AcmeHelper answers tickets.", config)


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        ("vendor: acme", "vendor: acme-corp"),
        ("category: chatbot", "category: chat-bot"),
        ("powered_by: [claude]", "powered_by: [claud]"),
        ("powered_by: [claude]", "powered_by: [claude]\n    co_developers: [anthropc]"),
    ],
)
def test_a_misspelt_reference_is_an_error_with_a_suggestion(
    tmp_path: Path, wrong: str, expected: str
) -> None:
    config = _config(tmp_path, TEAM_KB.replace(wrong, expected))
    with pytest.raises(YamlError) as caught:
        lint_text("AcmeHelper is powered by PaLM 2.", config=config)
    message = str(caught.value)
    assert "team-knowledge.yaml:" in message and "did you mean" in message


def test_a_team_product_name_misspelt_is_flagged(tmp_path: Path) -> None:
    config = _config(tmp_path)
    found = [(f.rule, f.fix) for f in lint_text("Open AcmeHelpr and ask it.", config=config)]
    assert any(rule == "GL114" for rule, _ in found), found
    assert _rules("Open AcmeHelper and ask it.", config) == []
