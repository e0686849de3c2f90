"""Validate user-supplied rule and knowledge files against the JSON Schemas shipped in
``rules/`` (``rules.schema.json``, ``knowledge.schema.json``); errors name file, line and key.

The shipped files are checked by the test suite instead, so a normal run never imports
jsonschema.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from linter.datafiles.lines import LineDict, YamlError
from linter.datafiles.packaged import packaged_path

RULES_SCHEMA = "rules.schema.json"
KNOWLEDGE_SCHEMA = "knowledge.schema.json"


@cache
def _validator(schema_file: str) -> Any:
    import jsonschema

    schema = json.loads(packaged_path(schema_file).read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def validate(path: Path, data: Any, schema_file: str) -> None:
    """Raise :class:`YamlError` for the first schema violation in ``data``, with its line."""
    import jsonschema

    errors = list(_validator(schema_file).iter_errors(data))
    if not errors:
        return
    error = jsonschema.exceptions.best_match(errors)
    where = list(error.absolute_path)
    unexpected = re.search(r"'([^']+)' (?:was|were) unexpected", error.message)
    if unexpected and isinstance(error.instance, dict):
        where.append(unexpected.group(1))  # point at the unknown key itself
    key = ".".join(str(part) for part in where) or "(top level)"
    raise YamlError(path, _line_of(data, where), f"{key}: {error.message}")


def _line_of(data: Any, where: list[Any]) -> int | None:
    """The line of the deepest mapping key on ``where`` that the YAML loader recorded."""
    line = data.line if isinstance(data, LineDict) else None
    node = data
    for part in where:
        if isinstance(node, LineDict) and isinstance(part, str):
            line = node.line_of(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            line = node.line if isinstance(node, LineDict) else line
        else:
            break
    return line
