"""The data files shipped with genai-lint: ``rules/`` in the source tree, the ``linter.rules``
package in a wheel."""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path


@cache
def _rules_directory() -> Path:
    """The directory of the ``linter.rules`` package (found without :mod:`importlib.resources`,
    which imports ``zipfile`` and ``tempfile``: start-up time a clean file should not pay)."""
    spec = find_spec("linter.rules")
    locations = list(spec.submodule_search_locations or ()) if spec else []
    if not locations:
        raise FileNotFoundError("the linter.rules data package is not installed")
    return Path(locations[0])


def packaged_path(name: str) -> Path:
    """Path of a data file shipped in the ``linter.rules`` package (wheel or editable)."""
    return _rules_directory() / name
