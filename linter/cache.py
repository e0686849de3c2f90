"""A content-hash cache of each file's findings, so an unchanged file is not linted again.

An entry's key hashes the run's fingerprint (see :mod:`linter.cachekey`: code, rules,
knowledge, model, settings), the file's label and its decoded text: content, never mtimes,
so a fresh CI checkout hits the cache as well as a laptop does. Each entry is a small JSON
file written atomically (temporary file, then rename); an entry that cannot be read or
parsed is a miss, and a cache that cannot be written is silently skipped: the cache can make
a run faster, never make it fail.

Layout: ``<dir>/.gitignore`` (``*``, as ruff does), ``<dir>/CACHEDIR.TAG``, and
``<dir>/v1/<fingerprint prefix>/<key>.json``. Delete the folder to clear it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from linter.atomicfile import replace_file
from linter.findings import Finding, Fix, Severity

#: The default cache folder, relative to the current folder.
DEFAULT_DIR = ".genai-lint-cache"
_LAYOUT = "v1"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by genai-lint.\n"
)
_FIELDS = ("path", "line", "column", "end_line", "end_column", "start", "end", "rule", "name",
           "message", "text")


def digest(*parts: str | bytes) -> str:
    """SHA-256 over ``parts``, each length-prefixed so that no two sequences collide."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "little"))
        sha.update(data)
    return sha.hexdigest()


class LintCache:
    """Findings per (fingerprint, label, text), stored under ``directory``."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = Path(directory)
        self.fingerprint = fingerprint
        self._entries = self.directory / _LAYOUT / fingerprint[:16]
        self._ready = False
        self.hits = 0
        self.misses = 0
        self.writes = 0

    def key(self, label: str, text: str) -> str:
        """The entry key of one file."""
        return digest(self.fingerprint, label, text)

    def get(self, key: str) -> list[Finding] | None:
        """The stored findings, or ``None`` when absent or unreadable (a miss)."""
        try:
            with open(self._entries / f"{key}.json", "rb") as stream:
                data = json.loads(stream.read())
            if data.get("key") != key:
                raise ValueError("entry for another key")
            found = [_finding(item) for item in data["findings"]]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        """Store findings atomically; any OS error leaves the cache as it was."""
        data = {"key": key, "findings": [_record(finding) for finding in findings]}
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            self._prepare()
            replace_file(self._entries / f"{key}.json", payload)
        except OSError:
            return
        self.writes += 1

    def _prepare(self) -> None:
        """Create the folders, a ``.gitignore`` that ignores everything, and CACHEDIR.TAG."""
        if self._ready:
            return
        self._entries.mkdir(parents=True, exist_ok=True)
        markers = {".gitignore": "# Created by genai-lint.\n*\n", "CACHEDIR.TAG": _TAG}
        for name, content in markers.items():
            path = self.directory / name
            if not path.exists():
                path.write_text(content, encoding="utf-8")
        self._ready = True


def _record(finding: Finding) -> dict[str, Any]:
    record: dict[str, Any] = {name: getattr(finding, name) for name in _FIELDS}
    record["severity"] = finding.severity.value
    record["fix"] = finding.fix.replacement if finding.fix else None
    return record


def _finding(record: dict[str, Any]) -> Finding:
    fields = {name: record[name] for name in _FIELDS}
    for name in ("line", "column", "end_line", "end_column", "start", "end"):
        if type(fields[name]) is not int:
            raise TypeError(f"{name} is not an integer")
    for name in ("path", "rule", "name", "message", "text"):
        if not isinstance(fields[name], str):
            raise TypeError(f"{name} is not a string")
    replacement = record["fix"]
    if replacement is not None and not isinstance(replacement, str):
        raise TypeError("fix is not a string")
    return Finding(
        **fields,
        severity=Severity(record["severity"]),
        fix=Fix(replacement) if replacement is not None else None,
    )
