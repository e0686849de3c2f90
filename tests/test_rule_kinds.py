"""The word-list rule kinds (existence, substitution, consistency, acronym, capitalization):
must-fire / must-not-fire tables per kind, document-level behaviour, fixes, and rule-file errors.

Each table row is ``(text, expected)``: ``expected`` lists the flagged source texts of the
kind's test rule, in order (empty: must not fire).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from linter.api import lint_text
from linter.checks.ruleset import load_ruleset
from linter.config import Config
from linter.datafiles.lines import YamlError
from linter.fixing.edits import apply_edits, plan_edits

RULES = """\
kind: existence
rules:
  - code: T001
    name: test-existence
    severity: suggestion
    tokens: [leverage, utilize, cutting edge]
    message: 'Avoid "{match}" {0}'
    examples: {bad: ["We leverage it."], good: ["We use it."]}
  - code: T002
    kind: substitution
    name: test-substitution
    severity: suggestion
    swap: {"gen AI": generative AI, "AI model": model, "LLM's": LLMs}
    examples: {bad: ["gen AI"], good: ["generative AI"]}
  - code: T003
    kind: consistency
    name: test-consistency
    severity: suggestion
    variants: [fine-tune, finetune]
    examples: {bad: ["finetune, fine-tune, fine-tune"], good: ["fine-tune"]}
  - code: T004
    kind: acronym
    name: test-acronym
    severity: suggestion
    acronym: RAG
    expansion: retrieval-augmented generation
    examples: {bad: ["RAG helps."], good: ["Retrieval-augmented generation (RAG) helps."]}
  - code: T005
    kind: capitalization
    name: test-capitalization
    severity: suggestion
    terms: [vector database]
    examples: {bad: ["We run a Vector Database."], good: ["We run a vector database."]}
"""


@cache
def _config(tmp: Path) -> Config:
    path = tmp / "kinds.yaml"
    path.write_text(RULES, encoding="utf-8")
    return Config(rule_files=(path,))


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    return _config(tmp_path_factory.mktemp("kinds"))


def flagged(text: str, code: str, config: Config) -> list[str]:
    return [f.text for f in lint_text(text, config=config, claims=False) if f.rule == code]


def fixed(text: str, code: str, config: Config) -> str:
    findings = [f for f in lint_text(text, config=config, claims=False) if f.rule == code]
    edits, _ = plan_edits(text, findings)
    return apply_edits(text, edits) if edits else text


TABLE = [
    # existence: inflections, case-insensitive, words only
    ("T001", "We leverage embeddings.", ["leverage"]),
    (
        "T001",
        "It leverages, leveraged and is leveraging them.",
        ["leverages", "leveraged", "leveraging"],
    ),
    ("T001", "Teams utilized it; UTILIZE nothing.", ["utilized", "UTILIZE"]),
    ("T001", "A cutting edge model; cutting   edges.", ["cutting edge", "cutting   edges"]),
    ("T001", "We use embeddings.", []),
    ("T001", "Call `leverage()` or read leverage.md.", []),
    ("T001", "Try the leveraged_buyout package.", []),
    # substitution
    ("T002", "We use gen AI daily.", ["gen AI"]),
    ("T002", "Many LLM's are open.", ["LLM's"]),
    ("T002", "We use generative AI daily.", []),
    ("T002", "Read gen-ai.md first.", []),
    # consistency: the variant used most wins
    ("T003", "Finetune it. Then fine-tune again and fine-tune once more.", ["Finetune"]),
    ("T003", "Fine-tune it. Then fine-tune again.", []),
    ("T003", "Finetune it.", []),
    # acronym: the first unexpanded use only
    ("T004", "RAG helps. RAG scales.", ["RAG"]),
    ("T004", "Retrieval-augmented generation (RAG) helps. RAG scales.", []),
    ("T004", "RAG (Random Access Graph) helps.", ["RAG (Random Access Graph)"]),
    ("T004", "# RAG\n\nRetrieval-augmented generation (RAG) helps.", []),
    # capitalization
    ("T005", "We run a Vector Database in production.", ["Vector Database"]),
    ("T005", "We run two Vector databases in production.", ["Vector databases"]),
    ("T005", "Vector databases store embeddings.", []),
    ("T005", "## Vector Database Setup", []),
    ("T005", "We run Pinecone Vector Database in production.", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), TABLE)
def test_kind_table(code: str, text: str, expected: list[str], config: Config) -> None:
    assert flagged(text, code, config) == expected


FIXES = [
    ("T002", "We use gen AI daily.", "We use generative AI daily."),
    ("T002", "Gen AI is here.", "Generative AI is here."),
    ("T002", "WE USE GEN AI.", "WE USE GENERATIVE AI."),
    ("T002", "Many LLM's are open.", "Many LLMs are open."),
    ("T002", "Each AI model differs.", "Each model differs."),
    ("T002", "AI model choice matters.", "Model choice matters."),
    (
        "T003",
        "Finetune it. Then fine-tune again and fine-tune once more.",
        "Fine-tune it. Then fine-tune again and fine-tune once more.",
    ),
    ("T004", "A RAG pipeline helps.", "A retrieval-augmented generation (RAG) pipeline helps."),
    ("T004", "RAG helps.", "Retrieval-augmented generation (RAG) helps."),
    ("T005", "We run a Vector Database in production.", "We run a vector database in production."),
    ("T005", "Two Vector Databases run here.", "Two vector databases run here."),
]


@pytest.mark.parametrize(("code", "text", "expected"), FIXES)
def test_fix_keeps_casing(code: str, text: str, expected: str, config: Config) -> None:
    assert fixed(text, code, config) == expected


def test_existence_message_names_the_match(config: Config) -> None:
    findings = lint_text("We leverage it.", config=config, claims=False)
    assert [f.message for f in findings if f.rule == "T001"] == ['Avoid "leverage" {0}']


def test_consistency_spans_the_document(config: Config) -> None:
    text = "# Guide\n\nWe finetune daily.\n\n- fine-tune the base model\n- fine-tune the adapter\n"
    findings = [f for f in lint_text(text, config=config, claims=False) if f.rule == "T003"]
    assert [(f.line, f.text) for f in findings] == [(3, "finetune")]
    assert "fine-tune" in findings[0].message


def test_acronym_looks_at_the_whole_document(config: Config) -> None:
    expanded = (
        "# Intro\n\nRetrieval-augmented generation (RAG) grounds answers.\n\n## Use\n\nRAG helps.\n"
    )
    assert flagged(expanded, "T004", config) == []
    late = "# RAG\n\nSome text first.\n\nThen RAG helps. RAG scales.\n"
    findings = [f for f in lint_text(late, config=config, claims=False) if f.rule == "T004"]
    assert [(f.line, f.column) for f in findings] == [(5, 6)]


def test_acronym_counts_per_file(tmp_path: Path, config: Config) -> None:
    from linter.api import lint_paths

    (tmp_path / "a.md").write_text("Retrieval-augmented generation (RAG) helps.\n", "utf-8")
    (tmp_path / "b.md").write_text("RAG helps.\n", "utf-8")
    report = lint_paths([tmp_path], config=config)
    assert [(Path(f.path).name, f.rule) for f in report.findings if f.rule == "T004"] == [
        ("b.md", "T004")
    ]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("    tokens: leverage\n", "kinds.yaml:6: 'tokens' must be a list of strings"),
        (
            "    tokens: [x]\n    ignorecase: maybe\n",
            "kinds.yaml:7: 'ignorecase' must be true or false",
        ),
        ("    kind: spelling\n", "kinds.yaml:6: 'kind' must be one of"),
        (
            "    tokens: [x]\n    swap: {a: b}\n",
            "kinds.yaml:7: unknown key 'swap' in a existence rule",
        ),
    ],
)
def test_rule_file_errors_name_file_and_line(tmp_path: Path, rule: str, message: str) -> None:
    path = tmp_path / "kinds.yaml"
    head = "kind: existence\nrules:\n  - code: T001\n    name: t\n    severity: warning\n"
    path.write_text(head + rule, encoding="utf-8")
    with pytest.raises(YamlError) as info:
        load_ruleset([path])
    assert message in str(info.value)


def test_readme_documents_every_kind() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for kind in ("existence", "substitution", "consistency", "acronym", "capitalization"):
        assert f"kind: {kind}" in readme, kind


def test_shipped_files_match_the_editor_schemas() -> None:
    """The JSON Schemas shipped for editors accept every shipped rule and knowledge file."""
    jsonschema = pytest.importorskip("jsonschema")
    import json

    from linter.checks.ruleset import DEFAULT_RULE_FILES
    from linter.datafiles.packaged import packaged_path
    from linter.datafiles.yamlload import load_yaml
    from linter.knowledge.files import shipped_knowledge_files

    knowledge = shipped_knowledge_files(packaged_path("knowledge.yaml"))
    assert len(knowledge) > 1  # rules/knowledge/*.yaml ship too
    for schema_name, paths in (
        ("rules.schema.json", [packaged_path(name) for name in DEFAULT_RULE_FILES]),
        ("knowledge.schema.json", knowledge),
    ):
        schema = json.loads(packaged_path(schema_name).read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        for path in paths:
            data = json.loads(json.dumps(load_yaml(path)))  # dates stay text, as genai-lint reads
            assert [e.message for e in validator.iter_errors(data)] == [], path.name
    bad = {"kind": "existence", "rules": [{"code": "X001", "name": "x", "severity": "warning"}]}
    schema = json.loads(packaged_path("rules.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
