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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.datafiles import yamlcache
from linter.knowledge.surface import NAME, PATTERN, TERM, Form

if TYPE_CHECKING:
    from linter.knowledge.base import KnowledgeBase

_FORMAT = b"genai-lint name digest v4\0"  # v4: packed strings, with the spellings' keys


#: Between the strings packed into one (no name holds it).
_SEPARATOR = "\x1f"
_KINDS = (NAME, PATTERN, TERM)


@dataclass(frozen=True)
class NameDigest:
    """``forms``: every form the mention finder can match (see ``surface.surface_forms``);
    ``spellings``: (spelling, ambiguous, preferred, a model's) of every entity and vendor name;
    ``keys``: each spelling's look-up key and parts (``nameindex.key_and_parts``)."""

    forms: tuple[Form, ...]
    spellings: tuple[tuple[str, bool, bool, bool], ...]
    keys: tuple[tuple[str, tuple[str, ...]], ...]


def digest_of(kb: KnowledgeBase) -> NameDigest:
    """The digest computed from a loaded knowledge base."""
    from linter.knowledge.spellings import key_and_parts, spellings
    from linter.knowledge.surface import surface_forms

    names = tuple(spellings(kb))
    return NameDigest(tuple(sorted(surface_forms(kb))), names,
                      tuple(key_and_parts(text) for text, *_ in names))


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
        yamlcache.put(entry, _encode(digest))
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


def _encode(digest: NameDigest) -> list[str]:
    """The digest as a few long strings (the forms of each kind, the spellings, their flags,
    keys and parts): a clean file's start reads it, and JSON reads one long string much faster
    than thousands of short lists."""
    join = _SEPARATOR.join
    return [
        *(join(text for k, text in digest.forms if k == kind) for kind in _KINDS),
        join(text for text, *_ in digest.spellings),
        "".join(f"{a:d}{p:d}{m:d}" for _, a, p, m in digest.spellings),
        join(key for key, _ in digest.keys),
        join(" ".join(parts) for _, parts in digest.keys),
    ]


def _decode(data: object) -> NameDigest | None:
    """The digest :func:`_encode` wrote, or None if ``data`` is not one."""
    def split(text: str) -> list[str]:
        return text.split(_SEPARATOR) if text else []

    try:
        payload: Any = data
        names, patterns, terms, texts, keys, parts = map(split, payload[:4] + payload[5:])
        flags = payload[4]
        if len(payload) != 7 or not len(flags) == 3 * len(texts) == 3 * len(keys) == 3 * len(
                parts):
            return None
        forms = tuple(chain.from_iterable(zip(repeat(kind), of_kind) for kind, of_kind in zip(
            _KINDS, (names, patterns, terms), strict=True)))
        ambiguous, preferred, model = (map("1".__eq__, flags[i::3]) for i in range(3))
        spelt = tuple(zip(texts, ambiguous, preferred, model, strict=True))
        return NameDigest(forms, spelt, tuple(zip(keys, map(tuple, map(str.split, parts)),
                                                  strict=True)))
    except (TypeError, ValueError, AttributeError):
        return None
