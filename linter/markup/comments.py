"""HTML comments in a Markdown block."""

from __future__ import annotations


def html_comments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each ``<!-- ... -->`` in ``text[start:end]``, as the regex
    ``<!--(.*?)-->`` (DOTALL) finds them, in linear time: once a comment does not close,
    none after it can (the lazy regex would rescan the rest of the block for each ``<!--``).
    """
    found: list[tuple[int, int]] = []
    pos = start
    while True:
        open_at = text.find("<!--", pos, end)
        if open_at < 0:
            return found
        close = text.find("-->", open_at + 4, end)
        if close < 0:
            return found
        found.append((open_at, close + 3))
        pos = close + 3
