"""The name digest lets a file that names nothing be linted without loading the knowledge base;
it must say exactly what the knowledge base says, and never go stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from linter import api
from linter.claims.mentions import MentionFinder
from linter.config import Config
from linter.knowledge import loaded
from linter.knowledge.digest import digest_of, load_digest
from linter.knowledge.quickscan import WHITESPACE, QuickScan, whitespace_class
from linter.knowledge.surface import NAME, PATTERN, TERM, Form, surface_forms


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


def _both_paths(forms: set[Form]) -> tuple[QuickScan, QuickScan]:
    """A quick scan that takes the literal path and one that goes straight to the automaton."""
    literal = QuickScan(forms)
    literal.LITERAL_BUDGET = literal._budget = 10**9
    automaton = QuickScan(forms)
    automaton._budget = 0
    return literal, automaton


@pytest.mark.parametrize("text", [
    "We use GPT-4 daily.", "the stable\u00a0diffusion model", "LARGE LANGUAGE   MODELS",
    "Midjourney\n\nv6", "an encoder\u2013decoder network",
    "fine-tune Meta-Llama-3-8B-Instruct", "Qwen2.5-7B-Instruct", "roberta-base", "DALL·E 3",
    "Chat GPT answers", "(GPT-4o)", "\ufb01ne LLMs", "text-to-image models",
])
def test_both_paths_say_maybe_where_the_finder_finds_a_name(text: str) -> None:
    kb = api.knowledge(Config())
    assert MentionFinder(kb).find(text), text  # (the premise: the finder finds one)
    for scan in _both_paths(surface_forms(kb)):
        assert scan.maybe(text)


@pytest.mark.parametrize("text", [
    "Release notes: run the tests.",
    "The pipeline yields optimizer samples; edit the commands.",  # Pi, Yi, OPT, SAM, DiT
    "Our organization's activity in 2024",  # GAN, ViT
    "Use a helper named Llamas2x or myGPT-4.",  # names inside other words
])
def test_both_paths_say_no_where_names_are_only_parts_of_words(text: str) -> None:
    kb = api.knowledge(Config())
    assert not MentionFinder(kb).find(text)
    for scan in _both_paths(surface_forms(kb)):
        assert not scan.maybe(text)


def test_names_keep_their_case_and_class_terms_do_not() -> None:
    for scan in _both_paths({(NAME, "Zorb"), (TERM, "zorb network")}):
        assert scan.maybe("we call Zorb") and scan.maybe("ZORB\u2011NETWORK")
        assert not scan.maybe("we call zorb") and not scan.maybe("ZORB only")
        assert not scan.maybe("zorb networking")


def test_version_patterns_are_searched_as_python_reads_them() -> None:
    forms = {(PATTERN, r"Zorb[- ]\d+B"), (PATTERN, r"(?<=x)Blip\w+"),  # RE2 has no lookbehind
             (PATTERN, r"Quux2?-\d"), (PATTERN, r"Alpha|Beta\d")}
    for scan in _both_paths(forms):
        assert scan.maybe("Quux-7") and scan.maybe("see Beta7") and not scan.maybe("Beta")
        assert scan.maybe("the Zorb-\u0663B model")  # an Arabic-Indic digit is a digit too
        assert scan.maybe("xBlipper") and not scan.maybe("Blipper") and not scan.maybe("Zorb B")


def test_every_rule_table_text_naming_something_passes_both_paths() -> None:
    """On every rule-table example, the quick scan says maybe wherever the finder finds a name."""
    kb = api.knowledge(Config())
    finder = MentionFinder(kb)
    scans = _both_paths(surface_forms(kb))
    texts = {str(case["text"] if isinstance(case, dict) else case)
             for path in Path(__file__).parent.joinpath("rules").glob("*.yaml")
             for key in ("fire", "not_fire")
             for case in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(key) or ()}
    named = [text for text in texts if finder.find(text)]
    assert len(named) > 1000
    missed = [text for text in named for scan in scans if not scan.maybe(text)]
    assert missed == []


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


def test_the_automaton_tells_every_start_in_order() -> None:
    forms = {(NAME, "Meta"), (NAME, "Llama"), (PATTERN, r"Meta-Llama-\d"), (TERM, "LLM")}
    literal, automaton = _both_paths(forms)
    assert literal.starts("Meta-Llama-3 is an LLM.") is None  # the literal path tells none
    assert list(automaton.starts("Meta-Llama-3 is an LLM; so is Llama.")) == [0, 5, 19, 30]
    assert list(automaton.starts("metal llamas")) == []
