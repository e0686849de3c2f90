"""The attribute ruler's matches found by table look-up instead of spaCy's Matcher.

spaCy's English pipelines end with an ``attribute_ruler``: a few hundred one- and two-token
patterns (a tag, a lower-case form, a dependency label) that set the coarse part of speech,
the morphology and some lemmas. Its Matcher tries every pattern at every token and took a
quarter of each parse. :func:`speed_up` gives the ruler a ``match`` that finds the same
matches by looking up each token's tag and lower-case form; the ruler then applies them
exactly as before. A pipeline whose patterns use anything else keeps spaCy's Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Matcher keys read here (as ``Doc.to_array`` gives them: strings as their hashes).
_ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")

#: A test of one token: (the attribute's place in ``_ATTRIBUTES``, operator, operand); the
#: operators are "==", "in", "not in" and "re".
Check = tuple[int, str, Any]
_TAG, _LOWER, _DEP, _IS_SPACE = 0, 1, 2, 3
#: Words whose ``REGEX`` answers are kept (a language server sees ever more words).
_MEMO_LIMIT = 100_000


@dataclass(frozen=True)
class _Rule:
    """One pattern of the ruler's entry ``ident``: the checks of each of its tokens."""

    ident: int
    tokens: tuple[tuple[Check, ...], ...]


def _check(attribute: int, value: object, strings: Any) -> Check | None:
    """The Matcher's test of one key: a value, or ``IN`` / ``NOT_IN`` / ``REGEX`` (None when
    it is anything else)."""
    if isinstance(value, bool):
        return attribute, "==", int(value)
    if isinstance(value, str):
        return attribute, "==", strings.add(value)
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (operator, operand), = value.items()
    if operator in ("IN", "NOT_IN") and isinstance(operand, list):
        members = frozenset(map(strings.add, operand))
        return attribute, "in" if operator == "IN" else "not in", members
    if operator == "REGEX" and isinstance(operand, str) and attribute != _IS_SPACE:
        search = re.compile(operand).search
        known: dict[int, bool] = {}  # prose repeats its words

        def matches(key: int) -> bool:
            found = known.get(key)
            if found is None:
                if len(known) >= _MEMO_LIMIT:
                    known.clear()
                found = known[key] = search(strings[key]) is not None
            return found

        return attribute, "re", matches
    return None


def _token_checks(spec: Mapping[str, object], strings: Any) -> tuple[Check, ...] | None:
    checks = []
    for key, value in spec.items():
        check = _check(_ATTRIBUTES.index(key), value, strings) if key in _ATTRIBUTES else None
        if check is None:
            return None
        checks.append(check)
    return tuple(checks)


def _passes(row: Sequence[int], checks: tuple[Check, ...]) -> bool:
    """Whether a token (its row of ``Doc.to_array(_ATTRIBUTES)``) passes ``checks``."""
    for attribute, operator, operand in checks:
        value = row[attribute]
        if operator == "==":
            if value != operand:
                return False
        elif operator == "in":
            if value not in operand:
                return False
        elif operator == "not in":
            if value in operand:
                return False
        elif not operand(value):
            return False
    return True


def _values(checks: tuple[Check, ...], attribute: int) -> tuple[Any, ...] | None:
    """The values of ``attribute`` a token must have to pass ``checks`` (None: any)."""
    for name, operator, operand in checks:
        if name == attribute and operator == "==":
            return (operand,)
        if name == attribute and operator == "in":
            return tuple(operand)
    return None


class FastMatch:
    """``ruler.match`` by look-up: each token's candidate patterns are those indexed under its
    tag and lower-case form, its tag, its lower-case form, or neither."""

    def __init__(self, ruler: Any, rules: Sequence[_Rule]) -> None:
        self._strings = ruler.vocab.strings
        #: keyed by (tag, lower-case form), either None when the first token's checks leave
        #: it open; then by ("dep", label) or ("space", 1); (None, None): the rest
        self._index: dict[tuple[Any, Any], list[_Rule]] = {}
        for rule in rules:
            first = rule.tokens[0]
            tags, lowers = _values(first, _TAG), _values(first, _LOWER)
            if tags is None and lowers is None:
                deps, spaces = _values(first, _DEP), _values(first, _IS_SPACE)
                keys = [("dep", dep) for dep in deps] if deps is not None else [
                    ("space", space) for space in spaces] if spaces is not None else [(None, None)]
            else:
                keys = [(tag, lower) for tag in tags or (None,) for lower in lowers or (None,)]
            for key in keys:
                self._index.setdefault(key, []).append(rule)

    @classmethod
    def of(cls, ruler: Any) -> FastMatch | None:
        """The look-up for ``ruler``, or None if a pattern uses what it does not read."""
        rules = []
        for ident, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tokens = [_token_checks(spec, ruler.vocab.strings) for spec in pattern]
                if not pattern or entry["index"] not in range(-len(pattern), len(pattern)) or any(
                        checks is None for checks in tokens):
                    return None
                rules.append(_Rule(ident, tuple(tokens)))  # type: ignore[arg-type]
        return cls(ruler, rules)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (entry, its key, start, end), sorted."""
        size = len(doc)
        if size == 0:
            return []
        table = doc.to_array(list(_ATTRIBUTES)).tolist()
        index = self._index
        found: set[tuple[int, int, int]] = set()
        for start, row in enumerate(table):
            tag, lower, dep, space = row
            for key in ((tag, lower), (tag, None), (None, lower), ("dep", dep), ("space", space),
                        (None, None)):
                for rule in index.get(key, ()):
                    tokens = rule.tokens
                    if len(tokens) == 1:
                        if _passes(row, tokens[0]):
                            found.add((rule.ident, start, start + 1))
                    elif start + len(tokens) <= size and all(
                            _passes(table[start + offset], checks)
                            for offset, checks in enumerate(tokens)):
                        found.add((rule.ident, start, start + len(tokens)))
        return sorted((ident, self._strings[str(ident)], start, end)
                      for ident, start, end in found)


def speed_up(nlp: Any) -> bool:
    """Give the pipeline's attribute ruler the look-up :class:`FastMatch` (True if it has one
    it can read)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastMatch.of(ruler)
    if fast is None:
        return False
    ruler.match = fast
    return True
