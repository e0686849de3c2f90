"""The pre-commit hook: its manifest, the README's snippet, and a real ``pre-commit run``.

``test_hook_in_a_real_pre_commit_run`` is slow (pre-commit builds a virtualenv and pip-installs
genai-lint with spaCy into it); it is marked ``slow`` but runs in the normal ``pytest`` run, and
the environment is built once per session (``PRE_COMMIT_HOME`` is a session-scoped folder).
Deselect it locally with ``pytest -m "not slow"``.
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

from linter import __version__

ROOT = Path(__file__).resolve().parents[1]
HOOK_IDS = [hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())]
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
        assert all(repo["rev"] == f"v{__version__}" for repo in yaml.safe_load(snippet)["repos"])


def test_example_config_uses_the_hooks() -> None:
    config_path = ROOT / "examples/.pre-commit-config.yaml"
    done = pre_commit("validate-config", str(config_path), cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    assert _hook_ids(config) <= set(HOOK_IDS)
    assert all(repo["rev"] == f"v{__version__}" for repo in config["repos"])


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
