"""Class relations stated as breadth: "X falls under Y", "X is broader than Y", "there is no
X outside Y" (constructions of the table in ``constructions.py``)."""

from __future__ import annotations

from collections.abc import Iterator

from linter.claims.lexicon import lexicon
from linter.claims.mentions import CATEGORY, CONCEPT
from linter.claims.parsed import Parsed
from linter.claims.relations import BE_VERBS, IsA, conjuncts_to, through_part, verb_subjects
from linter.markup.textutil import words

_UNDER_VERBS = words("fall belong sit fit live reside")


def falls_under(p: Parsed) -> Iterator[IsA]:
    """ "X falls under / belongs to / sits inside (the category of) Y"."""
    for token in p.tokens:
        if token.dep_ != "pobj" or token.head.lower_ not in (
            "under", "to", "within", "into", "inside"
        ):
            continue
        verb = token.head.head
        if verb.lemma_ not in _UNDER_VERBS:
            continue
        klass, part = through_part(token)
        if part in lexicon().superset_nouns:
            part = None  # under Y's umbrella: a kind of Y
        for subject in verb_subjects(verb):
            yield IsA(subject, klass, "copula", verb, part)


_BROADER = words("broader wider larger bigger more general")
_NARROWER = words("narrower smaller more specific")


def compared_breadth(p: Parsed) -> Iterator[IsA]:
    """ "X is broader than Y" / "X is a broader category than Y": Y is a kind of X;
    "X is narrower than Y": X is a kind of Y."""
    for than in p.tokens:
        if than.lower_ != "than" or than.dep_ != "prep":
            continue
        compared = than.head
        objects = [o for o in than.children if o.dep_ == "pobj"]
        adjective = compared if compared.pos_ == "ADJ" else next(
            (c for c in compared.children if c.dep_ == "amod" and c.pos_ == "ADJ"), None)
        if adjective is None or not objects:
            continue
        word = adjective.lower_
        if adjective.i > 0 and adjective.doc[adjective.i - 1].lower_ == "more":
            word = "more " + word
        verb = compared.head if compared.dep_ in ("acomp", "attr") else compared.head.head
        if verb.lemma_ not in BE_VERBS:
            continue
        for subject in verb_subjects(verb):
            for other in conjuncts_to(objects[0]):
                if word in _BROADER:
                    yield IsA(other, subject, "compared", verb, None)
                elif word in _NARROWER:
                    yield IsA(subject, other, "compared", verb, None)


def broader_one(p: Parsed) -> Iterator[IsA]:
    """ "X is the broader category, and Y sits inside it": with no "than", the other class of
    the sentence is the narrower one."""
    for adjective in p.tokens:
        if adjective.lower_ not in _BROADER or adjective.dep_ != "amod" or any(
                t.lower_ == "than" for t in adjective.sent):
            continue
        noun = adjective.head
        verb = noun.head if noun.dep_ == "attr" else None
        if verb is None or verb.lemma_ not in BE_VERBS:
            continue
        for subject in verb_subjects(verb):
            named = p.reference(subject)
            others = [t for t in adjective.sent if t.i not in (subject.i, noun.i)
                      and (found := p.mention(t)) is not None and named is not None
                      and found.type in (CATEGORY, CONCEPT) and found.id != named.id]
            for other in others[:1]:
                yield IsA(other, subject, "compared", verb, None)


def nothing_outside(p: Parsed) -> Iterator[IsA]:
    """ "There is no X outside (of) Y": every X is a Y."""
    for outside in p.tokens:
        if outside.lower_ != "outside" or outside.head.i == outside.i:
            continue
        noun = outside.head
        if not any(c.lower_ in ("no", "nothing") for c in [*noun.children, noun]):
            continue
        objects = [o for c in [outside, *outside.children] for o in c.children
                   if o.dep_ == "pobj"] + [o for o in outside.children if o.dep_ == "pobj"]
        for other in objects[:1]:
            yield IsA(noun, other, "outside", noun.head, None)
