"""The lint pipeline over decoded sources: segment, match, analyse claims, suppress, select."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from linter import largefile, markup
from linter.checks.base import Match
from linter.findings import Finding, Fix
from linter.ruleset import RuleSet
from linter.segments import Comment, Document, Segment
from linter.selection import Selection
from linter.source import SourceText
from linter.stats import LintStats, word_count
from linter.suppress import parse_directives
from linter.textutil import is_quoted_block

_EMPTY = Document(segments=())


class ClaimChecker(Protocol):
    """What the engine needs from the claim analyzer (see linter.claims)."""

    def candidates(self, segment: Segment) -> list[tuple[int, int]]: ...

    def analyze(self, texts: Sequence[str]) -> list[list[Match]]: ...

    def could_match(self, text: str) -> bool:
        """False only when ``text`` (a file or a segment) holds no candidate and no table
        claim; the engine then skips it."""
        ...

    def table_matches(
        self, segments: Sequence[Segment], line_of: Callable[[int], int]
    ) -> list[tuple[Segment, Match]]: ...


class Prefilter(Protocol):
    """A fast test that is False only when ``ClaimChecker.could_match`` would be."""

    def maybe(self, text: str) -> bool: ...


class LazyClaims:
    """A :class:`ClaimChecker` built on first use: a run answered from the cache never needs it."""

    def __init__(
        self,
        build: Callable[[], ClaimChecker],
        prefilter: Callable[[], Prefilter] | None = None,
    ) -> None:
        self._build = build
        self._prefilter = prefilter
        self._checker: ClaimChecker | None = None

    @property
    def checker(self) -> ClaimChecker:
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

    def __getstate__(self) -> dict[str, object]:
        """Pickled (for a spawned worker) without the built checker: the worker builds its own."""
        return {"_build": self._build, "_prefilter": self._prefilter, "_checker": None}


@dataclass(frozen=True)
class SourceFile:
    """One decoded input: ``label`` is the path shown in findings."""

    label: str
    source: SourceText
    syntax: str


@dataclass(frozen=True)
class _Candidate:
    file_index: int
    segment: Segment
    start: int
    end: int


class Linter:
    """Runs the active rules of a :class:`RuleSet` over decoded sources."""

    def __init__(
        self, rules: RuleSet, selection: Selection, claims: ClaimChecker | None = None
    ) -> None:
        self.rules = rules
        self.selection = selection
        self.claims = claims
        self._term_rules = tuple(r for r in rules.prose_checks if r.info.code in selection.active)
        self._document_checks = tuple(
            r for r in rules.document_checks if r.info.code in selection.active
        )
        self._claims_active = bool(rules.codes_of_kind("claim") & selection.active)
        self.stats = LintStats()

    @property
    def runs_claims(self) -> bool:
        """Whether the claim rules run (a claim rule is active and a checker was given)."""
        return self.claims is not None and self._claims_active

    def lint(self, files: Sequence[SourceFile]) -> list[Finding]:
        """Findings for all files, sorted by (path, line, column, rule)."""
        return sorted(
            (finding for found in self.lint_each(files) for finding in found),
            key=lambda f: f.sort_key,
        )

    def lint_each(self, files: Sequence[SourceFile]) -> list[list[Finding]]:
        """Each file's findings, sorted; one spaCy batch for all of them."""
        stats = self.stats
        documents = []
        per_file: list[list[tuple[Segment, Match]]] = [[] for _ in files]
        candidates: list[_Candidate] = []
        for index, file in enumerate(files):
            words = word_count(file.source.text)
            stats.files += 1
            stats.words += words
            if not self.could_match(file.source.text):
                documents.append(_EMPTY)
                continue
            stats.matched_files += 1
            stats.matched_words += words
            if largefile.splittable(file.source, file.syntax):
                documents.append(self._lint_in_parts(file, per_file[index]))
                continue
            document = markup.extract(file.source, file.syntax)
            documents.append(document)
            self._scan(index, file.source, document.segments, per_file[index], candidates)
        self._analyze(candidates, per_file)
        return [
            sorted(self._findings(file, document, matches), key=lambda f: f.sort_key)
            for file, document, matches in zip(files, documents, per_file, strict=True)
        ]

    def _scan(
        self,
        index: int,
        source: SourceText,
        segments: Sequence[Segment],
        found: list[tuple[Segment, Match]],
        candidates: list[_Candidate],
    ) -> None:
        """Table claims and term matches into ``found``; sentences to parse into ``candidates``."""
        claims = self.claims if self._claims_active else None
        if claims is not None and segments:
            found.extend(claims.table_matches(segments, lambda offset: source.position(offset)[0]))
        prose = []
        for segment in segments:
            if is_quoted_block(source.text, segment):
                continue
            prose.append(segment)
            for rule in self._term_rules:
                found.extend((segment, m) for m in rule.find(segment))
            if claims is not None and claims.could_match(segment.text):
                candidates.extend(
                    _Candidate(index, segment, s, e) for s, e in claims.candidates(segment)
                )
        for check in self._document_checks:
            found.extend(check.find_document(prose))

    def _analyze(
        self, candidates: list[_Candidate], per_file: list[list[tuple[Segment, Match]]]
    ) -> None:
        """Parse the candidate sentences in one batch; add their matches to their files."""
        if not candidates or self.claims is None:
            return
        texts = [c.segment.text[c.start : c.end] for c in candidates]
        self.stats.candidates += len(texts)
        self.stats.parsed_words += sum(len(text.split()) for text in texts)
        results = self.claims.analyze(texts)
        for cand, matches in zip(candidates, results, strict=True):
            per_file[cand.file_index].extend(
                (cand.segment, _shift(m, cand.start)) for m in matches
            )

    def _lint_in_parts(self, file: SourceFile, found: list[tuple[Segment, Match]]) -> Document:
        """A very large file, part by part (see :mod:`linter.largefile`); returns its comments.

        Document-level checks still see the whole file's prose, once, after the last part.
        """
        text = file.source.text
        comments: list[Comment] = []
        prose: list[Segment] = []
        checks, self._document_checks = self._document_checks, ()
        try:
            for document in largefile.parts(file.source):
                candidates: list[_Candidate] = []
                self._scan(0, file.source, document.segments, found, candidates)
                self._analyze(candidates, [found])
                comments.extend(document.comments)
                if checks:
                    prose.extend(s for s in document.segments if not is_quoted_block(text, s))
        finally:
            self._document_checks = checks
        for check in checks:
            found.extend(check.find_document(prose))
        return Document(segments=(), comments=tuple(comments))

    def could_match(self, text: str) -> bool:
        """The raw-text prefilter: can any active rule match anywhere in this file?"""
        if any(r.pattern.search(text) for r in (*self._term_rules, *self._document_checks)):
            return True
        return self.claims is not None and self._claims_active and self.claims.could_match(text)

    def _findings(
        self, file: SourceFile, document: Document, matches: list[tuple[Segment, Match]]
    ) -> list[Finding]:
        source = file.source
        suppressions = parse_directives(document.comments, lambda off: source.position(off)[0])
        seen: set[tuple[str, int, int]] = set()
        out = []
        for segment, match in matches:
            info = self.rules.infos[match.code]
            finding = _to_finding(
                file.label,
                source,
                segment,
                match,
                info.name,
                self.selection.severity_of(info.code, info.severity, file.label),
            )
            key = (finding.rule, finding.start, finding.end)
            if key in seen or not self.selection.keeps(finding):
                continue
            if suppressions.is_suppressed(finding.line, info.code, info.name):
                continue
            seen.add(key)
            out.append(finding)
        return out


def _shift(match: Match, offset: int) -> Match:
    return Match(
        match.code, match.start + offset, match.end + offset, match.message, match.replacement
    )


def _to_finding(
    label: str, source: SourceText, segment: Segment, match: Match, name: str, severity
) -> Finding:
    start, end = segment.source_span(match.start, match.end)
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    text = source.text[start:end]
    fix = None
    if match.replacement is not None and text == segment.text[match.start : match.end]:
        fix = Fix(match.replacement)
    return Finding(
        path=label,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        rule=match.code,
        name=name,
        severity=severity,
        message=match.message,
        text=text,
        fix=fix,
    )
