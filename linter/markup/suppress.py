"""Inline suppression directives, read from HTML comments.

``<!-- genai-lint-disable [RULE ...] -->`` turns rules off from the line the comment starts
on until a matching ``<!-- genai-lint-enable [RULE ...] -->`` (from the line that comment
starts on) or the end of the file. ``<!-- genai-lint-disable-next-line [RULE ...] -->`` turns
rules off on the single line right after the line where the comment ends (a blank line there
means it suppresses nothing). No RULE means every rule; RULEs are codes (``GL101``) or names
(``chatgpt-name``), matched case-insensitively, separated by spaces or commas.

Directives apply in source order, per rule: after ``disable`` (all) an ``enable GL101``
re-enables GL101 only; after ``disable GL101`` an ``enable`` (all) re-enables it. Suppression
works by line: a finding is suppressed by the state of the line it starts on, and when several
region directives start on one line the last one decides for that whole line.

A comment whose first word starts with ``genai-lint`` but is not a directive (a typo such as
``genai-lint-disabel``), or a RULE that is not shaped like a code or name, is reported in
``problems`` and otherwise ignored; a directive whose RULEs are all malformed suppresses
nothing. The comment's text may include its ``<!--``/``-->`` (or MDX ``{/*``/``*/}``)
delimiters or not.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from linter.markup.segments import Comment

DISABLE = "disable"
ENABLE = "enable"
DISABLE_NEXT_LINE = "disable-next-line"
_KINDS = {
    "genai-lint-disable": DISABLE,
    "genai-lint-enable": ENABLE,
    "genai-lint-disable-next-line": DISABLE_NEXT_LINE,
}
_DELIMITED = re.compile(r"^\s*(?:<!--|\{\s*/\*|/\*)(.*?)(?:-->|\*/\s*\}|\*/)\s*$", re.DOTALL)
_SEPARATORS = re.compile(r"[\s,]+")
_RULE_REF = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$")


#: The comment delimiters of each markup that has comments (plain text has none).
COMMENT_FORMS = {"markdown": ("<!--", "-->"), "mdx": ("{/*", "*/}")}


def next_line_comment(rules: Sequence[str], syntax: str = "markdown") -> str | None:
    """The comment that turns ``rules`` off on the next line, written in ``syntax``
    (``markdown``: an HTML comment, ``mdx``: a JSX comment); ``None`` for plain text,
    which has no comments."""
    form = COMMENT_FORMS.get(syntax)
    if form is None:
        return None
    words = " ".join(("genai-lint-disable-next-line", *rules))
    return f"{form[0]} {words} {form[1]}"


@dataclass(frozen=True)
class Directive:
    """One parsed directive; ``rules`` is empty for "all rules"."""

    kind: str  # DISABLE, ENABLE or DISABLE_NEXT_LINE
    rules: tuple[str, ...]
    line: int  # where the comment starts
    end_line: int  # where the comment ends

    def applies(self, code: str, name: str) -> bool:
        if not self.rules:
            return True
        wanted = {r.lower() for r in self.rules}
        return code.lower() in wanted or name.lower() in wanted


@dataclass(frozen=True)
class Suppressions:
    """The directives of one file; ask :meth:`is_suppressed` per finding."""

    directives: tuple[Directive, ...] = ()
    problems: tuple[tuple[int, str], ...] = ()
    _cache: dict[tuple[str, str], tuple[tuple[int, ...], tuple[bool, ...]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _by_line: dict[int, list[Directive]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def is_suppressed(self, line: int, rule_code: str, rule_name: str) -> bool:
        """Whether a finding of this rule that starts on ``line`` (1-based) is switched off."""
        if any(d.applies(rule_code, rule_name) for d in self._next_line().get(line, ())):
            return True
        lines, states = self._regions(rule_code, rule_name)
        index = bisect.bisect_right(lines, line) - 1
        return index >= 0 and states[index]

    def unknown_rules(self, known: set[str]) -> list[tuple[int, str]]:
        """(line, RULE) for each RULE in a directive that is not in ``known`` (codes and names)."""
        lowered = {k.lower() for k in known}
        return [(d.line, r) for d in self.directives for r in d.rules if r.lower() not in lowered]

    def _next_line(self) -> dict[int, list[Directive]]:
        """The ``disable-next-line`` directives by the line they apply to (built once)."""
        found = self._by_line
        if found is None:
            found = {}
            for d in self.directives:
                if d.kind == DISABLE_NEXT_LINE:
                    found.setdefault(d.end_line + 1, []).append(d)
            object.__setattr__(self, "_by_line", found)
        return found

    def _regions(self, code: str, name: str) -> tuple[tuple[int, ...], tuple[bool, ...]]:
        """For one rule: the lines where its region state changes, and the state from there."""
        key = (code.lower(), name.lower())
        cached = self._cache.get(key)
        if cached is None:
            lines: list[int] = []
            states: list[bool] = []
            for d in self.directives:
                if d.kind == DISABLE_NEXT_LINE or not d.applies(code, name):
                    continue
                if lines and lines[-1] == d.line:
                    states[-1] = d.kind == DISABLE
                else:
                    lines.append(d.line)
                    states.append(d.kind == DISABLE)
            cached = self._cache[key] = (tuple(lines), tuple(states))
        return cached


def parse_directives(
    comments: Sequence[Comment], line_of: Callable[[int], int]
) -> Suppressions:
    """Read the directives in ``comments``; ``line_of`` maps a source offset to a 1-based line."""
    directives: list[Directive] = []
    problems: list[tuple[int, str]] = []
    for comment in sorted(comments, key=lambda c: c.start):
        line = line_of(comment.start)
        parts = _body(comment.text).split(None, 1)
        head = parts[0] if parts else ""
        rest = parts[1] if len(parts) > 1 else ""
        kind = _KINDS.get(head.lower())
        if kind is not None:
            rules = _rules(head, rest, line, problems)
            if rules is not None:
                end_line = max(line_of(max(comment.start, comment.end - 1)), line)
                directives.append(Directive(kind, rules, line, end_line))
        elif head.lower().replace("_", "-").startswith("genai-lint"):
            problems.append((line, _unknown(head, rest)))
    return Suppressions(tuple(directives), tuple(problems))


def _body(text: str) -> str:
    match = _DELIMITED.match(text)
    return (match.group(1) if match else text).strip()


def _rules(
    head: str, rest: str, line: int, problems: list[tuple[int, str]]
) -> tuple[str, ...] | None:
    """The RULEs after a directive word; None when all of them are malformed."""
    tokens = [t for t in _SEPARATORS.split(rest) if t]
    rules = []
    for token in tokens:
        if _RULE_REF.match(token):
            rules.append(token)
        else:
            problems.append((line, f"malformed rule {token!r} in {head}"))
    if tokens and not rules:
        return None  # never widen a directive with only malformed rules to "all rules"
    return tuple(dict.fromkeys(rules))


def _unknown(head: str, rest: str) -> str:
    written = head
    if head.lower().rstrip(":") in ("genai-lint", "genai_lint") and rest:
        written = f"{head} {rest.split()[0]}"
    guess = re.sub(r"[\s:_]+", "-", written.lower()).strip("-")
    suffix = guess.removeprefix("genai-lint").strip("-")
    words = {word.removeprefix("genai-lint-"): word for word in _KINDS}
    import difflib  # only for a did-you-mean

    close = difflib.get_close_matches(suffix, list(words), n=1, cutoff=0.6)
    hint = f" (did you mean {words[close[0]]!r}?)" if close else ""
    return f"unknown directive {written!r}{hint}"
