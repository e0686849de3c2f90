"""YAML loading that remembers line numbers, so errors can name the file, key and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class YamlError(Exception):
    """A problem in a YAML file, rendered as ``file:line: message``."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class LineDict(dict):
    """A mapping from YAML that knows the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


#: libyaml's parser when PyYAML was built with it (about 8x faster on the knowledge base).
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            str(key_node.value): key_node.start_mark.line + 1 for key_node, _ in node.value
        }
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse a YAML file; a syntax error becomes a :class:`YamlError` with its line."""
    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(path, line, f"invalid YAML: {exc.problem or exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(path, None, f"cannot read: {exc}") from None
