"""Odd inputs with a text extension: binary data, empty files, whitespace only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rbhelpers import ISOLATED, assert_one_line_error, write

from linter.api import lint_text

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
BAD = "Chat GPT answers questions.\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (PNG, "cannot decode: binary file (contains NUL bytes), at byte 8"),
        (b"GIF89a\x01\x02\x80\xff\xfe", "cannot decode: invalid UTF-8 at byte 8"),
        (bytes(range(0x80, 0x100)) * 8, "cannot decode: invalid UTF-8 at byte 0"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "cannot decode: invalid UTF-8 at byte 10"),
    ],
    ids=["png", "gif", "high-bytes", "pdf"],
)
def test_a_binary_file_alone_is_exit_2_with_one_line(lint, here: Path, data: bytes,
                                                     reason: str) -> None:
    write(here / "image.md", data)
    result = lint(*ISOLATED, "--no-claims", "image.md")
    assert_one_line_error(result, "image.md", reason)


def test_a_binary_file_among_text_files_is_reported_once_and_the_run_goes_on(
    lint, here: Path
) -> None:
    write(here / "docs" / "a.md", BAD)
    write(here / "docs" / "logo.md", PNG)
    write(here / "docs" / "z.txt", BAD)
    result = lint(*ISOLATED, "--no-claims", "docs")
    assert result.code == 2
    assert [line for line in result.error_lines if "logo.md" in line] == [
        "genai-lint: error: docs/logo.md: cannot decode: binary file (contains NUL bytes), "
        "at byte 8"
    ]
    assert "docs/a.md:1:1: GL101" in result.stdout
    assert "docs/z.txt:1:1: GL101" in result.stdout
    assert result.stdout.endswith(
        "Found 2 problems (2 warnings) in 2 of 2 files; 1 path could not be read.\n")
    data = json.loads(lint(*ISOLATED, "--no-claims", "--format", "json", "docs").stdout)
    assert data["summary"]["files"] == 2
    assert data["errors"] == [{"path": "docs/logo.md", "message":
                               "cannot decode: binary file (contains NUL bytes), at byte 8"}]


def test_a_nul_byte_after_the_sniffed_prefix_is_linted_as_text(lint, here: Path) -> None:
    text = "x" * 9000 + "\x00\n\nChat GPT is here.\n"
    write(here / "late-nul.md", text)
    result = lint(*ISOLATED, "--no-claims", "--format", "json", "late-nul.md")
    assert result.code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (3, 1, 9)


def test_a_utf16_bom_in_front_of_binary_data_is_a_decode_error(lint, here: Path) -> None:
    write(here / "odd.md", b"\xff\xfe" + b"\x00\xd8" + b"A\x00")  # a lone surrogate
    result = lint(*ISOLATED, "--no-claims", "odd.md")
    assert_one_line_error(result, "odd.md", "cannot decode: invalid utf-16-le at byte 2")


@pytest.mark.parametrize(
    "content",
    [b"", b" ", b"\n", b"\r\n\r\n", b"\r", b"   \n\t\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n",
     b"\xff\xfe", b"\xff\xfe \x00\n\x00", b"\t\x0b\x0c\n"],
    ids=["empty", "space", "newline", "crlf", "cr", "mixed-ws", "bom-only", "bom-ws",
         "utf16-bom-only", "utf16-ws", "control-ws"],
)
@pytest.mark.parametrize("name", ["doc.md", "doc.mdx", "doc.txt"])
def test_empty_and_whitespace_files_have_no_findings(
    lint, here: Path, content: bytes, name: str
) -> None:
    write(here / name, content)
    for fmt in ("text", "json", "sarif", "github"):
        result = lint(*ISOLATED, "--format", fmt, name)
        assert result.code == 0, (fmt, result)
        assert result.stderr == ""
    data = json.loads(lint(*ISOLATED, "--format", "json", name).stdout)
    assert data["summary"] == {"files": 1, "findings": 0, "error": 0, "warning": 0,
                               "suggestion": 0}
    assert "No problems found in 1 file." in lint(*ISOLATED, name).stdout


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\t \r\n", "\u00a0\u2003\n", "\ufeff"])
@pytest.mark.parametrize("syntax", ["markdown", "mdx", "text"])
def test_the_api_takes_empty_and_blank_strings(text: str, syntax: str) -> None:
    assert lint_text(text, syntax=syntax) == []


def test_fix_leaves_empty_and_blank_files_byte_for_byte(lint, here: Path) -> None:
    files = {"empty.md": b"", "blank.md": b" \r\n\t\r\n", "bom.md": b"\xef\xbb\xbf\n"}
    for name, data in files.items():
        write(here / name, data)
    result = lint(*ISOLATED, "--fix", *files)
    assert result.code == 0
    for name, data in files.items():
        assert (here / name).read_bytes() == data
