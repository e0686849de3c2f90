"""Where fixed text goes: back to the files (``--fix``), or kept in memory (``--diff``, stdin).

A store loads a file's bytes as linted, saves the fixed bytes and reads them back for the next
fix pass. :class:`DiskStore` refuses a file that changed since it was linted and writes
atomically (:func:`linter.files.atomic.write_atomic`); :class:`MemoryStore` never touches
a file and remembers each file's first and last bytes, for a diff or for printing the fixed text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Protocol

from linter.files.atomic import ChangedError, write_atomic
from linter.files.reading import ReadError, ReadFile, digest_of, read_bytes, read_file
from linter.files.source import DecodeError, decode
from linter.fixing.edits import FixError


class FixStore(Protocol):
    """Loads, saves and re-reads the files a fix run changes (errors: ``FixError``,
    ``ReadError``, ``OSError``)."""

    def load(self, read: ReadFile) -> bytes:
        """The bytes ``read`` was decoded from."""
        ...

    def save(self, read: ReadFile, data: bytes) -> None:
        """Keep ``data`` as the file's new content."""
        ...

    def reread(self, read: ReadFile) -> ReadFile:
        """The file as saved, decoded again."""
        ...


class DiskStore:
    """Fix the files on disk."""

    def __init__(self) -> None:
        self._stats: dict[str, os.stat_result | None] = {}

    def load(self, read: ReadFile) -> bytes:
        try:
            self._stats[read.label] = os.stat(read.path)
        except OSError:
            self._stats[read.label] = None  # read_bytes says why
        data = read_bytes(read.path)
        if digest_of(data) != read.digest:
            raise FixError("the file changed since it was linted")
        return data

    def save(self, read: ReadFile, data: bytes) -> None:
        try:
            write_atomic(read.path, data, expect=self._stats.get(read.label))
        except ChangedError as exc:
            raise FixError(str(exc)) from None

    def reread(self, read: ReadFile) -> ReadFile:
        return read_file(read.path, read.label)


class MemoryStore:
    """Fix in memory: files are read once (or given, for stdin) and never written."""

    def __init__(self, given: Mapping[str, bytes] | None = None) -> None:
        self.original: dict[str, bytes] = dict(given or {})
        self.current: dict[str, bytes] = dict(self.original)

    def load(self, read: ReadFile) -> bytes:
        if read.label not in self.current:
            data = read_bytes(read.path)
            if digest_of(data) != read.digest:
                        raise FixError("the file changed since it was linted")
            self.original[read.label] = self.current[read.label] = data
        return self.current[read.label]

    def save(self, read: ReadFile, data: bytes) -> None:
        self.current[read.label] = data

    def reread(self, read: ReadFile) -> ReadFile:
        data = self.current[read.label]
        try:
            source = decode(data)
        except DecodeError as exc:  # pragma: no cover - fix_bytes verified it decodes
            raise ReadError(str(exc)) from None
        return ReadFile(read.path, read.label, source, digest_of(data))

    def changed(self) -> dict[str, tuple[bytes, bytes]]:
        """label → (original, fixed) bytes, for the files a fix changed."""
        return {label: (self.original[label], data) for label, data in self.current.items()
                if data != self.original[label]}
