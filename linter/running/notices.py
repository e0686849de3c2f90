"""Notices: non-fatal remarks about an input, reported beside the findings (text nested past the
Markdown nesting limit, malformed suppression directives, unknown rules in them).

The engine makes them from the document it extracted anyway (:meth:`Linter.complete
<linter.running.engine.Linter.complete>`); a file it did not extract (answered from the cache,
or one no rule can match) is parsed here only when a fast test on its text says that it may
hold a directive or deep nesting. So each text is parsed at most once per run.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from linter import markup
from linter.files.reading import ReadFile
from linter.files.source import SourceText
from linter.markup.segments import Comment
from linter.markup.suppress import Suppressions, parse_directives

#: The notice for a file with text nested past the Markdown nesting limit (once per file).
NESTING_NOTICE = (f"quotes or lists nested past the Markdown nesting limit "
                  f"({markup.MAX_NESTING} levels): their text is linted with the markers ignored")


@dataclass(frozen=True)
class Notice:
    """A non-fatal remark about an input (an unknown suppression directive or rule)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def notices_of(
    label: str,
    source: SourceText,
    suppressions: Suppressions,
    deep: Sequence[tuple[int, int]],
    known: Collection[str],
) -> tuple[Notice, ...]:
    """One file's notices: the first span nested past the nesting limit (``deep``), and the
    malformed directives and unknown rules (not in ``known``, codes and names) of its
    ``suppressions``."""
    notices = []
    if deep:
        notices.append(Notice(label, source.position(deep[0][0])[0], NESTING_NOTICE))
    notices += [Notice(label, line, message) for line, message in suppressions.problems]
    notices += [Notice(label, line, f"unknown rule {rule!r} in a suppression")
                for line, rule in suppressions.unknown_rules(set(known))]
    return tuple(notices)


def suppressions_of(source: SourceText, comments: Sequence[Comment]) -> Suppressions:
    """The suppression directives of a document's ``comments``."""
    return parse_directives(comments, lambda offset: source.position(offset)[0])


def collect_notices(
    inputs: Sequence[ReadFile],
    found: Mapping[str, tuple[Notice, ...]],
    known: Collection[str],
) -> list[Notice]:
    """The notices of every input, sorted: those the engine ``found`` (by label), else from a
    parse of the file when its text may hold a directive or deep nesting."""
    notices: list[Notice] = []
    may_hold = _directive_hint()
    for read in inputs:
        mine = found.get(read.label)
        if mine is None:
            syntax = markup.syntax_for(read.path)
            directives = may_hold(read.source.text)  # a directive, typo'd or not
            deep = syntax != "text" and markup.may_pass_nesting_limit(read.source.text)
            if not (directives or deep):
                continue
            from linter.markup.outline import outline  # parsed, in parts when large

            document = outline(read.source, syntax)
            comments = document.comments if directives else ()
            mine = notices_of(read.label, read.source, suppressions_of(read.source, comments),
                              document.past_nesting_limit, known)
        notices.extend(mine)
    return sorted(notices, key=lambda n: (n.path, n.line, n.message))


@cache
def _directive_hint() -> Callable[[str], bool]:
    """A fast test that is False only when a text holds no suppression comment, typo'd or
    not: each starts with ``genai-lint`` or ``genai_lint`` in any case (see
    :func:`linter.markup.suppress.parse_directives`), and a comment is a slice of the text."""
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return lambda text: "genai" in text.lower()
    search = re2.compile("[Gg][Ee][Nn][Aa][Ii][-_][Ll][Ii][Nn][Tt]").search
    return lambda text: search(text) is not None
