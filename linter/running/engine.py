"""The lint pipeline over decoded sources: segment, match, analyse claims, suppress, select."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from linter import markup
from linter.checks.base import DocumentScan, Match, SentenceChecker
from linter.checks.info import RuleInfo
from linter.checks.ruleset import RuleSet
from linter.checks.selection import Selection
from linter.files.source import SourceText
from linter.findings import Finding, Fix, Severity
from linter.markup import largefile
from linter.markup.segments import Comment, Segment
from linter.markup.tables import cited_cells
from linter.markup.textutil import in_cited_link_title, is_quoted_block
from linter.running.notices import Notice, notices_of, suppressions_of
from linter.running.stats import LintStats, word_count

if TYPE_CHECKING:
    from linter.files.reading import ReadFile


@dataclass(frozen=True)
class SourceFile:
    """One decoded input: ``label`` is the path shown in findings."""

    label: str
    source: SourceText
    syntax: str

    @classmethod
    def of(cls, read: ReadFile) -> SourceFile:
        """The input for a file read from disk (its syntax from its name)."""
        return cls(read.label, read.source, markup.syntax_for(read.path))


@dataclass
class Prepared:
    """One file after the work that needs no parser (see :meth:`Linter.prepare`).

    ``findings`` so far (each (rule, span) in ``seen``), the candidate ``sentences`` left to
    parse, each a segment of its own, and the file's suppression ``comments``. A very large
    file is linted whole in this step: its ``findings`` are final (``done``).
    """

    findings: list[Finding] = field(default_factory=list)
    seen: set[tuple[str, int, int]] = field(default_factory=set)
    sentences: list[Segment] = field(default_factory=list)
    comments: tuple[Comment, ...] = ()
    #: spans nested past the Markdown nesting limit (see ``Document.past_nesting_limit``)
    past_nesting_limit: tuple[tuple[int, int], ...] = ()
    done: bool = False
    #: the notices of a file linted whole in this step (None: the file was not extracted)
    notices: tuple[Notice, ...] | None = None


@dataclass(frozen=True)
class Linted:
    """One file linted: its findings, sorted, and its notices (None when no rule could match
    it, so that it was not extracted: see :func:`linter.running.notices.collect_notices`)."""

    findings: list[Finding]
    notices: tuple[Notice, ...] | None = None


class Linter:
    """Runs the active rules of a :class:`RuleSet` over decoded sources."""

    def __init__(
        self, rules: RuleSet, selection: Selection, claims: SentenceChecker | None = None
    ) -> None:
        """``claims``: the checker of the rules that parse sentences (see
        :meth:`RuleSet.sentence_checker <linter.checks.ruleset.RuleSet.sentence_checker>`);
        None leaves them out."""
        self.rules = rules
        self.selection = selection
        self.claims = claims
        self._prose_checks = tuple(
            r for r in rules.prose_checks if r.info.code in selection.active
        )
        self._document_checks = tuple(
            r for r in rules.document_checks if r.info.code in selection.active
        )
        self._claims_active = bool(rules.sentence_codes & selection.active)
        self._known = frozenset(rules.infos) | frozenset(rules.by_name)
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
        return [linted.findings for linted in self.lint_files(files)]

    def lint_files(self, files: Sequence[SourceFile]) -> list[Linted]:
        """Each file's findings and notices; one spaCy batch for all of them."""
        prepared = self.prepare(files)
        parsed = iter(self.parse([s.text for p in prepared for s in p.sentences]))
        return [
            self.complete(file, ready, [next(parsed) for _ in ready.sentences])
            for file, ready in zip(files, prepared, strict=True)
        ]

    def prepare(self, files: Sequence[SourceFile]) -> list[Prepared]:
        """Extract, match and select candidate sentences: everything but the parse. (A very
        large file is linted in parts, parse included, so that memory stays bounded.)"""
        stats = self.stats
        prepared = []
        for file in files:
            words = word_count(file.source.text)
            stats.files += 1
            stats.words += words
            if not self.could_match(file.source.text):
                prepared.append(Prepared(done=True))
                continue
            stats.matched_files += 1
            stats.matched_words += words
            if largefile.splittable(file.source, file.syntax):
                linted = self._lint_in_parts(file)
                prepared.append(Prepared(linted.findings, done=True, notices=linted.notices))
                continue
            document = markup.extract(file.source, file.syntax)
            found: list[tuple[Segment, Match]] = []
            ready = Prepared(comments=document.comments,
                             past_nesting_limit=document.past_nesting_limit)
            scans = self._start_scans()
            self._scan(file.source, document.segments, found, ready.sentences, scans)
            found.extend(self._finish(scans))
            ready.findings = self._convert(file, found, ready.seen)
            prepared.append(ready)
        return prepared

    def parse(self, texts: Sequence[str]) -> list[list[Match]]:
        """The claim matches of each candidate sentence (in its own offsets)."""
        if not texts or self.claims is None:
            return [[] for _ in texts]
        self.stats.candidates += len(texts)
        self.stats.parsed_words += sum(len(text.split()) for text in texts)
        return self.claims.analyze(texts)

    def complete(
        self, file: SourceFile, ready: Prepared, parsed: Sequence[list[Match]]
    ) -> Linted:
        """The file's findings, sorted, and notices, from :meth:`prepare` and its sentences'
        matches."""
        if ready.done:
            return Linted(ready.findings, ready.notices)
        matches = [
            (s, m)
            for s, found in zip(ready.sentences, parsed, strict=True)
            for m in found
            if not in_cited_link_title(s, m.start, m.end)  # someone else's words, cited
        ]
        findings = ready.findings + self._convert(file, matches, ready.seen)
        return self._final(file, ready.comments, ready.past_nesting_limit, findings)

    def _start_scans(self) -> list[DocumentScan]:
        return [check.start_document() for check in self._document_checks]

    @staticmethod
    def _finish(scans: Sequence[DocumentScan]) -> list[tuple[Segment, Match]]:
        return [found for scan in scans for found in scan.finish()]

    def _scan(
        self,
        source: SourceText,
        segments: Sequence[Segment],
        found: list[tuple[Segment, Match]],
        sentences: list[Segment],
        scans: Sequence[DocumentScan],
    ) -> None:
        """Table claims, term and document-check matches into ``found``; sentences to parse
        into ``sentences``; ``scans`` are fed the prose."""
        claims = self.claims if self._claims_active else None
        past: frozenset[int] = frozenset()

        def line_of(offset: int) -> int:
            return source.position(offset)[0]

        if claims is not None and segments:
            found.extend(claims.table_matches(segments, line_of))
            past = claims.past_name_cells(segments, line_of)
        cited = cited_cells(segments, line_of)  # a row crediting an author quotes their work
        for segment in segments:
            if is_quoted_block(source.text, segment) or (
                    segment.pieces and segment.pieces[0].src_start in cited):
                continue
            for rule in self._prose_checks:
                found.extend((segment, m) for m in rule.find(segment))
            for scan in scans:
                found.extend(scan.feed(segment))
            if claims is not None and claims.could_match(segment.text) and not (
                    segment.pieces and segment.pieces[0].src_start in past):
                sentences.extend(segment.slice(s, e) for s, e in claims.candidates(segment))

    def _lint_in_parts(self, file: SourceFile) -> Linted:
        """A very large file, part by part (see :mod:`linter.markup.largefile`): each part's matches
        become findings before the next part is read, and the document checks are fed part
        by part, so memory does not grow with the file."""
        comments: list[Comment] = []
        deep: list[tuple[int, int]] = []
        findings: list[Finding] = []
        seen: set[tuple[str, int, int]] = set()
        scans = self._start_scans()
        for document in largefile.parts(file.source):
            found: list[tuple[Segment, Match]] = []
            sentences: list[Segment] = []
            self._scan(file.source, document.segments, found, sentences, scans)
            parsed = self.parse([s.text for s in sentences])
            found.extend((s, m) for s, matches in zip(sentences, parsed, strict=True)
                         for m in matches)
            findings.extend(self._convert(file, found, seen))
            comments.extend(document.comments)
            deep.extend(document.past_nesting_limit)
        findings.extend(self._convert(file, self._finish(scans), seen))
        return self._final(file, comments, deep, findings)

    def could_match(self, text: str) -> bool:
        """The raw-text prefilter: can any active rule match anywhere in this file?"""
        if any(r.pattern.search(text) for r in self._prose_checks) or any(
            r.pattern.search(text) for r in self._document_checks
        ):
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
            finding = _to_finding(file.label, file.source, segment, match, info, severity)
            key = (finding.rule, finding.start, finding.end)
            if key in seen or not self.selection.keeps(finding):
                continue
            seen.add(key)
            out.append(finding)
        return out

    def _final(
        self, file: SourceFile, comments: Sequence[Comment],
        deep: Sequence[tuple[int, int]], findings: list[Finding],
    ) -> Linted:
        """``findings`` without those the file's suppression comments silence, sorted, and
        the file's notices (``deep``: its spans nested past the Markdown nesting limit)."""
        suppressions = suppressions_of(file.source, comments)
        kept = (
            f for f in findings
            if not suppressions.is_suppressed(f.line, f.rule, self.rules.infos[f.rule].name)
        )
        notices = notices_of(file.label, file.source, suppressions, deep, self._known)
        return Linted(sorted(kept, key=lambda f: f.sort_key), notices)


def _to_finding(
    label: str, source: SourceText, segment: Segment, match: Match, info: RuleInfo,
    severity: Severity,
) -> Finding:
    start, end = segment.source_span(match.start, match.end)
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    text = source.text[start:end]
    fix = None
    if match.replacement is not None and text == segment.text[match.start : match.end]:
        fix = Fix(match.replacement, safe=info.fix_safe)
    return Finding(
        path=label,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        rule=match.code,
        name=info.name,
        severity=severity,
        message=match.message,
        text=text,
        fix=fix,
    )
