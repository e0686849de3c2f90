"""Reading input files: bytes → :class:`SourceText`, with the label findings show and a digest.

A file that cannot be read or decoded raises :class:`ReadError` with a one-line reason; the
caller records it and goes on with the other files.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from linter.files.source import DecodeError, SourceText, decode


class ReadError(Exception):
    """A file that could not be read or decoded; ``str()`` is a one-line reason."""


@dataclass(frozen=True)
class ReadFile:
    """One decoded input file.

    ``path`` is where it lives on disk, ``label`` the path findings show, ``digest`` the
    SHA-256 of the bytes as read (``--fix`` refuses to write a file that changed since).
    """

    path: Path
    label: str
    source: SourceText
    digest: str


def digest_of(data: bytes) -> str:
    """The digest kept for a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def label_for(path: str | os.PathLike[str], cwd: str | None = None) -> str:
    """``path`` relative to ``cwd`` (default: the current folder) when it lies below it, as POSIX.

    A path outside ``cwd`` is shown as given (absolute stays absolute).
    """
    given = os.fspath(path)
    here = os.getcwd()
    base = os.path.abspath(cwd if cwd is not None else here)
    absolute = os.path.normpath(given if os.path.isabs(given) else os.path.join(here, given))
    # POSIX paths without a leading "//" (which normpath keeps): no need for relpath's work.
    simple = os.path is posixpath and not absolute.startswith("//") and not base.startswith("//")
    prefix = base if base.endswith("/") else base + "/"
    if simple and absolute == base:
        rel = os.curdir
    elif simple and absolute.startswith(prefix):
        rel = absolute[len(prefix) :]
    elif simple:  # not below base: relpath would give "../..."
        rel = os.path.normpath(given)
    else:
        try:
            rel = os.path.relpath(absolute, base)
        except ValueError:  # another drive on Windows
            rel = given
        if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
            rel = os.path.normpath(given)
    return printable_path(rel.replace(os.sep, "/"))


def printable_path(path: str) -> str:
    """``path`` as valid Unicode: bytes of a file name that do not decode (kept by Python as
    lone surrogates) are written ``\\xff``, so every output format can print it."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def decode_message(exc: DecodeError) -> str:
    """A one-line reason for a decoding failure, always naming the byte offset when known."""
    reason = exc.reason
    if exc.offset is not None and f"byte {exc.offset}" not in reason:
        reason = f"{reason}, at byte {exc.offset}"
    return f"cannot decode: {reason}"


def os_message(exc: OSError) -> str:
    """A one-line reason for an OS error (vanished file, permission, a folder, ...)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"cannot read: {reason}".replace("\n", " ")


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes; an OS error becomes :class:`ReadError`."""
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError as exc:
        raise ReadError(os_message(exc)) from None


def read_file(path: str | os.PathLike[str], label: str | None = None) -> ReadFile:
    """Read and decode one file; raises :class:`ReadError` with a one-line reason."""
    data = read_bytes(path)
    try:
        source = decode(data)
    except DecodeError as exc:
        raise ReadError(decode_message(exc)) from None
    return ReadFile(path if isinstance(path, Path) else Path(path),
                    label if label is not None else label_for(path), source, digest_of(data))
