"""Markdown and MDX to prose segments with exact source offset maps (the walk over tokens).

Markdown is parsed with markdown-it-py (CommonMark + GFM tables + strikethrough + YAML front
matter; see :mod:`linter.markup.parser`). markdown-it gives block line ranges but no inline
offsets, so a few parser rules are wrapped to record what they consumed:

* block rules that produce inline content record, per line, where that line starts and ends in
  the source once container prefixes (``>``, list markers, indentation) are removed;
* inline rules whose source form differs from their token (code spans, links, images,
  autolinks, inline HTML) record the ``[start, end)`` range they consumed in the inline content.

Everything else (text, escapes, entities, emphasis markers, line breaks) is located by a forward
scan of the inline content with a cursor, and every step is verified; when a fragment cannot be
located exactly the whole segment is dropped rather than guessed.

MDX is handled by blanking (spaces, keeping every newline and offset) ESM ``import``/``export``
blocks, JSX tags, ``{...}`` expressions and ``{/* ... */}`` comments, then running the Markdown
path with indented code disabled (as MDX does). Tags and comments vanish from the prose; an
expression inside a paragraph becomes :data:`~linter.markup.segments.PLACEHOLDER`.

``Comment.text`` is the comment *body*: what lies between ``<!--`` and ``-->`` (or ``{/*`` and
``*/}`` in MDX); ``start``/``end`` span the whole comment in the source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it.token import Token

from linter.files.source import SourceText
from linter.markup.builder import SegmentBuilder
from linter.markup.comments import html_comments
from linter.markup.frontmatter import toml_front_matter_end, yaml_front_matter_end
from linter.markup.mdx import blank_regions, mdx_regions
from linter.markup.nesting import clipped, flattened
from linter.markup.offsets import (
    MD_TRIM,
    ContentMap,
    Unlocatable,
    anchor,
    merge_spans,
    row_cells,
    slice_runs,
)
from linter.markup.parser import CELL, DEEP, LINES, REFS, SPAN, parse
from linter.markup.segments import PLACEHOLDER, Comment, Document, Segment

_KINDS = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
    "th_open": "table_cell",
    "td_open": "table_cell",
}
_PROTECTED_BLOCKS = frozenset({"fence", "code_block", "front_matter", "html_block"})
_DELIMITERS = frozenset(
    {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
)

#: A GitHub alert marker opening a block quote ("> [!NOTE]").
_ALERT = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)


class MarkdownExtractor:
    """Markdown (and blanked MDX) to a :class:`Document`."""

    def __init__(self, source: SourceText, mdx: bool) -> None:
        self.source = source
        self.mdx = mdx
        self.comments: list[Comment] = []
        self.protected: list[tuple[int, int]] = []
        self.segments: list[Segment] = []
        self.regions: list[tuple[int, int, str]] = []
        self.region_starts: list[int] = []
        self._rows: dict[tuple[int, int], list[tuple[str, list[tuple[int, int, int]]]]] = {}
        self.text = source.text  # the text markdown-it parses: same length and newlines

    # ---- driver

    def run(self) -> Document:
        text = self.source.text
        blank: list[tuple[int, int, str]] = []
        toml_end = toml_front_matter_end(text)
        if toml_end:
            blank.append((0, toml_end, "front_matter"))
        if self.mdx:
            start = max(toml_end, yaml_front_matter_end(text))
            regions, comments = mdx_regions(text, start)
            blank.extend(regions)
            self.comments.extend(comments)
            self.regions = [r for r in regions if r[2] != "esm"]
        for start, end, _kind in blank:
            self.protected.append((start, end))
        self.text = blank_regions(text, blank)
        self.region_starts = [r[0] for r in self.regions]

        env: dict[str, Any] = {}
        tokens = parse(self.text, self.mdx, env)
        self._walk(tokens)
        for first, last in env.get(REFS, ()):
            self._protect_lines(first, last)
        deep = self._read_past_limit(env[DEEP], env) if DEEP in env else ()
        self.comments.sort(key=lambda c: c.start)
        return Document(tuple(self.segments), tuple(self.comments), merge_spans(self.protected),
                        past_nesting_limit=deep)

    def _read_past_limit(
        self, lines: list[tuple[int, int]], env: dict[str, Any]
    ) -> tuple[tuple[int, int], ...]:
        """Read the ``lines`` markdown-it left unparsed past its nesting limit as Markdown
        with every container marker ignored (see :func:`flattened`), without indented code
        (as MDX); return their source spans. Links there may use the document's references.
        """
        spans = merge_spans([self._line_span(first, last) for first, last in lines])
        parsed, known = self.text, len(self.protected)
        self.text = flattened(parsed, spans)
        inner: dict[str, Any] = {"references": env.get("references", {})}
        self._walk(parse(self.text, True, inner))
        for first, last in inner.get(REFS, ()):
            self._protect_lines(first, last)
        self.text = parsed
        # A block left open there (a fence) runs on over blanked lines that were parsed.
        self.protected[known:] = clipped(self.protected[known:], spans)
        self.segments.sort(key=lambda s: s.pieces[0].src_start if s.pieces else 0)
        return spans

    def _walk(self, tokens: list[Token]) -> None:
        previous = None
        for token in tokens:
            kind = token.type
            if kind == "inline" and previous is not None:
                block_kind = _KINDS.get(previous.type)
                if block_kind:
                    self._inline(token, previous, block_kind)
            elif kind in _PROTECTED_BLOCKS and token.map:
                self._protect_lines(token.map[0], token.map[1])
                if kind == "html_block":
                    self._block_comments(token.map[0], token.map[1])
            previous = token

    # ---- helpers

    def _line_span(self, first: int, last: int) -> tuple[int, int]:
        starts = self.source.line_starts
        start = starts[first] if first < len(starts) else len(self.text)
        end = starts[last] - 1 if last < len(starts) else len(self.text)
        return start, max(start, end)

    def _protect_lines(self, first: int, last: int) -> None:
        if last > first:
            self.protected.append(self._line_span(first, last))

    def _block_comments(self, first: int, last: int) -> None:
        start, end = self._line_span(first, last)
        original = self.source.text
        for open_at, close_at in html_comments(self.text, start, end):
            self.comments.append(
                Comment(original[open_at + 4 : close_at - 3], open_at, close_at))

    # ---- inline content

    def _content_map(self, token: Token, opener: Token, kind: str) -> ContentMap | None:
        lines = token.meta.get(LINES)
        content = token.content
        if not lines or not content:
            return None
        text = self.text
        if kind == "table_cell":
            cells = self._rows.get(lines[0])
            if cells is None:
                cells = self._rows[lines[0]] = row_cells(text, *lines[0])
            index = token.meta.get(CELL, -1)
            if not 0 <= index < len(cells):
                return None
            string, runs = cells[index]
            trimmed = string.strip(MD_TRIM)
            if trimmed != content:
                return None
            lead = len(string) - len(string.lstrip(MD_TRIM))
            return ContentMap(slice_runs(runs, lead, lead + len(content)))
        if kind == "heading" and opener.markup.startswith("#"):
            start, end = lines[0]
            pos = start
            while pos < end and text[pos] == "#":
                pos += 1
            found = text.find(content, pos, end)
            if found < 0 or text[pos:found].strip():
                return None
            return ContentMap([(0, found, len(content))])
        parts = content.split("\n")
        if len(parts) != len(lines):  # trimming removed lines of exotic whitespace (NBSP, ...)
            lines = list(lines)
            while len(lines) > len(parts) and not text[slice(*lines[0])].strip(MD_TRIM):
                del lines[0]
            while len(lines) > len(parts) and not text[slice(*lines[-1])].strip(MD_TRIM):
                del lines[-1]
            if len(parts) != len(lines):
                return None
        runs = []
        offset = 0
        last = len(parts) - 1
        for index, (part, (start, end)) in enumerate(zip(parts, lines, strict=True)):
            if index == last:
                located = None
                for stop in (len(text[start:end].rstrip(MD_TRIM)), len(text[start:end].rstrip())):
                    located = anchor(text, part, start + stop)
                    if located:
                        break
            else:
                located = anchor(text, part, end)
            if located is None:
                return None
            lead, src = located
            length = len(part) - lead
            if index != last and text[end : end + 1] == "\n":
                length += 1  # the newline maps to itself
            if length:
                runs.append((offset + lead, src, length))
            offset += len(part) + 1
        return ContentMap(runs)

    def _inline(self, token: Token, opener: Token, kind: str) -> None:
        cmap = self._content_map(token, opener, kind)
        if cmap is None:
            return
        self._inline_comments(token, cmap)
        protected: list[tuple[int, int]] = []
        try:
            built = self._build(token, cmap, kind, protected)
        except Unlocatable:
            return
        self.protected.extend(protected)
        result = built.segment(kind)
        if result is not None:
            segment, urls = result
            self.segments.append(segment)
            self.protected.extend(urls)

    def _inline_comments(self, token: Token, cmap: ContentMap) -> None:
        for child in token.children or ():
            if child.type != "html_inline" or not child.content.startswith("<!--"):
                continue
            span = child.meta.get(SPAN)
            if span is None or not child.content.endswith("-->"):
                continue
            try:
                start, end = cmap.span(*span)
            except Unlocatable:
                continue
            if self.source.text.startswith("<!--", start):
                self.comments.append(Comment(self.source.text[start + 4 : end - 3], start, end))

    def _build(
        self, token: Token, cmap: ContentMap, kind: str, protected: list[tuple[int, int]]
    ) -> SegmentBuilder:
        """Walk the inline children (iteratively; image alt text is a nested token list)."""
        content = token.content
        original = self.source.text
        lower = -1
        if self.regions and kind != "table_cell" and token.map:
            lower = self._line_span(token.map[0], token.map[1])[0]
        out = SegmentBuilder(self.text, self.regions, self.region_starts, lower)
        cursor = 0
        # frames: [children, next index, span offset, is alt text, end of the image]
        frames: list[list[Any]] = [[token.children or [], 0, 0, False, 0]]
        alt_depth = 0
        link_ends: list[int] = []
        alert = False  # after a GitHub alert marker ("> [!NOTE]"): its line break ends it

        def exact(start: int, length: int, role: str) -> None:
            for src, n in cmap.cover(start, start + length):
                out.source(src, n, role)

        def opaque(start: int, end: int, prose: str, role: str) -> None:
            src_start, src_end = cmap.span(start, end)
            out.mapped(prose, src_start, src_end, role)

        def skip_spaces(pos: int) -> int:
            while pos < len(content) and content[pos] in " \t":
                pos += 1
            return pos

        while frames:
            frame = frames[-1]
            children, index, offset = frame[0], frame[1], frame[2]
            if index >= len(children):
                frames.pop()
                if frame[3]:  # end of an image's alt text: skip "](src)"
                    alt_depth -= 1
                    if frame[4] > cursor:
                        protected.append(tail := cmap.span(cursor, frame[4]))
                        out.skip(tail[1])
                    cursor = frame[4]
                continue
            frame[1] = index + 1
            child = children[index]
            ctype = child.type
            role = "alt" if alt_depth else ("link" if link_ends else "text")

            if ctype == "text":
                text = child.content
                if not text:
                    continue
                if not content.startswith(text, cursor):
                    cursor = skip_spaces(cursor)
                    if not content.startswith(text, cursor):
                        raise Unlocatable
                if cursor == 0 and frame is frames[0] and _ALERT.fullmatch(text):
                    span = cmap.span(cursor, cursor + len(text))  # a marker, not prose
                    protected.append(span)
                    out.skip(span[1])
                    cursor += len(text)
                    alert = True
                    continue
                exact(cursor, len(text), role)
                cursor += len(text)
            elif ctype == "text_special":
                markup = child.markup
                if not content.startswith(markup, cursor):
                    raise Unlocatable
                if child.content == markup:
                    exact(cursor, len(markup), role)
                else:
                    opaque(cursor, cursor + len(markup), child.content, role)
                cursor += len(markup)
            elif ctype in ("softbreak", "hardbreak"):
                if ctype == "hardbreak" and content.startswith("\\\n", cursor):
                    opaque(cursor, cursor + 2, "\n", role)
                    cursor += 2
                else:
                    pos = skip_spaces(cursor)
                    if content[pos : pos + 1] != "\n":
                        raise Unlocatable
                    src = cmap.cover(pos, pos + 1)[0][0]
                    # two spaces make a hard break, unless MDX blanking made them
                    hard = ctype == "hardbreak" and original[src - 2 : src] == "  "
                    out.newline("\n" if hard or alert else " ", src, role)
                    alert = False
                    cursor = pos + 1
                cursor = skip_spaces(cursor)
            elif ctype in _DELIMITERS:
                if not content.startswith(child.markup, cursor):
                    raise Unlocatable
                cursor += len(child.markup)
            elif ctype in ("code_inline", "html_inline"):
                start, end = self._span(child, offset, cursor)
                span = cmap.span(start, end)
                protected.append(span)
                if not (ctype == "html_inline" and child.content.startswith("<!--")):
                    out.mapped(PLACEHOLDER, span[0], span[1], "placeholder")
                elif self.regions:
                    out.flush(span[0])
                out.skip(span[1])
                cursor = end
            elif ctype == "link_open":
                start, end = self._span(child, offset, cursor)
                if child.markup == "autolink":
                    span = cmap.span(start, end)
                    protected.append(span)
                    out.mapped(PLACEHOLDER, span[0], span[1], "placeholder")
                    out.skip(span[1])
                    depth = 1
                    while depth and frame[1] < len(children):  # skip to the matching close
                        skipped = children[frame[1]]
                        frame[1] += 1
                        depth += skipped.nesting if skipped.type.startswith("link_") else 0
                    cursor = end
                else:
                    if content[start : start + 1] != "[":
                        raise Unlocatable
                    link_ends.append(end)
                    cursor = start + 1
            elif ctype == "link_close":
                if not link_ends:
                    raise Unlocatable
                end = link_ends.pop()
                if end > cursor:
                    protected.append(tail := cmap.span(cursor, end))
                    out.skip(tail[1])
                cursor = end
            elif ctype == "image":
                start, end = self._span(child, offset, cursor)
                if not content.startswith("![", start):
                    raise Unlocatable
                cursor = start + 2
                alt_depth += 1
                frames.append([child.children or [], 0, start + 2, True, end])
            else:
                raise Unlocatable
        if lower >= 0 and token.map:
            out.flush(self._line_span(token.map[0], token.map[1])[1])
        return out

    @staticmethod
    def _span(token: Token, offset: int, cursor: int) -> tuple[int, int]:
        span = token.meta.get(SPAN)
        if span is None:
            raise Unlocatable
        start, end = span[0] + offset, span[1] + offset
        if start < cursor or end <= start:
            raise Unlocatable
        return start, end
