"""URLs in prose: found as GFM autolinks would be, and masked by a placeholder mapped to the
whole source span of the URL."""

from __future__ import annotations

import bisect
import re
from typing import Any

from linter.markup.segments import PLACEHOLDER

_URL = re.compile(
    r"(?<![\w@/.+-])(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}://|www\.)[^\s<>\ufffc]+"
    r"|(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_URL_TRAILING = ".,:;!?\"'*_~"


def mask_urls(
    text: str, pieces: list[list[Any]]
) -> tuple[str, list[list[Any]], list[tuple[int, int]]]:
    """``text`` with each URL replaced by one PLACEHOLDER (``pieces`` adjusted), and the URLs'
    source spans; unchanged when it holds none."""
    urls = []
    for match in _URL.finditer(text):
        start, end = match.span()
        end = start + len(_trim_url(match.group()))
        if end > start:
            urls.append((start, end))
    if not urls:
        return text, pieces, []
    return _mask(text, pieces, urls)


def _trim_url(url: str) -> str:
    """Drop trailing punctuation that ends the sentence rather than the URL (GFM rules)."""
    opened = {")": url.count("("), "]": url.count("[")}
    closed = {")": url.count(")"), "]": url.count("]")}
    end = len(url)
    while end:
        last = url[end - 1]
        if last in ")]" and opened[last] < closed[last]:
            closed[last] -= 1
        elif last not in _URL_TRAILING:
            break
        end -= 1
    return url[:end]


def _mask(
    text: str, pieces: list[list[Any]], ranges: list[tuple[int, int]]
) -> tuple[str, list[list[Any]], list[tuple[int, int]]]:
    """Replace each prose range by one PLACEHOLDER mapped to its whole source span."""
    starts = [p[0] for p in pieces]

    def at(index: int) -> list[Any]:
        return pieces[max(bisect.bisect_right(starts, index) - 1, 0)]

    def exact(piece: list[Any]) -> bool:
        return bool(piece[1] == piece[3] - piece[2])

    merged: list[list[int]] = []
    for a, b in ranges:
        first, last = at(a), at(b - 1)
        if not exact(first):
            a = first[0]
        if not exact(last):
            b = last[0] + last[1]
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])

    out_text: list[str] = []
    out: list[list[Any]] = []
    spans = []
    length = 0

    def copy(x: int, y: int) -> None:
        nonlocal length
        if y <= x:
            return
        index = max(bisect.bisect_right(starts, x) - 1, 0)
        while index < len(pieces) and pieces[index][0] < y:
            ps, pl, s0, s1, role = pieces[index]
            a, b = max(ps, x), min(ps + pl, y)
            if b > a:
                if exact(pieces[index]):
                    out.append([length, b - a, s0 + a - ps, s0 + b - ps, role])
                else:
                    out.append([length, pl, s0, s1, role])
                length += b - a
            index += 1
        out_text.append(text[x:y])

    pos = 0
    for a, b in merged:
        copy(pos, a)
        first, last = at(a), at(b - 1)
        src_start = first[2] + (a - first[0]) if exact(first) else first[2]
        src_end = last[2] + (b - last[0]) if exact(last) else last[3]
        out.append([length, 1, src_start, src_end, "placeholder"])
        out_text.append(PLACEHOLDER)
        length += 1
        spans.append((src_start, src_end))
        pos = b
    copy(pos, len(text))
    return "".join(out_text), out, spans
