"""Paths to files: walk folders for documentation files, honouring .gitignore and include/exclude.

Rules, in order of precedence:

- A path that does not exist goes to ``missing``; a folder that cannot be listed goes to
  ``errors`` and the walk goes on.
- ``exclude`` (gitwildmatch globs relative to ``root``) always wins: an excluded file is dropped
  even when named on the command line (pre-commit passes every staged file, and a user who
  excludes ``CHANGELOG.md`` in the config means it), and an excluded folder is not walked.
- A file named explicitly is otherwise always checked, whatever its extension, ``include`` or
  ``.gitignore`` say.
- Inside a walked folder a file is checked when its name ends with one of ``extensions``
  (case-insensitive), it matches ``include`` (when ``include`` is not empty) and no
  ``.gitignore`` ignores it. Hidden folders (``.name``), ``node_modules``, ``__pycache__`` and
  ``.genai-lint-cache`` are skipped; hidden *files* are not.
- ``.gitignore`` files apply as in git: the one in each walked folder and below, and, when the
  walk starts inside a git work tree (a ``.git`` found upward), those between the repository's
  top and the walked folder. A deeper file overrides a shallower one, the last matching line
  wins, and nothing below an ignored folder is re-included. A folder named explicitly is walked
  even when git ignores it (as ripgrep does); the ignore files above it then do not apply.
  ``.git/info/exclude`` and the global excludes file are not read.
- Symbolic links to files are followed; symbolic links to folders found during a walk are not
  (so there are no loops). A folder named explicitly may itself be a link.
- ``files`` holds each file once (by its real path; the first path in sort order is kept),
  sorted by path components. Walked files are shown below the folder as it was given
  (``docs`` → ``docs/intro.md``), explicit files as given.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when a glob or .gitignore is compiled (not for a lone file)
    from pathspec import GitIgnoreSpec, PathSpec

DEFAULT_EXTENSIONS: tuple[str, ...] = (".md", ".markdown", ".mdx", ".txt")
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", ".genai-lint-cache"})


@cache
def glob_factory() -> str:
    """pathspec 1.x renamed the plain gitwildmatch pattern factory (the old name warns)."""
    import pathspec

    return "gitignore" if int(pathspec.__version__.split(".")[0]) >= 1 else "gitwildmatch"


@dataclass(frozen=True)
class DiscoveryResult:
    """The files to lint, the paths that do not exist, and (path, message) for unreadable ones."""

    files: tuple[Path, ...] = ()
    missing: tuple[str, ...] = ()
    errors: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _IgnoreFile:
    """One compiled ``.gitignore`` and the folder (absolute) its patterns are relative to."""

    base: str
    spec: GitIgnoreSpec

    def check(self, abs_path: str, is_dir: bool) -> bool | None:
        """True: ignored, False: re-included by a negation, None: no line matches."""
        rel = _posix_rel(abs_path, self.base)
        return self.spec.check_file(rel + "/" if is_dir else rel).include


@dataclass(frozen=True)
class _Options:
    root: str
    extensions: tuple[str, ...]
    include: PathSpec[Any] | None
    exclude: PathSpec[Any] | None
    respect_gitignore: bool


def discover(
    paths: Sequence[str | os.PathLike[str]],
    *,
    extensions: Sequence[str] = DEFAULT_EXTENSIONS,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    respect_gitignore: bool = True,
    root: Path | None = None,
) -> DiscoveryResult:
    """Expand ``paths`` (files and folders) into the documentation files to lint."""
    opts = _Options(
        root=os.path.abspath(root if root is not None else os.getcwd()),
        extensions=tuple(_normalise_extension(e) for e in extensions),
        include=compile_globs(include),
        exclude=compile_globs(exclude),
        respect_gitignore=respect_gitignore,
    )
    found: dict[str, Path] = {}
    missing: list[str] = []
    errors: list[tuple[str, str]] = []

    real_folders: dict[str, str] = {}

    def add(abs_path: str, shown: Path, is_link: bool = True) -> None:
        if is_link:
            key = os.path.realpath(abs_path)
        else:  # a plain file: resolve its folder once for all its siblings
            folder, name = os.path.split(abs_path)
            if folder not in real_folders:
                real_folders[folder] = os.path.realpath(folder)
            key = os.path.join(real_folders[folder], name)
        if key not in found or _sort_key(shown) < _sort_key(found[key]):
            found[key] = shown

    for raw in paths:
        given = os.fspath(raw)
        abs_path = os.path.abspath(given)
        shown = os.path.normpath(given)
        if not os.path.exists(abs_path):
            if given not in missing:
                missing.append(given)
        elif os.path.isdir(abs_path):
            if not _excluded(opts, abs_path, is_dir=True):
                _walk(abs_path, shown, opts, add, errors)
        elif os.path.isfile(abs_path):
            if not _excluded(opts, abs_path, is_dir=False):
                add(abs_path, Path(shown))
        else:
            errors.append((shown, "not a regular file or folder"))

    return DiscoveryResult(
        files=tuple(sorted(found.values(), key=_sort_key)),
        missing=tuple(missing),
        errors=tuple(sorted(set(errors))),
    )


def is_excluded(
    path: str | os.PathLike[str], exclude: Sequence[str], root: Path | None = None
) -> bool:
    """Whether ``exclude`` drops the file ``path`` even when it is named explicitly (as
    :func:`discover` does): for an editor that lints one open file at a time."""
    opts = _Options(root=os.path.abspath(root if root is not None else os.getcwd()),
                    extensions=(), include=None, exclude=compile_globs(exclude),
                    respect_gitignore=False)
    return _excluded(opts, os.path.abspath(path), is_dir=False)


def compile_globs(patterns: Sequence[str]) -> PathSpec[Any] | None:
    """Compile include/exclude globs (gitwildmatch, the last matching pattern wins).

    Raises ``ValueError`` for a pattern pathspec rejects (``config`` uses this to validate).
    """
    if not patterns:
        return None
    from pathspec import PathSpec

    return PathSpec.from_lines(glob_factory(), patterns)


def _walk(
    top: str,
    shown_top: str,
    opts: _Options,
    add: Callable[[str, Path, bool], None],
    errors: list[tuple[str, str]],
) -> None:
    """Walk ``top`` without following folder links; call ``add`` for each selected file."""
    inherited: tuple[_IgnoreFile, ...] = ()
    if opts.respect_gitignore:
        inherited = _ancestor_ignores(top, shown_top, errors)
        if _ignored(inherited, top, is_dir=True):
            inherited = ()  # named explicitly: walk it, as if it were the top
    stack: list[tuple[str, str, tuple[_IgnoreFile, ...]]] = [(top, shown_top, inherited)]
    while stack:
        folder, shown, ignores = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            errors.append((os.path.normpath(shown), exc.strerror or str(exc)))
            continue
        if opts.respect_gitignore and any(e.name == ".gitignore" for e in entries):
            own = _read_gitignore(folder, os.path.join(shown, ".gitignore"), errors)
            if own is not None:
                ignores = (*ignores, own)
        for entry in entries:
            child_shown = os.path.join(shown, entry.name)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:
                errors.append((os.path.normpath(child_shown), exc.strerror or str(exc)))
                continue
            if is_dir:
                if is_link or entry.name.startswith(".") or entry.name in SKIPPED_DIRS:
                    continue
                if _ignored(ignores, entry.path, is_dir=True):
                    continue
                if _excluded(opts, entry.path, is_dir=True):
                    continue
                stack.append((entry.path, child_shown, ignores))
            elif is_file and _selected(opts, ignores, entry.path, entry.name):
                add(entry.path, Path(child_shown), is_link)


def _selected(opts: _Options, ignores: tuple[_IgnoreFile, ...], path: str, name: str) -> bool:
    """Whether a file met during a walk is linted."""
    lower = name.lower()
    if not any(lower.endswith(ext) for ext in opts.extensions):
        return False
    if _ignored(ignores, path, is_dir=False) or _excluded(opts, path, is_dir=False):
        return False
    if opts.include is None:
        return True
    return opts.include.check_file(_posix_rel(path, opts.root)).include is True


def _excluded(opts: _Options, path: str, *, is_dir: bool) -> bool:
    if opts.exclude is None:
        return False
    rel = _posix_rel(path, opts.root)
    if rel == ".":
        return False
    return opts.exclude.check_file(rel + "/" if is_dir else rel).include is True


def _ignored(ignores: tuple[_IgnoreFile, ...], path: str, *, is_dir: bool) -> bool:
    """The deepest ignore file with a matching line decides."""
    for ignore in reversed(ignores):
        verdict = ignore.check(path, is_dir)
        if verdict is not None:
            return verdict
    return False


def _ancestor_ignores(
    top: str, shown_top: str, errors: list[tuple[str, str]]
) -> tuple[_IgnoreFile, ...]:
    """The ``.gitignore`` files from the repository's top down to ``top``'s parent."""
    repo = _find_repo_root(top)
    if repo is None or repo == top:
        return ()
    folders = []
    folder = os.path.dirname(top)
    while True:
        folders.append(folder)
        if folder == repo:
            break
        folder = os.path.dirname(folder)
    result = []
    for folder in reversed(folders):
        if os.path.isfile(os.path.join(folder, ".gitignore")):
            shown = os.path.join(shown_top, os.path.relpath(folder, top), ".gitignore")
            loaded = _read_gitignore(folder, shown, errors)
            if loaded is not None:
                result.append(loaded)
    return tuple(result)


def _find_repo_root(start: str) -> str | None:
    """The nearest folder at or above ``start`` that holds ``.git`` (a folder or a file)."""
    folder = start
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_gitignore(folder: str, shown: str, errors: list[tuple[str, str]]) -> _IgnoreFile | None:
    try:
        with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as exc:
        errors.append((os.path.normpath(shown), exc.strerror or str(exc)))
        return None
    return _IgnoreFile(folder, _compile_lenient(lines))


def _compile_lenient(lines: list[str]) -> GitIgnoreSpec:
    """Compile ignore lines, dropping the ones git would not understand either."""
    from pathspec import GitIgnoreSpec

    try:
        return GitIgnoreSpec.from_lines(lines)
    except ValueError:
        good = []
        for line in lines:
            try:
                GitIgnoreSpec.from_lines([line])
            except ValueError:
                continue
            good.append(line)
        return GitIgnoreSpec.from_lines(good)


def _posix_rel(path: str, base: str) -> str:
    try:
        rel = os.path.relpath(path, base)
    except ValueError:  # another drive on Windows
        rel = path
    return rel.replace(os.sep, "/")


def _normalise_extension(ext: str) -> str:
    ext = ext.lower()
    return ext if ext.startswith(".") else "." + ext


def _sort_key(path: Path) -> tuple[str, ...]:
    return path.parts
