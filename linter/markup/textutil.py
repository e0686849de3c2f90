"""Small text predicates shared by checks: word boundaries, quotes, titles."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from linter.markup.segments import PLACEHOLDER, Segment

#: A sentence ends at ".", "!" or "?" before a space (or the end), or at a blank line.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n\n")
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


def sentence_bounds(text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """The sentence around ``[start, end)`` of ``text``, at most ``limit`` characters on
    each side (an approximation: ".", "!" or "?" before a space, or a blank line, ends one)."""
    floor = max(start - limit, 0)
    ceiling = min(end + limit, len(text))
    lo = floor
    for found in _SENTENCE_END.finditer(text, floor, start):
        lo = found.end()
    after = _SENTENCE_END.search(text, end, ceiling)
    return lo, after.start() if after else ceiling


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


#: Texts at least this long answer :func:`inside_quotes` and :func:`parenthesised_title` from
#: an index of their quote marks and parentheses: the plain scans look back to the start of
#: the text for every span, which is quadratic on a megabyte-long paragraph. Both ways give
#: the same answers.
INDEX_MIN_CHARS = 4096
_INDEXED_CHARS = "".join(sorted({q for pair in _QUOTE_PAIRS for q in pair} | {"(", ")"}))


class _TextIndex:
    """Sorted positions of quote marks, parentheses and blank lines of one long text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: dict[str, list[int]] = {char: [] for char in _INDEXED_CHARS}
        for match in re.finditer(f"[{re.escape(_INDEXED_CHARS)}]", text):
            self.positions[match.group()].append(match.start())
        self.blank_lines = [match.start() for match in re.finditer(r"\n(?=\n)", text)]
        self.titles: dict[tuple[int, int], bool] = {}

    def last_before(self, char: str, limit: int) -> int:
        """``text.rfind(char, 0, limit)``."""
        found = self.positions[char]
        index = bisect.bisect_left(found, limit)
        return found[index - 1] if index else -1

    def first_from(self, char: str, pos: int) -> int:
        """``text.find(char, pos)``."""
        found = self.positions[char]
        index = bisect.bisect_left(found, pos)
        return found[index] if index < len(found) else -1

    def count_before(self, char: str, limit: int) -> int:
        """``text.count(char, 0, limit)``."""
        return bisect.bisect_left(self.positions[char], limit)

    def any_in(self, char: str, lo: int, hi: int) -> bool:
        """``char in text[lo:hi]``."""
        found = self.first_from(char, lo)
        return found != -1 and found < hi

    def blank_line_in(self, lo: int, hi: int) -> bool:
        """``"\\n\\n" in text[lo:hi]``."""
        index = bisect.bisect_left(self.blank_lines, lo)
        return index < len(self.blank_lines) and self.blank_lines[index] + 2 <= hi


@lru_cache(maxsize=4)
def _index(text: str) -> _TextIndex:
    return _TextIndex(text)


def inside_quotes(text: str, start: int, end: int) -> bool:
    """True when the span lies between a pair of quotation marks on the same sentence."""
    if len(text) >= INDEX_MIN_CHARS:
        return _inside_quotes_indexed(_index(text), start, end)
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


def _inside_quotes_indexed(index: _TextIndex, start: int, end: int) -> bool:
    """:func:`inside_quotes` of a long text, from its index."""
    text = index.text
    for open_q, close_q in _QUOTE_PAIRS:
        left = index.last_before(open_q, start)
        if left == -1:
            continue
        if open_q == close_q:
            if index.count_before(open_q, start) % 2 == 0:
                continue
        elif index.any_in(close_q, left + 1, start):
            continue
        right = index.first_from(close_q, end)
        if open_q == "‘" and left > 0 and is_word_char(text[left - 1]):
            continue
        if right != -1 and not index.blank_line_in(left, right):
            return True
    return False


def looks_like_title(text: str, threshold: float = 0.75) -> bool:
    """A cited work's title: three or more words, mostly capitalised, or with a colon or a
    dash before a subtitle."""
    words = [w for w in re.findall(r"[^\s]+", text) if any(c.isalpha() for c in w)]
    if len(words) < 3:
        return False
    if ":" in text or re.search(r"\w—\w|\s[—–]\s", text):
        return True  # a title and its subtitle
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    # A run of capitalised words counts once: a name ("Meta's Gemma 2") is not title case
    # ("model card for Meta's Gemma 2" is the writer's words; "Attention Is All You Need" a
    # title either way).
    capitalised = lower = 0
    previous_capital = False
    for word in content:
        is_capital = word[0].isupper() or word[0].isdigit()
        capitalised += is_capital and not previous_capital
        lower += not is_capital
        previous_capital = is_capital
    return bool(content) and capitalised / (capitalised + lower) >= threshold


def parenthesised_title(text: str, start: int, end: int) -> bool:
    """The span is inside a parenthesised, title-cased name ("(Lora beYond Conventional ...)")."""
    if len(text) >= INDEX_MIN_CHARS:
        return _parenthesised_title_indexed(_index(text), start, end)
    left = text.rfind("(", 0, start)
    right = text.find(")", end)
    if left == -1 or right == -1 or ")" in text[left:start] or "(" in text[end:right]:
        return False
    inner = text[left + 1 : right]
    return len(inner.split()) >= 5 and looks_like_title(inner, 0.5)


def _parenthesised_title_indexed(index: _TextIndex, start: int, end: int) -> bool:
    """:func:`parenthesised_title` of a long text, from its index (one verdict per pair)."""
    left = index.last_before("(", start)
    right = index.first_from(")", end)
    if left == -1 or right == -1 or index.any_in(")", left, start) or index.any_in(
        "(", end, right
    ):
        return False
    verdict = index.titles.get((left, right))
    if verdict is None:
        inner = index.text[left + 1 : right]
        verdict = len(inner.split()) >= 5 and looks_like_title(inner, 0.5)
        index.titles[left, right] = verdict
    return verdict


def is_quoted_block(source_text: str, segment: Segment) -> bool:
    """A quoted abstract or passage: a paragraph set wholly in emphasis (``*...*`` or
    ``*...*.``), or a block quote introduced by a colon ("The abstract from the paper is:")."""
    if not segment.pieces or len(segment.text.split()) < 12:
        return False
    start, end = segment.pieces[0].src_start, segment.pieces[-1].src_end
    if _introduced_quote(source_text, start):
        return True
    if source_text[end - 1 : end] in ".!?" and source_text[end - 2 : end - 1] in ("*", "_"):
        end -= 2  # "*...*." : the closing marker before the full stop
    marker = source_text[start - 1 : start] if start else ""
    if marker not in ("*", "_") or source_text[end : end + 1] != marker:
        return False
    return marker not in source_text[start:end]


def _introduced_quote(source_text: str, start: int) -> bool:
    """The block quote line holding ``start`` follows a line that ends with a colon."""
    line_start = source_text.rfind("\n", 0, start) + 1
    if not source_text[line_start:start].lstrip().startswith(">"):
        return False
    end = max(line_start - 1, 0)  # the previous non-blank line, without copying the text
    while end > 0 and source_text[end - 1].isspace():
        end -= 1
    previous = source_text[source_text.rfind("\n", 0, end) + 1 : end]
    return previous.endswith(":") and not previous.lstrip().startswith(">")


def link_text_around(segment: Segment, start: int, end: int) -> str | None:
    """The whole link text (a run of ``link`` pieces) holding the span, if it is in one."""
    piece = segment.piece_at(start)
    if piece.role != "link":
        return None
    # Walk piece by piece: every character from a piece's start to the next piece's start
    # belongs to that piece (what piece_at answers), so a run of link pieces is crossed in
    # steps of a piece, not of a character.
    pieces, starts, length = segment.pieces, segment._starts, len(segment.text)
    lo, hi = start, end
    while lo > 0:
        index = bisect.bisect_right(starts, lo - 1) - 1
        if pieces[max(index, 0)].role != "link":
            break
        lo = starts[index] if index > 0 else 0
    while hi < length:
        index = max(bisect.bisect_right(starts, hi) - 1, 0)
        if pieces[index].role != "link":
            break
        hi = min(starts[index + 1], length) if index + 1 < len(starts) else length
    return segment.text[lo:hi]


def in_cited_link_title(segment: Segment, start: int, end: int) -> bool:
    """The span is in link text that is a cited work's title: five words or more, or a title
    with a subtitle ("llm, ttok and strip-tags—CLI tools for ..."). Short link text made of
    names ("[ChatGPT, OpenAI's LLM](...)") is the writer's own words."""
    link_text = link_text_around(segment, start, end)
    return link_text is not None and len(link_text.split()) >= 5 and (
        looks_like_title(link_text, 0.5)) and _opens_like_title(link_text)


def is_cited_title(segment: Segment, start: int, end: int) -> bool:
    """True when the span is part of a quoted title or a title used as link text."""
    if inside_quotes(segment.text, start, end):
        return True
    if parenthesised_title(segment.text, start, end):
        return True
    link_text = link_text_around(segment, start, end)
    return link_text is not None and _opens_like_title(link_text) and (
        looks_like_title(link_text)
        or (looks_like_title(link_text, 0.5) and len(link_text.split()) >= 5)
    )


#: Verbs that open the writer's own link text ("Try X in the browser", "Read the X guide").
_LINK_IMPERATIVES = frozenset({
    "try", "read", "see", "open", "download", "learn", "get", "use", "install", "run", "check",
    "visit", "explore", "watch", "join", "start", "sign", "view", "browse", "compare"})


def _opens_like_title(text: str) -> bool:
    """A title starts with a capital or a digit, and not with an instruction ("Try X ...");
    "announcement of X" and "how the X model works" are the writer's words."""
    first = text.lstrip(" \"'“‘*_[(")
    word = first.split(" ", 1)[0].lower() if first else ""
    subtitled = ":" in text or re.search(r"\w—\w|\s[—–]\s", text)  # ("tools—a survey of X")
    return bool(first) and (first[0].isupper() or first[0].isdigit() or bool(subtitled)) and (
        word not in _LINK_IMPERATIVES)
