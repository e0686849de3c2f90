"""Small text predicates shared by checks: word boundaries, quotes, titles."""

from __future__ import annotations

import re

from linter.segments import PLACEHOLDER, Segment

_WORDISH = re.compile(r"[\w]")
_QUOTE_PAIRS = (('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"))
_TITLE_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "of",
        "on",
        "or",
        "the",
        "to",
        "via",
        "vs",
        "with",
    ]
)


def words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(text.split())


def is_word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


def has_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` stands as a word of prose.

    Not inside identifiers (``chatgpt_client``), paths or URLs (``/``, ``\\``, ``@``, ``:``
    touching), file names (``chatgpt.md``), hyphenated compounds (``GPT4-Alpaca``), or
    longer names (``GPT4All``).
    """
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if is_word_char(before) or is_word_char(after):
        return False
    if (before and before in "-/\\@.#$~=<") or (after and after in "-/\\@=>"):
        return False
    if after in ".:" and is_word_char(text[end + 1 : end + 2]):
        return False
    return PLACEHOLDER not in text[start:end]


def inside_quotes(text: str, start: int, end: int) -> bool:
    """True when the span lies between a pair of quotation marks on the same sentence."""
    for open_q, close_q in _QUOTE_PAIRS:
        left = text.rfind(open_q, 0, start)
        if left == -1:
            continue
        if open_q == close_q:
            if text.count(open_q, 0, start) % 2 == 0:
                continue
            right = text.find(close_q, end)
        else:
            closing_before = text.rfind(close_q, left + 1, start)
            if closing_before != -1:
                continue
            right = text.find(close_q, end)
        if open_q == "‘" and left > 0 and is_word_char(text[left - 1]):
            continue
        if right != -1 and "\n\n" not in text[left:right]:
            return True
    return False


def looks_like_title(text: str, threshold: float = 0.75) -> bool:
    """A cited work's title: three or more words, mostly capitalised, or with a colon."""
    words = [w for w in re.findall(r"[^\s]+", text) if any(c.isalpha() for c in w)]
    if len(words) < 3:
        return False
    if ":" in text:
        return True
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return bool(content) and capitalised / len(content) >= threshold


def parenthesised_title(text: str, start: int, end: int) -> bool:
    """The span is inside a parenthesised, title-cased name ("(Lora beYond Conventional ...)")."""
    left = text.rfind("(", 0, start)
    right = text.find(")", end)
    if left == -1 or right == -1 or ")" in text[left:start] or "(" in text[end:right]:
        return False
    inner = text[left + 1 : right]
    return len(inner.split()) >= 5 and looks_like_title(inner, 0.5)


def is_quoted_block(source_text: str, segment: Segment) -> bool:
    """A paragraph set wholly in emphasis (``*...*``): in docs, a quoted abstract or passage."""
    if not segment.pieces or len(segment.text.split()) < 12:
        return False
    start, end = segment.pieces[0].src_start, segment.pieces[-1].src_end
    marker = source_text[start - 1 : start] if start else ""
    if marker not in ("*", "_") or source_text[end : end + 1] != marker:
        return False
    return marker not in source_text[start:end]


def link_text_around(segment: Segment, start: int, end: int) -> str | None:
    """The whole link text (a run of ``link`` pieces) holding the span, if it is in one."""
    piece = segment.piece_at(start)
    if piece.role != "link":
        return None
    lo, hi = start, end
    while lo > 0 and segment.piece_at(lo - 1).role == "link":
        lo -= 1
    while hi < len(segment.text) and segment.piece_at(hi).role == "link":
        hi += 1
    return segment.text[lo:hi]


def is_cited_title(segment: Segment, start: int, end: int) -> bool:
    """True when the span is part of a quoted title or a title used as link text."""
    if inside_quotes(segment.text, start, end):
        return True
    if parenthesised_title(segment.text, start, end):
        return True
    link_text = link_text_around(segment, start, end)
    return link_text is not None and (
        looks_like_title(link_text)
        or (looks_like_title(link_text, 0.5) and len(link_text.split()) >= 5)
    )
