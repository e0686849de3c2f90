"""``--fix`` over a run's files: apply the fixes the policy allows, re-read and re-lint, until
stable.

Which fixes apply is :class:`linter.fixing.policy.FixPolicy`'s call (safe ones; unsafe ones with
``--unsafe-fixes``); where the fixed text goes is the store's (the files, or memory for
``--diff`` and stdin, see :mod:`linter.fixing.store`). A fix whose result would be fixed again (two
readings or two rules that undo each other) is held back (see
:func:`unstable_fixes`), so a second ``--fix`` changes nothing. A
held-back fix stays on its finding, for the report.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from linter import markup
from linter.files.reading import ReadError, ReadFile
from linter.files.source import SourceText
from linter.findings import Finding
from linter.fixing.edits import Edit, apply_edits, plan_edits
from linter.fixing.fixfile import FixOutcome, fix_files
from linter.fixing.policy import FixPolicy
from linter.fixing.store import DiskStore, FixStore
from linter.markup.outline import outline
from linter.reporting.narrowing import FindingFilter, narrow
from linter.reporting.report import FileError
from linter.running.engine import Linted, Linter, SourceFile
from linter.running.notices import Notice

#: Fix passes at most: a fix can reveal another ("Google's Chat GPT" becomes "Google's
#: ChatGPT", which the vendor rule then reads), and a second --fix must change nothing.
MAX_FIX_PASSES = 4


class _Relint:
    """``Linter.lint`` of files, remembered by text for one ``--fix`` run: the fixed text is
    linted once to test the fixes' stability, and once more after it is written; the second
    time is answered from here (on a large file each lint is most of the run's time)."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter
        self._seen: dict[tuple[str, str, str], Linted] = {}

    def __call__(self, files: Sequence[SourceFile]) -> list[Finding]:
        keys = [(f.label, f.syntax, f.source.text) for f in files]
        todo = {key: file for key, file in zip(keys, files, strict=True) if key not in self._seen}
        found = self.linter.lint_files(list(todo.values()))
        self._seen.update(zip(todo, found, strict=True))
        return sorted((f for key in keys for f in self._seen[key].findings),
                      key=lambda f: f.sort_key)

    def notices(self, read: ReadFile) -> tuple[Notice, ...] | None:
        """The notices of ``read``'s text, when it was linted here (None: it was not, or not
        extracted)."""
        linted = self._seen.get((read.label, markup.syntax_for(read.path), read.source.text))
        return linted.notices if linted is not None else None


@dataclass(frozen=True)
class Fixed:
    """A ``--fix`` run: the findings left, the files as they are now, each file's outcome,
    the files that could not be fixed, and the notices of the files linted again (by label)."""

    findings: list[Finding]
    inputs: list[ReadFile]
    outcomes: tuple[FixOutcome, ...]
    errors: list[FileError]
    notices: dict[str, tuple[Notice, ...]]


def fix_until_stable(
    linter: Linter, inputs: list[ReadFile], findings: list[Finding],
    filters: Sequence[FindingFilter], policy: FixPolicy | None = None,
    store: FixStore | None = None,
) -> Fixed:
    """:func:`_fix`, again on the files that changed, until no fix applies (or
    :data:`MAX_FIX_PASSES`); outcomes add up per file. ``policy`` defaults to safe fixes
    only, ``store`` to the files on disk."""
    policy = policy or FixPolicy()
    store = store if store is not None else DiskStore()
    relint = _Relint(linter)
    outcomes: dict[str, FixOutcome] = {}
    errors: list[FileError] = []
    todo = {read.label for read in inputs}
    for _ in range(MAX_FIX_PASSES):
        current = [f for f in findings if f.path in todo]
        files = [r for r in inputs if r.label in todo]
        wanted = policy.applicable(current, {r.label: r.source.text for r in files},
                                   linter.rules.infos)
        withheld = {f for f in current if f.fix is not None and f not in wanted}
        withheld |= _unstable(relint, files, [f for f in current if f in wanted])
        held = {dataclasses.replace(f, fix=None): f for f in withheld}
        again, reread, passed, failed = _fix(
            relint, files, [dataclasses.replace(f, fix=None) if f in withheld else f
                            for f in current], store)
        again = [held.get(f, f) for f in again]  # unchanged files keep their findings' fixes
        errors.extend(failed)
        fresh = {read.label: read for read in reread}
        inputs = [fresh.get(r.label, r) for r in inputs if r.label not in todo or r.label in fresh]
        findings = sorted([f for f in findings if f.path not in todo] + narrow(again, filters),
                          key=lambda f: f.sort_key)
        for o in passed:
            before = outcomes.get(o.label)
            outcomes[o.label] = o if before is None else FixOutcome(
                o.label, before.applied + o.applied, o.skipped, before.error or o.error)
        todo = {o.label for o in passed if o.applied}
        if not todo:
            break
    notices = {read.label: found for read in inputs
               if (found := relint.notices(read)) is not None}
    return Fixed(findings, inputs, tuple(outcomes.values()), errors, notices)


def _unstable(relint: _Relint, inputs: list[ReadFile], findings: list[Finding]) -> set[Finding]:
    """Findings whose fix would not hold (see :func:`unstable_fixes`)."""
    by_label: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.fix is not None:
            by_label.setdefault(finding.path, []).append(finding)
    unstable: set[Finding] = set()
    for read in inputs:
        mine = by_label.get(read.label)
        if not mine:
            continue
        syntax = markup.syntax_for(read.path)
        unstable |= unstable_fixes(read.source, syntax, mine,
                                   partial(_relint_as, relint, read.label, syntax))
    return unstable


def _relint_as(relint: _Relint, label: str, syntax: str, source: SourceText) -> list[Finding]:
    """The findings of ``source`` linted as the file ``label``."""
    return relint([SourceFile(label, source, syntax)])


def _fix(
    relint: _Relint, inputs: list[ReadFile], findings: list[Finding], store: FixStore
) -> tuple[list[Finding], list[ReadFile], tuple[FixOutcome, ...], list[FileError]]:
    """Apply the findings' fixes, then re-read and re-lint the files that changed."""
    outcomes = tuple(
        fix_files([(read, markup.syntax_for(read.path)) for read in inputs], findings, store)
    )
    errors = [FileError(o.label, f"not fixed: {o.error}", unread=False)
              for o in outcomes if o.error]
    changed = {o.label for o in outcomes if o.applied}
    if not changed:
        return findings, inputs, outcomes, errors
    reread: list[ReadFile] = []
    for read in inputs:
        if read.label in changed:
            try:
                read = store.reread(read)
            except ReadError as exc:
                errors.append(FileError(read.label, str(exc)))
                continue
        reread.append(read)
    kept = [f for f in findings if f.path not in changed]
    again = relint([SourceFile.of(read) for read in reread if read.label in changed])
    return sorted(kept + again, key=lambda f: f.sort_key), reread, outcomes, errors


def unstable_fixes(
    source: SourceText,
    syntax: str,
    findings: Sequence[Finding],
    lint: Callable[[SourceText], Iterable[Finding]],
) -> set[Finding]:
    """The findings whose fix would not hold: once it is applied (with the file's other
    fixes), ``lint`` of the result offers another fix over the replacement (two readings
    that flip-flop, as when a claim is misread, or two rules that undo each other). Applying
    such a fix could make every ``--fix`` change the file again; it is left for a person."""
    document = outline(source, syntax)
    edits, _ = plan_edits(source.text, findings, document.protected)
    if not edits:
        return set()
    placed: list[tuple[Edit, int, int]] = []
    shift = 0
    for edit in edits:
        start = edit.start + shift
        placed.append((edit, start, start + len(edit.replacement)))
        shift += len(edit.replacement) - (edit.end - edit.start)
    makers: dict[tuple[int, int, str], list[Finding]] = {}
    for f in findings:
        if f.fix is not None:
            makers.setdefault((f.start, f.end, f.fix.replacement), []).append(f)
    again = sorted((f for f in lint(SourceText.from_text(apply_edits(source.text, edits)))
                    if f.fix is not None and f.fix.replacement != f.text),
                   key=lambda f: f.start)
    starts = [f.start for f in again]
    longest = max((f.end - f.start for f in again), default=0)
    unstable: set[Finding] = set()
    for edit, lo, hi in placed:
        # findings of the fixed text that overlap [lo, hi): they start before hi and at most
        # the longest finding's length before lo
        end = max(hi, lo + 1)  # an empty replacement: what covers where it was
        first = bisect.bisect_left(starts, lo - longest)
        last = bisect.bisect_left(starts, end)
        if any(lo < f.end for f in again[first:last]):
            unstable.update(makers.get((edit.start, edit.end, edit.replacement), []))
    return unstable
