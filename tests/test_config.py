"""Tests for linter.config: lookup, defaults, validation messages (file, line, key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import Config, ConfigError, find_config, load_config
from linter.findings import Severity


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# (YAML text, expected fields)
GOOD_YAML = [
    pytest.param("", {}, id="empty-file"),
    pytest.param("# only a comment\n", {}, id="only-comment"),
    pytest.param("select: [GL101, chatgpt-name]\n", {"select": ("GL101", "chatgpt-name")},
                 id="select"),
    pytest.param("ignore:\n  - GL1\n  - ALL\n", {"ignore": ("GL1", "ALL")}, id="ignore-prefix"),
    pytest.param("fail_on: error\n", {"fail_on": Severity.ERROR}, id="fail-on-snake"),
    pytest.param("fail-on: Suggestion\n", {"fail_on": Severity.SUGGESTION}, id="fail-on-kebab"),
    pytest.param(
        "severity:\n  GL101: error\n  chatgpt-name: suggestion\n",
        {"severity": {"GL101": Severity.ERROR, "chatgpt-name": Severity.SUGGESTION}},
        id="severity-map",
    ),
    pytest.param("extensions: [md, .RST, .md]\n", {"extensions": (".md", ".rst")},
                 id="extensions-normalised"),
    pytest.param(
        "include: ['docs/**']\nexclude: [CHANGELOG.md, '!keep.md', 'build/']\n",
        {"include": ("docs/**",), "exclude": ("CHANGELOG.md", "!keep.md", "build/")},
        id="globs",
    ),
    pytest.param("model: en_core_web_md\n", {"model": "en_core_web_md"}, id="model"),
    pytest.param("model: null\nselect:\n", {"model": None, "select": ()}, id="null-is-default"),
    pytest.param("respect-gitignore: false\n", {"respect_gitignore": False}, id="bool"),
    pytest.param(
        "per-file-ignores:\n  'CHANGELOG.md': [GL101]\n  'docs/legacy/**': [chatgpt-name, GL2]\n",
        {"per_file_ignores": {"CHANGELOG.md": ("GL101",),
                              "docs/legacy/**": ("chatgpt-name", "GL2")}},
        id="per-file-ignores",
    ),
    pytest.param("\ufeffselect: [GL101]\r\n", {"select": ("GL101",)}, id="bom-and-crlf"),
    pytest.param(
        "per-file-severity:\n  'docs/blog/**': {GL201: warning, chatgpt-name: suggestion}\n",
        {"per_file_severity": {"docs/blog/**": {"GL201": Severity.WARNING,
                                                "chatgpt-name": Severity.SUGGESTION}}},
        id="per-file-severity",
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOOD_YAML)
def test_good_yaml(in_tmp: Path, text: str, expected: dict) -> None:
    path = write(in_tmp / ".genai-lint.yaml", text)
    config = load_config(path)
    assert config.config_path == path
    defaults = Config()
    for name in Config.__dataclass_fields__:
        if name in ("config_path", "origins"):
            continue
        want = expected.get(name, getattr(defaults, name))
        assert getattr(config, name) == want, name


# (YAML text, expected one-line message)
BAD_YAML = [
    pytest.param("select: [GL101]\nselec: [GL2]\n",
                 ".genai-lint.yaml:2: unknown key 'selec' (did you mean 'select'?)",
                 id="unknown-key-suggestion"),
    pytest.param("fail-onn: error\n",
                 ".genai-lint.yaml:1: unknown key 'fail-onn' (did you mean 'fail-on'?)",
                 id="unknown-kebab-key-suggests-kebab"),
    pytest.param("colour: blue\n", ".genai-lint.yaml:1: unknown key 'colour'",
                 id="unknown-key-no-suggestion"),
    pytest.param("select: []\nfail_on: fatal\n",
                 ".genai-lint.yaml:2: 'fail_on' must be one of error, warning, suggestion, "
                 "got 'fatal'",
                 id="bad-fail-on"),
    pytest.param("fail-on: 2\n",
                 ".genai-lint.yaml:1: 'fail-on' must be one of error, warning, suggestion, got 2",
                 id="fail-on-number"),
    pytest.param("fail_on: error\nfail-on: warning\n",
                 ".genai-lint.yaml:2: duplicate key 'fail-on' (also set as 'fail_on' on line 1)",
                 id="duplicate-spellings"),
    pytest.param("select: GL101\n",
                 ".genai-lint.yaml:1: 'select' must be a list of strings, got 'GL101'",
                 id="select-not-list"),
    pytest.param("ignore:\n  - GL101\n  - 7\n",
                 ".genai-lint.yaml:3: 'ignore' items must be non-empty strings, got 7",
                 id="ignore-item-type"),
    pytest.param("select:\n  - GL101\n  - 'GL 101'\n",
                 ".genai-lint.yaml:3: 'select' item 'GL 101' is not a rule code (GL101) "
                 "or name (chatgpt-name)",
                 id="select-bad-ref"),
    pytest.param("severity: error\n",
                 ".genai-lint.yaml:1: 'severity' must be a mapping, got 'error'",
                 id="severity-not-mapping"),
    pytest.param("severity:\n  GL101: error\n  GL102: loud\n",
                 ".genai-lint.yaml:3: 'severity' value for 'GL102' must be one of error, "
                 "warning, suggestion, got 'loud'",
                 id="severity-bad-value"),
    pytest.param("severity:\n  'chatgpt name': error\n",
                 ".genai-lint.yaml:2: 'severity' item 'chatgpt name' is not a rule code (GL101) "
                 "or name (chatgpt-name)",
                 id="severity-bad-key"),
    pytest.param("respect_gitignore: maybe\n",
                 ".genai-lint.yaml:1: 'respect_gitignore' must be true or false, got 'maybe'",
                 id="bool-bad"),
    pytest.param("model: [a]\n",
                 ".genai-lint.yaml:1: 'model' must be a spaCy pipeline name, got a list",
                 id="model-type"),
    pytest.param("extensions: [md, docs/x]\n",
                 ".genai-lint.yaml:1: 'extensions' item 'docs/x' is not a file extension",
                 id="extension-with-slash"),
    pytest.param("exclude:\n  - ok/\n  - '!'\n",
                 ".genai-lint.yaml:3: 'exclude' has an invalid glob '!'",
                 id="bad-glob"),
    pytest.param("rule_files: [missing.yaml]\n",
                 ".genai-lint.yaml:1: 'rule_files' item 'missing.yaml' does not exist "
                 "(looked for missing.yaml)",
                 id="rule-file-missing"),
    pytest.param("per-file-ignores:\n  'docs/**': GL101\n",
                 ".genai-lint.yaml:2: 'per-file-ignores[docs/**]' must be a list of strings, "
                 "got 'GL101'",
                 id="per-file-ignores-value"),
    pytest.param("- select\n", ".genai-lint.yaml:1: expected a mapping of settings, got a list",
                 id="top-level-list"),
    pytest.param("just text\n",
                 ".genai-lint.yaml:1: expected a mapping of settings, got 'just text'",
                 id="top-level-scalar"),
    pytest.param("? [a, b]\n: c\n", ".genai-lint.yaml:1: keys must be strings, got a list",
                 id="non-string-key"),
    pytest.param("select: [GL101\nignore: []\n",
                 ".genai-lint.yaml:2: invalid YAML: while parsing a flow sequence; "
                 "expected ',' or ']', but got ':'",
                 id="malformed-flow"),
    pytest.param("select:\n  - GL101\n\tignore: []\n",
                 ".genai-lint.yaml:3: invalid YAML: while scanning for the next token; "
                 "found character '\\t' that cannot start any token",
                 id="malformed-tab"),
    pytest.param("a: 1\n---\nb: 2\n",
                 ".genai-lint.yaml:2: invalid YAML: expected a single document in the stream; "
                 "but found another document",
                 id="two-documents"),
    pytest.param("per-file-severity:\n  'docs/**':\n    GL101: loud\n",
                 ".genai-lint.yaml:3: 'per-file-severity[docs/**]' value for 'GL101' "
                 "must be one of error, warning, suggestion, got 'loud'",
                 id="per-file-severity-level"),
    pytest.param("fail_on: !!python/name:os.system\n",
                 ".genai-lint.yaml:1: invalid YAML: could not determine a constructor for the "
                 "tag 'tag:yaml.org,2002:python/name:os.system'",
                 id="unsafe-tag"),
    pytest.param("select: [GL101]\nmodel: \x00\n",
                 ".genai-lint.yaml:2: invalid YAML: special characters are not allowed #x0000",
                 id="control-character"),
]


@pytest.mark.parametrize(("text", "message"), BAD_YAML)
def test_bad_yaml(in_tmp: Path, text: str, message: str) -> None:
    write(in_tmp / ".genai-lint.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_config(Path(".genai-lint.yaml"))
    assert str(info.value) == message
    assert "\n" not in str(info.value)


def test_error_names_file_outside_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "conf" / ".genai-lint.yaml", "selec: []\n")
    monkeypatch.chdir(tmp_path / "conf")
    with pytest.raises(ConfigError, match=r"^\.genai-lint\.yaml:1: "):
        load_config(path)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}:1: unknown key 'selec'")
    assert (info.value.path, info.value.line) == (str(path), 1)


def test_not_utf8(in_tmp: Path) -> None:
    (in_tmp / ".genai-lint.yaml").write_bytes(b"select: []\nmodel: \xff\n")
    with pytest.raises(ConfigError, match=r"^\.genai-lint\.yaml:2: not UTF-8 text$"):
        load_config(Path(".genai-lint.yaml"))


def test_missing_file(in_tmp: Path) -> None:
    with pytest.raises(ConfigError, match=r"^nope\.yaml: cannot read: No such file"):
        load_config(Path("nope.yaml"))


def test_none_gives_defaults() -> None:
    config = load_config(None)
    assert config == Config()
    assert config.extensions == (".md", ".markdown", ".mdx", ".txt")
    assert config.fail_on == "warning"
    assert config.respect_gitignore is True
    assert config.root is None


def test_files_resolve_relative_to_config(tmp_path: Path) -> None:
    write(tmp_path / "proj" / "rules" / "extra.yaml", "")
    write(tmp_path / "proj" / "kb.yaml", "")
    path = write(
        tmp_path / "proj" / ".genai-lint.yaml",
        "rule-files: [rules/extra.yaml]\nknowledge_files: [kb.yaml]\n",
    )
    config = load_config(path)
    assert config.rule_files == (tmp_path / "proj" / "rules" / "extra.yaml",)
    assert config.knowledge_files == (tmp_path / "proj" / "kb.yaml",)
    assert config.root == tmp_path / "proj"


def test_config_is_frozen() -> None:
    with pytest.raises(AttributeError):
        Config().fail_on = Severity.ERROR  # type: ignore[misc]


# -- lookup ----------------------------------------------------------------------------------


def test_find_config_upward(tmp_path: Path) -> None:
    path = write(tmp_path / ".genai-lint.yaml", "")
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b") == path
    assert find_config(tmp_path) == path
    doc = write(tmp_path / "a" / "doc.md", "")
    assert find_config(doc) == path


def test_find_config_nearest_wins(tmp_path: Path) -> None:
    write(tmp_path / ".genai-lint.yaml", "")
    inner = write(tmp_path / "a" / ".genai-lint.yml", "")
    assert find_config(tmp_path / "a") == inner


def test_find_config_yaml_beats_yml_beats_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.genai-lint]\n")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    write(tmp_path / ".genai-lint.yml", "")
    assert find_config(tmp_path) == tmp_path / ".genai-lint.yml"
    write(tmp_path / ".genai-lint.yaml", "")
    assert find_config(tmp_path) == tmp_path / ".genai-lint.yaml"


def test_find_config_skips_pyproject_without_table(tmp_path: Path) -> None:
    outer = write(tmp_path / "pyproject.toml", '[tool.genai-lint]\nfail-on = "error"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\n')
    write(tmp_path / "sub2" / "pyproject.toml",
          '[project]\nname = "x"\ndependencies = ["genai-lint"]\n')
    assert find_config(tmp_path / "sub") == outer
    assert find_config(tmp_path / "sub2") == outer


def test_find_config_none(tmp_path: Path) -> None:
    # tmp_path's parents are outside the test's control; only check what lookup finds here
    found = find_config(tmp_path)
    assert found is None or tmp_path not in found.parents


def test_find_config_broken_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", "[tool.genai-lint]\nselect = [\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"^pyproject\.toml:2: invalid TOML: "):
        find_config(tmp_path)


# -- pyproject.toml --------------------------------------------------------------------------

PYPROJECT_HEAD = '[project]\nname = "docs"\n\n'


def test_pyproject_table(in_tmp: Path) -> None:
    path = write(
        in_tmp / "pyproject.toml",
        PYPROJECT_HEAD
        + '[tool.genai-lint]\nselect = ["GL101"]\nfail-on = "error"\nrespect-gitignore = false\n'
        + '\n[tool.genai-lint.severity]\nchatgpt-name = "suggestion"\n'
        + '\n[tool.genai-lint.per-file-ignores]\n"CHANGELOG.md" = ["GL101"]\n',
    )
    config = load_config(path)
    assert config.select == ("GL101",)
    assert config.fail_on is Severity.ERROR
    assert config.respect_gitignore is False
    assert config.severity == {"chatgpt-name": Severity.SUGGESTION}
    assert config.per_file_ignores == {"CHANGELOG.md": ("GL101",)}
    assert config.config_path == path


BAD_TOML = [
    pytest.param('[tool.genai-lint]\nselect = ["GL101"]\nselec = ["x"]\n',
                 "pyproject.toml:6: unknown key 'selec' in [tool.genai-lint] "
                 "(did you mean 'select'?)",
                 id="unknown-key"),
    pytest.param('[tool.genai-lint]\nfail_on = "fatal"\n',
                 "pyproject.toml:5: 'fail_on' must be one of error, warning, suggestion, "
                 "got 'fatal'",
                 id="bad-value"),
    pytest.param('[tool.genai-lint]\nignore = [\n  "GL101",\n  "bad ref",\n]\n',
                 "pyproject.toml:5: 'ignore' item 'bad ref' is not a rule code (GL101) "
                 "or name (chatgpt-name)",
                 id="list-item-uses-key-line"),
    pytest.param('[tool.genai-lint.severity]\nGL101 = "loud"\n',
                 "pyproject.toml:4: 'severity' value for 'GL101' must be one of error, warning, "
                 "suggestion, got 'loud'",
                 id="subtable"),
    pytest.param('[tool.ruff]\nline-length = 100\n',
                 "pyproject.toml: no [tool.genai-lint] table",
                 id="no-table"),
    pytest.param('[tool.genai-lint]\nselect = ["GL101"\n',
                 "pyproject.toml:5: invalid TOML: Unclosed array",
                 id="malformed"),
    pytest.param('[tool]\ngenai-lint = 3\n',
                 "pyproject.toml: [tool.genai-lint] must be a table",
                 id="not-a-table"),
]


@pytest.mark.parametrize(("text", "message"), BAD_TOML)
def test_bad_pyproject(in_tmp: Path, text: str, message: str) -> None:
    write(in_tmp / "pyproject.toml", PYPROJECT_HEAD + text)
    with pytest.raises(ConfigError) as info:
        load_config(Path("pyproject.toml"))
    assert str(info.value) == message


def test_per_file_severity_regrades_findings(in_tmp: Path) -> None:
    """``per-file-severity`` re-grades a rule under a glob only, over ``severity``."""
    from linter.api import lint_paths

    write(in_tmp / "docs/blog/post.md", "We asked Chat GPT.\n")
    write(in_tmp / "docs/guide.md", "We asked Chat GPT.\n")
    write(
        in_tmp / ".genai-lint.yaml",
        "severity: {GL101: error}\n"
        "per-file-severity:\n  'docs/blog/**': {chatgpt-name: suggestion}\n",
    )
    config = load_config(Path(".genai-lint.yaml"))
    report = lint_paths(["docs"], config, claims=False)
    levels = {Path(f.path).name: f.severity for f in report.findings if f.rule == "GL101"}
    assert levels == {"post.md": Severity.SUGGESTION, "guide.md": Severity.ERROR}

