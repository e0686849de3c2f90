"""``--diff``: the fixes of a run as a unified diff (``a/PATH`` → ``b/PATH``), as git prints
one; nothing is written."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from linter.files.source import decode

_NO_NEWLINE = "\\ No newline at end of file\n"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def unified_diff(label: str, before: bytes, after: bytes) -> str:
    """The diff of one file's bytes (decoded with the file's own encoding; newlines kept)."""
    old, new = _lines(before), _lines(after)
    parts: list[str] = []
    for line in difflib.unified_diff(old, new, f"a/{label}", f"b/{label}"):
        parts.append(line if line.endswith(("\n", "\r")) else line + "\n" + _NO_NEWLINE)
    return "".join(parts)


def unified_diffs(changed: Mapping[str, tuple[bytes, bytes]]) -> str:
    """The diffs of every changed file (label → (before, after)), in label order."""
    return "".join(unified_diff(label, *changed[label]) for label in sorted(changed))


def _lines(data: bytes) -> list[str]:
    source = decode(data)
    return _LINE.findall(data[len(source.bom):].decode(source.encoding))
