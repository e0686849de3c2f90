"""Apply safe fixes to files, keeping everything else about them byte for byte.

A fix replaces a finding's span (offsets into the *normalised* text) with
``Finding.fix.replacement``. Edits are applied to the raw decoded text, mapping offsets line by
line, so untouched lines keep their newlines (CRLF, CR, LF or a mix); the result is encoded with
the file's encoding and BOM. A file is written only when its bytes are unchanged since it was
read, and only when re-extracting the result shows that nothing but the intended spans changed;
the write is atomic (a temporary file in the same folder, fsync, ``os.replace``) and keeps the
file's mode.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import re
import signal
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from linter import markup
from linter.files.reading import ReadError, ReadFile
from linter.files.source import DecodeError, SourceText, decode
from linter.findings import Finding
from linter.fixing.store import DiskStore, FixStore
from linter.markup import largefile
from linter.markup.segments import Comment

_NEWLINE = re.compile(r"\r\n|\r|\n")


class FixError(Exception):
    """A file that was not fixed; ``str()`` is a one-line reason."""


@dataclass(frozen=True)
class Edit:
    """Replace normalised text ``[start, end)`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class FixOutcome:
    """What happened to one file: edits applied, fixes skipped, or why nothing was written."""

    label: str
    applied: int = 0
    skipped: int = 0
    error: str | None = None


@dataclass(frozen=True)
class Outline:
    """What fixing checks of a document: its blocks' kinds in order, the spans that are not
    prose (code, HTML, front matter) and its comments; and the spans nested past the Markdown
    nesting limit (see :attr:`linter.markup.segments.Document.past_nesting_limit`)."""

    kinds: tuple[str, ...]
    protected: tuple[tuple[int, int], ...]
    comments: tuple[Comment, ...]
    past_nesting_limit: tuple[tuple[int, int], ...] = ()


def outline(source: SourceText, syntax: str) -> Outline:
    """The :class:`Outline` of ``source``; a very large file is extracted part by part (see
    :mod:`linter.markup.largefile`), so fixing it takes no more memory than linting it."""
    if largefile.splittable(source, syntax):
        kinds: list[str] = []
        protected: list[tuple[int, int]] = []
        comments: list[Comment] = []
        deep: list[tuple[int, int]] = []
        for document in largefile.parts(source):
            kinds.extend(segment.kind for segment in document.segments)
            protected.extend(document.protected)
            comments.extend(document.comments)
            deep.extend(document.past_nesting_limit)
        return Outline(tuple(kinds), tuple(protected), tuple(comments), tuple(deep))
    document = markup.extract(source, syntax)
    return Outline(tuple(segment.kind for segment in document.segments), document.protected,
                   document.comments, document.past_nesting_limit)


def plan_edits(
    text: str, findings: Iterable[Finding], protected: Sequence[tuple[int, int]] = ()
) -> tuple[list[Edit], int]:
    """The edits to make for ``findings`` that carry a fix, sorted by position, and how many
    fixes were skipped: those overlapping a protected span or an earlier edit, or whose span no
    longer holds the text the finding names. A fix that changes nothing is dropped silently.
    """
    edits: list[Edit] = []
    skipped = 0
    last_end = -1
    protected = _Spans(protected)
    for finding in sorted(
        (f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end, f.rule)
    ):
        assert finding.fix is not None
        start, end, replacement = finding.start, finding.end, finding.fix.replacement
        if (
            not 0 <= start <= end <= len(text)
            or text[start:end] != finding.text
            or protected.overlaps(start, end)
            or start < last_end
        ):
            if not (edits and (start, end) == (edits[-1].start, edits[-1].end)
                    and replacement == edits[-1].replacement):
                skipped += 1  # the same edit twice (two rules agreeing) is not a skip
            continue
        if text[start:end] == replacement:
            continue
        edits.append(Edit(start, end, replacement))
        last_end = end
    return edits, skipped


class _Spans:
    """Protected spans, merged where they overlap, for a binary search per edit."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for lo, hi in sorted(spans):
            if hi <= lo:
                continue
            # Merge only spans that share a character: touching spans stay apart, so an
            # empty edit between them is not "inside" one.
            if merged and lo < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        self.starts = [lo for lo, _ in merged]
        self.ends = [hi for _, hi in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span (an empty edit: lies
        strictly inside one)."""
        index = bisect.bisect_right(self.ends, start)  # the first span ending after start
        if index == len(self.ends):
            return False
        lo = self.starts[index]
        return lo < end if start < end else lo < start


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` shares a character with a span (an empty edit: lies inside)."""
    return _Spans(spans).overlaps(start, end)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits to normalised ``text`` (in one pass)."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts += (text[pos : edit.start], edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def apply_edits_raw(raw: str, source: SourceText, edits: Sequence[Edit]) -> str:
    """Apply edits given in normalised offsets of ``source`` to its raw decoded text.

    Offsets map line by line (a normalised line start is a raw line start), so the newline
    sequences of untouched lines are kept as they are. A newline in a replacement is written
    in the file's dominant newline style.
    """
    raw_starts = [0] + [m.end() for m in _NEWLINE.finditer(raw)]
    if len(raw_starts) != len(source.line_starts):
        raise FixError("the file's lines do not match what was linted")

    def to_raw(offset: int) -> int:
        line, column = source.position(offset)
        return raw_starts[line - 1] + column - 1

    parts: list[str] = []
    pos = 0
    for edit in edits:
        replacement = edit.replacement
        if source.newline != "\n":
            replacement = replacement.replace("\n", source.newline)
        parts += (raw[pos : to_raw(edit.start)], replacement)
        pos = to_raw(edit.end)
    parts.append(raw[pos:])
    return "".join(parts)


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
    if not _is_edited(new_source.text, source.text, edits):
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


def _is_edited(new_text: str, text: str, edits: Sequence[Edit]) -> bool:
    """Whether ``new_text`` is ``apply_edits(text, edits)``, compared run by run (a very
    large file is not copied whole once more)."""
    pos = new_pos = 0
    for edit in edits:
        for run in (text[pos : edit.start], edit.replacement):
            if not new_text.startswith(run, new_pos):
                return False
            new_pos += len(run)
        pos = edit.end
    return len(new_text) - new_pos == len(text) - pos and new_text.endswith(text[pos:])


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


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, expect: os.stat_result | None = None
) -> None:
    """Replace the file at ``path`` (a link: its target) with ``data``, keeping its mode (and,
    where allowed, its owner).

    The data goes to a temporary file in the same folder, is flushed to disk, then renamed
    over the target, so the file is at every moment either the old one or the new one. With
    ``expect`` (the target's ``os.stat`` when it was read), a target modified since is left
    alone (:class:`FixError`). Ctrl-C and SIGTERM are held back until the rename is done, so
    an interrupted run leaves neither a half-written file nor a temporary one.
    """
    target = os.path.realpath(path)
    folder, name = os.path.split(target)
    info = os.stat(target)
    with _signals_deferred():
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".genai-lint-tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
            _keep_owner(tmp, info)
            if expect is not None and _changed(expect, os.stat(target)):
                raise FixError("the file changed while it was being fixed")
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    _fsync_folder(folder)


def _changed(before: os.stat_result, now: os.stat_result) -> bool:
    """Whether a file's stat shows it was replaced or written to between two looks."""
    fields = ("st_ino", "st_dev", "st_size", "st_mtime_ns", "st_ctime_ns")
    return any(getattr(before, f) != getattr(now, f) for f in fields)


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give the temporary file the target's owner and group, where the OS allows it."""
    chown = getattr(os, "chown", None)
    if chown is None or (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return
    with contextlib.suppress(OSError):
        chown(tmp, info.st_uid, info.st_gid)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Block SIGINT, SIGTERM and SIGHUP for the block (POSIX); they are delivered after it."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:
        yield
        return
    wanted = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
    previous = block(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


def _fsync_folder(folder: str) -> None:
    """Make the rename durable where the platform allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
