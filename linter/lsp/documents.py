"""Linting an open document with the configuration the command line would use for it.

The command line finds its configuration from the current folder upward; for an editor the
current folder is the workspace folder that holds the document (the deepest one), or the
document's own folder when no workspace folder does. A document is linted under its absolute
path, so ``per-file-ignores`` globs match relative to the config file's folder as they do on
the command line; ``exclude`` drops a document even though it is open (as it drops a file
named on the command line).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from linter import markup
from linter.checks.selection import SelectionError
from linter.config import YAML_NAMES, Config, ConfigError, find_config, load_config
from linter.datafiles.lines import YamlError
from linter.files.discover import is_excluded
from linter.files.source import SourceText
from linter.findings import Finding
from linter.running.api import linter_for
from linter.running.engine import Linter, SourceFile

#: The names of the files a configuration is read from.
CONFIG_NAMES = frozenset((*YAML_NAMES, "pyproject.toml"))
#: Language ids that name a markup the file's suffix does not (an untitled buffer).
_LANGUAGES = {"markdown": "markdown", "mdx": "mdx"}


@dataclass(frozen=True)
class Snapshot:
    """An open document's text at one version; ``path`` is ``None`` for an unsaved buffer,
    ``base`` the folder its configuration is found from (see :func:`base_folder`)."""

    uri: str
    text: str
    version: int | None = None
    path: Path | None = None
    language_id: str | None = None
    base: Path | None = None

    @property
    def syntax(self) -> str:
        """``markdown``, ``mdx`` or ``text``: from the file's suffix, else its language id."""
        syntax = markup.syntax_for(self.path) if self.path is not None else "text"
        if syntax == "text":
            return _LANGUAGES.get((self.language_id or "").lower(), "text")
        return syntax


@dataclass(frozen=True)
class Result:
    """A document's findings in the ``source`` they were found in, or the ``problem`` (a
    configuration error) that kept it from being linted."""

    source: SourceText
    syntax: str
    findings: tuple[Finding, ...] = ()
    problem: str | None = None


@dataclass(frozen=True)
class Settings:
    """The configuration for the documents below ``base`` and its linter, or its problem."""

    base: Path
    config: Config | None = None
    linter: Linter | None = None
    problem: str | None = None


def is_config_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is named like a configuration file."""
    return os.path.basename(path) in CONFIG_NAMES


def base_folder(path: Path | None, folders: Sequence[Path]) -> Path:
    """The folder that stands for the command line's current folder (see module doc)."""
    if path is not None:
        holding = [f for f in folders if path.is_relative_to(f)]
        if holding:
            return max(holding, key=lambda f: len(f.parts))
        return path.parent
    return folders[0] if folders else Path.cwd()


class ConfigStore:
    """Settings per base folder, loaded on first use and kept until :meth:`clear`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: dict[Path, Settings] = {}

    def settings(self, base: Path) -> Settings:
        with self._lock:
            found = self._loaded.get(base)
        if found is None:
            found = load_settings(base)
            with self._lock:
                self._loaded[base] = found
        return found

    def clear(self) -> None:
        """Forget every loaded configuration (one changed)."""
        with self._lock:
            self._loaded = {}


def load_settings(base: Path) -> Settings:
    """Find, load and validate the configuration for ``base``, and build its linter."""
    try:
        config = load_config(find_config(base))
        return Settings(base, config, linter_for(config))
    except (ConfigError, YamlError, SelectionError) as exc:
        return Settings(base, problem=f"genai-lint configuration: {exc}")


def lint_document(snapshot: Snapshot, settings: Settings) -> Result:
    """Lint one document with ``settings`` (see :func:`base_folder`)."""
    source = SourceText.from_text(snapshot.text)
    syntax = snapshot.syntax
    if settings.linter is None or settings.config is None:
        return Result(source, syntax, problem=settings.problem)
    path = snapshot.path
    if path is not None and is_excluded(path, settings.config.exclude, settings.config.root):
        return Result(source, syntax)
    label = os.fspath(path) if path is not None else snapshot.uri
    findings = settings.linter.lint_each([SourceFile(label, source, syntax)])[0]
    return Result(source, syntax, tuple(findings))
