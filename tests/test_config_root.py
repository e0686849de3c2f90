"""Settings are relative to the config file's folder, from any working folder: per-file
globs, and the cache (one folder, next to the config). ``test-rules`` ignores the project's
``select``/``ignore``. A YAML config next to a ``[tool.genai-lint]`` table wins, with a
warning (once). Through CliRunner and a real process run from a subfolder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import invoke
from gitrepo import write

BAD = "Chat GPT answers questions.\n"
CONFIG = ("fail-on: warning\nper-file-ignores:\n  'docs/changelog/**': [GL101]\n"
          "per-file-severity:\n  'docs/blog/**': {GL101: suggestion}\n")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / ".genai-lint.yaml", CONFIG)
    for name in ("docs/changelog/v1.md", "docs/blog/post.md", "docs/guide.md"):
        write(tmp_path / name, BAD)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def _by_path(out: str) -> dict[str, str]:
    return {f["path"]: f["severity"] for f in json.loads(out)["findings"]}


@pytest.mark.parametrize(("cwd", "arg"), [(".", "docs"), ("docs", "."), ("docs/blog", "..")])
def test_per_file_globs_from_any_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch, cwd: str, arg: str
) -> None:
    monkeypatch.chdir(project / cwd)
    code, out, _ = invoke(arg, "--format", "json", "--no-cache")
    found = _by_path(out)
    assert code == 1
    assert sorted(found.values()) == ["suggestion", "warning"]  # changelog ignored
    assert not any("changelog" in path for path in found)
    assert any(path.endswith("guide.md") and sev == "warning" for path, sev in found.items())


def test_one_cache_folder_next_to_the_config(project: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "docs")
    invoke(".")
    assert (project / ".genai-lint-cache").is_dir()
    assert not (project / "docs/.genai-lint-cache").exists()
    invoke("--cache-dir", "here-cache", ".")
    assert (project / "docs/here-cache").is_dir()  # an explicit folder is as given


def test_subfolder_run_in_a_real_process(project: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "linter", "-q", "."], cwd=project / "docs",
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        'blog/post.md:1:1: GL101 [suggestion] Write "ChatGPT", not "Chat GPT"',
        'guide.md:1:1: GL101 [warning] Write "ChatGPT", not "Chat GPT"',
    ]
    assert sorted(p.name for p in project.rglob(".genai-lint-cache")) == [".genai-lint-cache"]
    assert (project / ".genai-lint-cache").is_dir()


def test_test_rules_ignores_the_projects_selection(project: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / ".genai-lint.yaml", "select: [GL101]\nignore: [GL4]\n"
          "per-file-ignores: {'**': [GL2]}\n")
    monkeypatch.chdir(project)
    code, out, _ = invoke("test-rules")
    assert code == 0, out
    assert out.splitlines()[-1].endswith(" 0 failed.")


def test_yaml_next_to_a_pyproject_table_wins_with_one_warning(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project / "pyproject.toml", "[tool.genai-lint]\nignore = ['GL101']\n")
    monkeypatch.chdir(project)
    code, _, err = invoke("docs/guide.md")
    assert code == 1  # the YAML file's settings apply: GL101 is not ignored
    assert err == ("genai-lint: warning: both .genai-lint.yaml and [tool.genai-lint] in "
                   "pyproject.toml configure genai-lint; .genai-lint.yaml wins and the table "
                   "is ignored\n")
    done = subprocess.run([sys.executable, "-m", "linter", "explain", "GL101"], cwd=project,
                          capture_output=True, text=True, check=False)
    assert done.stderr.count("warning: both") == 1  # explain loads the config twice
    (project / ".genai-lint.yaml").unlink()
    assert invoke("docs/guide.md") == (0, invoke("docs/guide.md")[1], "")
