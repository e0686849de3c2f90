"""YAML loading that remembers line numbers, so errors can name the file, key and line.

Parsed files are cached (:mod:`linter.datafiles.yamlcache`); the data is built of
:class:`~linter.datafiles.lines.LineDict` mappings.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from linter.datafiles.lines import LineDict, YamlError


@cache
def _line_loader() -> Any:
    """A safe loader that builds :class:`LineDict` mappings (libyaml's parser when available,
    about 8x faster on the knowledge base). PyYAML is imported here, on first use."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _LineLoader(base):  # type: ignore[misc]
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
    # Dates stay text ("2024-05-13"): data files compare and print them, never compute with them.
    _LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_str)
    return _LineLoader


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse a YAML file; a syntax error becomes a :class:`YamlError` with its line.

    A file parsed before (same text) comes from :mod:`linter.datafiles.yamlcache` without PyYAML.
    """
    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(path, None, f"cannot read: {exc}") from None
    from linter.datafiles import yamlcache

    entry = yamlcache.key(text)
    found, data = yamlcache.get(entry)
    if not found:
        data = _parse(path, text)
        yamlcache.put(entry, data)
    return data


def yaml_problem(exc: Any) -> str:
    """One line for a YAML syntax error; PyYAML >= 6.0.4 reports deep nesting itself."""
    problem = str(exc.problem or exc)
    return "nested too deeply" if "nesting depth" in problem else " ".join(problem.split())


def _parse(path: Path, text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_line_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(path, line, f"invalid YAML: {yaml_problem(exc)}") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, None, f"invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise YamlError(path, None, "invalid YAML: nested too deeply") from None
