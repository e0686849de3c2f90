"""A content-hash cache of each file's findings, so an unchanged file is not linted again.

An entry's key hashes the run's fingerprint (see :mod:`linter.running.cachekey`: code, rules,
knowledge, model, settings), the file's label and its decoded text: content, never mtimes,
so a fresh CI checkout hits the cache as well as a laptop does.

All entries of one fingerprint live in one index file, read once per run (not one file per
entry: a run answered from the cache opens one file, not one per input) and written once,
atomically (temporary file, then rename), when the run's misses have been stored. Before it
is written the index is read again and merged, so runs that share a fingerprint (other
folders, other files, or a run at the same time) keep each other's entries; a race can at
worst lose an entry, which is a miss next time, never a wrong answer. An index or entry that
cannot be read, parsed or checked is a miss (a corrupt index is replaced by the next write),
and a cache that cannot be written is silently skipped: the cache can make a run faster, never
make it fail.

Growth: each entry records when a run that wrote the index last used it. A write keeps the
:data:`MAX_ENTRIES` most recently used entries (and always all of its own run's), and deletes
the index files of other fingerprints (older code, rules or settings) not written for
:data:`MAX_AGE_DAYS` days.

Layout: ``<dir>/.gitignore`` (``*``, as ruff does), ``<dir>/CACHEDIR.TAG``, and
``<dir>/v2/<fingerprint prefix>.json``. Delete the folder to clear it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from linter.files.atomic import TEMP_SUFFIX, write_atomic
from linter.findings import Finding, Fix, Severity

#: The default cache folder, relative to the current folder.
DEFAULT_DIR = ".genai-lint-cache"
#: Entries an index keeps at most, besides those of the run that writes it.
MAX_ENTRIES = 5000
#: An index file of another fingerprint not written for this long is deleted.
MAX_AGE_DAYS = 30
_LAYOUT = "v2"
_FORMAT = "genai-lint cache v2"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by genai-lint.\n"
)
_FIELDS = ("path", "line", "column", "end_line", "end_column", "start", "end", "rule", "name",
           "message", "text")
#: What reading a damaged entry or index can raise; each means a miss.
_BAD_DATA = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)


def digest(*parts: str | bytes) -> str:
    """SHA-256 over ``parts``, each length-prefixed so that no two sequences collide."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "little"))
        sha.update(data)
    return sha.hexdigest()


class LintCache:
    """Findings per (fingerprint, label, text), stored under ``directory``.

    :meth:`put` stores an entry in memory; the index is written by :meth:`flush`, which
    :meth:`put` calls itself once every key :meth:`get` missed has been put (a caller that
    puts other keys should call :meth:`flush` when it is done).
    """

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = Path(directory)
        self.fingerprint = fingerprint
        self.path = self.directory / _LAYOUT / f"{fingerprint[:32]}.json"
        self._entries: dict[str, Any] | None = None  # key -> [last used, finding records]
        self._used: set[str] = set()
        self._missed: set[str] = set()
        self._pending: dict[str, list[dict[str, Any]]] = {}
        self._ready = False
        self.hits = 0
        self.misses = 0
        self.writes = 0

    def key(self, label: str, text: str) -> str:
        """The entry key of one file."""
        return digest(self.fingerprint, label, text)

    def get(self, key: str) -> list[Finding] | None:
        """The stored findings, or ``None`` when absent or unreadable (a miss)."""
        if self._entries is None:
            self._entries = self._read()
        try:
            found = [_finding(item) for item in self._entries[key][1]]
        except _BAD_DATA:
            self.misses += 1
            self._missed.add(key)
            return None
        self.hits += 1
        self._used.add(key)
        return found

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        """Store findings; the index is written once all the misses are stored."""
        self._pending[key] = [_record(finding) for finding in findings]
        self._missed.discard(key)
        if not self._missed:
            self.flush()

    def flush(self) -> None:
        """Write the stored entries into the index, merged with what it holds now; any OS
        error leaves the cache as it was."""
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        now = _now()
        entries = self._read()  # again: another run may have written it since
        current = set(pending)
        for key, records in pending.items():
            entries[key] = [now, records]
        for key in self._used:
            known = (self._entries or {}).get(key)
            if known is not None:
                entries[key] = [now, known[1]]
                current.add(key)
        entries = _pruned(entries, current)
        data = {"format": _FORMAT, "fingerprint": self.fingerprint, "entries": entries}
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            self._prepare()
            write_atomic(self.path, payload, durable=False)
        except OSError:
            return
        self._entries = entries
        self.writes += len(pending)
        self._remove_stale(time.time())

    def _read(self) -> dict[str, Any]:
        """The entries of the index file; nothing when it is absent or damaged."""
        try:
            with open(self.path, "rb") as stream:
                data = json.loads(stream.read())
        except (OSError, *_BAD_DATA):
            return {}
        if (not isinstance(data, dict) or data.get("format") != _FORMAT
                or data.get("fingerprint") != self.fingerprint):
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def _prepare(self) -> None:
        """Create the folders, a ``.gitignore`` that ignores everything, and CACHEDIR.TAG."""
        if self._ready:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        markers = {".gitignore": "# Created by genai-lint.\n*\n", "CACHEDIR.TAG": _TAG}
        for name, content in markers.items():
            path = self.directory / name
            if not path.exists():
                path.write_text(content, encoding="utf-8")
        self._ready = True

    def _remove_stale(self, now: float) -> None:
        """Delete the index files of other fingerprints not written for MAX_AGE_DAYS, and
        temporary files a killed run left behind."""
        try:
            with os.scandir(self.path.parent) as scan:
                found = list(scan)
        except OSError:
            return
        for entry in found:
            if entry.name == self.path.name:
                continue
            temporary = entry.name.startswith(".") and entry.name.endswith((TEMP_SUFFIX, ".tmp"))
            if not (temporary or entry.name.endswith(".json")):
                continue
            with contextlib.suppress(OSError):
                age = now - entry.stat(follow_symlinks=False).st_mtime
                if age > (3600 if temporary else MAX_AGE_DAYS * 86400):
                    os.unlink(entry.path)


def _now() -> int:
    """The time an entry is stamped with (seconds)."""
    return int(time.time())


def _pruned(entries: dict[str, Any], current: set[str]) -> dict[str, Any]:
    """At most MAX_ENTRIES entries (more only when ``current`` has more): all of ``current``
    and the most recently used others. Malformed entries are dropped."""
    def used(key: str) -> float:
        entry = entries[key]
        stamp = entry[0] if isinstance(entry, list) and len(entry) == 2 else None
        return stamp if isinstance(stamp, (int, float)) else -1

    others = [key for key in entries if key not in current and used(key) >= 0]
    room = max(0, MAX_ENTRIES - len(current))
    if len(others) > room:
        others = sorted(others, key=used, reverse=True)[:room]
    return {key: entries[key] for key in (*current, *others)}


def _record(finding: Finding) -> dict[str, Any]:
    record: dict[str, Any] = {name: getattr(finding, name) for name in _FIELDS}
    record["severity"] = finding.severity.value
    record["fix"] = finding.fix.replacement if finding.fix else None
    record["fix_safe"] = finding.fix.safe if finding.fix else None
    return record


def _finding(record: dict[str, Any]) -> Finding:
    fields = {name: record[name] for name in _FIELDS}
    for name in ("line", "column", "end_line", "end_column", "start", "end"):
        if type(fields[name]) is not int:
            raise TypeError(f"{name} is not an integer")
    for name in ("path", "rule", "name", "message", "text"):
        if not isinstance(fields[name], str):
            raise TypeError(f"{name} is not a string")
    replacement, safe = record["fix"], record["fix_safe"]
    if replacement is not None and not (isinstance(replacement, str) and isinstance(safe, bool)):
        raise TypeError("fix is not a string and a safety flag")
    return Finding(
        **fields,
        severity=Severity(record["severity"]),
        fix=Fix(replacement, safe=safe) if replacement is not None else None,
    )
