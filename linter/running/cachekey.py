"""What a cached result depends on besides the file itself: code, rules, knowledge, model, settings.

The fingerprint is computed without importing spaCy (the model is identified by its package's
``meta.json`` and spaCy's ``about.py``), so a run answered from the cache stays fast.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable
from pathlib import Path

from linter import __version__
from linter.checks.selection import Selection
from linter.config import Config
from linter.datafiles.packaged import packaged_path
from linter.running.cache import digest
from linter.running.engine import Linter
from linter.running.nlp import DEFAULT_MODELS

#: The whole ``linter`` package: a code change anywhere in it (claims, checks, markup) may
#: change findings
_PACKAGE = Path(__file__).resolve().parent.parent


def run_fingerprint(linter: Linter, config: Config) -> str:
    """The fingerprint of everything but the file that decides a file's findings."""
    parts = [
        __version__,
        _tree_digest(_PACKAGE, (".py",)),
        _tree_digest(packaged_path("__init__.py").parent, (".yaml", ".yml", ".json")),
        _files_digest([*config.rule_files, *config.knowledge_files]),
        _settings(linter.selection),
    ]
    if linter.runs_claims:
        parts.append(_model_identity(config.model))
    return digest(*parts)


def _settings(selection: Selection) -> str:
    per_file = [
        ([getattr(p, "pattern", None) or str(p.regex) for p in spec.patterns], sorted(codes))
        for spec, codes in selection.per_file
    ]
    severities = sorted((code, level.value) for code, level in selection.severities.items())
    per_file_severity = [
        ([getattr(p, "pattern", None) or str(p.regex) for p in spec.patterns],
         sorted((code, level.value) for code, level in levels.items()))
        for spec, levels in selection.per_file_severity
    ]
    return repr((sorted(selection.active), severities, per_file, per_file_severity,
                 selection.root if per_file or per_file_severity else None))


def _model_identity(name: str | None) -> str:
    """The first installed pipeline package (as :func:`linter.running.nlp.resolve_model` picks
    it)."""
    for candidate in (name,) if name else DEFAULT_MODELS:
        folder = _package_folder(candidate)
        if folder is not None:
            spacy = _package_folder("spacy")
            about = _read(spacy / "about.py") if spacy else b""
            return digest(candidate, _read(folder / "meta.json"), about)
    return "no model"


def _package_folder(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _tree_digest(top: Path, suffixes: tuple[str, ...]) -> str:
    """Digest of the files below ``top`` with these suffixes (skipping caches)."""
    found: list[str] = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith((".", "__pycache__"))]
        found.extend(os.path.join(folder, f) for f in files if f.endswith(suffixes))
    found.sort()
    return digest(*(part for path in found for part in (os.path.relpath(path, top), _read(path))))


def _files_digest(paths: Iterable[Path]) -> str:
    return digest(*(part for path in paths for part in (str(path), _read(path))))


def _read(path: str | os.PathLike[str]) -> bytes:
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError:
        return b"\0unreadable"
