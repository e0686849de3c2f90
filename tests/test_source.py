"""SourceText: newline detection and the line index, computed on first use."""

from __future__ import annotations

import pickle

import pytest

from linter.files.source import SourceText, decode, detect_newline


@pytest.mark.parametrize(("raw", "newline"), [
    ("", "\n"), ("a", "\n"), ("a\nb\r\n", "\n"), ("a\r\nb\n", "\r\n"), ("a\rb\r\n", "\r"),
    ("a\r", "\r"), ("\r\n", "\r\n"),
])
def test_detect_newline(raw: str, newline: str) -> None:
    assert detect_newline(raw) == newline
    source = SourceText.from_text(raw)
    assert source.newline == newline and "\r" not in source.text


def test_line_starts_are_computed_on_first_use() -> None:
    source = decode(b"one\r\ntwo\r\n\r\nfour")
    assert "line_starts" not in vars(source)
    assert source.position(5) == (2, 2)
    assert source.line_starts == (0, 4, 8, 9)
    assert source.line_text(4) == "four" and source.line_text(3) == ""
    assert SourceText("x\ny").position(2) == (2, 1)  # built directly, without from_text


def test_equality_hash_and_pickling_ignore_the_line_index() -> None:
    used, fresh = decode(b"a\nb\n"), decode(b"a\nb\n")
    used.position(2)
    assert used == fresh and hash(used) == hash(fresh)
    assert used != decode(b"a\r\nb\r\n")
    for source in (used, fresh):
        copy = pickle.loads(pickle.dumps(source))
        assert copy == source and copy.position(2) == (2, 1)
    assert "line_starts" not in repr(used)
