"""Text nested past the Markdown nesting limit is linted, not skipped, and each such file is
named once on stderr (issue 13, item 1)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import cli_runner
from test_markup import check_invariants

from linter.api import NESTING_NOTICE, lint_text
from linter.cli import cli
from linter.files.source import SourceText
from linter.findings import Finding
from linter.markup import MAX_NESTING, extract, may_pass_nesting_limit

BAD = "Chat GPT answers questions."
DEEP = MAX_NESTING + 1  # quote levels past the limit
LIST_DEPTH = 200  # list levels (two nesting levels each): far past the limit


def quoted(text: str, depth: int = DEEP) -> str:
    """One line of ``text`` inside ``depth`` nested block quotes."""
    return "> " * depth + text + "\n"


def deep_list(depth: int = LIST_DEPTH, item: str = "item") -> str:
    """A list nested ``depth`` levels, one item per level."""
    return "".join("  " * level + f"- {item}\n" for level in range(depth))


def spots(findings: list[Finding], rule: str = "GL101") -> list[tuple[int, int, int]]:
    """(line, column, end_column) of the findings of ``rule``."""
    return [(f.line, f.column, f.end_column) for f in findings if f.rule == rule]


def lint(text: str, syntax: str = "markdown") -> list[Finding]:
    return lint_text(text, syntax=syntax, claims=False)


# ------------------------------------------------------------------------------- extraction


@pytest.mark.parametrize("syntax", ["markdown", "mdx"])
def test_a_paragraph_in_101_quotes_is_linted_at_its_exact_column(syntax: str) -> None:
    column = 2 * DEEP + 1
    assert spots(lint(quoted(BAD), syntax)) == [(1, column, column + 8)]


def test_a_paragraph_after_a_200_deep_list_is_linted() -> None:
    text = deep_list() + "\n" + BAD + "\n"
    assert spots(lint(text)) == [(LIST_DEPTH + 2, 1, 9)]


def test_items_past_the_limit_are_linted_at_their_exact_columns() -> None:
    lines = deep_list().splitlines(keepends=True)
    lines[149] = "  " * 149 + f"- {BAD}\n"
    assert spots(lint("".join(lines))) == [(150, 2 * 149 + 3, 2 * 149 + 11)]


def test_within_the_limit_nothing_is_flattened() -> None:
    text = quoted(BAD, 30)
    assert extract(SourceText.from_text(text), "markdown").past_nesting_limit == ()
    assert spots(lint(text)) == [(1, 61, 69)]


def test_the_document_names_the_spans_past_the_limit() -> None:
    text = "Intro.\n\n" + quoted("deep") + "\nOutro.\n"
    source = SourceText.from_text(text)
    document = extract(source, "markdown")
    ((start, end),) = document.past_nesting_limit
    assert source.text[start:end] == quoted("deep").rstrip("\n")
    assert [s.text for s in document.segments] == ["Intro.", "deep", "Outro."]


def test_code_links_and_comments_past_the_limit_keep_their_meaning() -> None:
    text = quoted(f"`{BAD}` is code; [the docs](https://example.com/Chat GPT) and {BAD}")
    column = 2 * DEEP + 1 + text[2 * DEEP :].rindex("Chat GPT")
    assert spots(lint(text)) == [(1, column, column + 8)]
    suppressed = quoted("<!-- genai-lint-disable-next-line GL101 -->") + quoted(BAD)
    assert spots(lint(suppressed)) == []
    assert spots(lint(quoted("<!-- a comment -->") + quoted(BAD))) != []


def test_code_after_a_deep_list_stays_code() -> None:
    text = deep_list() + "\n```\n" + BAD + "\n```\n\n" + BAD + "\n"
    assert spots(lint(text)) == [(LIST_DEPTH + 6, 1, 9)]


def test_segments_past_the_limit_keep_document_order() -> None:
    # "LLM" is expanded at its first use, inside the deep quote: the later use is fine.
    text = quoted("A large language model (LLM) writes text.") + "\nAn LLM writes text.\n"
    assert spots(lint(text), "GL401") == []
    assert spots(lint("An LLM writes text.\n"), "GL401") != []


@pytest.mark.parametrize(
    "text",
    [
        quoted("deep"),
        ">" * DEEP + " deep\n",
        "- " * (DEEP // 2 + 1) + "deep\n",
        "1. " * (DEEP // 2 + 1) + "deep\n",
        "> - " * (DEEP // 3 + 1) + "deep\n",
        deep_list(MAX_NESTING // 2 + 1, "deep"),
        "".join("\t" * level + "-\tdeep\n" for level in range(MAX_NESTING)),
        "".join(">" * level + " deep\n" for level in range(1, DEEP + 1)),
    ],
    ids=["quotes", "packed-quotes", "list-one-line", "ordered-one-line", "quote-list",
         "list-lines", "tab-list", "quote-lines"],
)
def test_the_fast_test_never_misses_a_file_past_the_limit(text: str) -> None:
    document = extract(SourceText.from_text(text), "markdown")
    assert document.past_nesting_limit, "the example should pass the limit"
    assert may_pass_nesting_limit(text)
    assert "deep" in " ".join(s.text for s in document.segments)


def test_the_fast_test_passes_ordinary_documents() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert not may_pass_nesting_limit(readme)
    assert not may_pass_nesting_limit(quoted("shallow", 10) + deep_list(20))


PREFIXES = ["> ", ">", "- ", "-\t", "* ", "+ ", "1. ", "1) ", "  ", "\t", " ", ">\t"]
BODIES = ["deep `code` text", "", "```", "~~~", "- x", "<!-- c -->", "<div>", "# head",
          "[a](http://x.y) b", "[r]: http://x", "see [r]", "| a | b |", "|---|---|",
          "    indented code", "*emph* &amp; \\*"]


def random_document(rng: random.Random) -> str:
    """Lines of random container prefixes (many past the limit) before random blocks."""
    lines = []
    for _ in range(rng.randint(1, 8)):
        depth = rng.choice([0, 5, 20, 60, 100, 140]) + rng.randint(0, 20)
        lines.append("".join(rng.choice(PREFIXES) for _ in range(depth)) + rng.choice(BODIES))
        if rng.random() < 0.3:
            lines.append("")
    return "\n".join(lines) + "\n"


def test_random_deep_documents_keep_the_extraction_contracts() -> None:
    rng = random.Random(13)
    past = 0
    for _ in range(300):
        text = random_document(rng)
        for syntax in ("markdown", "mdx"):
            source = SourceText.from_text(text)
            document = extract(source, syntax)
            check_invariants(source, document)  # exact offsets, order, prose never in code
            if document.past_nesting_limit:
                past += 1
                assert may_pass_nesting_limit(text)
    assert past > 100


# ------------------------------------------------------------------------------ command line


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".genai-lint.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def notice(path: str, line: int) -> str:
    return f"genai-lint: warning: {path}:{line}: {NESTING_NOTICE}"


def test_cli_names_each_deep_file_once_and_lints_it(project: Path) -> None:
    deep = "Intro.\n\n" + quoted(BAD) + "\n" + quoted("More deep text.", DEEP + 20)
    (project / "deep.md").write_text(deep, encoding="utf-8")
    (project / "quiet.md").write_text(deep_list() + "\nNo AI terms here.\n", encoding="utf-8")
    (project / "plain.md").write_text(quoted(BAD, 30), encoding="utf-8")
    result = cli_runner().invoke(cli, ["--no-claims", "--no-cache", "-q", "."])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [notice("deep.md", 3), notice("quiet.md", 50)]
    assert result.stdout.splitlines() == [
        f'deep.md:3:{2 * DEEP + 1}: GL101 [warning] Write "ChatGPT", not "Chat GPT"',
        'plain.md:1:61: GL101 [warning] Write "ChatGPT", not "Chat GPT"',
    ]


def test_cli_names_a_deep_file_on_a_cached_run_too(project: Path) -> None:
    (project / "deep.md").write_text(quoted(BAD), encoding="utf-8")
    args = ["--no-claims", "--cache-dir", str(project / "cache"), "-q", "deep.md"]
    for _ in range(2):
        result = cli_runner().invoke(cli, args)
        assert (result.exit_code, result.stderr) == (1, notice("deep.md", 1) + "\n")


def test_cli_fixes_text_past_the_limit(project: Path) -> None:
    (project / "deep.md").write_text(quoted(BAD), encoding="utf-8")
    result = cli_runner().invoke(cli, ["--no-claims", "--no-cache", "--fix", "deep.md"])
    assert result.exit_code == 0, result.output
    assert (project / "deep.md").read_text(encoding="utf-8") == quoted(
        "ChatGPT answers questions.")


def test_real_process_lints_and_names_a_deep_file(project: Path) -> None:
    (project / "deep.md").write_text(deep_list() + "\n" + BAD + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "--no-claims", "--no-cache", "-q", "deep.md"],
        cwd=project, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert proc.returncode == 1
    assert proc.stderr == notice("deep.md", 50) + "\n"
    assert proc.stdout == (
        f'deep.md:{LIST_DEPTH + 2}:1: GL101 [warning] Write "ChatGPT", not "Chat GPT"\n')
