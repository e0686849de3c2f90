"""Tests for linter.markup.suppress: directive parsing and the per-line, per-rule state."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.markup.segments import Comment
from linter.markup.suppress import DISABLE, DISABLE_NEXT_LINE, Directive, parse_directives

GL101 = ("GL101", "chatgpt-name")
GL102 = ("GL102", "gpt4-name")
GL201 = ("GL201", "model-category")


def parse(doc: str, delimited: bool = True):
    """Parse every HTML comment in ``doc`` as the markup layer would hand it over."""
    comments = []
    for m in re.finditer(r"<!--(.*?)-->", doc, re.DOTALL):
        text = m.group(0) if delimited else m.group(1)
        comments.append(Comment(text, m.start(), m.end()))

    def line_of(offset: int) -> int:
        return doc.count("\n", 0, offset) + 1

    return parse_directives(comments, line_of)


# (document, rule, lines that must be suppressed, lines that must not)
CASES = [
    pytest.param(
        "a\n<!-- genai-lint-disable -->\nb\nc\n<!-- genai-lint-enable -->\nd\n",
        GL101, [2, 3, 4], [1, 5, 6], id="region-all",
    ),
    pytest.param(
        "a\n<!-- genai-lint-disable GL101 -->\nb\n<!-- genai-lint-enable GL101 -->\nc\n",
        GL101, [3], [1, 5], id="region-one-code",
    ),
    pytest.param(
        "a\n<!-- genai-lint-disable GL101 -->\nb\n<!-- genai-lint-enable GL101 -->\nc\n",
        GL102, [], [1, 3, 5], id="region-other-rule-untouched",
    ),
    pytest.param(
        "<!-- genai-lint-disable chatgpt-name -->\nb\n", GL101, [2], [], id="region-by-name",
    ),
    pytest.param(
        "<!-- genai-lint-disable gl101 -->\nb\n", GL101, [2], [], id="case-insensitive",
    ),
    pytest.param(
        "a\n<!-- genai-lint-disable -->\nb\nc\n", GL201, [2, 3, 4, 99], [1],
        id="disable-to-end-of-file",
    ),
    pytest.param(
        "<!-- genai-lint-disable -->\nb\n<!-- genai-lint-enable GL101 -->\nc\n",
        GL101, [2], [3, 4], id="enable-one-after-disable-all",
    ),
    pytest.param(
        "<!-- genai-lint-disable -->\nb\n<!-- genai-lint-enable GL101 -->\nc\n",
        GL102, [2, 4], [], id="enable-one-leaves-others-off",
    ),
    pytest.param(
        "<!-- genai-lint-disable chatgpt-name -->\nb\n<!-- genai-lint-enable GL101 -->\nc\n",
        GL101, [2], [4], id="disable-by-name-enable-by-code",
    ),
    pytest.param(
        "<!-- genai-lint-disable GL101 GL102 -->\nb\n<!-- genai-lint-enable -->\nc\n",
        GL102, [2], [4], id="enable-all-after-disable-some",
    ),
    pytest.param(
        "<!-- genai-lint-disable GL101,GL102 -->\nb\n", GL102, [2], [], id="comma-separated",
    ),
    pytest.param(
        "<!-- genai-lint-disable GL101, chatgpt-name  GL201 -->\nb\n", GL201, [2], [],
        id="comma-and-space",
    ),
    pytest.param(
        "a\n<!-- genai-lint-disable-next-line -->\nb\nc\n", GL101, [3], [1, 2, 4],
        id="next-line-all",
    ),
    pytest.param(
        "a\n<!-- genai-lint-disable-next-line GL102 -->\nb\nc\n", GL101, [], [1, 2, 3, 4],
        id="next-line-other-rule",
    ),
    pytest.param(
        "<!-- genai-lint-disable-next-line -->\n\nb\n", GL101, [2], [1, 3],
        id="next-line-is-literal-not-next-non-blank",
    ),
    pytest.param(
        "<!--\n  genai-lint-disable-next-line GL101\n-->\nb\nc\n", GL101, [4], [1, 2, 3, 5],
        id="next-line-after-multiline-comment-end",
    ),
    pytest.param(
        "text <!-- genai-lint-disable-next-line --> more\nb\n", GL101, [2], [1],
        id="next-line-inline-comment",
    ),
    pytest.param(
        "a <!-- genai-lint-disable --> b <!-- genai-lint-enable --> c\nd\n",
        GL101, [], [1, 2], id="same-line-last-wins",
    ),
    pytest.param(
        "<!-- genai-lint-disable -->\n<!-- genai-lint-enable -->\n<!-- genai-lint-disable -->\nx\n",
        GL101, [1, 3, 4], [2], id="toggle",
    ),
    pytest.param(
        "<!-- genai-lint-enable -->\na\n", GL101, [], [1, 2], id="enable-without-disable",
    ),
    pytest.param(
        "<!-- a normal comment -->\n<!-- TODO genai-lint-disable -->\nb\n", GL101, [], [1, 2, 3],
        id="not-directives",
    ),
    pytest.param(
        "<!-- genai-lint-disabel -->\nb\n", GL101, [], [1, 2], id="typo-does-nothing",
    ),
    pytest.param(
        "<!-- genai-lint-disable GL101: reason -->\nb\n", GL102, [], [2],
        id="malformed-rule-never-widens-to-all",
    ),
    pytest.param(
        "<!-- genai-lint-disable GL101 GL1-01! -->\nb\n", GL101, [2], [],
        id="malformed-rule-keeps-valid-ones",
    ),
]


@pytest.mark.parametrize(("doc", "rule", "off", "on"), CASES)
@pytest.mark.parametrize("delimited", [True, False], ids=["with-delimiters", "inner-text"])
def test_is_suppressed(doc: str, rule, off: list[int], on: list[int], delimited: bool) -> None:
    sup = parse(doc, delimited)
    for line in off:
        assert sup.is_suppressed(line, *rule), f"line {line} should be suppressed"
    for line in on:
        assert not sup.is_suppressed(line, *rule), f"line {line} should not be suppressed"


# (document, expected problems)
PROBLEMS = [
    pytest.param("<!-- genai-lint-disable -->\n", [], id="none"),
    pytest.param("<!-- just a note -->\n<!-- prettier-ignore -->\n", [], id="other-comments"),
    pytest.param(
        "a\n<!-- genai-lint-disabel GL101 -->\n",
        [(2, "unknown directive 'genai-lint-disabel' (did you mean 'genai-lint-disable'?)")],
        id="typo",
    ),
    pytest.param(
        "<!-- genai-lint-disable-next -->\n",
        [(1, "unknown directive 'genai-lint-disable-next' "
             "(did you mean 'genai-lint-disable-next-line'?)")],
        id="truncated",
    ),
    pytest.param(
        "<!-- genai-lint disable GL101 -->\n",
        [(1, "unknown directive 'genai-lint disable' (did you mean 'genai-lint-disable'?)")],
        id="space-instead-of-dash",
    ),
    pytest.param(
        "<!-- genai_lint-enable -->\n",
        [(1, "unknown directive 'genai_lint-enable' (did you mean 'genai-lint-enable'?)")],
        id="underscore",
    ),
    pytest.param(
        "<!-- genai-lint-frobnicate -->\n",
        [(1, "unknown directive 'genai-lint-frobnicate'")],
        id="no-suggestion",
    ),
    pytest.param(
        "\n\n<!-- genai-lint-disable GL101: because -->\n",
        [(3, "malformed rule 'GL101:' in genai-lint-disable")],
        id="malformed-rule",
    ),
]


@pytest.mark.parametrize(("doc", "expected"), PROBLEMS)
def test_problems(doc: str, expected: list[tuple[int, str]]) -> None:
    assert list(parse(doc).problems) == expected


def test_unknown_rules() -> None:
    doc = (
        "<!-- genai-lint-disable GL101 GL999 -->\n"
        "x\n"
        "<!-- genai-lint-disable-next-line chatgpt-name, no-such-rule -->\n"
        "<!-- genai-lint-enable -->\n"
    )
    known = {"GL101", "chatgpt-name", "GL102", "gpt4-name"}
    assert parse(doc).unknown_rules(known) == [(1, "GL999"), (3, "no-such-rule")]


def test_directive_records() -> None:
    doc = "a\n<!-- genai-lint-disable GL101, GL101 -->\n<!--\ngenai-lint-disable-next-line\n-->\n"
    assert parse(doc).directives == (
        Directive(DISABLE, ("GL101",), 2, 2),
        Directive(DISABLE_NEXT_LINE, (), 3, 5),
    )


def test_comments_in_any_order() -> None:
    doc = "<!-- genai-lint-disable -->\na\n<!-- genai-lint-enable -->\nb\n"
    forward = parse(doc)
    comments = [Comment("<!-- genai-lint-enable -->", 30, 56),
                Comment("<!-- genai-lint-disable -->", 0, 27)]
    backward = parse_directives(comments, lambda off: doc.count("\n", 0, off) + 1)
    assert backward.directives == forward.directives


def test_mdx_comment_delimiters() -> None:
    doc = "{/* genai-lint-disable-next-line GL101 */}\nChatGpt\n"
    sup = parse_directives([Comment(doc[:42], 0, 42)], lambda off: doc.count("\n", 0, off) + 1)
    assert sup.is_suppressed(2, *GL101)
    assert not sup.is_suppressed(2, *GL102)


def test_no_comments() -> None:
    sup = parse_directives([], lambda off: 1)
    assert not sup.is_suppressed(1, *GL101)
    assert sup.problems == ()
    assert sup.unknown_rules(set()) == []


directive_words = st.sampled_from(
    ["genai-lint-disable", "genai-lint-enable", "genai-lint-disable-next-line"]
)
rule_lists = st.lists(st.sampled_from(["", "GL101", "chatgpt-name", "GL102"]), max_size=2)


@given(st.lists(st.tuples(directive_words, rule_lists), max_size=8))
def test_matches_reference_model(script: list[tuple[str, list[str]]]) -> None:
    """One directive per line; compare with a straightforward replay of the rules."""
    lines = [f"<!-- {word} {' '.join(r for r in rules if r)} -->" for word, rules in script]
    doc = "\n".join([*lines, "tail"]) + "\n"
    sup = parse(doc)
    for code, name in (GL101, GL102, GL201):
        disabled = False
        for number in range(1, len(script) + 2):
            next_line_off = False
            if number <= len(script):
                word, rules = script[number - 1]
                named = [r for r in rules if r]
                applies = not named or code in named or name in named
                if applies and word != "genai-lint-disable-next-line":
                    disabled = word == "genai-lint-disable"
            if number >= 2:
                prev_word, prev_rules = script[number - 2]
                prev_named = [r for r in prev_rules if r]
                next_line_off = prev_word == "genai-lint-disable-next-line" and (
                    not prev_named or code in prev_named or name in prev_named
                )
            expected = disabled or next_line_off
            assert sup.is_suppressed(number, code, name) == expected, (number, code)
