"""Patterns from users' rule files run in linear time (RE2); one RE2 cannot compile is exit 2
naming the file and the rule."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rbhelpers import ISOLATED, assert_one_line_error, run_process, write

from linter.checks import patterns
from linter.checks.patterns import LINEAR_TIME, PatternError, compile_pattern

pytestmark = pytest.mark.skipif(not LINEAR_TIME, reason="google-re2 is not installed")


def rule_file(**extra: str) -> str:
    lines = ["kind: term", "rules:", "  - code: XX101", "    name: acme-name",
             "    severity: warning", "    preferred: AcmeAI", "    variants: [Acme AI]"]
    lines += [f"    {key}: '{value}'" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def project(folder: Path, doc: str, **extra: str) -> Path:
    write(folder / "rules.yaml", rule_file(**extra))
    write(folder / ".genai-lint.yaml", "rule-files: [rules.yaml]\nselect: [XX101]\n")
    write(folder / "doc.md", doc)
    return folder


@pytest.mark.parametrize(
    ("key", "pattern", "doc", "findings"),
    [
        # "Acme AI aaaa…a!": a backtracking engine tries 2**n ways to split the a's
        ("not_followed_by", r"\s*(a+)+$", "Acme AI " + "a" * 200_000 + "!\n", 1),
        ("not_followed_by", r"\s*(a|aa)+$", "Acme AI " + "a" * 200_000 + "!\n", 1),
        ("not_followed_by", r"\s*(a*)*b", "Acme AI " + "a" * 200_000 + "\n", 1),
        ("requires_context", r"(x+x+)+y", "Acme AI " + "x" * 200_000 + "\n", 0),
        # many matches on one long line: each check is cheap, none re-reads the whole line
        ("not_followed_by", r"\s*(a+)+$", ("Acme AI " + "a" * 40 + "! ") * 20_000, 20_000),
        ("requires_context", r"(x+x+)+y|\bQ\b", ("Acme AI " + "x" * 40 + " Q. ") * 20_000,
         20_000),
    ],
    ids=["nested-plus", "alternation", "star-star", "context", "many-matches",
         "many-contexts"],
)
def test_a_catastrophic_pattern_cannot_hang_a_run(tmp_path: Path, key: str, pattern: str,
                                                   doc: str, findings: int) -> None:
    project(tmp_path, doc, **{key: pattern})
    started = time.monotonic()
    result = run_process(["--no-cache", "--no-claims", "--format", "json", "doc.md"],
                         tmp_path, timeout=240)
    assert time.monotonic() - started < 120  # generous: a backtracking engine needs years
    assert result.code == (1 if findings else 0), result.stderr
    assert result.stdout.count('"rule": "XX101"') == findings


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a)\1", r"invalid escape sequence: \1"),
        (r"\s+(?=models)", "invalid perl operator: (?="),
        (r"(?<!x)y", "invalid perl operator: (?<"),
        ("a++", "bad repetition operator: ++"),
        ("a{1001}", "invalid repetition size: {1001}"),
        ("[a-", "missing ]"),
    ],
    ids=["backreference", "lookahead", "lookbehind", "possessive", "repetition", "class"],
)
@pytest.mark.parametrize("key", ["not_followed_by", "requires_context"])
def test_a_pattern_re2_cannot_compile_is_exit_2_naming_file_and_rule(
    tmp_path: Path, key: str, pattern: str, reason: str
) -> None:
    project(tmp_path, "Acme AI\n", **{key: pattern})
    result = run_process([*ISOLATED[1:], "doc.md"], tmp_path)  # real stderr: RE2 logs to fd 2
    line = assert_one_line_error(result, "rules.yaml:8:", "rule XX101", key, reason)
    assert line.startswith("genai-lint: error: ")


def test_the_compiled_pattern_reports_the_reason_in_words() -> None:
    with pytest.raises(PatternError, match=r"bad pattern '\(a\)\\\\1': invalid escape"):
        compile_pattern(r"(a)\1")


ALPHABET = st.sampled_from([*"ab xé日🤖\n.", "Q", "aa", "  "])
PATTERNS = [r"a+", r"\bQ\b", r"\s*(a+)+$", r"é+|日", r"(?i)A\s", r"^a", r"(?m)^b", r"x$",
            r"\s+(?:a|b)\b", r"🤖", r"", r"[^a]+"]


@settings(max_examples=150, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join), st.sampled_from(PATTERNS),
       st.integers(0, 45), st.one_of(st.none(), st.integers(0, 45)))
def test_the_long_text_path_answers_as_re2_does(text: str, pattern: str, pos: int,
                                                endpos: int | None) -> None:
    """Long texts are matched through a cached UTF-8 copy; the answers are RE2's own."""
    compiled = compile_pattern(pattern)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(patterns, "CACHED_MIN_CHARS", 0)
        for method in ("match", "search", "fullmatch"):
            fast = getattr(compiled, method)(text, pos, endpos)
            slow = getattr(compiled.compiled, method)(text, pos, endpos)
            assert (fast is None) == (slow is None), method
            if fast is not None:
                assert fast.span() == slow.span()
                assert fast.group() == slow.group()


def test_compiled_patterns_survive_pickling() -> None:
    import pickle

    compiled = compile_pattern(r"\s+(?:models?|source)\b")
    again = pickle.loads(pickle.dumps(compiled))
    long_text = "x" * 5000 + " Open AI models"
    assert again.search(long_text).span() == compiled.search(long_text).span()
    assert again.match(" source") is not None
