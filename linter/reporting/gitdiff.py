"""The lines a change adds or modifies relative to a git revision, for ``--diff-base``.

The base is ``git merge-base REF HEAD``, so a pull request is compared with the point where
it left its target branch. The diff runs against the working tree (``git diff --unified=0
-M <base>``): staged and unstaged edits count, renamed files are known by their new name,
and untracked files (not ignored) count as wholly added. Git runs as a subprocess; every
failure is a :class:`GitError` with a one-line reason.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from linter.findings import Finding

#: A hunk header of a ``--unified=0`` diff: ``@@ -a[,b] +c[,d] @@``.
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}

#: Line ranges ``(first, last)``, inclusive; ``None`` means the whole file.
LineRanges = tuple[tuple[int, int], ...] | None


class GitError(Exception):
    """Git could not say what changed; ``str()`` is a one-line reason."""


@dataclass(frozen=True)
class ChangedLines:
    """Changed line ranges per file, keyed by resolved absolute path."""

    files: Mapping[str, LineRanges]

    def wants_file(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` has any added or changed line."""
        ranges = self.files.get(_resolve(path), ())
        return ranges is None or bool(ranges)

    def mask(self, findings: Sequence[Finding]) -> list[bool]:
        """For each finding (``path`` relative to the current folder): is it on a changed line?"""
        resolved = {path: _resolve(path) for path in {f.path for f in findings}}
        return [
            resolved[f.path] in self.files
            and _overlaps(self.files[resolved[f.path]], f.line, f.end_line)
            for f in findings
        ]


def changed_lines(ref: str, cwd: str | os.PathLike[str] | None = None) -> ChangedLines:
    """What changed since the merge base of ``ref`` and ``HEAD`` in the repository at ``cwd``."""
    top = _git(["rev-parse", "--show-toplevel"], cwd, "not a git repository").strip()
    _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top,
         f"unknown git revision {ref!r}")
    base = _git(["merge-base", ref, "HEAD"], top,
                f"no common ancestor of {ref!r} and HEAD").strip()
    diff = _git(["-c", "core.quotePath=false", "diff", "--unified=0", "--no-color",
                 "--no-ext-diff", "--no-relative", "--src-prefix=a/", "--dst-prefix=b/", "-M",
                 base, "--"], top, "git diff failed")
    files: dict[str, LineRanges] = {
        _resolve(os.path.join(top, path)): ranges for path, ranges in parse_diff(diff).items()
    }
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], top,
                     "git ls-files failed")
    for path in filter(None, untracked.split("\0")):
        files[_resolve(os.path.join(top, path))] = None
    return ChangedLines(files)


def parse_diff(diff: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """Added line ranges per new path (relative to the repository top) of a unified diff.

    Deleted files and pure renames are left out; a file whose changes only delete lines maps
    to no range.
    """
    result: dict[str, list[tuple[int, int]]] = {}
    current: list[tuple[int, int]] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            path = _diff_path(line[4:])
            current = None if path is None else result.setdefault(path, [])
        elif line.startswith("@@ ") and current is not None:
            match = _HUNK.match(line)
            if match:
                start, count = int(match[1]), int(match[2] or "1")
                if count:
                    current.append((start, start + count - 1))
    return {path: tuple(ranges) for path, ranges in result.items()}


def _diff_path(field: str) -> str | None:
    """The path of a ``+++`` header (``b/docs/a.md``), or ``None`` for ``/dev/null``."""
    field = field.rstrip("\t")  # git appends a tab to names containing spaces
    if field == "/dev/null":
        return None
    path = _unquote(field)
    return path[2:] if path.startswith("b/") else path


def _unquote(name: str) -> str:
    """Undo git's C-style quoting of an unusual path (``"a\\tb.md"``, octal UTF-8 bytes)."""
    if not (len(name) >= 2 and name[0] == name[-1] == '"'):
        return name
    out = bytearray()
    chars = iter(name[1:-1])
    for char in chars:
        if char != "\\":
            out += char.encode("utf-8")
            continue
        escape = next(chars, "\\")
        if escape in "01234567":
            digits = escape + next(chars, "") + next(chars, "")
            out.append(int(digits, 8))
        else:
            out.append(_ESCAPES.get(escape, ord(escape)))
    return out.decode("utf-8", errors="surrogateescape")


def _overlaps(ranges: LineRanges, first: int, last: int) -> bool:
    if ranges is None:
        return True
    return any(start <= last and first <= end for start, end in ranges)


def _resolve(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.path.abspath(path))


def _git(args: list[str], cwd: str | os.PathLike[str] | None, failure: str) -> str:
    """Run ``git args`` in ``cwd`` and return its stdout; ``failure`` names a non-zero exit."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise GitError("git not found on PATH") from None
    if done.returncode != 0:
        raise GitError(failure)
    return done.stdout.decode("utf-8", errors="surrogateescape")

