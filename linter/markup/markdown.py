"""Markdown, MDX and plain text to prose segments with exact source offset maps.

Markdown is parsed with markdown-it-py (CommonMark + GFM tables + strikethrough + YAML front
matter). markdown-it gives block line ranges but no inline offsets, so a few parser rules are
wrapped to record what they consumed:

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

import bisect
import gc
import re
from collections.abc import Callable
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # markdown-it is imported on first parse: a file with no AI term never needs it
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

from linter.files.source import SourceText
from linter.markup.segments import PLACEHOLDER, Comment, Document, Piece, Segment

__all__ = ["extract", "may_pass_nesting_limit", "syntax_for"]

SYNTAXES = ("markdown", "mdx", "text")

#: markdown-it's nesting limit (about 50 list levels or 100 quote levels); the recursion it
#: needs stays far below Python's default limit. markdown-it itself skips what lies deeper;
#: here those lines are read again with their container markers ignored (see
#: :func:`_bounded_tokenize`).
MAX_NESTING = 100
_FALLBACK_NESTING = 20

_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdx": "mdx"}

# markdown-it >= 4 trims with this set; older versions use str.strip().
_MD_TRIM = "\t\n\x0b\x0c\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + (
    "\u2028\u2029\u202f\u205f\u3000"
)
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
_LINES = "gl_lines"
_SPAN = "gl_span"
_CELL = "gl_cell"
_REFS = "_gl_reference_lines"
_DEEP = "_gl_lines_past_nesting_limit"

_NOT_NEWLINE = re.compile(r"[^\n]")
#: What opens containers at the start of a line: indentation, ``>`` and list markers.
_CONTAINER_PREFIX = re.compile(r"(?m)^(?:[ \t>]|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))+")
#: A cheap first test for :func:`may_pass_nesting_limit`: a long run of prefix characters.
_LONG_PREFIX = re.compile(r"(?m)^[ \t>*+\-0-9.)]{12,}")
_TEXT_PARAGRAPH = re.compile(r"[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")
_URL = re.compile(
    r"(?<![\w@/.+-])(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}://|www\.)[^\s<>\ufffc]+"
    r"|(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_URL_TRAILING = ".,:;!?\"'*_~"


class _Unlocatable(Exception):
    """A prose fragment could not be mapped back to the source exactly."""


def syntax_for(path: str | PurePath) -> str:
    """The markup syntax of a file: ``markdown``, ``mdx`` or ``text``, from its suffix."""
    suffix = (path if isinstance(path, PurePath) else PurePath(path)).suffix
    return _SUFFIXES.get(suffix.lower(), "text")


def extract(source: SourceText, syntax: str) -> Document:
    """Extract the prose of ``source`` (``syntax`` is ``markdown``, ``mdx`` or ``text``)."""
    if syntax not in SYNTAXES:
        raise ValueError(f"unknown markup syntax {syntax!r}; expected one of {SYNTAXES}")
    # Parsing allocates hundreds of thousands of acyclic objects on big files; the cyclic
    # garbage collector would rescan them over and over (about a third of the run time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        if syntax == "text":
            return _extract_text(source)
        return _MarkdownExtractor(source, mdx=syntax == "mdx").run()
    finally:
        if collecting:
            gc.enable()


# --------------------------------------------------------------------------------------------
# plain text


def _extract_text(source: SourceText) -> Document:
    """Every blank-line separated paragraph is one exact segment of kind ``text``."""
    text = source.text
    segments = []
    for match in _TEXT_PARAGRAPH.finditer(text):
        raw = match.group()
        start = match.start() + len(raw) - len(raw.lstrip())
        end = match.end() - len(raw) + len(raw.rstrip())
        prose = text[start:end]
        segments.append(Segment(prose, (Piece(0, len(prose), start, end),), kind="text"))
    return Document(tuple(segments))


# --------------------------------------------------------------------------------------------
# the markdown-it parser and its recording wrappers


def _record_lines(fn: Callable[..., bool]) -> Callable[..., bool]:
    """Wrap a block rule so its inline tokens carry the source span of each of their lines."""

    def rule(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        if silent:
            return fn(state, start_line, end_line, silent)
        count = len(state.tokens)
        ok = fn(state, start_line, end_line, silent)
        if ok:
            begins, shifts, ends = state.bMarks, state.tShift, state.eMarks
            cell = -1
            for token in state.tokens[count:]:
                if token.type == "tr_open":
                    cell = -1
                elif token.type in ("th_open", "td_open"):
                    cell += 1
                elif token.type == "inline" and token.map:
                    token.meta[_LINES] = [
                        (begins[line] + shifts[line], ends[line])
                        for line in range(token.map[0], token.map[1])
                    ]
                    token.meta[_CELL] = cell
        return ok

    return rule


def _record_reference(fn: Callable[..., bool]) -> Callable[..., bool]:
    """Wrap the link-reference-definition rule to remember the lines it consumed."""

    def rule(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        ok = fn(state, start_line, end_line, silent)
        if ok and not silent:
            state.env.setdefault(_REFS, []).append((start_line, state.line))
        return ok

    return rule


def _mdx_indent(fn: Callable[..., bool]) -> Callable[..., bool]:
    """MDX has no indented code: let every block construct start at any indentation."""

    def rule(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        indent = state.sCount[start_line]
        if indent - state.blkIndent < 4:
            return fn(state, start_line, end_line, silent)
        saved = state.blkIndent
        state.blkIndent = indent
        try:
            return fn(state, start_line, end_line, silent)
        finally:
            state.blkIndent = saved

    return rule


def _record_span(fn: Callable[..., bool]) -> Callable[..., bool]:
    """Wrap an inline rule so the token it creates carries the ``[start, end)`` it consumed."""

    def rule(state: Any, silent: bool) -> bool:
        if silent:
            return fn(state, silent)
        start = state.pos
        count = len(state.tokens)
        ok = fn(state, silent)
        if ok and len(state.tokens) > count:
            new = state.tokens[count:]
            span = (start, state.pos)
            first = next((t for t in new if t.type != "text"), None)
            if first is not None:
                first.meta[_SPAN] = span
            last = new[-1]
            if last.type in ("link_close", "image", "html_inline"):
                last.meta[_SPAN] = span
        return ok

    return rule


def _bounded_tokenize(tokenize: Callable[..., None]) -> Callable[..., None]:
    """Wrap markdown-it's block tokenizer so that a container nested past ``maxNesting`` hides
    nothing.

    markdown-it skips everything from such a container to the end of the range it was given,
    which inside a list is the end of the document. Here the skip ends where the container
    does (before the first non-blank line indented less than it, where markdown-it's loop
    would stop), and the lines skipped are recorded in ``env`` to be read again flattened
    (see :meth:`_MarkdownExtractor._read_past_limit`).
    """

    def run(state: Any, start_line: int, end_line: int) -> None:
        if state.level < state.md.options["maxNesting"]:
            tokenize(state, start_line, end_line)
            return
        first = line = state.skipEmptyLines(start_line)
        while line < end_line and state.sCount[line] >= state.blkIndent:
            line = state.skipEmptyLines(line + 1)
        state.line = line
        if first < min(line, end_line):
            state.env.setdefault(_DEEP, []).append((first, min(line, end_line)))

    return run


def _wrap(ruler: Any, name: str, wrapper: Callable[..., Any]) -> None:
    rule = ruler.__rules__[ruler.__find__(name)]
    ruler.at(name, wrapper(rule.fn), {"alt": list(rule.alt)})


@cache
def _parser(mdx: bool, max_nesting: int = MAX_NESTING) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"maxNesting": max_nesting}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.core.ruler.disable("text_join")  # keep escapes and entities as their own tokens
    md.block.tokenize = _bounded_tokenize(md.block.tokenize)  # type: ignore[method-assign]
    for name in ("paragraph", "heading", "lheading", "table"):
        _wrap(md.block.ruler, name, _record_lines)
    _wrap(md.block.ruler, "reference", _record_reference)
    for name in ("backticks", "link", "image", "autolink", "html_inline"):
        _wrap(md.inline.ruler, name, _record_span)
    if mdx:
        md.block.ruler.disable("code")
        for rule in list(md.block.ruler.__rules__):
            _wrap(md.block.ruler, rule.name, _mdx_indent)
    return md


def _parse(text: str, mdx: bool, env: dict[str, Any]) -> list[Token]:
    try:
        return _parser(mdx).parse(text, env)
    except RecursionError:  # called from a deep stack: retry with markdown-it's own default
        env.clear()
        return _parser(mdx, _FALLBACK_NESTING).parse(text, env)


# --------------------------------------------------------------------------------------------
# content maps: inline content offsets -> source offsets


class _Map:
    """Runs ``(content_start, source_start, length)`` mapping inline content to the source."""

    __slots__ = ("runs", "starts")

    def __init__(self, runs: list[tuple[int, int, int]]) -> None:
        self.runs = runs
        self.starts = [run[0] for run in runs]

    def cover(self, start: int, end: int) -> list[tuple[int, int]]:
        """``(source_start, length)`` pieces exactly covering content ``[start, end)``."""
        runs = self.runs
        index = bisect.bisect_right(self.starts, start) - 1
        out = []
        pos = start
        while pos < end:
            if index < 0 or index >= len(runs):
                raise _Unlocatable
            c, s, n = runs[index]
            if not c <= pos < c + n:
                raise _Unlocatable
            length = min(end, c + n) - pos
            out.append((s + pos - c, length))
            pos += length
            index += 1
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span from the first mapped character of ``[start, end)`` to the last."""
        runs = self.runs
        index = bisect.bisect_right(self.starts, start) - 1
        if index >= 0 and start < runs[index][0] + runs[index][2]:
            src_start = runs[index][1] + start - runs[index][0]
        elif index + 1 < len(runs) and runs[index + 1][0] < end:
            src_start = runs[index + 1][1]
        else:
            raise _Unlocatable
        index = bisect.bisect_right(self.starts, end - 1) - 1
        if index < 0:
            raise _Unlocatable
        c, s, n = runs[index]
        src_end = s + min(end - c, n)
        if src_end <= src_start:
            raise _Unlocatable
        return src_start, src_end


def _anchor(text: str, line: str, end: int) -> tuple[int, int] | None:
    """Locate content ``line`` as the source text ending at ``end``: ``(lead, src_start)``.

    ``lead`` counts leading characters of ``line`` that are not in the source (markdown-it
    pads partially consumed tabs with spaces).
    """
    n = len(line)
    if n <= end and text[end - n : end] == line:
        return 0, end - n
    stripped = line.lstrip(" \t")
    k = len(stripped)
    if k and k <= end and text[end - k : end] == stripped:
        return n - k, end - k
    return None


def _row_cells(text: str, start: int, end: int) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """Split a table row like markdown-it's ``escapedSplit``, keeping source positions."""
    raw = text[start:end]
    line = raw.strip(_MD_TRIM)
    base = start + len(raw) - len(raw.lstrip(_MD_TRIM))
    cells: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last = 0
    for match in re.finditer(r"\|", line):
        pos = match.start()
        if pos and line[pos - 1] == "\\":
            current.append((last, pos - 1))  # an escaped pipe drops its backslash
            last = pos
        else:
            current.append((last, pos))
            cells.append(current)
            current = []
            last = pos + 1
    current.append((last, len(line)))
    cells.append(current)
    out = []
    for ranges in cells:
        string = "".join(line[a:b] for a, b in ranges)
        runs = []
        offset = 0
        for a, b in ranges:
            if b > a:
                runs.append((offset, base + a, b - a))
                offset += b - a
        out.append((string, runs))
    if out and out[0][0] == "":
        out.pop(0)
    if out and out[-1][0] == "":
        out.pop()
    return out


def _slice_runs(
    runs: list[tuple[int, int, int]], start: int, end: int
) -> list[tuple[int, int, int]]:
    """The part of ``runs`` covering content ``[start, end)``, renumbered from 0."""
    out = []
    for c, s, n in runs:
        a, b = max(c, start), min(c + n, end)
        if b > a:
            out.append((a - start, s + a - c, b - a))
    return out


# --------------------------------------------------------------------------------------------
# segment building


class _Builder:
    """Accumulates prose and pieces for one segment."""

    __slots__ = (
        "emitted", "gap", "length", "next", "parts", "pieces", "region_starts", "regions", "text"
    )

    def __init__(
        self, text: str, regions: list[tuple[int, int, str]], starts: list[int], lower: int
    ) -> None:
        self.text = text
        self.parts: list[str] = []
        self.pieces: list[list[Any]] = []  # [prose_start, prose_len, src_start, src_end, role]
        self.length = 0
        self.regions = regions
        self.region_starts = starts
        self.emitted: set[int] = set()  # expression regions already shown as a placeholder
        # MDX regions from source offset ``lower`` on that the prose skips over (blanked, so
        # whitespace to markdown-it) still show as placeholders; -1: only regions it touches
        self.next = bisect.bisect_left(starts, lower) if lower >= 0 else len(regions)
        self.gap = -1  # end of the last skipped region shown, while prose may need a space

    def add(self, prose: str, src_start: int, src_end: int, role: str) -> None:
        pieces = self.pieces
        n = len(prose)
        if (
            pieces
            and n == src_end - src_start
            and pieces[-1][4] == role
            and pieces[-1][3] == src_start
            and pieces[-1][1] == pieces[-1][3] - pieces[-1][2]
        ):
            pieces[-1][1] += n
            pieces[-1][3] = src_end
        else:
            pieces.append([self.length, n, src_start, src_end, role])
        self.parts.append(prose)
        self.length += n

    def mapped(self, prose: str, src_start: int, src_end: int, role: str) -> None:
        """Add ``prose`` standing for the source span ``[src_start, src_end)``."""
        if self.regions:
            self.flush(src_start, prose[:1])
        self.add(prose, src_start, src_end, role)

    def source(self, src_start: int, length: int, role: str) -> None:
        """Add source text ``[src_start, src_start+length)`` verbatim (MDX regions removed)."""
        end = src_start + length
        if not self.regions:
            self.add(self.text[src_start:end], src_start, end, role)
            return
        self.flush(src_start, self.text[src_start : src_start + 1])
        index = bisect.bisect_right(self.region_starts, src_start) - 1
        pos = src_start
        if index < 0:
            index = 0
        while index < len(self.regions) and self.regions[index][0] < end:
            r_start, r_end, _kind = self.regions[index]
            if r_end > pos:
                if r_start > pos:
                    self.add(self.text[pos:r_start], pos, r_start, role)
                self._region(index)
                pos = max(pos, min(r_end, end))
            index += 1
        if pos < end:
            self.add(self.text[pos:end], pos, end, role)

    def _region(self, index: int) -> None:
        """Prose touches MDX region ``index``: an expression shows once as a placeholder."""
        start, end, kind = self.regions[index]
        if kind == "expr" and index not in self.emitted:
            self.emitted.add(index)
            self.add(PLACEHOLDER, start, end, "placeholder")

    def flush(self, upto: int, following: str = "") -> None:
        """Show the skipped expression regions that start before ``upto``, spaced as in the
        source from the prose around them; ``following`` is the prose about to be added."""
        regions = self.regions
        while self.next < len(regions) and regions[self.next][0] < upto:
            index = self.next
            self.next += 1
            start, end, kind = regions[index]
            if kind != "expr" or index in self.emitted:
                continue
            if self.parts and not self.parts[-1][-1:].isspace():
                self._space(start - 1)
            self._region(index)
            self.gap = end
        if self.gap >= 0 and upto > self.gap and following and not following.isspace():
            self._space(self.gap)
        self.gap = -1

    def skip(self, upto: int) -> None:
        """Regions before ``upto`` are in a link destination or the like: not prose."""
        while self.next < len(self.regions) and self.regions[self.next][0] < upto:
            self.next += 1

    def _space(self, pos: int) -> None:
        """Add the source space at ``pos`` to the prose, if it is one and not in a region."""
        if 0 <= pos < len(self.text) and self.text[pos] == " ":
            index = bisect.bisect_right(self.region_starts, pos) - 1
            if index < 0 or self.regions[index][1] <= pos:
                self.add(" ", pos, pos + 1, "text")

    def newline(self, prose: str, src: int, role: str) -> None:
        """A line break in the prose, at the source newline ``src``."""
        if self.regions:
            self.flush(src, prose)
            index = bisect.bisect_right(self.region_starts, src) - 1
            if index >= 0 and src < self.regions[index][1]:  # inside a multi-line region
                start, end, _kind = self.regions[index]
                if self.pieces and self.pieces[-1][3] <= start:  # first touch of the region
                    if not self.parts[-1][-1:].isspace():
                        self._space(start - 1)
                    self._region(index)
                self.gap = end
                return
        self.add(prose, src, src + 1, role)

    def segment(self, kind: str) -> tuple[Segment, list[tuple[int, int]]] | None:
        """The finished segment (URLs masked) and the URLs' source spans."""
        text = "".join(self.parts)
        pieces = self.pieces
        urls = []
        for match in _URL.finditer(text):
            start, end = match.span()
            end = start + len(_trim_url(match.group()))
            if end > start:
                urls.append((start, end))
        spans: list[tuple[int, int]] = []
        if urls:
            text, pieces, spans = _mask(text, pieces, urls)
        if not text.replace(PLACEHOLDER, "").strip():
            return None
        return (
            Segment(text, tuple(Piece(*p) for p in pieces), kind=kind),
            spans,
        )


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
        return piece[1] == piece[3] - piece[2]

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


class _MarkdownExtractor:
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
        toml_end = _toml_front_matter_end(text)
        if toml_end:
            blank.append((0, toml_end, "front_matter"))
        if self.mdx:
            start = max(toml_end, _yaml_front_matter_end(text))
            regions, comments = _mdx_regions(text, start)
            blank.extend(regions)
            self.comments.extend(comments)
            self.regions = [r for r in regions if r[2] != "esm"]
        for start, end, _kind in blank:
            self.protected.append((start, end))
        self.text = _blank(text, blank)
        self.region_starts = [r[0] for r in self.regions]

        env: dict[str, Any] = {}
        tokens = _parse(self.text, self.mdx, env)
        self._walk(tokens)
        for first, last in env.get(_REFS, ()):
            self._protect_lines(first, last)
        deep = self._read_past_limit(env[_DEEP], env) if _DEEP in env else ()
        self.comments.sort(key=lambda c: c.start)
        return Document(tuple(self.segments), tuple(self.comments), _merge(self.protected),
                        past_nesting_limit=deep)

    def _read_past_limit(
        self, lines: list[tuple[int, int]], env: dict[str, Any]
    ) -> tuple[tuple[int, int], ...]:
        """Read the ``lines`` markdown-it left unparsed past its nesting limit as Markdown
        with every container marker ignored (see :func:`_flattened`), without indented code
        (as MDX); return their source spans. Links there may use the document's references.
        """
        spans = _merge([self._line_span(first, last) for first, last in lines])
        parsed, known = self.text, len(self.protected)
        self.text = _flattened(parsed, spans)
        inner: dict[str, Any] = {"references": env.get("references", {})}
        self._walk(_parse(self.text, True, inner))
        for first, last in inner.get(_REFS, ()):
            self._protect_lines(first, last)
        self.text = parsed
        # A block left open there (a fence) runs on over blanked lines that were parsed.
        self.protected[known:] = _clipped(self.protected[known:], spans)
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
        for open_at, close_at in _html_comments(self.text, start, end):
            self.comments.append(
                Comment(original[open_at + 4 : close_at - 3], open_at, close_at))

    # ---- inline content

    def _content_map(self, token: Token, opener: Token, kind: str) -> _Map | None:
        lines = token.meta.get(_LINES)
        content = token.content
        if not lines or not content:
            return None
        text = self.text
        if kind == "table_cell":
            cells = self._rows.get(lines[0])
            if cells is None:
                cells = self._rows[lines[0]] = _row_cells(text, *lines[0])
            index = token.meta.get(_CELL, -1)
            if not 0 <= index < len(cells):
                return None
            string, runs = cells[index]
            trimmed = string.strip(_MD_TRIM)
            if trimmed != content:
                return None
            lead = len(string) - len(string.lstrip(_MD_TRIM))
            return _Map(_slice_runs(runs, lead, lead + len(content)))
        if kind == "heading" and opener.markup.startswith("#"):
            start, end = lines[0]
            pos = start
            while pos < end and text[pos] == "#":
                pos += 1
            found = text.find(content, pos, end)
            if found < 0 or text[pos:found].strip():
                return None
            return _Map([(0, found, len(content))])
        parts = content.split("\n")
        if len(parts) != len(lines):  # trimming removed lines of exotic whitespace (NBSP, ...)
            lines = list(lines)
            while len(lines) > len(parts) and not text[slice(*lines[0])].strip(_MD_TRIM):
                del lines[0]
            while len(lines) > len(parts) and not text[slice(*lines[-1])].strip(_MD_TRIM):
                del lines[-1]
            if len(parts) != len(lines):
                return None
        runs = []
        offset = 0
        last = len(parts) - 1
        for index, (part, (start, end)) in enumerate(zip(parts, lines, strict=True)):
            if index == last:
                located = None
                for stop in (len(text[start:end].rstrip(_MD_TRIM)), len(text[start:end].rstrip())):
                    located = _anchor(text, part, start + stop)
                    if located:
                        break
            else:
                located = _anchor(text, part, end)
            if located is None:
                return None
            lead, src = located
            length = len(part) - lead
            if index != last and text[end : end + 1] == "\n":
                length += 1  # the newline maps to itself
            if length:
                runs.append((offset + lead, src, length))
            offset += len(part) + 1
        return _Map(runs)

    def _inline(self, token: Token, opener: Token, kind: str) -> None:
        cmap = self._content_map(token, opener, kind)
        if cmap is None:
            return
        self._inline_comments(token, cmap)
        protected: list[tuple[int, int]] = []
        try:
            built = self._build(token, cmap, kind, protected)
        except _Unlocatable:
            return
        self.protected.extend(protected)
        result = built.segment(kind)
        if result is not None:
            segment, urls = result
            self.segments.append(segment)
            self.protected.extend(urls)

    def _inline_comments(self, token: Token, cmap: _Map) -> None:
        for child in token.children or ():
            if child.type != "html_inline" or not child.content.startswith("<!--"):
                continue
            span = child.meta.get(_SPAN)
            if span is None or not child.content.endswith("-->"):
                continue
            try:
                start, end = cmap.span(*span)
            except _Unlocatable:
                continue
            if self.source.text.startswith("<!--", start):
                self.comments.append(Comment(self.source.text[start + 4 : end - 3], start, end))

    def _build(
        self, token: Token, cmap: _Map, kind: str, protected: list[tuple[int, int]]
    ) -> _Builder:
        """Walk the inline children (iteratively; image alt text is a nested token list)."""
        content = token.content
        original = self.source.text
        lower = -1
        if self.regions and kind != "table_cell" and token.map:
            lower = self._line_span(token.map[0], token.map[1])[0]
        out = _Builder(self.text, self.regions, self.region_starts, lower)
        cursor = 0
        # frames: [children, next index, span offset, is alt text, end of the image]
        frames: list[list[Any]] = [[token.children or [], 0, 0, False, 0]]
        alt_depth = 0
        link_ends: list[int] = []

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
                        raise _Unlocatable
                exact(cursor, len(text), role)
                cursor += len(text)
            elif ctype == "text_special":
                markup = child.markup
                if not content.startswith(markup, cursor):
                    raise _Unlocatable
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
                        raise _Unlocatable
                    src = cmap.cover(pos, pos + 1)[0][0]
                    # two spaces make a hard break, unless MDX blanking made them
                    hard = ctype == "hardbreak" and original[src - 2 : src] == "  "
                    out.newline("\n" if hard else " ", src, role)
                    cursor = pos + 1
                cursor = skip_spaces(cursor)
            elif ctype in _DELIMITERS:
                if not content.startswith(child.markup, cursor):
                    raise _Unlocatable
                cursor += len(child.markup)
            elif ctype in ("code_inline", "html_inline"):
                start, end = self._span(child, offset, cursor)
                src = cmap.span(start, end)
                protected.append(src)
                if not (ctype == "html_inline" and child.content.startswith("<!--")):
                    out.mapped(PLACEHOLDER, src[0], src[1], "placeholder")
                elif self.regions:
                    out.flush(src[0])
                out.skip(src[1])
                cursor = end
            elif ctype == "link_open":
                start, end = self._span(child, offset, cursor)
                if child.markup == "autolink":
                    src = cmap.span(start, end)
                    protected.append(src)
                    out.mapped(PLACEHOLDER, src[0], src[1], "placeholder")
                    out.skip(src[1])
                    depth = 1
                    while depth and frame[1] < len(children):  # skip to the matching close
                        skipped = children[frame[1]]
                        frame[1] += 1
                        depth += skipped.nesting if skipped.type.startswith("link_") else 0
                    cursor = end
                else:
                    if content[start : start + 1] != "[":
                        raise _Unlocatable
                    link_ends.append(end)
                    cursor = start + 1
            elif ctype == "link_close":
                if not link_ends:
                    raise _Unlocatable
                end = link_ends.pop()
                if end > cursor:
                    protected.append(tail := cmap.span(cursor, end))
                    out.skip(tail[1])
                cursor = end
            elif ctype == "image":
                start, end = self._span(child, offset, cursor)
                if not content.startswith("![", start):
                    raise _Unlocatable
                cursor = start + 2
                alt_depth += 1
                frames.append([child.children or [], 0, start + 2, True, end])
            else:
                raise _Unlocatable
        if lower >= 0:
            out.flush(self._line_span(token.map[0], token.map[1])[1])
        return out

    @staticmethod
    def _span(token: Token, offset: int, cursor: int) -> tuple[int, int]:
        span = token.meta.get(_SPAN)
        if span is None:
            raise _Unlocatable
        start, end = span[0] + offset, span[1] + offset
        if start < cursor or end <= start:
            raise _Unlocatable
        return start, end


def _html_comments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each ``<!-- ... -->`` in ``text[start:end]``, as the regex
    ``<!--(.*?)-->`` (DOTALL) finds them, in linear time: once a comment does not close,
    none after it can (the lazy regex would rescan the rest of the block for each ``<!--``).
    """
    found = []
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


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)


def _flattened(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``text`` with everything outside ``spans`` blanked and, inside them, each line's
    container prefix (indentation, ``>``, list markers) blanked: the same offsets and
    newlines, and nothing left that nests."""
    blank = _NOT_NEWLINE.sub(" ", text)
    parts = []
    last = 0
    for start, end in spans:
        parts.append(blank[last:start])
        parts.append(_CONTAINER_PREFIX.sub(lambda m: " " * len(m.group()), text[start:end]))
        last = end
    parts.append(blank[last:])
    return "".join(parts)


def _clipped(
    spans: list[tuple[int, int]], within: tuple[tuple[int, int], ...]
) -> list[tuple[int, int]]:
    """The parts of ``spans`` that lie inside ``within`` (sorted, not overlapping)."""
    starts = [start for start, _ in within]
    parts = []
    for start, end in spans:
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        while index < len(within) and within[index][0] < end:
            low, high = max(start, within[index][0]), min(end, within[index][1])
            if low < high:
                parts.append((low, high))
            index += 1
    return parts


def may_pass_nesting_limit(text: str) -> bool:
    """False only when no line of ``text`` opens containers deep enough to reach
    :data:`MAX_NESTING` (each level takes at least one column of a line's prefix of
    indentation, ``>`` and list markers; half the limit is required, for a margin)."""
    for candidate in _LONG_PREFIX.finditer(text):
        prefix = _CONTAINER_PREFIX.match(text, candidate.start())
        if prefix is not None and _columns(prefix.group()) >= MAX_NESTING // 2:
            return True
    return False


def _columns(prefix: str) -> int:
    """The columns ``prefix`` spans, a tab reaching the next multiple of 4."""
    column = 0
    for char in prefix:
        column = column + 4 - column % 4 if char == "\t" else column + 1
    return column


def _blank(text: str, regions: list[tuple[int, int, str]]) -> str:
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


# --------------------------------------------------------------------------------------------
# front matter

_TOML_FENCE = re.compile(r"\+\+\+[ \t]*(?:\n|\Z)")
_YAML_OPEN = re.compile(r"(-{3,})[^\n]*(?:\n|\Z)")
_YAML_CLOSE = re.compile(r"(?:(-{3,})|\.\.\.)[ \t]*(?:\n|\Z)", re.M)


def _toml_front_matter_end(text: str) -> int:
    """End of a ``+++`` TOML front matter block at the start of ``text`` (0 if none)."""
    if not _TOML_FENCE.match(text):
        return 0
    pos = text.find("\n") + 1
    while 0 < pos < len(text):
        match = _TOML_FENCE.match(text, pos)
        if match:
            return match.end()
        pos = text.find("\n", pos) + 1
    return 0


def _yaml_front_matter_end(text: str) -> int:
    """End of a ``---`` YAML front matter block at the start of ``text`` (0 if none)."""
    opening = _YAML_OPEN.match(text)
    if not opening:
        return 0
    pos = opening.end()
    while 0 < pos < len(text):
        match = _YAML_CLOSE.match(text, pos)
        if match and (match.group(1) is None or len(match.group(1)) >= len(opening.group(1))):
            return match.end()
        pos = text.find("\n", pos) + 1
    return 0


# --------------------------------------------------------------------------------------------
# MDX: find ESM, JSX tags, expressions and comments

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
    end = _SPACES.match(text, pos).end()
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


def _mdx_regions(text: str, start: int) -> tuple[list[tuple[int, int, str]], list[Comment]]:
    """Non-prose MDX regions ``(start, end, kind)``, kind in esm/tag/expr/comment, in order."""
    n = len(text)
    regions: list[tuple[int, int, str]] = []
    comments: list[Comment] = []
    breaks = [m.start() for m in _BLOCK_BREAK.finditer(text)]
    runs: dict[int, list[int]] = {}
    for match in re.finditer(r"`+", text):
        runs.setdefault(match.end() - match.start(), []).append(match.start())

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
