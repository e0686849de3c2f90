"""The spellings of knowledge-base names, and the key and parts each is looked up by: what the
name digest (:mod:`linter.knowledge.digest`) stores and the name index
(:mod:`linter.checks.nameindex`) reads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.checks.namekeys import key_of

if TYPE_CHECKING:
    from linter.knowledge.base import KnowledgeBase

#: Entity kinds whose names are model names (hyphens and spaces between their words vary).
MODEL_KINDS = frozenset({"model", "model-family"})
#: Longest span looked up, in words ("Claude 3.5 Sonnet").
MAX_WORDS = 3
#: A name-like word: one that starts a word with a capital letter or a digit (the character
#: class first, so that the scan skips other text fast; the look-behind then checks the start).
NAME_WORD = r"[A-Z0-9](?<![^\W_][A-Z0-9])[^\W_]*(?:[.·][^\W_]+)*"
#: The parts of a name or span: runs of letters and runs of digits, case-folded first.
PARTS = re.compile(r"[^\W\d_]+|\d+")
# A spelling prose scanning can give as one span: name-like words, at most MAX_WORDS.
_RUNNABLE = re.compile(rf"{NAME_WORD}(?:[ \u00a0\n-]{NAME_WORD}){{0,{MAX_WORDS - 1}}}")


def key_and_parts(name: str) -> tuple[str, tuple[str, ...]]:
    """A known name's look-up key and its parts; ("", ()) for a name prose scanning never
    gives as one span."""
    if _RUNNABLE.fullmatch(name) is None:
        return "", ()
    return key_of(name), tuple(PARTS.findall(name.casefold()))


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
