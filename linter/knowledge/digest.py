"""What the name prefilters need from the knowledge base, cached so a start skips loading it.

A file with no AI name in it is still scanned for knowledge-base names (the claim prefilter,
:mod:`linter.knowledge.quickscan`) and for misspelt ones (GL114,
:mod:`linter.checks.kinds.spelling`). Both need only the names, not the knowledge base: this
digest holds them, stored as JSON in the parsed-YAML cache (:mod:`linter.datafiles.yamlcache`)
under a hash of the knowledge files' bytes, so a clean file costs a JSON read instead of loading
hundreds of entities. Any change to a file changes the hash; any problem with the cache means
building the digest from the knowledge base.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.datafiles import yamlcache
from linter.knowledge.surface import Form

if TYPE_CHECKING:
    from linter.knowledge.base import KnowledgeBase

_FORMAT = b"genai-lint name digest v3\0"  # v3: each form with its kind
#: Entity kinds whose names are model names (hyphens and spaces between their words vary).
MODEL_KINDS = frozenset({"model", "model-family"})


@dataclass(frozen=True)
class NameDigest:
    """``forms``: every literal the mention finder can match (see ``quickscan.surface_forms``);
    ``spellings``: (spelling, ambiguous, preferred, a model's) of every entity and vendor name."""

    forms: tuple[Form, ...]
    spellings: tuple[tuple[str, bool, bool, bool], ...]


def digest_of(kb: KnowledgeBase) -> NameDigest:
    """The digest computed from a loaded knowledge base."""
    from linter.knowledge.surface import surface_forms

    return NameDigest(tuple(sorted(surface_forms(kb))), tuple(spellings(kb)))


def load_digest(paths: Sequence[Path], build: Callable[[], KnowledgeBase]) -> NameDigest:
    """The digest of the knowledge base made of ``paths``, from the cache when it holds it,
    else from ``build()`` (then stored)."""
    entry = _entry(paths)
    if entry is not None:
        found, data = yamlcache.get(entry)
        digest = _decode(data) if found else None
        if digest is not None:
            return digest
    digest = digest_of(build())
    if entry is not None:
        yamlcache.put(entry, [[list(f) for f in digest.forms], [list(s) for s in digest.spellings]])
    return digest


def _entry(paths: Sequence[Path]) -> str | None:
    hasher = hashlib.sha256(_FORMAT)
    try:
        for path in (*paths, _terms_file()):  # the misspellings come from the name rules
            data = Path(path).read_bytes()
            hasher.update(f"{len(data)}\0".encode())
            hasher.update(data)
    except OSError:
        return None  # the knowledge base will report the unreadable file itself
    return hasher.hexdigest()


def _terms_file() -> Path:
    from linter.datafiles.packaged import packaged_path
    from linter.knowledge.misspellings import TERMS_FILE

    return Path(packaged_path(TERMS_FILE))


def _decode(data: object) -> NameDigest | None:
    try:
        payload: Any = data
        forms, spellings = payload
        return NameDigest(
            tuple((str(kind), str(text)) for kind, text in forms),
            tuple((str(t), bool(a), bool(p), bool(m)) for t, a, p, m in spellings),
        )
    except (TypeError, ValueError):
        return None


def spellings(kb: KnowledgeBase) -> Iterator[tuple[str, bool, bool, bool]]:
    """(spelling, ambiguous, preferred, a model's) of every entity and vendor name and alias."""
    for entity in kb.entities.values():
        ambiguous = bool(getattr(entity, "ambiguous", False))
        model = entity.kind in MODEL_KINDS
        yield entity.name, ambiguous, True, model
        for alias in entity.aliases:
            yield alias, ambiguous, False, model
    for vendor in kb.vendors.values():
        ambiguous = bool(getattr(vendor, "ambiguous", False))
        yield vendor.name, ambiguous, True, False
        for alias in vendor.aliases:
            yield alias, ambiguous, False, False
