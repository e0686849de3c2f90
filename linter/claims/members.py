"""The names a list cue introduces, read linearly: "Ys such as X and Z", "Ys (X, Z)", "Ys: X,
Z" (for the list constructions in ``lists.py`` and the checks that ask a noun for its list)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter.claims.mentions import ENTITY, VENDOR
from linter.claims.parsed import Parsed

_LIST_CUES = (
    ("such", "as"), ("like",), ("including",), ("e.g.",), ("e.g",), ("eg",), ("for", "example"),
    ("for", "instance"), ("especially",), ("particularly",), ("namely",), ("notably",), (":",),
    ("—",), ("–",),
)
LIST_GLUE = frozenset({",", "and", "or", "&", "as", "well", "the", "’s", "'s", "plus"})


def list_members(p: Parsed, token: Any) -> list[Any]:
    """The entities a noun introduces: "Tools such as Claude and Llama 2" → [Claude, Llama 2]."""
    start = after_cue(p.doc, token.i + 1)
    return [] if start is None else list(members(p, start))


def after_cue(doc: Any, i: int) -> int | None:
    """Where the names start after a list cue at ``i`` ("such as", "like", ":"), or None."""
    if i < len(doc) and doc[i].text == "(":
        # "Ys (currently X and Z)": a bracketed list, after an adverb or a list cue
        j = i + 1
        if j < len(doc) and doc[j].pos_ == "ADV":
            j += 1
        return after_cue(doc, j) or j
    if i < len(doc) and doc[i].text == ",":
        i += 1
    for cue in _LIST_CUES:
        words = [t.lower_ for t in doc[i : i + len(cue)]]
        if tuple(words) == cue:
            j = i + len(cue)
            if j < len(doc) and doc[j].text in (",", ":"):
                j += 1
            return j
    return None


def members(p: Parsed, i: int) -> Iterator[Any]:
    """The names from ``i`` on, joined by commas and "and"/"or", until another word."""
    doc = p.doc
    while i < len(doc):
        token = doc[i]
        ref = p.mention(token)
        if ref is not None and ref.type == ENTITY:
            yield token
        elif not (token.lower_ in LIST_GLUE or (ref is not None and ref.type == VENDOR)):
            return
        i += 1
