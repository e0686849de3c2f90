"""Fixing one file: its bytes loaded from a store, the fixes applied, the result verified, then
saved, keeping everything else about the file byte for byte.

A fix replaces a finding's span (offsets into the *normalised* text) with
``Finding.fix.replacement``. Edits are applied to the raw decoded text, mapping offsets line by
line (:mod:`linter.fixing.edits`), so untouched lines keep their newlines (CRLF, CR, LF or a
mix); the result is encoded with the file's encoding and BOM. A file is written only when its
bytes are unchanged since it was read, and only when re-extracting the result shows that
nothing but the intended spans changed; on disk the write is atomic and keeps the file's mode
(:func:`linter.files.atomic.write_atomic`). A run's fixes, pass after pass until stable, are
:mod:`linter.fixing.passes`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from linter.files.reading import ReadError, ReadFile
from linter.files.source import DecodeError, SourceText, decode
from linter.findings import Finding
from linter.fixing.edits import Edit, FixError, apply_edits_raw, is_edited, plan_edits
from linter.fixing.store import DiskStore, FixStore
from linter.markup.outline import Outline, outline


@dataclass(frozen=True)
class FixOutcome:
    """What happened to one file: edits applied, fixes skipped, or why nothing was written."""

    label: str
    applied: int = 0
    skipped: int = 0
    error: str | None = None


def fix_bytes(
    data: bytes, source: SourceText, syntax: str, findings: Iterable[Finding]
) -> tuple[bytes, int, int]:
    """The fixed bytes for a file read as ``data`` (decoded to ``source``), with the counts of
    applied and skipped fixes. Raises :class:`FixError` when the result fails verification.
    """
    document = outline(source, syntax)
    edits, skipped = plan_edits(source.text, findings, document.protected)
    if not edits:
        return data, 0, skipped
    raw = data[len(source.bom) :].decode(source.encoding)
    new_raw = apply_edits_raw(raw, source, edits)
    del raw  # a large file's texts are held one or two at a time
    try:
        new_data = source.bom + new_raw.encode(source.encoding)
    except UnicodeEncodeError as exc:
        raise FixError(f"a replacement cannot be encoded in {source.encoding}") from exc
    _verify(source, document, syntax, edits, new_data)
    return new_data, len(edits), skipped


def _verify(
    source: SourceText, document: Outline, syntax: str, edits: Sequence[Edit], new_data: bytes
) -> None:
    """Refuse a result in which more than the intended spans changed."""
    try:
        new_source = decode(new_data)
    except DecodeError as exc:
        raise FixError(f"the fixed file would not decode: {exc.reason}") from None
    if not is_edited(new_source.text, source.text, edits):
        raise FixError("fixing would change text outside the fixed spans")
    if (new_source.encoding, new_source.bom) != (source.encoding, source.bom):
        raise FixError("fixing would change the file's encoding")
    new_document = outline(new_source, syntax)
    if new_document.kinds != document.kinds:
        raise FixError("fixing would change the document's structure")
    if len(new_document.protected) != len(document.protected) or any(
        new_source.text[a:b] != source.text[c:d]
        for (a, b), (c, d) in zip(new_document.protected, document.protected, strict=True)
    ):
        raise FixError("fixing would change code, HTML or front matter")
    if [c.text for c in new_document.comments] != [c.text for c in document.comments]:
        raise FixError("fixing would change the document's comments")


def fix_file(
    read: ReadFile, syntax: str, findings: Iterable[Finding], store: FixStore | None = None
) -> FixOutcome:
    """Fix one file: load its bytes from ``store`` (default: the disk, checked unchanged
    since ``read``), fix, verify, save (on disk: atomically).

    A problem becomes the outcome's ``error``; the file is then left as it was.
    """
    findings = list(findings)
    if not any(f.fix is not None for f in findings):
        return FixOutcome(read.label)
    store = store if store is not None else DiskStore()
    try:
        data = store.load(read)
        new_data, applied, skipped = fix_bytes(data, read.source, syntax, findings)
        if new_data != data:
            store.save(read, new_data)
    except (FixError, ReadError) as exc:
        return FixOutcome(read.label, error=str(exc))
    except OSError as exc:
        return FixOutcome(read.label, error=f"cannot write: {exc.strerror or exc}")
    return FixOutcome(read.label, applied, skipped)


def fix_files(
    files: Sequence[tuple[ReadFile, str]], findings: Iterable[Finding],
    store: FixStore | None = None,
) -> list[FixOutcome]:
    """Fix every ``(file, syntax)`` with the findings whose ``path`` is the file's label."""
    by_label: dict[str, list[Finding]] = {}
    for finding in findings:
        by_label.setdefault(finding.path, []).append(finding)
    return [fix_file(read, syntax, by_label.get(read.label, ()), store)
            for read, syntax in files]


