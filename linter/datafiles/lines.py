"""YAML data that knows its lines: :class:`LineDict` mappings, and :class:`YamlError`, which
names the file and the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class YamlError(Exception):
    """A problem in a YAML file, rendered as ``file:line: message``."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)
