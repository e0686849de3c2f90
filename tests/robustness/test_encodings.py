"""Encodings and newline styles: what is decoded, what is refused, and exact locations."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from rbhelpers import ISOLATED, write

from linter.files.source import SourceText, decode

#: The finding sits on line 3, columns 5-13, behind a non-ASCII word (columns count code
#: points, so "Ünïcödé" is 7 columns whatever its encoding).
LINES = ["# Title", "", "Ünï Chat GPT answers.", "", "- item with GPT4 inside"]
EXPECTED = [(3, 5, 3, 13, "GL101"), (5, 13, 5, 17, "GL102")]


def locations(lint, *paths: str) -> list[tuple[int, int, int, int, str]]:
    result = lint(*ISOLATED, "--no-claims", "--format", "json", *paths)
    data = json.loads(result.stdout)
    return [(f["line"], f["column"], f["end_line"], f["end_column"], f["rule"])
            for f in data["findings"]]


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-32-le-bom": lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
}
NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("newline", NEWLINES)
def test_locations_are_exact_in_every_encoding_and_newline_style(
    lint, here: Path, encoding: str, newline: str
) -> None:
    text = NEWLINES[newline].join(LINES) + NEWLINES[newline]
    write(here / "doc.md", ENCODINGS[encoding](text))
    assert locations(lint, "doc.md") == EXPECTED


def test_mixed_newlines_keep_exact_locations(lint, here: Path) -> None:
    # LF, CRLF and CR in one file: every style ends exactly one line.
    raw = b"# Title\r\n\rOne Chat GPT\nand GPT4\r\n\r\n| a | b |\r|---|---|\n| x | Chat GPT |\r\n"
    write(here / "mixed.md", raw)
    assert locations(lint, "mixed.md") == [
        (3, 5, 3, 13, "GL101"), (4, 5, 4, 9, "GL102"), (8, 7, 8, 15, "GL101")]
    source = decode(raw)
    assert source.newline == "\r\n"  # the first style, used for newlines a fix adds
    assert source.line_text(8) == "| x | Chat GPT |"


def test_a_crlf_split_across_a_paragraph_still_maps_columns(lint, here: Path) -> None:
    write(here / "p.md", b"Some text that\r\n  continues: Chat GPT\r\n")
    assert locations(lint, "p.md") == [(2, 14, 2, 22, "GL101")]


def test_bom_is_not_counted_as_a_column(lint, here: Path) -> None:
    write(here / "bom.md", codecs.BOM_UTF8 + b"Chat GPT first\n")
    write(here / "bom16.md", codecs.BOM_UTF16_LE + "Chat GPT first\n".encode("utf-16-le"))
    assert locations(lint, "bom.md") == [(1, 1, 1, 9, "GL101")]
    assert locations(lint, "bom16.md") == [(1, 1, 1, 9, "GL101")]


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"Chat GPT\n\xff\n", 9),
        (b"caf\xc3", 3),  # truncated sequence at the end
        (b"ok \xed\xa0\x80 surrogate\n", 3),  # an encoded surrogate is not UTF-8
        (b"\xef\xbb\xbfBOM then \xc0\xaf overlong\n", 12),  # offsets count the BOM
        (b"x" * 70000 + b"\x80", 70000),
    ],
    ids=["lone-ff", "truncated", "surrogate", "overlong-after-bom", "far"],
)
def test_invalid_utf8_is_reported_once_with_its_byte_offset(
    lint, here: Path, data: bytes, offset: int
) -> None:
    write(here / "bad.md", data)
    write(here / "good.md", "Chat GPT\n")
    write(here / "clean.md", "Nothing to see.\n")
    result = lint(*ISOLATED, "--no-claims", "bad.md", "good.md", "clean.md")
    assert result.code == 2  # the other files were linted, but one path could not be read
    assert "good.md:1:1: GL101" in result.stdout
    errors = [line for line in result.error_lines if "bad.md" in line]
    assert len(errors) == 1
    assert f"at byte {offset}" in errors[0]
    assert "cannot decode" in errors[0]


def test_unreadable_files_are_exit_2_alone_or_next_to_readable_ones(
    lint, here: Path
) -> None:
    write(here / "bad1.md", b"\xff")
    write(here / "bad2.txt", b"a\x00b")
    write(here / "clean.md", "Nothing to see.\n")
    result = lint(*ISOLATED, "bad1.md", "bad2.txt")
    assert result.code == 2
    assert len(result.error_lines) == 2
    both = lint(*ISOLATED, "bad1.md", "bad2.txt", "clean.md")
    assert both.code == 2
    assert both.stdout == "No problems found in 1 file; 2 paths could not be read.\n"
    data = json.loads(lint(*ISOLATED, "--format", "json", "bad1.md", "clean.md").stdout)
    assert data["errors"] == [{"path": "bad1.md",
                               "message": "cannot decode: invalid UTF-8 at byte 0"}]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("newline", [*NEWLINES, "mixed"])
def test_fix_keeps_encoding_bom_and_newlines(lint, here: Path, encoding: str,
                                              newline: str) -> None:
    if newline == "mixed":
        text = "# Title\r\n\rÜnï Chat GPT answers.\n\r\n- item with GPT4 inside\r"
    else:
        text = NEWLINES[newline].join(LINES) + NEWLINES[newline]
    write(here / "doc.md", ENCODINGS[encoding](text))
    assert lint(*ISOLATED, "--no-claims", "--fix", "doc.md").code == 0
    expected = text.replace("Chat GPT", "ChatGPT").replace("GPT4", "GPT-4")
    assert (here / "doc.md").read_bytes() == ENCODINGS[encoding](expected)


def test_source_positions_agree_with_a_naive_count() -> None:
    raw = "a\r\nbb\rccc\n\r\nd"
    source = SourceText.from_text(raw)
    lines = ["a", "bb", "ccc", "", "d"]
    offset = 0
    for number, line in enumerate(lines, start=1):
        for column in range(1, len(line) + 2):
            assert source.position(offset + column - 1) == (number, column)
        assert source.line_text(number) == line
        offset += len(line) + 1
