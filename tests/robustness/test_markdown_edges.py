"""Markdown edge cases: deep nesting, unclosed fences, huge tables, HTML, references,
footnotes, setext headings, escapes and entities. No crash, no recursion error, and every
finding's location is exact (the source text at its span is the text it names)."""

from __future__ import annotations

import sys

import pytest

from linter.api import lint_text
from linter.files.source import SourceText
from linter.findings import Finding


def check(text: str, syntax: str = "markdown", claims: bool = False) -> list[Finding]:
    """Lint ``text``; assert every finding's span, line and column against the source."""
    source = SourceText.from_text(text)
    findings = lint_text(text, syntax=syntax, claims=claims)
    for f in findings:
        assert 0 <= f.start < f.end <= len(source.text)
        assert source.text[f.start : f.end] == f.text
        assert (f.line, f.column) == source.position(f.start)
        assert (f.end_line, f.end_column) == source.position(f.end)
    return findings


def where(findings: list[Finding]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.rule) for f in findings]


DEEP = 1000
NESTED = {
    "list-indented": "".join("  " * i + "- Chat GPT\n" for i in range(DEEP)),
    "list-one-line": "- " * DEEP + "Chat GPT\n",
    "ordered-one-line": "1. " * DEEP + "Chat GPT\n",
    "quote": ">" * DEEP + " Chat GPT\n",
    "quote-spaced": "> " * DEEP + "Chat GPT\n",
    "quote-lines": "".join(">" * i + " Chat GPT\n" for i in range(1, DEEP + 1)),
    "quote-list": "> - " * (DEEP // 2) + "Chat GPT\n",
    "emphasis": "*" * DEEP + "Chat GPT" + "*" * DEEP + "\n",
    "links": "[" * DEEP + "Chat GPT" + "](x)" * DEEP + "\n",
    "images": "![" * DEEP + "Chat GPT" + "](x)" * DEEP + "\n",
    "html": "<div>" * DEEP + "\n\nChat GPT\n\n" + "</div>" * DEEP + "\n",
}


@pytest.mark.parametrize("name", NESTED)
@pytest.mark.parametrize("syntax", ["markdown", "mdx"])
def test_deep_nesting_never_raises(name: str, syntax: str) -> None:
    check(NESTED[name], syntax)


def test_deep_nesting_keeps_the_shallow_findings_exact() -> None:
    findings = check(NESTED["list-indented"])
    # markdown-it stops nesting at its limit; what it does parse is located exactly
    assert findings[:3] == [f for f in findings[:3] if f.rule == "GL101"]
    assert [(f.line, f.column) for f in findings[:3]] == [(1, 3), (2, 5), (3, 7)]
    shallow = check("> > > Chat GPT\n>\n> - a\n>   - Chat GPT\n")
    assert where(shallow) == [(1, 7, "GL101"), (4, 7, "GL101")]


def test_deep_nesting_from_a_deep_call_stack() -> None:
    """Called with little stack left, the parser falls back to a shallower nesting limit."""
    text = NESTED["quote-lines"][:20000] + "\n\nChat GPT at the end\n"
    results: list[list[Finding]] = []

    def recurse(depth: int) -> None:
        if depth:
            recurse(depth - 1)
        else:
            results.append(check(text))

    limit = sys.getrecursionlimit()
    frames = len(__import__("inspect").stack())
    recurse(max(0, limit - frames - 120))
    assert results and results[0][-1].text == "Chat GPT"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Intro Chat GPT\n\n```python\nChat GPT in code\n\nChat GPT still code\n",
         [(1, 7, "GL101")]),
        ("~~~\nChat GPT\n", []),
        ("````\n```\nChat GPT\n", []),
        ("- item\n  ```\n  Chat GPT\n\nChat GPT after the list\n", [(5, 1, "GL101")]),
        ("> ```\n> Chat GPT\n\nChat GPT outside\n", [(4, 1, "GL101")]),
        ("```\n", []),
        ("Chat GPT\n```", [(1, 1, "GL101")]),
    ],
    ids=["backticks", "tildes", "longer-fence", "in-list", "in-quote", "only-fence",
         "fence-at-end"],
)
def test_unclosed_fences_run_to_the_end_of_their_container(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert where(check(text)) == expected
    assert where(check(text.replace("\n", "\r\n"))) == expected


def test_huge_tables() -> None:
    rows = 4000
    header = "| Model | Notes | Link |\n|---|:---:|---|\n"
    body = "".join(f"| `m{i}` | row {i}: Chat GPT \\| GPT4 | [Open AI](u{i}) |\n"
                   for i in range(rows))
    findings = check(header + body)
    assert len(findings) == 3 * rows
    first = where(findings[:3])
    assert first == [(3, 17, "GL101"), (3, 29, "GL102"), (3, 37, "GL107")]
    assert findings[-1].line == rows + 2
    wide = "|" + "Chat GPT|" * 3000 + "\n|" + "-|" * 3000 + "\n|" + "x|" * 3000 + "\n"
    assert len(check(wide)) == 3000
    ragged = "| a | b |\n|---|---|\n| Chat GPT |\n| 1 | 2 | 3 | Chat GPT |\n|\n"
    assert where(check(ragged)) == [(3, 3, "GL101")]


def test_a_huge_table_of_claims() -> None:
    rows = 1500
    table = "| Model | Vendor |\n|---|---|\n" + "| GPT-4 | Google |\n" * rows
    findings = check(table, claims=True)
    assert len(findings) == rows
    assert {(f.rule, f.column, f.text) for f in findings} == {("GL205", 11, "Google")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<div>\nChat GPT in HTML\n</div>\n\nChat GPT after\n", [(5, 1, "GL101")]),
        ("<div>\n\nChat GPT is Markdown here\n\n</div>\n", [(3, 1, "GL101")]),
        ("<!-- Chat GPT\n\nstill a comment -->\nChat GPT\n", [(4, 1, "GL101")]),
        ("<!--" * 5000 + " Chat GPT\n\nChat GPT\n", []),  # an unclosed comment runs on
        ("a <span title='Chat GPT'>Chat GPT</span>\n", [(1, 26, "GL101")]),
        ("<script>\nChat GPT\n\nChat GPT\n</script>\n\nChat GPT\n", [(7, 1, "GL101")]),
        ("<?php Chat GPT ?>\n\nChat GPT\n", [(3, 1, "GL101")]),
        ("<![CDATA[ Chat GPT ]]>\n\nChat GPT\n", [(3, 1, "GL101")]),
    ],
    ids=["block", "markdown-inside", "comment", "unclosed-comments", "inline", "script",
         "processing", "cdata"],
)
def test_html_is_never_linted(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert where(check(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[Chat GPT][r] and [r]\n\n[r]: https://chat.gpt "Chat GPT title"\n',
         [(1, 2, "GL101")]),
        ("[Chat GPT]\n\n[chat gpt]: <https://x> 'Chat GPT'\n", [(1, 2, "GL101")]),
        ("[r]:\n  https://x\n  (Chat GPT)\n\nChat GPT [r]\n", [(5, 1, "GL101")]),
        ("".join(f"[r{i}]: http://x/{i}\n" for i in range(3000)) + "\n[Chat GPT][r1]\n",
         [(3002, 2, "GL101")]),
        ("[Chat GPT][missing]\n", [(1, 2, "GL101")]),
    ],
    ids=["title", "case-folded", "multi-line", "many", "undefined"],
)
def test_reference_links(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert where(check(text)) == expected


def test_footnotes_are_prose() -> None:
    text = "Text Chat GPT[^1].\n\n[^1]: Chat GPT note.\n    Chat GPT indented.\n"
    assert where(check(text)) == [(1, 6, "GL101"), (3, 7, "GL101"), (4, 5, "GL101")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chat GPT\n========\n", [(1, 1, "GL101")]),
        ("Foo\nChat GPT\n---\n", [(2, 1, "GL101")]),
        ("Chat GPT\r\n===\r\n", [(1, 1, "GL101")]),
        ("  Chat GPT  \n  ---\n", [(1, 3, "GL101")]),
        ("> Chat GPT\n> ===\n", [(1, 3, "GL101")]),
        ("Chat GPT\n" * 3000 + "===\n", [(i, 1, "GL101") for i in range(1, 3001)]),
    ],
    ids=["equals", "two-lines", "crlf", "indented", "in-quote", "long"],
)
def test_setext_headings(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert where(check(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\\*Chat GPT\\* and \\[Chat GPT\\]\n", [(1, 3, "GL101"), (1, 20, "GL101")]),
        ("Chat&#32;GPT and Chat GPT&amp;\n", [(1, 1, "GL101"), (1, 18, "GL101")]),
        ("&lt;Chat GPT&gt; &copy; Chat GPT\n", [(1, 25, "GL101")]),  # "<Chat" is tag-like
        ("Chat\\ GPT and Chat&nbsp;GPT\n", []),
        ("Chat GPT\\\nnext\n", [(1, 1, "GL101")]),
        ("&#0; &#xFFFFFF; &bogus; Chat GPT\n", [(1, 25, "GL101")]),
        ("\\" * 3000 + " Chat GPT\n", [(1, 3002, "GL101")]),
        ("&amp;" * 3000 + " Chat GPT\n", [(1, 15002, "GL101")]),
    ],
    ids=["escaped-punctuation", "numeric-entity", "named-entities", "not-a-space",
         "hard-break", "invalid-entities", "many-backslashes", "many-entities"],
)
def test_escapes_and_entities(text: str, expected: list[tuple[int, int, str]]) -> None:
    findings = check(text)
    assert where(findings) == expected
    for f in findings:  # a fix is offered only where the source holds the variant verbatim
        assert (f.fix is not None) == (f.text == "Chat GPT")


PATHOLOGICAL = {
    "brackets": "[" * 20000 + " Chat GPT",
    "image-brackets": "![" * 5000 + " Chat GPT",
    "stars": "*a " * 20000 + " Chat GPT",
    "backticks": "".join("`" * i + " " for i in range(1, 300)) + " Chat GPT",
    "angles": "<" * 20000 + " Chat GPT",
    "inline-comments": "Chat GPT " + "<!--" * 20000,
    "entities": "&" * 20000 + " Chat GPT",
    "links": "[a](b " * 10000 + " Chat GPT",
    "autolinks": "<http://a " * 10000 + " Chat GPT",
    "braces": "Chat GPT " + "{" * 20000,
    "jsx": "Chat GPT " + "<A " * 10000,
    "nul": "Chat GPT \x00 " * 2000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
@pytest.mark.parametrize("syntax", ["markdown", "mdx"])
def test_pathological_inline_markup_finishes(name: str, syntax: str) -> None:
    findings = check(PATHOLOGICAL[name], syntax)
    assert any(f.text == "Chat GPT" for f in findings)
