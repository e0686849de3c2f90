"""Throwaway git repositories for tests: a fixed identity, no signing, branch ``main``."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_ENV = {
    "GIT_AUTHOR_NAME": "genai-lint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "genai-lint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def git(repo: Path, *args: str) -> str:
    """Run ``git args`` in ``repo``; return stdout (a failure raises with git's stderr)."""
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", *args],
        cwd=repo, env={**os.environ, **_ENV}, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def init_repo(path: Path) -> Path:
    """An empty repository at ``path`` on branch ``main``."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    git(path, "symbolic-ref", "HEAD", "refs/heads/main")
    return path


def commit_all(repo: Path, message: str = "change") -> str:
    """Stage everything and commit; return the commit id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def write(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8, LF) to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path
