"""Start-up cost: what a run imports, and the cache of parsed rule and knowledge files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter.datafiles import yamlcache
from linter.datafiles.lines import LineDict
from linter.datafiles.yamlload import load_yaml

PROBE = """\
import sys
from linter.cli import main
code = main(sys.argv[1:])
heavy = ("spacy", "markdown_it", "yaml", "pathspec")
print(sorted(name for name in heavy if name in sys.modules))
raise SystemExit(code)
"""


def probe(folder: Path, *args: str) -> tuple[int, list[str]]:
    env = {**os.environ, "GENAI_LINT_CACHE_HOME": str(folder / "user-cache")}
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=folder, env=env,
                            capture_output=True, text=True, check=False)
    return result.returncode, json.loads(result.stdout.splitlines()[-1].replace("'", '"'))


def test_a_file_without_ai_terms_needs_no_parser(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Release\n\nTag the release and upload it.\n",
                                       encoding="utf-8")
    probe(tmp_path, "--no-cache", "notes.md")  # the first run parses the YAML rules
    assert probe(tmp_path, "--no-cache", "notes.md") == (0, [])


def test_a_file_with_ai_terms_parses_markdown_but_needs_spacy_only_for_claims(
    tmp_path: Path,
) -> None:
    (tmp_path / "models.md").write_text("# Models\n\nOur team enjoys Chat GPT.\n",
                                        encoding="utf-8")
    code, imported = probe(tmp_path, "--no-cache", "models.md")
    assert code == 1
    assert "markdown_it" in imported and "spacy" not in imported


CACHED_PROBE = """\
import sys
from linter.cli import main
code = main(sys.argv[1:])
unneeded = ("spacy", "markdown_it", "linter.fixing.fixfile", "linter.knowledge.base",
            "linter.reporting.baseline", "linter.reporting.gitdiff",
            "linter.reporting.formatters.json_format", "linter.reporting.formatters.sarif",
            "jsonschema")
print(sorted(name for name in unneeded if name in sys.modules))
raise SystemExit(code)
"""


def test_a_run_answered_from_the_cache_parses_nothing(tmp_path: Path) -> None:
    (tmp_path / "models.md").write_text("# Models\n\nWe use Chat GPT for drafts.\n",
                                        encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\nOpenAI trained GPT-4 on text.\n",
                                       encoding="utf-8")
    env = {**os.environ, "GENAI_LINT_CACHE_HOME": str(tmp_path / "user-cache")}
    runs = [subprocess.run([sys.executable, "-c", CACHED_PROBE, "-q", "."], cwd=tmp_path,
                           env=env, capture_output=True, text=True, check=False)
            for _ in range(2)]
    first, cached = runs
    assert "markdown_it" in first.stdout  # the first run parses and fills the cache
    assert cached.returncode == first.returncode == 1
    assert cached.stdout.splitlines()[:-1] == first.stdout.splitlines()[:-1]  # the findings
    assert cached.stdout.splitlines()[-1] == "[]"


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENAI_LINT_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "yaml"


def test_parsed_yaml_is_cached_with_its_lines(tmp_path: Path, user_cache: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("kind: term\nrules:\n  - code: X101\n    name: x\n", encoding="utf-8")
    first = load_yaml(path)
    assert len(list(user_cache.glob("*.json"))) == 1
    second = load_yaml(path)
    assert second == first and isinstance(second, LineDict)
    rule = second["rules"][0]
    assert (second.line_of("rules"), rule.line, rule.line_of("name")) == (2, 3, 4)


def test_a_corrupt_cache_entry_is_ignored(tmp_path: Path, user_cache: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    load_yaml(path)
    entry = next(user_cache.glob("*.json"))
    for garbage in ("{", "[]", json.dumps([entry.stem, {"\0map": [1]}]), '["other", 1]'):
        entry.write_text(garbage, encoding="utf-8")
        assert load_yaml(path) == {"a": 1}


def test_values_json_cannot_hold_are_not_cached(tmp_path: Path, user_cache: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("when: 2024-01-02\n1: one\n", encoding="utf-8")
    assert str(load_yaml(path)["when"]) == "2024-01-02"
    assert not list(user_cache.glob("*.json")) if user_cache.exists() else True
    assert yamlcache.get(yamlcache.key(path.read_text(encoding="utf-8"))) == (False, None)


def test_quick_scan_never_rejects_a_name_the_finder_knows() -> None:
    from linter.checks.kinds.claim import analyzer
    from linter.claims.mentions import MentionFinder
    from linter.config import Config
    from linter.knowledge.loaded import quick_scan

    files = tuple(Config().knowledge_files)
    scan = quick_scan(files)
    finder = MentionFinder(analyzer(None, files, ()).kb)  # type: ignore[attr-defined]
    for form in [*finder._exact, *finder._folded]:
        for variant in (form, form.upper(), form.lower(), form.replace(" ", "\u00a0\n ")):
            text = f"See {variant}."
            assert scan.maybe(text) or not finder.any_mention(text), variant
    assert not scan.maybe("Tag the release and upload the packages.")
