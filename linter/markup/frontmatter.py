"""YAML (``---``) and TOML (``+++``) front matter at the start of a document."""

from __future__ import annotations

import re

_TOML_FENCE = re.compile(r"\+\+\+[ \t]*(?:\n|\Z)")
_YAML_OPEN = re.compile(r"(-{3,})[^\n]*(?:\n|\Z)")
_YAML_CLOSE = re.compile(r"(?:(-{3,})|\.\.\.)[ \t]*(?:\n|\Z)", re.M)


def toml_front_matter_end(text: str) -> int:
    """End of a ``+++`` TOML front matter block at the start of ``text`` (0 if none)."""
    if not _TOML_FENCE.match(text):
        return 0
    pos = text.find("\n") + 1
    while 0 < pos < len(text):
        match = _TOML_FENCE.match(text, pos)
        if match:
            return match.end()
        pos = text.find("\n", pos) + 1
    return 0


def yaml_front_matter_end(text: str) -> int:
    """End of a ``---`` YAML front matter block at the start of ``text`` (0 if none)."""
    opening = _YAML_OPEN.match(text)
    if not opening:
        return 0
    pos = opening.end()
    while 0 < pos < len(text):
        match = _YAML_CLOSE.match(text, pos)
        if match and (match.group(1) is None or len(match.group(1)) >= len(opening.group(1))):
            return match.end()
        pos = text.find("\n", pos) + 1
    return 0

