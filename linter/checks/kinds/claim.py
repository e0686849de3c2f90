"""``claim`` rules: what sentences assert about AI systems, judged against the knowledge base
(:mod:`linter.claims`).

The kind's rules share one checker, the claim analyzer, built on first use
(:class:`LazyClaims`): a run answered from the cache, or whose files name nothing the knowledge
base knows, never imports it, loads the knowledge base or spaCy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Protocol

from linter.checks.base import Match, SentenceChecker
from linter.checks.info import RuleInfo
from linter.checks.registry import BuildContext, CheckerSettings, Scope, rule_kind
from linter.knowledge.loaded import load_knowledge, quick_scan
from linter.markup.segments import Segment


@dataclass(frozen=True)
class ClaimRule:
    """A claim rule: its metadata only (the analyzer holds the constructions, the knowledge
    base the facts, and ``rules/claims.yaml`` the message templates)."""

    info: RuleInfo


class Prefilter(Protocol):
    """A fast test that is False only when ``SentenceChecker.could_match`` would be."""

    def maybe(self, text: str) -> bool: ...


class LazyClaims:
    """A :class:`SentenceChecker` built on first use: a run answered from the cache never
    needs it."""

    def __init__(
        self,
        build: Callable[[], SentenceChecker],
        prefilter: Callable[[], Prefilter] | None = None,
    ) -> None:
        self._build = build
        self._prefilter = prefilter
        self._checker: SentenceChecker | None = None

    @property
    def checker(self) -> SentenceChecker:
        if self._checker is None:
            self._checker = self._build()
        return self._checker

    def candidates(self, segment: Segment) -> list[tuple[int, int]]:
        return self.checker.candidates(segment)

    def analyze(self, texts: Sequence[str]) -> list[list[Match]]:
        return self.checker.analyze(texts)

    def could_match(self, text: str) -> bool:
        if self._prefilter is not None and not self._prefilter().maybe(text):
            return False
        return self.checker.could_match(text)

    def table_matches(
        self, segments: Sequence[Segment], line_of: Callable[[int], int]
    ) -> list[tuple[Segment, Match]]:
        return self.checker.table_matches(segments, line_of)

    def past_name_cells(
        self, segments: Sequence[Segment], line_of: Callable[[int], int]
    ) -> frozenset[int]:
        return self.checker.past_name_cells(segments, line_of)

    def __getstate__(self) -> dict[str, object]:
        """Pickled (for a spawned worker) without the built checker: the worker builds its own."""
        return {"_build": self._build, "_prefilter": self._prefilter, "_checker": None}


def claim_checker(infos: Sequence[RuleInfo], settings: CheckerSettings) -> SentenceChecker:
    """The checker of the claim rules ``infos`` (built on first use, once per process)."""
    names = tuple(sorted((info.name, info.code) for info in infos))
    files = settings.knowledge_files
    return LazyClaims(partial(analyzer, settings.model, files, names), partial(quick_scan, files))


@lru_cache(maxsize=4)
def analyzer(
    model: str | None, knowledge_files: tuple[Path, ...], codes: tuple[tuple[str, str], ...]
) -> SentenceChecker:
    """The claim analyzer, built once per process (spaCy is loaded when it first parses)."""
    from linter.claims import ClaimAnalyzer

    return ClaimAnalyzer(load_knowledge(knowledge_files), dict(codes), model=model)


@rule_kind("claim", scope=Scope.SENTENCES, keys=("messages",), safe_fixes=True,
           checker=claim_checker)
def build(info: RuleInfo, entry: Mapping[str, Any], context: BuildContext) -> ClaimRule:
    """A claim rule from a validated YAML entry (its ``messages`` are read by the analyzer)."""
    return ClaimRule(info)
