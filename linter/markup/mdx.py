"""MDX: the regions that are not prose (ESM ``import``/``export`` blocks, JSX tags, ``{...}``
expressions and ``{/* ... */}`` comments), found by a small JavaScript/JSX lexer, and blanked
(spaces, keeping every newline and offset) so that the Markdown path reads the rest."""

from __future__ import annotations

import bisect
import re

from linter.markup.segments import Comment

_NOT_NEWLINE = re.compile(r"[^\n]")
_MDX_SPECIAL = re.compile(r"[\n\\`<{]")
_FENCE_OPEN = re.compile(r"(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*(`{3,}|~{3,})(.*)")
_FENCE_CLOSE = re.compile(r"[ \t>]*(`{3,}|~{3,})[ \t]*$")
_ESM = re.compile(r"(?:import|export)(?=[\s{*])")
_JS_SPECIAL = re.compile(r"[{}()\[\]\"'`/\n]")
_TEMPLATE_SPECIAL = re.compile(r"`|\\|\$\{")
_QUOTE_END = {q: re.compile(r"\\.|\n|" + q, re.S) for q in ("'", '"')}
_NAME = re.compile(r"[A-Za-z_$][\w$.:-]*")
_SPACES = re.compile(r"[ \t\r\n]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# where a paragraph surely ends: a blank line, or a line starting a list item, heading, quote
_BLOCK_BREAK = re.compile(r"\n(?=[ \t]*(?:\n|[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|>))")
_CLOSERS = {"}": ("{", "${"), ")": ("(",), "]": ("[",)}
_FATAL = -2


def _scan_js(text: str, start: int, esm: bool) -> int:
    """End of a JS expression ``{...}`` starting at ``start`` (after its ``}``), or of an ESM
    block (the newline before the next blank line at brace depth 0). -1 if unterminated."""
    n = len(text)
    stack: list[str] = [] if esm else ["{"]
    pos = start if esm else start + 1
    first_blank = -1
    while pos < n:
        if stack and stack[-1] == "`":
            match = _TEMPLATE_SPECIAL.search(text, pos)
            if match is None:
                break
            token = match.group()
            pos = match.end() + (1 if token == "\\" else 0)
            if token == "`":
                stack.pop()
            elif token == "${":
                stack.append("${")
            continue
        match = _JS_SPECIAL.search(text, pos)
        if match is None:
            break
        char = match.group()
        pos = match.end()
        if char in "{([":
            stack.append(char)
        elif char in "})]":
            if stack and stack[-1] in _CLOSERS[char]:
                stack.pop()
                if not stack and not esm:
                    return pos
        elif char in "'\"":
            quote = _QUOTE_END[char]
            while True:
                found = quote.search(text, pos)
                if found is None:
                    return -1 if not esm else n
                pos = found.end()
                if found.group() == char:
                    break
                if found.group() == "\n":
                    pos = found.start()  # unterminated string: ends at the line end
                    break
        elif char == "`":
            stack.append("`")
        elif char == "/":
            if text.startswith("/", pos):
                end = text.find("\n", pos)
                pos = n if end < 0 else end
            elif text.startswith("*", pos):
                end = text.find("*/", pos + 1)
                if end < 0:
                    return -1 if not esm else n
                pos = end + 2
        elif char == "\n" and esm and (pos >= n or _BLANK_LINE.match(text, match.start())):
            if not stack:
                return match.start()
            if first_blank < 0:
                first_blank = match.start()
    if esm:
        return first_blank if stack and first_blank >= 0 else n
    return -1


def _skip_spaces(text: str, pos: int) -> int:
    """Skip whitespace (newlines too); -1 if that crosses a blank line."""
    spaces = _SPACES.match(text, pos)
    end = spaces.end() if spaces is not None else pos  # the pattern matches everywhere
    if end > pos and _BLANK_LINE.search(text, pos, end):
        return -1
    return end


def _scan_tag(text: str, start: int, limit: int) -> int:
    """End of a JSX tag starting at ``start``; -1 if it is not one; _FATAL if unterminated."""
    n = len(text)
    pos = start + 1
    if pos < n and text[pos] == "/":  # closing tag or fragment
        name = _NAME.match(text, pos + 1)
        pos = _skip_spaces(text, name.end() if name else pos + 1)
        return pos + 1 if 0 <= pos < n and text[pos] == ">" else -1
    if pos < n and text[pos] == ">":  # fragment
        return pos + 1
    name = _NAME.match(text, pos)
    if name is None:
        return -1
    pos = name.end()
    while True:
        pos = _skip_spaces(text, pos)
        if pos < 0 or pos >= n:
            return -1
        char = text[pos]
        if char == ">":
            return pos + 1
        if char == "/":
            return pos + 2 if text.startswith("/>", pos) else -1
        if char == "{":
            pos = _scan_js(text, pos, False)
            if pos < 0:
                return _FATAL
            continue
        attribute = _NAME.match(text, pos)
        if attribute is None:
            return -1
        pos = _skip_spaces(text, attribute.end())
        if pos < 0 or pos >= n:
            return -1
        if text[pos] != "=":
            continue
        pos = _skip_spaces(text, pos + 1)
        if pos < 0 or pos >= n:
            return -1
        char = text[pos]
        if char in "'\"":
            end = text.find(char, pos + 1, limit)
            if end < 0:
                return -1
            pos = end + 1
        elif char == "{":
            pos = _scan_js(text, pos, False)
            if pos < 0:
                return _FATAL
        else:
            return -1


def mdx_regions(text: str, start: int) -> tuple[list[tuple[int, int, str]], list[Comment]]:
    """Non-prose MDX regions ``(start, end, kind)``, kind in esm/tag/expr/comment, in order."""
    n = len(text)
    regions: list[tuple[int, int, str]] = []
    comments: list[Comment] = []
    breaks = [m.start() for m in _BLOCK_BREAK.finditer(text)]
    runs: dict[int, list[int]] = {}
    for run in re.finditer(r"`+", text):
        runs.setdefault(run.end() - run.start(), []).append(run.start())

    def paragraph_end(pos: int) -> int:
        index = bisect.bisect_right(breaks, pos)
        return breaks[index] if index < len(breaks) else n

    tags_ok = js_ok = True
    pos = start
    line_start = True
    previous_blank = current_blank = True
    while pos < n:
        if line_start:
            line_start = False
            eol = text.find("\n", pos)
            eol = n if eol < 0 else eol
            line = text[pos:eol]
            current_blank = not line.strip()
            fence = _FENCE_OPEN.match(line)
            if fence and (fence.group(1)[0] == "~" or "`" not in fence.group(2)):
                pos = _fence_end(text, eol, fence.group(1))
                line_start = True
                previous_blank = False
                continue
            if previous_blank and js_ok and _ESM.match(line):
                end = _scan_js(text, pos, True)
                regions.append((pos, end, "esm"))
                pos = end
                continue
        match = _MDX_SPECIAL.search(text, pos)
        if match is None:
            break
        at = match.start()
        char = match.group()
        if char == "\n":
            pos = at + 1
            line_start = True
            previous_blank = current_blank
        elif char == "\\":
            pos = at + 1 if text[at + 1 : at + 2] == "\n" else at + 2
        elif char == "`":
            end = at
            while end < n and text[end] == "`":
                end += 1
            same = runs.get(end - at, [])
            index = bisect.bisect_left(same, end)
            if index < len(same) and same[index] < paragraph_end(at):
                end = same[index] + (end - at)
            pos = end
        elif char == "<":
            pos = at + 1
            if text.startswith("<!--", at):
                close = text.find("-->", at + 4)
                pos = n if close < 0 else close + 3
            elif tags_ok:
                end = _scan_tag(text, at, paragraph_end(at))
                if end == _FATAL:
                    tags_ok = js_ok = False
                elif end > at:
                    regions.append((at, end, "tag"))
                    pos = end
        else:  # "{"
            pos = at + 1
            if js_ok:
                end = _scan_js(text, at, False)
                if end < 0:
                    js_ok = False
                    continue
                inner = text[at + 1 : end - 1].strip()
                if inner.startswith("/*") and inner.endswith("*/") and "*/" not in inner[2:-2]:
                    regions.append((at, end, "comment"))
                    comments.append(Comment(inner[2:-2], at, end))
                else:
                    regions.append((at, end, "expr"))
                pos = end
    return regions, comments


def _fence_end(text: str, eol: int, marker: str) -> int:
    """Position after the line closing a fence opened with ``marker`` (end of text if none)."""
    n = len(text)
    pos = eol + 1
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        close = _FENCE_CLOSE.match(text, pos, end)
        if close and close.group(1)[0] == marker[0] and len(close.group(1)) >= len(marker):
            return min(end + 1, n)
        pos = end + 1
    return n


def blank_regions(text: str, regions: list[tuple[int, int, str]]) -> str:
    """Replace every region's characters except newlines by spaces (offsets unchanged).

    A region that starts after text on its line is inline (``a {\\n x\\n} b``): its inner
    lines are filled with letters instead, so the paragraph around it does not break there.
    """
    if "\0" in text:
        text = text.replace("\0", "\ufffd")  # as markdown-it normalises it
    if not regions:
        return text
    parts = []
    last = 0
    for start, end, _kind in sorted(regions):
        parts.append(text[last:start])
        chunk = _NOT_NEWLINE.sub(" ", text[start:end])
        if "\n" in chunk and text[text.rfind("\n", 0, start) + 1 : start].strip():
            lines = chunk.split("\n")
            for index in range(1, len(lines) - 1):
                lines[index] = "x" * len(lines[index])
            chunk = "\n".join(lines)
        parts.append(chunk)
        last = end
    parts.append(text[last:])
    return "".join(parts)

