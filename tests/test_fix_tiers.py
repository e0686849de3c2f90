"""Fix safety tiers and the fix preview: ``--fix`` applies safe fixes (name spellings,
vendors), ``--unsafe-fixes`` adds style rewrites (acronym expansions, casing, variants, rule
file substitutions), no acronym is expanded in a sentence that still holds an error, and
``--diff`` prints the fixes as a unified diff and writes nothing (exit 1 when a file would
change, as ruff's ``--diff``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import invoke, project_with
from gitrepo import write

from linter.api import lint_text
from linter.checks.ruleset import load_ruleset
from linter.fixing.policy import FixPolicy
from linter.fixing.preview import unified_diff

#: name spelling (safe), acronym expansion (unsafe), casing (unsafe), vendor (safe)
DOC = ("# Notes\n\nLLMs help writers. Chat GPT answers questions.\n\n"
       "We use Large Language Models daily.\n\nGoogle's GPT-4 writes well.\n")
SAFE_FIXED = DOC.replace("Chat GPT", "ChatGPT").replace("Google's", "OpenAI's")
ALL_FIXED = SAFE_FIXED.replace("LLMs help", "Large language models (LLMs) help").replace(
    "Large Language Models daily", "large language models daily")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return project_with(tmp_path, monkeypatch,
                        {".genai-lint.yaml": "fail-on: warning\n", "docs/a.md": DOC})


SAFETY = [  # (rule kind's example, code, safe?)
    ("Chat GPT answers questions.", "GL101", True),  # term: a name's spelling
    ("Antropic trains models.", "GL114", True),  # name-spelling
    ("Google's GPT-4 writes well.", "GL205", True),  # claim: the vendor
    ("LLMs help writers.", "GL401", False),  # acronym expansion
    ("We use Large Language Models daily.", "GL406", False),  # casing
    ("GenAI helps. Gen AI helps more. GenAI helps most.", "GL408", False),  # variants
]


@pytest.mark.parametrize(("text", "code", "safe"), SAFETY, ids=[c for _, c, _ in SAFETY])
def test_each_fix_is_safe_or_unsafe_by_its_rule_kind(text: str, code: str, safe: bool) -> None:
    (finding,) = [f for f in lint_text(text) if f.rule == code]
    assert finding.fix is not None and finding.fix.safe is safe


def test_a_rule_files_substitution_is_unsafe(tmp_path: Path) -> None:
    rules = write(tmp_path / "r.yaml", (
        "kind: substitution\nrules:\n  - {code: ACME002, name: no-gen-ai, severity: warning,\n"
        "     swap: {'gen AI': generative AI}, rationale: x,\n"
        "     examples: {bad: ['Gen AI is here.'], good: ['Generative AI is here.']}}\n"))
    info = load_ruleset([rules]).infos["ACME002"]
    assert (info.fixable, info.fix_safe, info.fix_applicability) == (True, False, "unsafe")


def test_fix_applies_only_safe_fixes(project: Path) -> None:
    code, out, _ = invoke("docs", "--fix")
    assert (project / "docs/a.md").read_text(encoding="utf-8") == SAFE_FIXED
    assert code == 0  # suggestions are below --fail-on warning
    assert "Fixed 2 problems." in out
    assert 'unsafe fix (--unsafe-fixes): replace with "Large language models (LLMs)"' in out


def test_unsafe_fixes_adds_the_style_rewrites(project: Path) -> None:
    code, out, _ = invoke("docs", "--fix", "--unsafe-fixes")
    assert (project / "docs/a.md").read_text(encoding="utf-8") == ALL_FIXED
    assert (code, out.splitlines()[-1]) == (0, "Fixed 4 problems.")


def test_unsafe_fixes_alone_is_a_usage_error(project: Path) -> None:
    code, out, err = invoke("docs", "--unsafe-fixes")
    assert (code, out) == (2, "")
    assert err.startswith("genai-lint: error: --unsafe-fixes needs --fix or --diff")


def test_no_expansion_in_a_sentence_that_still_holds_an_error(project: Path) -> None:
    path = write(project / "docs/a.md", "LLMs such as DALL·E are useful.\n")
    code, out, _ = invoke("docs/a.md", "--fix", "--unsafe-fixes", "--format", "json")
    assert path.read_text(encoding="utf-8") == "LLMs such as DALL·E are useful.\n"
    rules = {f["rule"]: f["fix"] for f in json.loads(out)["findings"]}
    assert rules["GL201"] is None  # the error stays, and so does the expansion's fix
    assert rules["GL401"] == {"replacement": "Large language models (LLMs)", "safe": False}
    assert code == 1


def test_an_expansion_follows_once_the_error_is_fixed(project: Path) -> None:
    path = write(project / "docs/a.md", "Google's GPT-4 is one of the best LLMs.\n")
    invoke("docs/a.md", "--fix", "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == (
        "OpenAI's GPT-4 is one of the best large language models (LLMs).\n")


def test_policy_holds_back_an_expansion_next_to_an_error() -> None:
    text = "LLMs such as DALL·E are useful. LLMs help writers.\n"
    findings = lint_text(text)
    from linter.api import ruleset
    from linter.config import Config

    chosen = FixPolicy(unsafe=True).applicable(findings, {"<text>": text},
                                               ruleset(Config()).infos)
    assert [f.rule for f in findings if f.fix] == ["GL401"]
    assert chosen == set()
    assert FixPolicy(unsafe=False).applicable(findings, {"<text>": text}, {}) == set()


# --------------------------------------------------------------------------- --diff


def test_diff_prints_a_unified_diff_and_writes_nothing(project: Path) -> None:
    before = (project / "docs/a.md").read_bytes()
    code, out, err = invoke("docs", "--diff")
    assert (project / "docs/a.md").read_bytes() == before
    assert code == 1  # a file would change
    assert out == (
        "--- a/docs/a.md\n+++ b/docs/a.md\n@@ -1,7 +1,7 @@\n # Notes\n \n"
        "-LLMs help writers. Chat GPT answers questions.\n"
        "+LLMs help writers. ChatGPT answers questions.\n \n"
        " We use Large Language Models daily.\n \n"
        "-Google's GPT-4 writes well.\n+OpenAI's GPT-4 writes well.\n")
    assert err == "genai-lint: would fix 2 problems in 1 file\n"
    assert not list(project.glob("docs/.*genai-lint-tmp"))


def test_diff_with_unsafe_fixes_and_the_exit_codes(project: Path) -> None:
    code, out, _ = invoke("docs", "--diff", "--unsafe-fixes")
    assert code == 1
    assert "+Large language models (LLMs) help writers. ChatGPT answers questions.\n" in out
    assert "+We use large language models daily.\n" in out
    write(project / "docs/a.md", ALL_FIXED)
    assert invoke("docs", "--diff", "--unsafe-fixes") == (
        0, "", "genai-lint: would fix 0 problems in 0 files\n")
    write(project / "docs/b.md", "DALL·E is a large language model.\n")  # no fix: not counted
    assert invoke("docs", "--diff")[0] == 0
    write(project / "docs/a.md", DOC)
    assert invoke("docs", "--diff", "--exit-zero")[0] == 0
    assert invoke("docs", "--diff", "missing.md")[0] == 2


def test_diff_keeps_crlf_and_says_when_a_newline_is_missing() -> None:
    crlf = unified_diff("x.md", b"a\r\nChat GPT\r\n", b"a\r\nChatGPT\r\n")
    assert crlf == "--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,2 @@\n a\r\n-Chat GPT\r\n+ChatGPT\r\n"
    bare = unified_diff("x.md", b"Chat GPT", b"ChatGPT")
    assert bare.endswith("-Chat GPT\n\\ No newline at end of file\n"
                         "+ChatGPT\n\\ No newline at end of file\n")


def test_diff_in_a_real_process(project: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "linter", "docs", "--diff"], cwd=project,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stdout.startswith("--- a/docs/a.md\n+++ b/docs/a.md\n")
    assert (project / "docs/a.md").read_text(encoding="utf-8") == DOC
    applied = subprocess.run([sys.executable, "-m", "linter", "docs", "--fix"], cwd=project,
                             capture_output=True, text=True, check=False)
    assert applied.returncode == 0, applied.stderr
    assert (project / "docs/a.md").read_text(encoding="utf-8") == SAFE_FIXED
