"""The name digest lets a file that names nothing be linted without loading the knowledge base;
it must say exactly what the knowledge base says, and never go stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter import api
from linter.config import Config
from linter.knowledge import loaded
from linter.knowledge.digest import digest_of, load_digest
from linter.knowledge.quickscan import WHITESPACE, QuickScan, surface_forms, whitespace_class


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENAI_LINT_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _kb_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(f"entities:\n  - {{id: team-bot, name: {name}, kind: product}}\n",
                    encoding="utf-8")
    return path


def test_the_cached_digest_is_the_knowledge_base_s(cache_home: Path) -> None:
    kb = api.knowledge(Config())
    paths = [Path(p) for p in _shipped()]
    built = load_digest(paths, lambda: kb)
    assert any(cache_home.rglob("*.json"))

    def fail() -> None:
        raise AssertionError("the cache was not used")

    assert load_digest(paths, fail) == built == digest_of(kb)


def test_a_changed_knowledge_file_is_a_new_digest(cache_home: Path, tmp_path: Path) -> None:
    path = _kb_file(tmp_path, "Zorblax")
    first = loaded.name_digest.__wrapped__((path,))
    assert any(s[0] == "Zorblax" for s in first.spellings)
    _kb_file(tmp_path, "Quuxbot")
    loaded.load_knowledge.cache_clear()
    second = loaded.name_digest.__wrapped__((path,))
    assert any(s[0] == "Quuxbot" for s in second.spellings)
    assert not any(s[0] == "Zorblax" for s in second.spellings)


def test_a_broken_cache_entry_is_rebuilt(cache_home: Path) -> None:
    kb = api.knowledge(Config())
    paths = [Path(p) for p in _shipped()]
    load_digest(paths, lambda: kb)
    for entry in cache_home.rglob("*.json"):
        entry.write_text("[1, 2", encoding="utf-8")
    assert load_digest(paths, lambda: kb) == digest_of(kb)


def test_the_whitespace_constant_is_up_to_date() -> None:
    assert whitespace_class() == WHITESPACE


@pytest.mark.parametrize("text", [
    "We use GPT-4 daily.", "the stable\u00a0diffusion model", "LARGE LANGUAGE   MODELS",
    "Release notes: run the tests.", "Ask \u0130magen nothing.", "Midjourney\n\nv6",
])
def test_the_literal_path_finds_whatever_the_automaton_finds(text: str) -> None:
    forms = surface_forms(api.knowledge(Config()))
    literal = QuickScan(forms)
    automaton = QuickScan(forms)
    automaton._budget = 0  # skip straight to the automaton
    assert literal.maybe(text) or not automaton.maybe(text)
    assert literal.maybe(text) == ("Release" not in text)


def test_a_file_that_names_nothing_does_not_load_the_knowledge_base(tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# Release\n\nRun the tests, then tag the release.\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from linter import api\n"
        "from linter.knowledge import base as knowledge\n"
        "calls = []\n"
        "real = knowledge.load_knowledge\n"
        "knowledge.load_knowledge = lambda *a, **k: calls.append(1) or real(*a, **k)\n"
        "from linter.cli import main\n"
        "try:\n"
        "    main([sys.argv[1], '--no-cache'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('loads', len(calls))\n"
    )
    env = {**os.environ, "GENAI_LINT_CACHE_HOME": str(tmp_path / "cache")}
    warm = subprocess.run([sys.executable, "-c", probe, str(clean)], env=env,
                          capture_output=True, text=True, check=True)
    assert "No problems" in warm.stdout  # (this first run builds the digest)
    again = subprocess.run([sys.executable, "-c", probe, str(clean)], env=env,
                           capture_output=True, text=True, check=True)
    assert "loads 0" in again.stdout, again.stdout + again.stderr


def _shipped() -> list[Path]:
    from linter.datafiles.packaged import packaged_path
    from linter.knowledge.files import shipped_knowledge_files

    return shipped_knowledge_files(packaged_path(api.KNOWLEDGE_FILE))
