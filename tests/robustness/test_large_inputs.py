"""Large inputs: work and memory grow linearly with the input.

The real 50 MB file and 5 MB line are measured by ``benchmarks/large_files.py``. Here the
sizes are small, and the checks count work where it can be counted (texts encoded, indexes
built, characters handed to spaCy, bytes printed); where only time can tell, the CPU time of
4n against n is compared loosely (linear: about 4, quadratic: about 16).
"""

from __future__ import annotations

import bisect
import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import api
from linter.checks import patterns
from linter.checks.kinds import terms
from linter.claims import analyzer
from linter.config import Config
from linter.files.source import SourceText
from linter.fixing.edits import Edit, _Spans, apply_edits, plan_edits
from linter.markup import textutil
from linter.markup.segments import Piece, Segment
from linter.reporting.formatters import render
from linter.reporting.formatters.text import EXCERPT_CONTEXT, LONG_LINE, caret, excerpt
from linter.reporting.report import Report

CONFIG = Config()


def cpu(call: Callable[[], object]) -> float:
    """The best of two CPU times of ``call``."""
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        call()
        best = min(best, time.process_time() - started)
    return best


def scales_linearly(make: Callable[[int], Callable[[], object]], n: int) -> None:
    small, large = cpu(make(n)), cpu(make(4 * n))
    assert large < 10 * max(small, 0.02), (small, large)


def long_line(unit: str, chars: int) -> str:
    return unit * (chars // len(unit)) + "\n"


UNITS = {
    "not-followed-by": "We met Open AI staff there. ",
    "requires-context": "the Palm team and Google ",
    "plural-only": "many LLM's are big and ",
    "quotes-and-parens": 'a "Chat GPT" (Chat GPT) ',
    "no-sentence-end": "Chat GPT and GPT4 with LLMs ",
    "link-text": "[Chat GPT and more](https://x.y) ",
}


@pytest.mark.parametrize("unit", UNITS)
def test_term_rules_on_one_long_line_scale_linearly(unit: str) -> None:
    def make(chars: int) -> Callable[[], object]:
        text = long_line(UNITS[unit], chars)
        return lambda: api.lint_text(text, claims=False)

    scales_linearly(make, 60_000)


def test_a_long_text_is_encoded_and_indexed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Per long segment: one UTF-8 copy for RE2, one index of quotes and parentheses,
    however many names it holds (both used to be redone for every match)."""
    encoded: list[int] = []
    indexed: list[int] = []
    real_utf8, real_index = patterns._Utf8.__init__, textutil._TextIndex.__init__

    def count_utf8(self, text: str) -> None:
        encoded.append(len(text))
        real_utf8(self, text)

    def count_index(self, text: str) -> None:
        indexed.append(len(text))
        real_index(self, text)

    monkeypatch.setattr(patterns._Utf8, "__init__", count_utf8)
    monkeypatch.setattr(textutil._TextIndex, "__init__", count_index)
    patterns._utf8.cache_clear()
    textutil._index.cache_clear()
    text = long_line("Open AI and the Palm team at Google, \"Chat GPT\" (Chat GPT). ", 200_000)
    findings = api.lint_text(text, claims=False)
    assert len(findings) > 5_000
    assert sum(encoded) <= 2 * len(text)
    assert sum(indexed) <= 2 * len(text)


def test_spacy_never_gets_a_text_longer_than_the_window(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    """A "sentence" with no full stop is parsed in windows: spaCy's memory grows faster
    than linearly with the length of one text (half a megabyte of it took 20 GB)."""
    seen: list[int] = []

    def analyze(self, texts):
        seen.extend(len(text) for text in texts)
        return [[] for _ in texts]

    monkeypatch.setattr(analyzer.ClaimAnalyzer, "analyze", analyze)
    text = long_line("GPT-4 is a model and DALL·E is an LLM and ", 300_000)
    api.lint_text(text)
    assert seen and max(seen) <= analyzer.MAX_SENTENCE_CHARS
    assert sum(seen) <= len(text) + len(seen)


@given(st.text(alphabet=st.sampled_from(list("ab .")), max_size=200), st.integers(1, 30))
def test_windows_cover_each_sentence_exactly(text: str, limit: int) -> None:
    spans = [(0, len(text))] if text else []
    windows = list(analyzer._windows(text, spans, limit))
    assert "".join(text[a:b] for a, b in windows) == text
    assert all(0 < b - a <= limit for a, b in windows)


def test_text_output_for_a_long_line_is_bounded() -> None:
    """A long line is shown as an excerpt around each finding, not whole for each one."""
    text = long_line("Chat GPT ", 500_000)
    findings = api.lint_text(text, claims=False, path="long.md")
    shown = Report(tuple(findings), 1, api.ruleset(CONFIG).infos,
                   {"long.md": SourceText.from_text(text)})
    output = render("text", shown)
    assert len(findings) > 50_000
    assert len(output) < 400 * len(findings)


@given(st.text(alphabet=st.sampled_from(list("ab\t日é")), min_size=0, max_size=60),
       st.integers(1, 70), st.integers(0, 70))
def test_excerpts_keep_the_caret_under_the_span(text: str, column: int, length: int) -> None:
    line = text * (LONG_LINE // max(len(text), 1) + 2) if text else "x" * (LONG_LINE + 5)
    column = min(column, len(line) + 1)
    end = min(column + length, len(line) + 1)
    shown, new_column, new_end = excerpt(line, column, end)
    assert len(shown) <= LONG_LINE + 2
    _pad, carets = caret(shown, new_column, new_end)
    span = line[column - 1 : end - 1]
    assert shown[new_column - 1 : new_end - 1] == span[: new_end - new_column]
    assert len(shown) <= len(span) + 2 * EXCERPT_CONTEXT + 2 or len(shown) == LONG_LINE + 2
    assert carets


def test_fix_on_a_long_line_scales_linearly(tmp_path: Path) -> None:
    def make(chars: int) -> Callable[[], object]:
        path = tmp_path / f"long{chars}.md"
        text = long_line("Chat GPT and `code` and Open AI ", chars)

        def run() -> None:
            path.write_text(text, encoding="utf-8")
            result = api.run([path], CONFIG, claims=False, fix=True)
            assert result.report.fixed > chars // 40

        return run

    scales_linearly(make, 40_000)


def test_many_directives_scale_linearly() -> None:
    def make(count: int) -> Callable[[], object]:
        text = "<!-- genai-lint-disable-next-line GL101 -->\nChat GPT\n\nChat GPT\n\n" * count
        return lambda: api.lint_text(text, claims=False)

    scales_linearly(make, 3_000)


def test_memory_grows_linearly(tmp_path: Path) -> None:
    unit = ("## Section\n\nGPT-4 answers. Chat GPT summarises `code` and [links](x).\n\n"
            "| a | b |\n|---|---|\n| Open AI | x |\n\n```\ncode\n```\n\n")
    peaks = []
    for copies in (500, 2_000):
        path = tmp_path / f"big{copies}.md"
        path.write_text(unit * copies, encoding="utf-8")
        tracemalloc.start()
        try:
            api.run([path], CONFIG, claims=False)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert peaks[1] < 6 * peaks[0], peaks


# -- the indexed look-arounds answer as the plain scans do ------------------------------------

QUOTEY = st.lists(st.sampled_from([*'ab "“”‘’«»()\n.', "\n\n"]), max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(QUOTEY, st.data())
def test_indexed_look_arounds_match_the_plain_scans(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    plain_quotes = textutil.inside_quotes(text, start, end)
    plain_title = textutil.parenthesised_title(text, start, end)
    index = textutil._TextIndex(text)
    assert textutil._inside_quotes_indexed(index, start, end) == plain_quotes
    assert textutil._parenthesised_title_indexed(index, start, end) == plain_title


@given(st.lists(st.sampled_from([*"ab -_1\t\n７", "many", "Of", "two", "open-source"]),
                max_size=40).map("".join), st.data())
def test_leader_lookup_matches_the_regex(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    expected = bool(terms._PLURAL_LEADERS.search(text, 0, start))
    assert terms._leader_before(text, start) == expected


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=8),
       st.integers(0, 31), st.integers(0, 31))
def test_protected_span_lookup_matches_a_linear_scan(spans: list[tuple[int, int]], a: int,
                                                     b: int) -> None:
    start, end = min(a, b), max(a, b)
    spans = [(lo, hi) for lo, hi in spans if lo < hi]
    naive = any((start < hi and lo < end) or (start == end and lo < start < hi)
                for lo, hi in spans)
    assert _Spans(spans).overlaps(start, end) == naive


def test_apply_edits_is_linear_and_exact() -> None:
    text = "Chat GPT " * 100_000
    source_findings = [m.span() for m in re.finditer("Chat GPT", text)]
    edits = [Edit(a, b, "ChatGPT") for a, b in source_findings]
    started = time.process_time()
    out = apply_edits(text, edits)
    assert time.process_time() - started < 5
    assert out == text.replace("Chat GPT", "ChatGPT")
    assert plan_edits(text, [])[0] == []


def _walk(segment: Segment, start: int, end: int) -> str | None:
    """The character-by-character walk link_text_around replaced."""
    if segment.piece_at(start).role != "link":
        return None
    lo, hi = start, end
    while lo > 0 and segment.piece_at(lo - 1).role == "link":
        lo -= 1
    while hi < len(segment.text) and segment.piece_at(hi).role == "link":
        hi += 1
    return segment.text[lo:hi]


@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from(["text", "link", "alt"])),
                min_size=1, max_size=10), st.data())
def test_link_text_walk_by_pieces_matches_the_walk_by_characters(
    parts: list[tuple[int, str]], data: st.DataObject
) -> None:
    pieces, pos = [], 0
    for length, role in parts:
        pieces.append(Piece(pos, length, pos, pos + length, role))
        pos += length
    segment = Segment("x" * pos, tuple(pieces))
    if not pos:
        return
    start = data.draw(st.integers(0, pos - 1))
    end = data.draw(st.integers(start, pos))
    assert textutil.link_text_around(segment, start, end) == _walk(segment, start, end)
    assert bisect.bisect_right(segment._starts, start) >= 1
