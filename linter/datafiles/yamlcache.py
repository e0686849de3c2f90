"""A content-addressed cache of parsed YAML files (rules, knowledge), so a start skips PyYAML.

Entries are JSON, never pickle (a cache file must not be able to run code), named by a hash
of the file's text, in the user cache folder: ``$GENAI_LINT_CACHE_HOME``, else
``$XDG_CACHE_HOME/genai-lint``, else ``~/.cache/genai-lint`` (``%LOCALAPPDATA%`` on Windows).
Data JSON cannot hold exactly (dates, binary, sets, non-string keys) is not cached. Any
problem reading or writing an entry means parsing the YAML as before.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from linter.datafiles.lines import LineDict
from linter.files.atomic import write_atomic

_FORMAT = b"genai-lint parsed-yaml v2\0"
_MAP = "\0map"  # marks an encoded LineDict: [line, [[key, line], ...], [[key, value], ...]]


class _Unsupported(TypeError):
    """A value JSON cannot carry exactly."""


def folder() -> Path | None:
    """The user cache folder for parsed YAML, or None when there is no home to put it in."""
    base = os.environ.get("GENAI_LINT_CACHE_HOME")
    if base:
        return Path(base) / "yaml"
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "genai-lint" / "Cache" / "yaml"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "genai-lint" / "yaml"
    try:
        return Path.home() / ".cache" / "genai-lint" / "yaml"
    except RuntimeError:
        return None


def key(text: str) -> str:
    return hashlib.sha256(_FORMAT + text.encode("utf-8", "surrogatepass")).hexdigest()


def get(entry: str) -> tuple[bool, Any]:
    """The stored parse of the text hashed to ``entry``: ``(True, data)``, or ``(False, None)``."""
    where = folder()
    if where is None:
        return False, None
    try:
        with open(where / f"{entry}.json", "rb") as stream:
            stored = json.loads(stream.read(), object_hook=_decode_object)
        if not isinstance(stored, list) or len(stored) != 2 or stored[0] != entry:
            return False, None
        return True, stored[1]
    except (OSError, ValueError, TypeError, IndexError, KeyError):
        return False, None


def put(entry: str, data: Any) -> None:
    """Store ``data`` (a parse result) atomically; skipped when it cannot be stored exactly."""
    where = folder()
    if where is None:
        return
    try:
        payload = json.dumps([entry, _encode(data)], ensure_ascii=False, allow_nan=True)
    except (_Unsupported, ValueError, RecursionError):
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        write_atomic(where / f"{entry}.json", payload.encode("utf-8"), durable=False)
    except OSError:
        return


def _encode(value: Any, seen: set[int] | None = None) -> Any:
    """JSON-ready form of parsed YAML. A mapping or list met twice (a YAML alias) is not
    cached: written out, nested aliases grow exponentially (a "billion laughs" file)."""
    if seen is None:
        seen = set()
    if isinstance(value, (LineDict, list)):
        if id(value) in seen:
            raise _Unsupported("a shared node (YAML alias)")
        seen.add(id(value))
    if isinstance(value, LineDict):
        if not all(isinstance(k, str) for k in value):
            raise _Unsupported("non-string key")
        items = [[k, _encode(v, seen)] for k, v in value.items()]
        key_lines = list(getattr(value, "key_lines", {}).items())
        return {_MAP: [value.line, key_lines, items]}
    if isinstance(value, list):
        return [_encode(item, seen) for item in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise _Unsupported(type(value).__name__)


def _decode_object(obj: dict[str, Any]) -> Any:
    if _MAP in obj:
        line, key_lines, items = obj[_MAP]
        mapping = LineDict((k, v) for k, v in items)
        mapping.line = line
        mapping.key_lines = dict(key_lines)
        return mapping
    raise ValueError("unexpected mapping in a parsed-YAML entry")
