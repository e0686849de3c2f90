"""Baselines: record today's findings and report only new ones (``--baseline``).

A baseline is a JSON file of finding fingerprints (rule, path, flagged text and occurrence
index; see :mod:`linter.reporting.fingerprint`), so a recorded finding stays recorded when lines are
inserted or deleted above it. Paths are taken relative to the baseline file's folder, so the
file works from any working folder. Problems raise :class:`BaselineError` (one line).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.files.atomic import write_atomic
from linter.files.reading import label_for
from linter.findings import Finding
from linter.reporting.fingerprint import fingerprint_all

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read, parsed or written; ``str()`` is one line."""


@dataclass(frozen=True)
class Baseline:
    """The fingerprints recorded in a baseline file whose folder is ``root``."""

    root: str
    fingerprints: frozenset[str]

    def wants_file(self, path: str | os.PathLike[str]) -> bool:
        """Every file is linted: a baseline only hides findings it recorded."""
        return True

    def mask(self, findings: Sequence[Finding]) -> list[bool]:
        """For each finding (a whole file's findings at a time): is it new?"""
        prints = fingerprint_all(_rebased(findings, self.root))
        return [fingerprint not in self.fingerprints for fingerprint in prints]


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file written by :func:`write_baseline`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"baseline file not found: {os.fspath(path)}") from None
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {os.fspath(path)}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise BaselineError(f"baseline {os.fspath(path)} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"baseline {os.fspath(path)} is not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    return Baseline(_root(path), frozenset(_fingerprints(data, os.fspath(path))))


def write_baseline(path: str | os.PathLike[str], findings: Sequence[Finding]) -> int:
    """Record ``findings`` in ``path`` (replaced atomically); return how many were recorded."""
    rebased = _rebased(findings, _root(path))
    entries = [
        {"rule": f.rule, "path": f.path, "text": f.text, "fingerprint": fingerprint}
        for f, fingerprint in zip(rebased, fingerprint_all(rebased), strict=True)
    ]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["text"]))  # stable: keeps source order
    text = json.dumps({"version": FORMAT_VERSION, "findings": entries}, indent=2,
                      ensure_ascii=False) + "\n"
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {os.fspath(path)}: {exc.strerror}") from None
    return len(entries)


def _fingerprints(data: Any, name: str) -> list[str]:
    """The fingerprints of a parsed baseline, validating its shape."""
    if not (isinstance(data, dict) and isinstance(data.get("findings"), list)):
        raise BaselineError(
            f"baseline {name} is not a genai-lint baseline (expected an object with a "
            f"'findings' list; write one with --write-baseline)"
        )
    if data.get("version") != FORMAT_VERSION:
        raise BaselineError(
            f"baseline {name} has version {data.get('version')!r}, expected {FORMAT_VERSION}"
        )
    prints = []
    for number, entry in enumerate(data["findings"], start=1):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint:
            raise BaselineError(f"baseline {name}: finding {number} has no 'fingerprint'")
        prints.append(fingerprint)
    return prints


def _root(path: str | os.PathLike[str]) -> str:
    return os.path.dirname(os.path.abspath(path))


def _rebased(findings: Sequence[Finding], root: str) -> list[Finding]:
    """The findings with paths relative to ``root`` (labels are relative to the cwd)."""
    paths = {finding.path for finding in findings}
    labels = {path: label_for(os.path.abspath(path), cwd=root) for path in paths}
    return [dataclasses.replace(f, path=labels[f.path]) for f in findings]
