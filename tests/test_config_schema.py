"""The JSON Schema of ``.genai-lint.yaml`` (``schemas/genai-lint.schema.json``, for editors)
agrees with the config loader: the same keys, and the same verdict on the example configs
and on a table of good and bad ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from linter.config import KEYS, ConfigError, load_config

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "schemas" / "genai-lint.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
MODELINE = ("# yaml-language-server: $schema=https://raw.githubusercontent.com/genai-lint/"
            "genai-lint/main/schemas/genai-lint.schema.json")


def _readme_configs() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```ya?ml\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    return [block for block in blocks if "fail-on:" in block]


def test_schema_is_valid_and_lists_the_loaders_keys() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert set(SCHEMA["properties"]) == KEYS | {key.replace("_", "-") for key in KEYS}
    assert SCHEMA["additionalProperties"] is False


@pytest.mark.parametrize("path", [ROOT / "examples/.genai-lint.yaml",
                                  ROOT / "tests/acme_project/.genai-lint.yaml"],
                         ids=["examples", "acme_project"])
def test_example_configs_validate(path: Path) -> None:
    VALIDATOR.validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    load_config(path)


def test_readme_config_validates_and_names_the_schema(tmp_path: Path) -> None:
    (block,) = _readme_configs()
    assert block.startswith(MODELINE + "\n")
    VALIDATOR.validate(yaml.safe_load(block))
    for name in ("docs/genai-lint-rules.yaml", "docs/genai-lint-knowledge.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    rules = "kind: existence\nrules:\n  - {code: X001, name: x, severity: warning, tokens: [x]}\n"
    (tmp_path / "docs/genai-lint-rules.yaml").write_text(rules, encoding="utf-8")
    (tmp_path / "docs/genai-lint-knowledge.yaml").write_text("entities: []\n", encoding="utf-8")
    (tmp_path / ".genai-lint.yaml").write_text(block, encoding="utf-8")
    load_config(tmp_path / ".genai-lint.yaml")
    assert MODELINE in (ROOT / "examples/.genai-lint.yaml").read_text(encoding="utf-8")


CASES = [  # (config text, valid?)
    ("fail-on: error\n", True),
    ("fail_on: suggestion\nrespect-gitignore: false\n", True),
    ("select: [GL1, chatgpt-name]\nignore: [ALL]\n", True),
    ("severity: {GL206: suggestion}\n", True),
    ("per-file-ignores: {'docs/**': [GL101]}\n", True),
    ("per-file-severity: {'docs/blog/**': {GL201: warning}}\n", True),
    ("extensions: [.md, mdx]\nexclude: ['docs/archive/**']\ninclude: ['*.md']\n", True),
    ("model: en_core_web_sm\nselect: null\n", True),
    ("", True),
    ("fail-on: fatal\n", False),
    ("fail-on: [error]\n", False),
    ("unknown-key: 1\n", False),
    ("select: GL101\n", False),
    ("select: ['GL 101']\n", False),
    ("severity: {GL101: loud}\n", False),
    ("per-file-ignores: {'docs/**': GL101}\n", False),
    ("per-file-severity: {'docs/**': [GL101]}\n", False),
    ("respect-gitignore: 'yes'\n", False),
    ("extensions: [docs/x]\n", False),
    ("exclude: ['']\n", False),
    ("- a list\n", False),
]


@pytest.mark.parametrize(("text", "valid"), CASES, ids=[c[0].strip() or "empty" for c in CASES])
def test_schema_and_loader_agree(tmp_path: Path, text: str, valid: bool) -> None:
    path = tmp_path / ".genai-lint.yaml"
    path.write_text(text, encoding="utf-8")
    schema_ok = VALIDATOR.is_valid(yaml.safe_load(text))
    try:
        load_config(path)
        loader_ok = True
    except ConfigError:
        loader_ok = False
    assert (schema_ok, loader_ok) == (valid, valid)
