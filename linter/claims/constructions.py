"""The table of syntactic constructions that state a class relation ("X is a Y"), in one place.

Each entry names a construction, the function that reads it off a parse (yielding
:class:`~linter.claims.relations.IsA` records, never verdicts) and an example. The category,
product, architecture and subset checks (``category.py``) read every relation the table yields;
the judge decides. Vendor attribution (``vendor.py``) and outputs (``modality.py``) read their
own constructions, listed in their module documentation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from linter.claims import appositions, breadth, lists, relations
from linter.claims.parsed import Parsed
from linter.claims.relations import IsA


@dataclass(frozen=True)
class Construction:
    name: str
    read: Callable[[Parsed], Iterator[IsA]]
    example: str


CLASS_CONSTRUCTIONS: tuple[Construction, ...] = (
    Construction("copula", relations.copula,
                 '"X is a Y", "X is known as Y", "the only kind of Y is X"'),
    Construction("apposition", appositions.apposition, '"X, a Y, ..." (as parsed)'),
    Construction("set-off phrase", appositions.set_off,
                 '"X, Google\'s Y, ...", "X, a Y developed at Z" (read linearly)'),
    Construction("list", lists.listed,
                 '"Ys such as X", "Ys like X", "Ys including X", "Ys: X, Z", "Ys — X, Z —"'),
    Construction("and other", lists.and_other, '"X, Z and other Ys", "X and similar Ys"'),
    Construction("counted", lists.counted, '"two Ys, X and Z" (as many names as counted)'),
    Construction("included", lists.included, '"Most Ys, X included, ..."'),
    Construction("include", relations.include,
                 '"Ys include X", "X includes every kind of Y"'),
    Construction("basis", relations.built_on,
                 '"X is built on / based on / powered by Y", "X, powered by Y"'),
    Construction("compound", relations.compound, '"the X LLM", "the LLM X"'),
    Construction("possessive", relations.possessive,
                 '"X\'s GAN architecture", "X\'s transformer" (architectures only)'),
    Construction("falls under", breadth.falls_under,
                 '"X falls under / belongs to Y"'),
    Construction("like any", appositions.like_any, '"Like any Y, X ...", "As a Y, X ..."'),
    Construction("compared breadth", breadth.compared_breadth,
                 '"Y is broader than X", "X is a narrower field than Y"'),
    Construction("broader one", breadth.broader_one,
                 '"Y is the broader category, and X sits inside it"'),
    Construction("nothing outside", breadth.nothing_outside, '"there is no X outside (of) Y"'),
    Construction("glossary", relations.glossary, '"X: a Y ..." (a glossary line)'),
    Construction("parenthesised", relations.parenthesised, '"X (Y)", a class in brackets'),
)


def class_relations(p: Parsed) -> Iterator[IsA]:
    """Every class relation that any construction of the table reads in ``p``."""
    for construction in CLASS_CONSTRUCTIONS:
        yield from construction.read(p)
