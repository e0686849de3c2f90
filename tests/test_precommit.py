"""The pre-commit hook: its manifest, the README's snippet, and a real ``pre-commit run``.

``test_hook_in_a_real_pre_commit_run`` and ``test_readme_snippet_as_written`` are slow
(pre-commit builds a virtualenv and pip-installs genai-lint with spaCy into it, from PyPI); they
are marked ``slow`` but run in the normal ``pytest`` run, and the environment is built once per
session (``PRE_COMMIT_HOME`` is a session-scoped folder). Deselect them locally with
``pytest -m "not slow"``.

There is no release tag, so the README's snippet says ``rev: main`` (a branch: pre-commit warns
that it is mutable, and ``pre-commit autoupdate`` pins it to a commit SHA).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitrepo import commit_all, git, init_repo, write

ROOT = Path(__file__).resolve().parents[1]
HOOK_IDS = [hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())]
#: The ``rev`` the README's snippet uses: a branch that exists (there is no release tag yet).
README_REV = "main"
REPO_URL = "https://github.com/genai-lint/genai-lint"
_IGNORED = shutil.ignore_patterns(".git", ".*_cache", ".hypothesis", ".benchmarks", "__pycache__",
                                  "*.egg-info", "build", "dist", ".venv")


def pre_commit(*args: str, cwd: Path, env: dict[str, str] | None = None,
               ) -> subprocess.CompletedProcess[str]:
    """Run the real pre-commit (the one installed next to this Python)."""
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=cwd, capture_output=True, text=True,
        check=False, env={**os.environ, "NO_COLOR": "1", **(env or {})}, timeout=1800,
    )


def _yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```ya?ml\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)


def _hook_ids(config: dict[str, Any]) -> set[str]:
    return {hook["id"] for repo in config.get("repos", ()) for hook in repo.get("hooks", ())}


def test_manifest_is_valid_and_complete() -> None:
    done = pre_commit("validate-manifest", ".pre-commit-hooks.yaml", cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "genai-lint"
    assert hook["entry"].split()[0] == "genai-lint"
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "mdx", "plain-text"}
    assert hook["require_serial"] is True
    assert hook["minimum_pre_commit_version"]


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_readme_documents_every_hook(hook_id: str, tmp_path: Path) -> None:
    """The README has a copy-paste ``.pre-commit-config.yaml`` for each hook, valid and current."""
    snippets = [block for block in _yaml_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
                if hook_id in _hook_ids(yaml.safe_load(block) or {})]
    assert snippets, f"README.md has no .pre-commit-config.yaml snippet for hook {hook_id!r}"
    for snippet in snippets:
        write(tmp_path / ".pre-commit-config.yaml", snippet)
        done = pre_commit("validate-config", ".pre-commit-config.yaml", cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert all(repo["rev"] == README_REV for repo in yaml.safe_load(snippet)["repos"])


def test_example_config_uses_the_hooks() -> None:
    config_path = ROOT / "examples/.pre-commit-config.yaml"
    done = pre_commit("validate-config", str(config_path), cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    assert _hook_ids(config) <= set(HOOK_IDS)
    assert all(repo["rev"] == README_REV for repo in config["repos"])


def test_every_package_is_installed() -> None:
    """pre-commit installs the hook with ``pip install .``: every subpackage must be listed."""
    tomllib = pytest.importorskip("tomllib")
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in
             (ROOT / "linter").rglob("__init__.py")}
    assert found <= listed


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This project's working tree (uncommitted work included) as a git repository, and its rev."""
    repo = init_repo(tmp_path_factory.mktemp("hook-repo") / "genai-lint")
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.split("\0")
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: copy the tree
        shutil.copytree(ROOT, repo, ignore=_IGNORED, dirs_exist_ok=True)
    else:
        for name in filter(None, listed):
            source = ROOT / name
            if source.is_file():  # not deleted in the working tree
                (repo / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, repo / name)
    return repo, commit_all(repo, "snapshot of the working tree")


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PRE_COMMIT_HOME per session, so the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.mark.slow
def test_hook_in_a_real_pre_commit_run(
    hook_repo: tuple[Path, str], pre_commit_home: Path, tmp_path: Path
) -> None:
    hook_path, rev = hook_repo
    repo = init_repo(tmp_path / "docs-repo")
    write(repo / ".pre-commit-config.yaml",
          f"repos:\n  - repo: {hook_path}\n    rev: {rev}\n    hooks:\n      - id: genai-lint\n")
    write(repo / "bad.md", "Chat GPT answers questions.\n")
    write(repo / "good.md", "# Notes\n\nNothing about AI here.\n")
    write(repo / "script.py", 'print("Chat GPT")\n')  # not a docs type: never passed to the hook
    commit_all(repo, "docs")
    env = {"PRE_COMMIT_HOME": str(pre_commit_home)}

    failed = pre_commit("run", "--all-files", "--color", "never", cwd=repo, env=env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert re.search(r"^genai-lint\.+Failed$", output, flags=re.MULTILINE), output
    assert 'bad.md:1:1: GL101 [warning] Write "ChatGPT", not "Chat GPT"' in output, output
    assert "good.md:" not in output and "script.py" not in output, output

    write(repo / "bad.md", "ChatGPT answers questions.\n")
    commit_all(repo, "fix the name")
    passed = pre_commit("run", "--all-files", "--color", "never", cwd=repo, env=env)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert re.search(r"^genai-lint\.+Passed$", output, flags=re.MULTILINE), output
    assert git(repo, "status", "--porcelain") == ""  # the hook changed no file


def _hooked_commit(repo: Path, message: str, env: dict[str, str]
                   ) -> subprocess.CompletedProcess[str]:
    """``git commit`` with the installed pre-commit hook running (it may fail)."""
    who = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", "-c", "commit.gpgsign=false", "commit", "-m", message],
                          cwd=repo, capture_output=True, text=True, check=False, timeout=1800,
                          env={**os.environ, **env, **who, "NO_COLOR": "1"})


def _readme_snippet() -> str:
    """The README's ``.pre-commit-config.yaml`` snippet for the ``genai-lint`` hook."""
    (snippet,) = [block for block in _yaml_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
                  if "genai-lint" in _hook_ids(yaml.safe_load(block) or {})]
    return snippet


@pytest.mark.slow
def test_readme_snippet_as_written(
    hook_repo: tuple[Path, str], pre_commit_home: Path, tmp_path: Path
) -> None:
    """The README's snippet, copied as written into a docs repository, with one change:
    ``repo:`` (GitHub) is rewritten to a local ``git clone`` of this repository (its working
    tree, uncommitted work included: see ``hook_repo``), since the test must not depend on
    GitHub. ``rev: main`` must name a branch of that clone, as it does on GitHub. Then the
    README's instructions: ``pre-commit install``, a failing and a passing commit, and
    ``pre-commit autoupdate`` pinning ``main`` to a commit SHA."""
    snippet = _readme_snippet()
    assert f"repo: {REPO_URL}\n" in snippet and f"rev: {README_REV}\n" in snippet
    clone = tmp_path / "genai-lint-clone"
    subprocess.run(["git", "clone", "-q", str(hook_repo[0]), str(clone)], check=True)
    repo = init_repo(tmp_path / "docs-repo")
    write(repo / ".pre-commit-config.yaml", snippet.replace(REPO_URL, str(clone)))
    commit_all(repo, "pre-commit config")
    env = {"PRE_COMMIT_HOME": str(pre_commit_home)}
    installed = pre_commit("install", cwd=repo, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    write(repo / "docs/intro.md", "DALL·E is a large language model.\n")
    git(repo, "add", "docs/intro.md")
    failed = _hooked_commit(repo, "a wrong claim", env)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0, output
    assert "docs/intro.md:1:1: GL201 [error] DALL·E is a text-to-image model" in output, output
    assert "mutable reference" in output  # pre-commit's warning about rev: main, as documented

    write(repo / "docs/intro.md", "DALL·E is a text-to-image model.\n")
    git(repo, "add", "docs/intro.md")
    passed = _hooked_commit(repo, "the right claim", env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^genai-lint\.+Passed$", passed.stdout + passed.stderr, re.MULTILINE)

    updated = pre_commit("autoupdate", cwd=repo, env=env)
    assert updated.returncode == 0, updated.stdout + updated.stderr
    (entry,) = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"]
    assert entry["rev"] == git(clone, "rev-parse", "HEAD").strip()
