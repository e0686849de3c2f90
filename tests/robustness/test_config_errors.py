"""Configuration and rule files: every problem is exit 2 and one stderr line naming the file,
the line and the key; a traceback only with --debug."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rbhelpers import ACME_RULE, assert_one_line_error, write

import linter.api
import linter.running.api

DOC = "Chat GPT answers questions.\n"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GENAI_LINT_CACHE_HOME", str(tmp_path / ".yaml-cache"))
    write(tmp_path / "doc.md", DOC)
    return tmp_path


def config_error(lint, here: Path, text: str | bytes, *fragments: str) -> str:
    write(here / ".genai-lint.yaml", text)
    return assert_one_line_error(lint("--no-cache", "--no-claims", "doc.md"), *fragments)


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("fail-on: [error\n", (".genai-lint.yaml:2:", "invalid YAML")),
        ("select:\n\t- GL101\n", (".genai-lint.yaml:2:", "invalid YAML")),
        ("a: 1\n  b: 2\n", (".genai-lint.yaml:2:", "invalid YAML")),
        ("select: [GL101]\nselect: [GL102]\n", (".genai-lint.yaml:2:", "duplicate key")),
        ("- select\n", (".genai-lint.yaml:1:", "expected a mapping of settings, got a list")),
        ("just text\n", (".genai-lint.yaml:1:", "expected a mapping")),
        ("? [a, b]\n: 1\n", (".genai-lint.yaml:1:", "keys must be strings")),
        ("select: !!python/object:os.system x\n", (".genai-lint.yaml:1:", "invalid YAML")),
        ("select: *missing\n", (".genai-lint.yaml:1:", "undefined alias")),
    ],
    ids=["unclosed", "tab", "indent", "duplicate", "list", "scalar", "complex-key",
         "python-tag", "alias"],
)
def test_malformed_yaml(lint, here: Path, text: str, fragments: tuple[str, ...]) -> None:
    config_error(lint, here, text, *fragments)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("fail-on: 3\n", ":1:", "'fail-on' must be one of error, warning, suggestion, got 3"),
        ("fail-on: fatal\n", ":1:", "'fail-on' must be one of"),
        ("select: GL101\n", ":1:", "'select' must be a list of strings, got 'GL101'"),
        ("select: [GL101, 5]\n", ":1:", "'select' items must be non-empty strings, got 5"),
        ("ignore:\n  - GL101\n  - 'not a rule!'\n", ":3:", "is not a rule code"),
        ("extensions: [md, 'a/b']\n", ":1:", "is not a file extension"),
        ("include: ['']\n", ":1:", "items must be non-empty strings"),
        ("exclude: docs\n", ":1:", "must be a list of strings"),
        ("severity: [GL101]\n", ":1:", "'severity' must be a mapping, got a list"),
        ("severity: {GL101: loud}\n", ":1:", "must be one of error, warning, suggestion"),
        ("model: []\n", ":1:", "'model' must be a spaCy pipeline name"),
        ("rule-files: [missing.yaml]\n", ":1:", "'rule-files' item 'missing.yaml' does not "
                                                "exist"),
        ("knowledge-files: missing.yaml\n", ":1:", "must be a list of strings"),
        ("per-file-ignores: [a]\n", ":1:", "'per-file-ignores' must be a mapping"),
        ("per-file-ignores:\n  'docs/**': GL101\n", ":2:", "must be a list of strings"),
        ("respect-gitignore: 'yes'\n", ":1:", "'respect-gitignore' must be true or false"),
    ],
)
def test_wrong_types_name_file_line_and_key(lint, here: Path, text: str, line: str,
                                            fragment: str) -> None:
    config_error(lint, here, text, f".genai-lint.yaml{line}", fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("fial-on: error\n", ".genai-lint.yaml:1: unknown key 'fial-on' (did you mean "
                             "'fail-on'?)"),
        ("fail_on: error\nselct: [GL1]\n", ".genai-lint.yaml:2: unknown key 'selct' (did you "
                                           "mean 'select'?)"),
        ("colour: true\n", ".genai-lint.yaml:1: unknown key 'colour'"),
    ],
)
def test_unknown_keys(lint, here: Path, text: str, fragment: str) -> None:
    config_error(lint, here, text, fragment)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("select: [GL999]\n", ".genai-lint.yaml:1: 'select': unknown rule 'GL999'"),
        ("fail-on: error\nignore: [no-such-rule]\n",
         ".genai-lint.yaml:2: 'ignore': unknown rule 'no-such-rule'"),
        ("severity: {GL998: error}\n", ".genai-lint.yaml:1: 'severity': unknown rule 'GL998'"),
        ("per-file-ignores:\n  '*.md': [XY1]\n",
         ".genai-lint.yaml:1: 'per-file-ignores': unknown rule 'XY1'"),
    ],
)
def test_unknown_rules_in_the_config_name_the_file(lint, here: Path, text: str,
                                                   fragment: str) -> None:
    config_error(lint, here, text, fragment)


@pytest.mark.parametrize(
    ("option", "fragment"),
    [
        (("--select", "GL999"), "--select: unknown rule 'GL999' (see 'genai-lint rules')"),
        (("--select", "GL101,nope"), "--select: unknown rule 'nope'"),
        (("--ignore", "GL9"), "--ignore: unknown rule 'GL9'"),
    ],
)
def test_unknown_rule_on_the_command_line(lint, here: Path, option: tuple[str, ...],
                                          fragment: str) -> None:
    result = lint("--no-config", "--no-cache", "--no-claims", *option, "doc.md")
    assert_one_line_error(result, fragment)


def test_config_file_problems(lint, here: Path) -> None:
    config_error(lint, here, b"select: [\xff]\n", ".genai-lint.yaml:1: not UTF-8 text")
    (here / ".genai-lint.yaml").unlink()
    assert_one_line_error(lint("--config", "nope.yaml", "doc.md"),
                          "nope.yaml: cannot read: No such file or directory")
    (here / "folder").mkdir()
    assert_one_line_error(lint("--config", "folder", "doc.md"),
                          "folder: cannot read: Is a directory")
    write(here / "pyproject.toml", '[tool.genai-lint]\nselect = ["GL101"\n')
    assert_one_line_error(lint("doc.md"), "pyproject.toml:2: invalid TOML: Unclosed array")
    write(here / "pyproject.toml", '[tool.genai-lint]\nfail-on = "error"\nselct = []\n')
    assert_one_line_error(lint("doc.md"), "pyproject.toml:3: unknown key 'selct' in "
                                          "[tool.genai-lint]")


def test_an_empty_config_means_the_defaults(lint, here: Path) -> None:
    write(here / ".genai-lint.yaml", "# nothing yet\n")
    assert lint("--no-cache", "--no-claims", "doc.md").code == 1


def _bomb(levels: int, last: str) -> str:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + f"\n{last}*a{levels}\n"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("select: &a [*a]\n", "'select' items must be non-empty strings, got a list"),
        ("select: " + "[" * 5000 + "]" * 5000 + "\n", "invalid YAML: nested too deeply"),
    ],
    ids=["recursive-alias", "deep"],
)
def test_hostile_yaml_config(lint, here: Path, text: str, fragment: str) -> None:
    config_error(lint, here, text, ".genai-lint.yaml", fragment)


def test_a_billion_laughs_config_fails_fast(lint, here: Path) -> None:
    started = time.monotonic()
    lines = _bomb(9, "select: ").splitlines()
    write(here / ".genai-lint.yaml", "\n".join(lines[:-1]) + "\n")
    config_error(lint, here, "\n".join([lines[-1].replace("*a9", "[GL101]"), *lines[:-1]]),
                 "unknown key 'a0'")
    assert time.monotonic() - started < 60  # 10**10 strings if the aliases were expanded


RULE = ACME_RULE.format(preferred="AcmeAI")


@pytest.mark.parametrize(
    ("rules", "fragments"),
    [
        (RULE + "    bogus: 1\n", (":8:", "unknown key 'bogus' in a term rule")),
        (RULE.replace("XX101", "x1"), (":3:", "bad rule code 'x1'")),
        (RULE.replace("XX101", "GL101"), (":3:", "duplicate rule code GL101")),
        (RULE.replace("acme-name", "Acme Name"), (":4:", "must be kebab-case")),
        (RULE.replace("warning", "loud"), (":5:", "unknown severity 'loud'")),
        (RULE.replace("[Acme AI]", "Acme AI"), (":7:", "'variants' must be a list of strings")),
        (RULE + "    replacements: 7\n", (":8:", "'replacements' must map variants")),
        (RULE + "    not_followed_by: 5\n", (":8:", "rule XX101", "'not_followed_by' must be "
                                                               "a pattern")),
        (RULE + "    plural_only: maybe\n", (":8:", "'plural_only' must be true or false")),
        (RULE + "    examples: [a]\n", (":8:", "'examples' must map bad/good/fixed")),
        (RULE.replace("kind: term", "kind: grammar"), (":1:", "'kind' must be one of")),
        ("kind: term\nrules: []\n", (":2:", "'rules' must be a non-empty list")),
        ("kind: term\nrules:\n  - [1, 2]\n", (":2:", "each rule must be a mapping")),
        ("kind: term\nrules: [\n", (":3:", "invalid YAML")),
        ("kind: term\nrules: &r [*r]\n", ("invalid YAML",)),
        ("kind: term\nrules:\n  - " + "[" * 5000 + "]" * 5000 + "\n",
         ("invalid YAML: nested too deeply",)),
        (_bomb(7, "kind: term\nrules: "), ("each rule must be a mapping",)),
        (b"kind: term\nrules: \xff\n", ("cannot read",)),
    ],
    ids=["unknown-key", "code", "duplicate", "name", "severity", "variants", "replacements",
         "pattern-type", "plural-only", "examples", "kind", "empty", "not-mapping",
         "syntax", "recursive", "deep", "billion-laughs", "not-utf8"],
)
def test_a_rule_file_that_fails_validation(lint, here: Path, rules: str | bytes,
                                           fragments: tuple[str, ...]) -> None:
    write(here / "rules.yaml", rules)
    config_error(lint, here, "rule-files: [rules.yaml]\n", "rules.yaml", *fragments)


@pytest.mark.parametrize(
    ("knowledge", "fragment"),
    [
        ("entities: [\n", "invalid YAML"),
        ("entities:\n  - id: x\n    name: 5\n", "entity needs a string 'name'"),
        ("things: []\n", "unknown section 'things'"),
        ("entities: {}\n", "'entities' must be a list"),
    ],
)
def test_a_knowledge_file_that_fails_validation(lint, here: Path, knowledge: str,
                                                fragment: str) -> None:
    write(here / "kb.yaml", knowledge)
    write(here / ".genai-lint.yaml", "knowledge-files: [kb.yaml]\n")
    assert_one_line_error(lint("--no-cache", "doc.md"), "kb.yaml", fragment)


@pytest.mark.parametrize("command", [(), ("rules",), ("explain", "GL101"), ("test-rules",)])
def test_every_command_reports_a_bad_config_on_one_line(lint, here: Path,
                                                        command: tuple[str, ...]) -> None:
    write(here / ".genai-lint.yaml", "fail-on: [\n")
    result = lint(*command) if command else lint("--no-cache", "doc.md")
    assert_one_line_error(result, ".genai-lint.yaml:2: invalid YAML")


def test_debug_adds_the_traceback(lint, here: Path) -> None:
    write(here / ".genai-lint.yaml", "select: [GL999]\n")
    quiet = lint("--no-cache", "doc.md")
    assert_one_line_error(quiet, "'select': unknown rule 'GL999'")
    loud = lint("--no-cache", "--debug", "doc.md")
    assert loud.code == 2
    assert "Traceback" in loud.stderr
    assert loud.stderr.rstrip().endswith("'select': unknown rule 'GL999' (see 'genai-lint "
                                         "rules')")


def test_an_internal_error_is_one_line_unless_debug(lint, here: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr(linter.running.api.Linter, "lint_files", broken)
    line = assert_one_line_error(lint("--no-config", "--no-cache", "doc.md"))
    assert line == ("genai-lint: internal error: RuntimeError: something broke "
                    "(run with --debug for a traceback)")
    loud = lint("--no-config", "--no-cache", "--debug", "doc.md")
    assert loud.code == 2
    assert "Traceback" in loud.stderr
