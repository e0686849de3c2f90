"""markdown-it, set up for genai-lint and wrapped to record what it consumed.

markdown-it gives block line ranges but no inline offsets, so a few parser rules are wrapped:

* block rules that produce inline content record, per line, where that line starts and ends in
  the source once container prefixes (``>``, list markers, indentation) are removed
  (``token.meta[LINES]``, and the table cell index in ``token.meta[CELL]``);
* inline rules whose source form differs from their token (code spans, links, images,
  autolinks, inline HTML) record the ``[start, end)`` range they consumed in the inline content
  (``token.meta[SPAN]``);
* link reference definitions and containers nested past :data:`MAX_NESTING` record their lines
  in the parse's ``env`` (``env[REFS]``, ``env[DEEP]``).

markdown-it is imported on the first parse: a file with no AI term never needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: markdown-it's nesting limit (about 50 list levels or 100 quote levels); the recursion it
#: needs stays far below Python's default limit. markdown-it itself skips what lies deeper;
#: here those lines are read again with their container markers ignored (see
#: :func:`_bounded_tokenize`).
MAX_NESTING = 100
_FALLBACK_NESTING = 20

LINES = "gl_lines"
SPAN = "gl_span"
CELL = "gl_cell"
REFS = "_gl_reference_lines"
DEEP = "_gl_lines_past_nesting_limit"


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
                    token.meta[LINES] = [
                        (begins[line] + shifts[line], ends[line])
                        for line in range(token.map[0], token.map[1])
                    ]
                    token.meta[CELL] = cell
        return ok

    return rule


def _record_reference(fn: Callable[..., bool]) -> Callable[..., bool]:
    """Wrap the link-reference-definition rule to remember the lines it consumed."""

    def rule(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        ok = fn(state, start_line, end_line, silent)
        if ok and not silent:
            state.env.setdefault(REFS, []).append((start_line, state.line))
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
                first.meta[SPAN] = span
            last = new[-1]
            if last.type in ("link_close", "image", "html_inline"):
                last.meta[SPAN] = span
        return ok

    return rule


def _bounded_tokenize(tokenize: Callable[..., None]) -> Callable[..., None]:
    """Wrap markdown-it's block tokenizer so that a container nested past ``maxNesting`` hides
    nothing.

    markdown-it skips everything from such a container to the end of the range it was given,
    which inside a list is the end of the document. Here the skip ends where the container
    does (before the first non-blank line indented less than it, where markdown-it's loop
    would stop), and the lines skipped are recorded in ``env`` to be read again flattened
    (see :meth:`linter.markup.markdown.MarkdownExtractor._read_past_limit`).
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
            state.env.setdefault(DEEP, []).append((first, min(line, end_line)))

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


def parse(text: str, mdx: bool, env: dict[str, Any]) -> list[Token]:
    try:
        return _parser(mdx).parse(text, env)
    except RecursionError:  # called from a deep stack: retry with markdown-it's own default
        env.clear()
        return _parser(mdx, _FALLBACK_NESTING).parse(text, env)

