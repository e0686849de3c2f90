"""``term`` rules: misspelled or wrong names, each variant replaced by the preferred form."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from linter.checks.base import Match
from linter.checks.info import RuleInfo
from linter.checks.patterns import PatternError, compile_pattern
from linter.checks.registry import BuildContext, RuleError, Scope, required_string, rule_kind
from linter.markup.segments import Segment
from linter.markup.textutil import has_word_boundaries, is_cited_title, link_text_around

# Words after "LLM's" that show it is a plural ("Many LLM's are ...") rather than a possessive.
_PLURAL_FOLLOWERS = re.compile(
    r"\s*(?:$|[,.;:!?)\]]|(?:are|were|have|do|does|did|can|could|will|would|should|may|might|must|need|"
    r"like|such|that|which|who|and|or|generate|produce|use|learn|perform|excel|struggle|"
    r"hallucinate|rely|require|differ|vary|include|often|also|still|now|in|on|for|from|with|"
    r"predict|understand|know|reason|summari[sz]e|translate|cannot|can't|don't|won't|aren't|"
    r"to|by)\b)"
)
_PLURAL_LEADERS = re.compile(
    r"\b(?:many|most|some|all|these|those|several|other|different|multiple|various|two|three|"
    r"four|five|few|of|both|open-source|\d+|"
    # a question word or auxiliary right before: "How LLM's ...", "Why do LLM's ...?" (a
    # possessive would take a determiner: "How the LLM's answer ...")
    r"how|why|when|where|whether|while|because|do|did|are|were|can)\s+$",
    re.IGNORECASE,
)


#: The minor version after a versioned variant ("LLAMA 3" + ".1").
_MINOR_VERSION = re.compile(r"(?:\.\d+)+(?![\w.-])")
#: A variant written like a repository or package name ("stable-diffusion").
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
#: How far ``requires_context`` looks for its sentence on each side of a match (characters).
CONTEXT_CHARS = 2000


@dataclass(frozen=True)
class TermRule:
    """One preferred name and its wrong variants, compiled into a single pattern."""

    info: RuleInfo
    preferred: str
    pattern: re.Pattern[str]
    replacements: dict[str, str | None]
    not_followed_by: Any = None  # RE2 patterns from the rule file
    requires_context: Any = None
    plural_only: bool = False

    @property
    def literals(self) -> tuple[str, ...]:
        """Surface forms a prefilter can look for."""
        return tuple(self.replacements)

    def find(self, segment: Segment) -> Iterator[Match]:
        text = segment.text
        for found in self.pattern.finditer(text):
            start, end = found.span()
            variant = found.group(0)
            minor = minor_version(text, variant, end)
            if minor is not None:  # "LLAMA 3.1": the variant "LLAMA 3" and its minor version
                end = minor.end()
            if not self._accepts(segment, start, end):
                continue
            replacement = self.replacements.get(variant, self.preferred)
            if minor is not None and replacement is not None:
                replacement += minor.group(0)
            variant = text[start:end]
            message = f'Write "{replacement or self.preferred}", not "{variant}"'
            yield Match(self.info.code, start, end, message, replacement)

    def _accepts(self, segment: Segment, start: int, end: int) -> bool:
        text = segment.text
        if not has_word_boundaries(text, start, end):
            return False
        if self.not_followed_by and self.not_followed_by.match(text, end):
            return False
        if self.requires_context and not self._in_context(text, start, end):
            return False
        if self.plural_only and not _reads_as_plural(text, start, end):
            return False
        if _SLUG.fullmatch(text[start:end]) and (
            (link_text_around(segment, start, end) or "").strip() == text[start:end]
        ):
            return False  # "[stable-diffusion](https://github.com/...)": a repository's name
        return not is_cited_title(segment, start, end)

    def _in_context(self, text: str, start: int, end: int) -> bool:
        # The sentence around the match, at most CONTEXT_CHARS on each side (an unbounded
        # look-around is quadratic in a long paragraph with no full stop).
        floor = max(start - CONTEXT_CHARS, 0)
        ceiling = min(end + CONTEXT_CHARS, len(text))
        lo = max(text.rfind(". ", floor, start), text.rfind("\n", floor, start), floor)
        hi_candidates = [
            i for i in (text.find(". ", end, ceiling), text.find("\n", end, ceiling)) if i != -1
        ]
        hi = min(hi_candidates) if hi_candidates else ceiling
        sentence = text[lo:start] + " " + text[end:hi]
        if self.requires_context is None:
            return True
        return bool(self.requires_context.search(sentence)) or bool(
            self.requires_context.match(text, start)
        )


def minor_version(text: str, variant: str, end: int) -> re.Match[str] | None:
    """The minor version (".1") that follows a variant ending in a version number."""
    return _MINOR_VERSION.match(text, end) if variant[-1:].isdigit() else None


def _reads_as_plural(text: str, start: int, end: int) -> bool:
    return bool(_PLURAL_FOLLOWERS.match(text, end) or _leader_before(text, start))


def _leader_before(text: str, start: int) -> bool:
    """``_PLURAL_LEADERS.search(text, 0, start)``, searching only from where a match can
    begin: the word (letters, digits, ``-``, ``_``) before the spaces that end at ``start``."""
    pos = start
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    if pos == start:
        return False
    while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "-_"):
        pos -= 1
    return bool(_PLURAL_LEADERS.search(text, pos, start))


def compile_variants(variants: list[str]) -> re.Pattern[str]:
    """One alternation, longest variant first so "DALLE-2" wins over "DALLE"."""
    ordered = sorted(set(variants), key=len, reverse=True)
    return re.compile("|".join(re.escape(v) for v in ordered))


@rule_kind("term", scope=Scope.PROSE, fixable=True, safe_fixes=True, keys=(
    "preferred", "variants", "replacements", "not_followed_by", "requires_context", "plural_only",
))
def build(info: RuleInfo, entry: Mapping[str, Any], context: BuildContext) -> TermRule:
    """Build a term rule from its YAML entry."""
    preferred = required_string(entry, "preferred")
    variants = entry.get("variants")
    if (
        not isinstance(variants, list)
        or not variants
        or not all(isinstance(v, str) and v for v in variants)
    ):
        raise RuleError("variants", "'variants' must be a list of strings")
    _check_keys(info, entry)
    overrides: dict[str, str | None] = dict(entry.get("replacements") or {})
    replacements = {v: overrides.get(v, preferred) for v in variants}
    try:
        return TermRule(
            info=info,
            preferred=preferred,
            pattern=compile_variants(variants),
            replacements=replacements,
            not_followed_by=_optional(entry.get("not_followed_by")),
            requires_context=_optional(entry.get("requires_context")),
            plural_only=bool(entry.get("plural_only", False)),
        )
    except PatternError as exc:
        raise RuleError(None, f"rule {info.code}: {exc}") from None


def _check_keys(info: RuleInfo, entry: Mapping[str, Any]) -> None:
    """The optional keys of a term rule: types, and patterns that RE2 compiles."""
    replacements = entry.get("replacements")
    if replacements is not None and not (
        isinstance(replacements, dict)
        and all(isinstance(k, str) and (v is None or isinstance(v, str))
                for k, v in replacements.items())
    ):
        raise RuleError("replacements", "'replacements' must map variants to strings (or null)")
    if not isinstance(entry.get("plural_only", False), bool):
        raise RuleError("plural_only", "'plural_only' must be true or false")
    for key in ("not_followed_by", "requires_context"):
        pattern = entry.get(key)
        if pattern is None:
            continue
        if not isinstance(pattern, str):
            raise RuleError(key, f"rule {info.code}: {key!r} must be a pattern (a string)")
        try:
            compile_pattern(pattern)
        except PatternError as exc:
            raise RuleError(key, f"rule {info.code}: {key}: {exc}") from None


def _optional(pattern: str | None) -> Any:
    return compile_pattern(pattern) if pattern else None
