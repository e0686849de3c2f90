"""Code-point columns to LSP positions, and findings to diagnostics."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from lsprotocol import types

from linter.api import lint_text
from linter.files.source import SourceText
from linter.findings import Finding, Severity
from linter.lsp.diagnostics import finding_range, rule_doc_url, to_diagnostic
from linter.lsp.positions import UTF8, UTF16, UTF32, lsp_position, units

UNITS = [
    # (text, UTF-16 units, UTF-8 bytes, code points)
    ("", 0, 0, 0),
    ("abc", 3, 3, 3),
    ("é", 1, 2, 1),
    ("DALL·E", 6, 7, 6),
    ("😀", 2, 4, 1),  # outside the BMP: a surrogate pair
    ("𝒜b", 3, 5, 2),  # a mathematical letter, also outside the BMP
    ("👩‍💻", 5, 11, 3),  # woman, zero-width joiner, laptop
    ("\ud800", 1, 3, 1),  # a lone surrogate, as JSON may carry one
]


@pytest.mark.parametrize(("text", "utf16", "utf8", "utf32"), UNITS)
def test_units(text: str, utf16: int, utf8: int, utf32: int) -> None:
    assert (units(text, UTF16), units(text, UTF8), units(text, UTF32)) == (utf16, utf8, utf32)


POSITIONS = [
    # (text, 1-based line, 1-based code-point column, expected 0-based UTF-16 position)
    ("Chat GPT", 1, 1, (0, 0)),
    ("😀 Chat GPT", 1, 3, (0, 3)),
    ("a\n😀😀 x", 2, 4, (1, 5)),
    ("😀\r\n𝒜 x", 2, 3, (1, 3)),  # CRLF: the line counts from after the newline
    ("x\ry 😀", 2, 4, (1, 4)),  # after the emoji: 1 + 1 + 2 units
    ("ab", 1, 3, (0, 2)),  # the end of a line
]


@pytest.mark.parametrize(("text", "line", "column", "expected"), POSITIONS)
def test_lsp_position(text: str, line: int, column: int, expected: tuple[int, int]) -> None:
    assert lsp_position(SourceText.from_text(text), line, column) == expected


FINDINGS = [
    # (document, the range of its GL101 finding in UTF-16 units)
    ("Chat GPT answers.\n", ((0, 0), (0, 8))),
    ("😀 Chat GPT answers.\n", ((0, 3), (0, 11))),  # emoji before, same line
    ("𝒜𝒜𝒜\n\nWe use 𝒜 and Chat GPT 😀.\n", ((2, 14), (2, 22))),
    ("# 😀 Intro\n\n- 👩‍💻 Chat GPT\n", ((2, 8), (2, 16))),
    ("| 😀 | Chat GPT |\n| --- | --- |\n| a | b |\n", ((0, 7), (0, 15))),
]


@pytest.mark.parametrize(("text", "expected"), FINDINGS)
def test_finding_ranges_count_utf16_units(
    text: str, expected: tuple[tuple[int, int], tuple[int, int]]
) -> None:
    (finding,) = [f for f in lint_text(text, claims=False) if f.rule == "GL101"]
    found = finding_range(finding, SourceText.from_text(text))
    assert ((found.start.line, found.start.character),
            (found.end.line, found.end.character)) == expected
    line = text.split("\n")[expected[0][0]].encode("utf-16-le")
    assert line[2 * expected[0][1]: 2 * expected[1][1]].decode("utf-16-le") == "Chat GPT"


def test_ranges_in_the_negotiated_encoding() -> None:
    text = "😀 Chat GPT\n"
    (finding,) = lint_text(text, claims=False)
    source = SourceText.from_text(text)
    assert finding_range(finding, source, UTF8).start.character == 5
    assert finding_range(finding, source, UTF32).start.character == 2


@pytest.mark.parametrize(("severity", "expected"), [
    (Severity.ERROR, types.DiagnosticSeverity.Error),
    (Severity.WARNING, types.DiagnosticSeverity.Warning),
    (Severity.SUGGESTION, types.DiagnosticSeverity.Information),
])
def test_diagnostic_fields(severity: Severity, expected: types.DiagnosticSeverity) -> None:
    finding = Finding("a.md", 1, 1, 1, 5, 0, 4, "GL101", "chatgpt-name", severity,
                      "Write ChatGPT", "Chat")
    diagnostic = to_diagnostic(finding, SourceText.from_text("Chat GPT\n"))
    assert diagnostic.severity == expected
    assert (diagnostic.code, diagnostic.source, diagnostic.message) == (
        "GL101", "genai-lint", "Write ChatGPT")
    assert diagnostic.code_description == types.CodeDescription(href=rule_doc_url("GL101"))
    assert rule_doc_url("GL101") == (
        "https://github.com/genai-lint/genai-lint/blob/main/docs/rules/GL101.md")
