"""Tests for linter.fixing: planning edits, keeping newlines/encoding, refusing unsafe writes."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from located import finding_on

from linter import api
from linter.config import Config
from linter.files.atomic import write_atomic
from linter.files.reading import read_file
from linter.files.source import SourceText, decode
from linter.findings import Finding
from linter.fixing.edits import (
    Edit,
    FixError,
    apply_edits,
    apply_edits_raw,
    is_edited,
    plan_edits,
)
from linter.fixing.fixfile import fix_bytes, fix_file

BAD = "Chat GPT answers questions."
GOOD = "ChatGPT answers questions."


def finding(source: SourceText, needle: str, replacement: str | None = "ChatGPT",
            occurrence: int = 0) -> Finding:
    """A GL101 finding on the ``occurrence``-th ``needle`` of ``source``."""
    return finding_on(source, needle, message="Write ChatGPT", fix=replacement,
                      occurrence=occurrence)


def lint_and_fix(path: Path) -> api.LintRun:
    return api.run([path], Config(), claims=False, fix=True)


# --------------------------------------------------------------------------- plan_edits


def test_plan_edits_sorts_and_drops_noops_and_unfixable() -> None:
    source = SourceText.from_text("Chat GPT, ChatGPT and Chat GPT.")
    findings = [
        finding(source, "Chat GPT", occurrence=1),
        finding(source, "ChatGPT"),  # replacement equals the text: nothing to do
        finding(source, "Chat GPT"),
        finding(source, "and", replacement=None),  # no fix at all
    ]
    edits, skipped = plan_edits(source.text, findings)
    assert edits == [Edit(0, 8, "ChatGPT"), Edit(22, 30, "ChatGPT")]
    assert skipped == 0
    assert apply_edits(source.text, edits) == "ChatGPT, ChatGPT and ChatGPT."


@pytest.mark.parametrize(
    ("protected", "expected_edits", "expected_skipped"),
    [
        ((), 1, 0),
        (((0, 4),), 0, 1),  # overlaps the start
        (((7, 20),), 0, 1),  # overlaps the end
        (((8, 12),), 1, 0),  # touches the end only: not an overlap
        (((0, 30),), 0, 1),  # inside
    ],
)
def test_plan_edits_never_touches_protected_spans(
    protected: tuple[tuple[int, int], ...], expected_edits: int, expected_skipped: int
) -> None:
    source = SourceText.from_text(BAD)
    edits, skipped = plan_edits(source.text, [finding(source, "Chat GPT")], protected)
    assert (len(edits), skipped) == (expected_edits, expected_skipped)


def test_plan_edits_overlapping_and_duplicate_fixes() -> None:
    source = SourceText.from_text(BAD)
    first = finding(source, "Chat GPT")
    same = finding(source, "Chat GPT")
    overlapping = finding(source, "GPT", replacement="GPT-4")
    edits, skipped = plan_edits(source.text, [first, same, overlapping])
    assert edits == [Edit(0, 8, "ChatGPT")]
    assert skipped == 1  # the identical edit is not counted, the conflicting one is


def test_plan_edits_skips_stale_findings() -> None:
    source = SourceText.from_text(BAD)
    stale = finding(SourceText.from_text("xx" + BAD), "Chat GPT")  # offsets of another text
    assert plan_edits(source.text, [stale]) == ([], 1)


# --------------------------------------------------------------------------- newlines


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a Chat GPT\nb\n", "a ChatGPT\nb\n"),
        ("a Chat GPT\r\nb\r\n", "a ChatGPT\r\nb\r\n"),
        ("a Chat GPT\rb\r", "a ChatGPT\rb\r"),
        ("x\r\ny\nz\rChat GPT\r\n\nChat GPT", "x\r\ny\nz\rChatGPT\r\n\nChatGPT"),
        ("one\r\ntwo Chat\r\nGPT three\n", "one\r\ntwo ChatGPT three\n"),  # span over CRLF
        ("Chat GPT", "ChatGPT"),  # no newline at all
    ],
)
def test_apply_edits_raw_keeps_every_newline(raw: str, expected: str) -> None:
    source = SourceText.from_text(raw)
    needle = "Chat\nGPT" if "Chat\r\nGPT" in raw else "Chat GPT"
    edits = [
        Edit(start, start + len(needle), "ChatGPT")
        for start in _all(source.text, needle)
    ]
    assert apply_edits_raw(raw, source, edits) == expected


def _all(text: str, needle: str) -> list[int]:
    out, start = [], text.find(needle)
    while start != -1:
        out.append(start)
        start = text.find(needle, start + 1)
    return out


def test_apply_edits_raw_writes_replacement_newlines_in_file_style() -> None:
    raw = "a b\r\nc\r\n"
    source = SourceText.from_text(raw)
    assert apply_edits_raw(raw, source, [Edit(1, 2, "\n")]) == "a\r\nb\r\nc\r\n"


def test_apply_edits_raw_refuses_mismatched_lines() -> None:
    source = SourceText.from_text("a\nb\n")
    with pytest.raises(FixError):
        apply_edits_raw("a b\n", source, [Edit(0, 1, "x")])


# --------------------------------------------------------------------------- fix_bytes


def test_fix_bytes_verifies_structure() -> None:
    data = b"Chat GPT answers questions.\n"
    source = decode(data)
    breaking = finding(source, "Chat GPT", replacement="ChatGPT\n\n# Heading\n\n")
    with pytest.raises(FixError, match="structure"):
        fix_bytes(data, source, "markdown", [breaking])


def test_fix_bytes_refuses_to_edit_code() -> None:
    data = b"Use `Chat GPT` in code.\n\n```\nChat GPT\n```\n"
    source = decode(data)
    findings = [finding(source, "Chat GPT"), finding(source, "Chat GPT", occurrence=1)]
    assert fix_bytes(data, source, "markdown", findings) == (data, 0, 2)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_fix_bytes_keeps_encoding_and_bom(encoding: str) -> None:
    data = "Chat GPT answers.\r\nnext\r\n".encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    source = decode(data)
    new, applied, skipped = fix_bytes(data, source, "markdown", [finding(source, "Chat GPT")])
    assert (applied, skipped) == (1, 0)
    assert new[: len(source.bom)] == source.bom and source.bom
    assert decode(new).text == "ChatGPT answers.\nnext\n"
    assert new == source.bom + "ChatGPT answers.\r\nnext\r\n".encode(source.encoding)


# --------------------------------------------------------------------------- files


def test_fix_file_refuses_a_file_changed_since_read(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"Chat GPT answers questions.\n")
    read = read_file(path, "doc.md")
    path.write_bytes(b"Chat GPT answers questions!\n")  # same length, other bytes
    outcome = fix_file(read, "markdown", [finding(read.source, "Chat GPT")])
    assert outcome.applied == 0
    assert outcome.error is not None and "changed since" in outcome.error
    assert path.read_bytes() == b"Chat GPT answers questions!\n"


def test_fix_file_reports_a_vanished_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"Chat GPT answers questions.\n")
    read = read_file(path, "doc.md")
    path.unlink()
    outcome = fix_file(read, "markdown", [finding(read.source, "Chat GPT")])
    assert outcome.error is not None and "cannot read" in outcome.error
    assert not path.exists()


def test_fix_file_without_fixes_does_not_read(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"Chat GPT\n")
    read = read_file(path, "doc.md")
    path.unlink()  # would be an error if the file were read again
    assert fix_file(read, "markdown", [finding(read.source, "Chat GPT", None)]).error is None


def test_mixed_newlines_preserved_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "mixed.md"
    raw = b"# Chat GPT\r\n\r\nChat GPT answers.\nLine\rChat-GPT too.\r\n\n```\r\nChat GPT\r\n```\n"
    path.write_bytes(raw)
    result = lint_and_fix(path)
    assert result.report.fixed == 3
    assert path.read_bytes() == raw.replace(b"Chat GPT", b"ChatGPT", 2).replace(
        b"Chat-GPT", b"ChatGPT")
    assert b"```\r\nChat GPT\r\n```\n" in path.read_bytes()  # the code block is untouched
    assert result.report.findings == ()


def test_fix_keeps_mode_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"Chat GPT answers questions.\n")
    os.chmod(path, 0o640)
    assert lint_and_fix(path).report.fixed == 1
    assert path.read_bytes() == b"ChatGPT answers questions.\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    before = path.stat().st_mtime_ns
    again = lint_and_fix(path)
    assert (again.report.fixed, again.report.findings) == (0, ())
    assert path.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md"]  # no temp file left


def test_fix_through_a_symlink_writes_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_bytes(b"Chat GPT\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert lint_and_fix(link).report.fixed == 1
    assert link.is_symlink()
    assert target.read_bytes() == b"ChatGPT\n"


def test_fix_reports_remaining_findings_at_their_new_place(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"Chat GPT and Chat GPT use `x`. DALL\xc2\xb7E is a large language model.\n")
    report = api.run([path], Config(), fix=True).report
    assert report.fixed == 2
    assert path.read_bytes().startswith(b"ChatGPT and ChatGPT use `x`. DALL")
    (source,) = report.sources.values()
    assert source.text.startswith("ChatGPT and ChatGPT")  # re-read after fixing
    (left,) = report.findings
    assert left.rule == "GL201" and left.fix is None
    assert (left.line, left.column) == (1, source.text.index("DALL") + 1)
    assert source.text[left.start : left.end] == left.text


def test_the_fixed_text_is_linted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--fix lints the fixed text to test the fixes' stability; the re-lint after writing
    it is answered from that (each lint of a large file is most of the run's time)."""
    from linter.running.engine import Linter

    linted: list[str] = []
    lint_files = Linter.lint_files

    def counting(self: Linter, files):  # type: ignore[no-untyped-def]
        linted.extend(f.source.text for f in files)
        return lint_files(self, files)

    monkeypatch.setattr(Linter, "lint_files", counting)
    path = tmp_path / "doc.md"
    path.write_text("Chat GPT drafts. DALL·E is a large language model.\n", encoding="utf-8")
    report = api.run([path], Config(), fix=True).report
    assert report.fixed == 1 and [f.rule for f in report.findings] == ["GL201"]
    assert linted == ["Chat GPT drafts. DALL·E is a large language model.\n",
                      "ChatGPT drafts. DALL·E is a large language model.\n"]


def test_write_atomic_cleans_up_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"old")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md"]


def test_fix_file_turns_write_errors_into_outcomes(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"Chat GPT\n")
    read = read_file(path, "doc.md")

    def boom(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", boom)
    outcome = fix_file(read, "markdown", [finding(read.source, "Chat GPT")])
    assert outcome.error == "cannot write: Permission denied"
    assert path.read_bytes() == b"Chat GPT\n"


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text("ab\n", max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = list(zip(cuts[::2], cuts[1::2], strict=False))
    return text, [Edit(a, b, draw(st.text("abc", max_size=3))) for a, b in spans]


@given(_edited(), st.text("abc", max_size=2), st.integers(0, 40))
def test_the_edited_text_is_recognised_and_any_other_is_not(
    case: tuple[str, list[Edit]], extra: str, where: int
) -> None:
    text, edits = case
    edited = apply_edits(text, edits)
    assert is_edited(edited, text, edits)
    other = edited[:where] + extra + "!" + edited[where:]
    assert not is_edited(other, text, edits)
