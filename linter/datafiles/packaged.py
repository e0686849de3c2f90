"""The data files shipped with genai-lint: ``rules/`` in the source tree, the ``linter.rules``
package in a wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def packaged_path(name: str) -> Path:
    """Path of a data file shipped in the ``linter.rules`` package (wheel or editable)."""
    return Path(str(resources.files("linter.rules").joinpath(name)))
