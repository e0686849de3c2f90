"""``name-spelling`` rules: a misspelt, mis-cased or mis-spaced form of a name the knowledge
base knows ("ChatCPT", "Deep Seek", "Antropic", "Claud 3 Opus"), fixed to its known spelling.

The names and the look-ups are those of :class:`~linter.checks.nameindex.NameIndex`. Prose is
scanned with one regular expression for runs of name-like words (with a capital letter
or a digit) joined by a space or a hyphen; each run's spans of one to three words are looked up,
longest first. A span is not reported when it is itself a known name (or inside one, or matched
by an entity's version ``patterns``), when a term rule's pattern (GL101-GL113) matches over it,
when it is in ALL CAPS, when it differs only by a plural or possessive "s", when the typo'd
part is an ordinary English word (``rules/english-words.json``), a compound of such words
("DeepSpeed"), a part of another known name or listed under ``allow``, outside prose words
(:func:`linter.markup.textutil.has_word_boundaries`), in a cited title, or, for a bare name that
is also a common word (an ``ambiguous`` entity: Claude, Gemini, Whisper), when no AI word is in
its sentence.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.checks.base import Match
from linter.checks.info import RuleInfo
from linter.checks.kinds.terms import TermRule, minor_version
from linter.checks.nameindex import (
    RAW_RUN_TEXT,
    RUN,
    RUN_TEXT,
    NameIndex,
    index_for,
    index_of_files,
    spans,
    spans_of,
)
from linter.checks.namekeys import key_of
from linter.checks.registry import BuildContext, Scope, optional_strings, rule_kind
from linter.markup.segments import Segment
from linter.markup.textutil import has_word_boundaries, is_cited_title, sentence_bounds

if TYPE_CHECKING:
    from linter.knowledge.base import KnowledgeBase

#: How far the AI-context test looks for the sentence on each side of a span (characters).
CONTEXT_CHARS = 2000


class _RawScan:
    """The file-level prefilter (``pattern.search``): any hit in the raw text."""

    def __init__(self, rule: NameSpellingRule) -> None:
        self._rule = rule

    def search(self, text: str) -> bool:
        return any(map(self._rule.index().run_hit, RAW_RUN_TEXT.findall(text)))


@dataclass(frozen=True)
class NameSpellingRule:
    """Flags misspelt knowledge-base names. ``covered_by`` are the term rules (GL101-GL113)
    that decide some spellings themselves; ``knowledge_files`` extend the shipped knowledge
    base (``knowledge``, when given, supplies the knowledge base instead)."""

    info: RuleInfo
    context: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    covered_by: tuple[TermRule, ...] = ()
    knowledge_files: tuple[Path, ...] = ()
    knowledge: Callable[[], KnowledgeBase] | None = field(default=None, compare=False)

    @property
    def pattern(self) -> _RawScan:
        return _RawScan(self)

    def index(self) -> NameIndex:
        if self.knowledge is not None:
            return index_for(self.knowledge(), self.allow)
        return index_of_files(self.knowledge_files, self.allow)

    def find(self, segment: Segment) -> Iterator[Match]:
        text = segment.text
        index = self.index()
        if not any(map(index.run_hit, RUN_TEXT.findall(text))):
            return  # most segments: every run answered from the memo
        lookup, known = index.lookup, index.known
        taken: list[tuple[int, int]] = []  # spans reported, and known names
        for run in RUN.finditer(text):
            if not run.group(1):  # one word: most runs
                span = run.group()
                if span in known:
                    continue
                right = lookup(span)
                if right is not None:
                    start, end = run.span()
                    if self._accepts(segment, start, end, right, index):
                        yield self._match(span, start, end, right)
                continue
            found = list(spans_of(text, run))
            names = [(start, end) for start, end, span in found if span in known]
            for start, end, span in found:
                if any(lo < end and start < hi for lo, hi in taken):
                    continue
                if span in known:
                    taken.append((start, end))  # a known name: its words are not looked at
                    continue
                if any(start < lo < end < hi for lo, hi in names):
                    continue  # it ends inside a known name: "See Dream" of "See Dream Machine"
                right = lookup(span)
                if right is None or not self._accepts(segment, start, end, right, index):
                    continue
                taken.append((start, end))
                yield self._match(span, start, end, right)

    def _match(self, span: str, start: int, end: int, right: str) -> Match:
        message = f"'{span}' looks like a misspelling of '{right}'"
        return Match(self.info.code, start, end, message, right)

    def _accepts(self, segment: Segment, start: int, end: int, right: str,
                 index: NameIndex) -> bool:
        text = segment.text
        suffix = _SIZE_SUFFIX.match(text, end)  # "Quen2.5-Coder" in "Quen2.5-Coder-7B"
        if not (has_word_boundaries(text, start, end) or (
                suffix is not None and has_word_boundaries(text, start, suffix.end()))
        ) or self._covered(text, start, end):
            return False
        if any(rule.pattern.fullmatch(right) for rule in self.covered_by):
            return False  # never suggest a spelling that a term rule reports
        if index.is_version_form(text, start, end, right):
            return False
        if index.is_ambiguous(right) and not _capitalised_typo(text, start, end, right) and (
                not self._in_ai_context(text, start, end, right, index)):
            return False
        if _AUTHORS.match(text, end):
            return False  # "Devlin et al., 2018": an author, not a misspelt "Devin"
        return not is_cited_title(segment, start, end)

    def _covered(self, text: str, start: int, end: int) -> bool:
        """A term rule's pattern matches a prose word over the span: that rule decides."""
        lo, hi = max(0, start - 64), min(len(text), end + 64)
        for rule in self.covered_by:
            for found in rule.pattern.finditer(text, lo, hi):
                minor = minor_version(text, found.group(0), found.end())
                stop = minor.end() if minor is not None else found.end()
                if found.start() < end and start < stop and has_word_boundaries(
                    text, found.start(), stop
                ):
                    return True
        return False

    def _in_ai_context(self, text: str, start: int, end: int, right: str,
                       index: NameIndex) -> bool:
        """An AI word (the rule's ``context``, the knowledge base's concept, category and
        architecture terms, the entity's ``cues``) or an unambiguous known name in the
        sentence, the span itself left out."""
        lo, hi = _sentence(text, start, end)
        sentence = text[lo:start] + " \u2063 " + text[end:hi]
        if index.in_context(sentence, self.context, right):
            return True
        return any(index.unambiguous(span) for _, _, span in spans(sentence, RUN))


#: A checkpoint's size or variant after a name ("-7B", "-Instruct"): the name ends before it.
_SIZE_SUFFIX = re.compile(r"-(?:\d+(?:\.\d+)?[BMK]|x\d+[BM]|Instruct|Chat|Base|it)\b")


def _capitalised_typo(text: str, start: int, end: int, right: str) -> bool:
    """A typo (not a case or spacing variant) written with a capital inside a sentence
    ("research in Perplexcity"): a name, not the common word an ambiguous name also is."""
    span = text[start:end]
    if key_of(span) == key_of(right) or not span[:1].isupper() or len(span) < 6:
        # (a short one may be a person's name: "Claud", "Falco")
        return False
    lo, _ = _sentence(text, start, end)
    return bool(text[lo:start].strip(" \t\n*_#>`\"'([-"))


#: What follows an author's name in a citation: "et al.", "and Chang (2019)", ", 2018)".
_AUTHORS = re.compile(r"\s+et\s+al\b|\s*,?\s*\(?(?:19|20)\d\d[a-z]?\)")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``[start, end)``, at most CONTEXT_CHARS on each side."""
    return sentence_bounds(text, start, end, CONTEXT_CHARS)


def defer_to_terms(rule: NameSpellingRule, rules: Sequence[object]) -> NameSpellingRule:
    """``rule`` deferring to the run's term rules (GL101-GL113), which decide some spellings
    themselves."""
    terms = tuple(r for r in rules if isinstance(r, TermRule))
    return dataclasses.replace(rule, covered_by=terms)


@rule_kind("name-spelling", scope=Scope.PROSE, keys=("context", "allow"), fixable=True,
           safe_fixes=True, link=defer_to_terms)
def build(info: RuleInfo, entry: Mapping[str, Any], context: BuildContext) -> NameSpellingRule:
    """Build a name-spelling rule from its YAML entry (``context``, ``allow``), reading the
    knowledge base with the run's knowledge files (the shipped one alone when there are none)."""
    return NameSpellingRule(
        info=info,
        context=tuple(str(w) for w in optional_strings(entry, "context")),
        allow=tuple(str(w) for w in optional_strings(entry, "allow")),
        knowledge_files=context.knowledge_files,
    )
