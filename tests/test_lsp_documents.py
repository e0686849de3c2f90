"""Linting an open document: the configuration the command line would find, and its rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.lsp.documents import (
    ConfigStore,
    Snapshot,
    base_folder,
    is_config_file,
    lint_document,
    load_settings,
)


def rules_of(snapshot: Snapshot, base: Path) -> list[str]:
    result = lint_document(snapshot, load_settings(base))
    assert result.problem is None
    return [f.rule for f in result.findings]


def doc(path: Path, text: str = "Chat GPT answers.\n", language: str = "markdown") -> Snapshot:
    return Snapshot(path.as_uri(), text, 1, path, language)


def test_base_folder_is_the_deepest_workspace_folder(tmp_path: Path) -> None:
    outer, inner = tmp_path / "repo", tmp_path / "repo" / "site"
    folders = [outer, inner]
    assert base_folder(inner / "docs" / "a.md", folders) == inner
    assert base_folder(outer / "a.md", folders) == outer
    assert base_folder(tmp_path / "elsewhere" / "b.md", folders) == tmp_path / "elsewhere"
    assert base_folder(None, folders) == outer


def test_config_is_found_upward_from_the_base_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.genai-lint]\nignore = ["GL101"]\n',
                                             encoding="utf-8")
    sub = tmp_path / "docs"
    sub.mkdir()
    assert rules_of(doc(sub / "a.md"), sub) == []
    (sub / ".genai-lint.yaml").write_text("select: [GL1]\n", encoding="utf-8")
    assert rules_of(doc(sub / "a.md"), sub) == ["GL101"]  # the nearer config wins


def test_per_file_globs_and_exclude_are_relative_to_the_config_folder(tmp_path: Path) -> None:
    (tmp_path / ".genai-lint.yaml").write_text(
        "per-file-ignores:\n  'docs/*.md': [GL101]\nexclude: [drafts/]\n", encoding="utf-8")
    assert rules_of(doc(tmp_path / "docs" / "a.md"), tmp_path) == []
    assert rules_of(doc(tmp_path / "a.md"), tmp_path) == ["GL101"]
    assert rules_of(doc(tmp_path / "drafts" / "a.md"), tmp_path) == []


@pytest.mark.parametrize(("config", "expected"), [
    ("ignore: [GL101\n", ".genai-lint.yaml:2: invalid YAML"),
    ("colour: red\n", "unknown key 'colour'"),
    ("select: [GL999]\n", "unknown rule 'GL999'"),
])
def test_a_broken_config_is_a_problem_not_an_exception(
    tmp_path: Path, config: str, expected: str
) -> None:
    (tmp_path / ".genai-lint.yaml").write_text(config, encoding="utf-8")
    result = lint_document(doc(tmp_path / "a.md"), load_settings(tmp_path))
    assert result.findings == ()
    assert result.problem is not None and expected in result.problem


@pytest.mark.parametrize(("name", "language", "syntax"), [
    ("a.md", "plaintext", "markdown"),
    ("a.mdx", "markdown", "mdx"),
    ("a.txt", "plaintext", "text"),
    ("README", "markdown", "markdown"),
    ("notes", "mdx", "mdx"),
    (None, "markdown", "markdown"),
])
def test_syntax_from_suffix_then_language(name: str | None, language: str, syntax: str) -> None:
    path = Path("/w") / name if name else None
    assert Snapshot("untitled:1", "", path=path, language_id=language).syntax == syntax


def test_an_unsaved_buffer_is_linted(tmp_path: Path) -> None:
    snapshot = Snapshot("untitled:Untitled-1", "Chat GPT\n", 3, None, "markdown")
    result = lint_document(snapshot, load_settings(tmp_path))
    assert [(f.rule, f.path) for f in result.findings] == [("GL101", "untitled:Untitled-1")]


def test_store_reloads_after_clear(tmp_path: Path) -> None:
    config = tmp_path / ".genai-lint.yaml"
    config.write_text("ignore: [GL101]\n", encoding="utf-8")
    store = ConfigStore()
    first = store.settings(tmp_path)
    config.write_text("{}\n", encoding="utf-8")
    assert store.settings(tmp_path) is first
    store.clear()
    assert lint_document(doc(tmp_path / "a.md"), store.settings(tmp_path)).findings


@pytest.mark.parametrize(("path", "expected"), [
    ("file:///w/.genai-lint.yaml", True), ("/w/.genai-lint.yml", True),
    ("/w/pyproject.toml", True), ("/w/README.md", False), ("/w/genai-lint.yaml", False),
])
def test_is_config_file(path: str, expected: bool) -> None:
    assert is_config_file(path) is expected
