"""The lint pipeline over decoded sources: segment, match, analyse claims, suppress, select."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from linter import largefile, markup
from linter.checks.base import DocumentScan, Match
from linter.findings import Finding, Fix
from linter.ruleset import RuleSet
from linter.segments import Comment, Segment
from linter.selection import Selection
from linter.source import SourceText
from linter.stats import LintStats, word_count
from linter.suppress import parse_directives
from linter.textutil import is_quoted_block


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
        """Each file's findings, sorted; one spaCy batch for all of them (a very large file
        is linted in parts, on its own)."""
        stats = self.stats
        comments: list[tuple[Comment, ...]] = [() for _ in files]
        per_file: list[list[tuple[Segment, Match]]] = [[] for _ in files]
        parted: dict[int, list[Finding]] = {}
        candidates: list[_Candidate] = []
        for index, file in enumerate(files):
            words = word_count(file.source.text)
            stats.files += 1
            stats.words += words
            if not self.could_match(file.source.text):
                continue
            stats.matched_files += 1
            stats.matched_words += words
            if largefile.splittable(file.source, file.syntax):
                parted[index] = self._lint_in_parts(file)
                continue
            document = markup.extract(file.source, file.syntax)
            comments[index] = document.comments
            scans = self._start_scans()
            self._scan(index, file.source, document.segments, per_file[index], candidates, scans)
            per_file[index].extend(self._finish(scans))
        self._analyze(candidates, per_file)
        return [
            parted[index] if index in parted
            else self._final(file, comments[index], self._convert(file, per_file[index], set()))
            for index, file in enumerate(files)
        ]

    def _start_scans(self) -> list[DocumentScan]:
        return [check.start_document() for check in self._document_checks]

    @staticmethod
    def _finish(scans: Sequence[DocumentScan]) -> list[tuple[Segment, Match]]:
        return [found for scan in scans for found in scan.finish()]

    def _scan(
        self,
        index: int,
        source: SourceText,
        segments: Sequence[Segment],
        found: list[tuple[Segment, Match]],
        candidates: list[_Candidate],
        scans: Sequence[DocumentScan],
    ) -> None:
        """Table claims, term and document-check matches into ``found``; sentences to parse
        into ``candidates``; ``scans`` are fed the prose."""
        claims = self.claims if self._claims_active else None
        if claims is not None and segments:
            found.extend(claims.table_matches(segments, lambda offset: source.position(offset)[0]))
        for segment in segments:
            if is_quoted_block(source.text, segment):
                continue
            for rule in self._term_rules:
                found.extend((segment, m) for m in rule.find(segment))
            for scan in scans:
                found.extend(scan.feed(segment))
            if claims is not None and claims.could_match(segment.text):
                candidates.extend(
                    _Candidate(index, segment, s, e) for s, e in claims.candidates(segment)
                )

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

    def _lint_in_parts(self, file: SourceFile) -> list[Finding]:
        """A very large file, part by part (see :mod:`linter.largefile`): each part's matches
        become findings before the next part is read, and the document checks are fed part
        by part, so memory does not grow with the file."""
        comments: list[Comment] = []
        findings: list[Finding] = []
        seen: set[tuple[str, int, int]] = set()
        scans = self._start_scans()
        for document in largefile.parts(file.source):
            found: list[tuple[Segment, Match]] = []
            candidates: list[_Candidate] = []
            self._scan(0, file.source, document.segments, found, candidates, scans)
            self._analyze(candidates, [found])
            findings.extend(self._convert(file, found, seen))
            comments.extend(document.comments)
        findings.extend(self._convert(file, self._finish(scans), seen))
        return self._final(file, comments, findings)

    def could_match(self, text: str) -> bool:
        """The raw-text prefilter: can any active rule match anywhere in this file?"""
        if any(r.pattern.search(text) for r in (*self._term_rules, *self._document_checks)):
            return True
        return self.claims is not None and self._claims_active and self.claims.could_match(text)

    def _convert(
        self,
        file: SourceFile,
        matches: list[tuple[Segment, Match]],
        seen: set[tuple[str, int, int]],
    ) -> list[Finding]:
        """The selected findings of ``matches``, each (rule, span) once across ``seen``."""
        out = []
        for segment, match in matches:
            info = self.rules.infos[match.code]
            severity = self.selection.severity_of(info.code, info.severity, file.label)
            finding = _to_finding(file.label, file.source, segment, match, info.name, severity)
            key = (finding.rule, finding.start, finding.end)
            if key in seen or not self.selection.keeps(finding):
                continue
            seen.add(key)
            out.append(finding)
        return out

    def _final(
        self, file: SourceFile, comments: Sequence[Comment], findings: list[Finding]
    ) -> list[Finding]:
        """``findings`` without those the file's suppression comments silence, sorted."""
        source = file.source
        suppressions = parse_directives(comments, lambda off: source.position(off)[0])
        kept = (
            f for f in findings
            if not suppressions.is_suppressed(f.line, f.rule, self.rules.infos[f.rule].name)
        )
        return sorted(kept, key=lambda f: f.sort_key)


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
