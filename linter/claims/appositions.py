"""Class relations set off after a name: apposition ("X, a Y, ..."), a phrase set off by
commas whatever the parser made of it ("X, Google DeepMind's video model, ..."), and a
fronted "Like any Y," / "As a Y," (constructions of the table in ``constructions.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter.claims.members import list_members
from linter.claims.mentions import ARCHITECTURE, CATEGORY, CONCEPT, ENTITY
from linter.claims.parsed import GENERIC_HEADS, Parsed
from linter.claims.relations import IsA, through_part, verb_subjects


def like_any(p: Parsed) -> Iterator[IsA]:
    """"Like any LLM, X predicts ..." and "As an LLM, X ..." say that X is an LLM."""
    for token in p.tokens:
        fronted = _fronted_as(p, token)
        if fronted is not None:
            yield IsA(fronted, token, "copula", fronted.head, None)
            continue
        if token.dep_ != "pobj":
            continue
        preposition, verb = token.head.lower_, token.head.head
        if preposition in ("with", "to") and verb.lower_ in _COMPARING:
            preposition, verb = "unlike", verb.head  # "Compared with other LLMs, X ..."
        if preposition not in _LIKENESS:
            continue
        found = {c.lower_ for c in token.children}
        cue = _LIKENESS[preposition]
        if (cue is None or found & cue) and verb.pos_ in ("VERB", "AUX"):
            # "Y released X as a Z": the object is the Z; "X works as a Z": the subject
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < token.head.i
                       and token.head.lower_ == "as"]
            for described in objects or verb_subjects(verb):
                yield IsA(described, token, "copula", verb, None)


#: Prepositions that put a system among a class, with the words the class noun must take
#: (None: any): "like any Y", "as a Y", "among Ys", "unlike other Ys" ("unlike Ys" sets it
#: apart instead).
_LIKENESS: dict[str, frozenset[str] | None] = {
    "like": frozenset({"any", "every", "all", "other"}), "as": frozenset({"a", "an"}),
    "among": None, "unlike": frozenset({"other"})}
#: Participles that make "with"/"to" a comparison ("Compared with other Ys, X ...").
_COMPARING = frozenset({"compared", "relative", "contrasted"})


def _fronted_as(p: Parsed, token: Any) -> Any | None:
    """The subject after a fronted "As a Y," / "Like any Y," that the parser did not hang on
    the preposition ("As an LLM, GitHub Copilot suggests ...": "LLM" read as a modifier of the
    name; "Like any LLM, X hallucinates": the name read as an apposition of "LLM")."""
    doc, i = p.doc, token.i
    if token.dep_ == "pobj" or i < 2 or i + 2 >= len(doc) or p.reference(token) is None:
        return None
    cue = _FRONTED.get(doc[i - 2].lower_, frozenset())
    if not (doc[i - 1].lower_ in cue and doc[i - 2].i == doc[i - 2].sent.start
            and doc[i + 1].text == ","):
        return None
    subject = doc[i + 2]
    named = p.mention(subject)
    if named is None or subject.dep_ not in ("nsubj", "nsubjpass", "appos"):
        return None
    return subject


#: A fronted "As a Y," or "Like any Y,": the preposition and the words that may follow it.
_FRONTED = {"as": frozenset({"a", "an"}), "like": frozenset({"any", "every", "all", "other"})}


def apposition(p: Parsed) -> Iterator[IsA]:
    for token in p.tokens:
        if token.dep_ == "appos" and _fronted_as(p, token.head) is not None:
            continue  # "Like any LLM, X ...": read by like_any
        if token.dep_ != "appos":
            loose = _loose_apposition(p, token)
            if loose is not None:
                yield IsA(loose, token, "appos", None, None)
            continue
        head = token.head
        head_ref, token_ref = p.reference(head), p.reference(token)
        if list_members(p, token) or list_members(p, head) or not _next_to(head, token) or (
                head.lemma_.lower() == token.lemma_.lower() and p.mention(token) is None):
            continue  # "image models like X, music models like Y": two lists, no apposition;
            # ("Transformer layers, Mamba layers and ...": one noun twice is a list)
        if head_ref is not None and head_ref.type in (ENTITY, CATEGORY, CONCEPT):
            klass, part = through_part(token)
            if head_ref.type == ENTITY or part is not None:  # "generative AI (LLMs)" is GL301
                yield IsA(head, klass, "appos", None, part)
            elif head_ref.type == CATEGORY and token.i == head.i + 1 and (
                    token_ref is not None and token_ref.type == ENTITY):
                yield IsA(token, head, "appos", None, None)  # "the text-to-image model X"
        elif token_ref is not None and token_ref.type == ENTITY and not _label(p, head, token):
            yield IsA(token, head, "appos", None, None)


def _next_to(head: Any, token: Any) -> bool:
    """An apposition follows its head or a mark ("X, a Y", "X (a Y)"), not a word of another
    phrase ("X, a Z, chains model calls": "model" misread as a second apposition)."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False  # a clause, misread ("..., chains model calls")
    if any(t.text == ";" for t in token.doc[min(head.i, token.i) + 1 : max(head.i, token.i)]):
        return False  # "X is a GAN; Y, by contrast, is ...": a semicolon ends the clause
    first = token.left_edge.i
    before = token.doc[first - 1] if first > 0 else None
    return before is None or before.is_punct or before.i == head.i or before.head.i == head.i


def _label(p: Parsed, head: Any, token: Any) -> bool:
    """"Models: Azure OpenAI, Gemini": a generic word as a label before a colon."""
    return p.reference(head) is None and any(
        t.text == ":" for t in p.doc[head.i + 1 : token.i])


def set_off(p: Parsed) -> Iterator[IsA]:
    """"Veo, Google DeepMind's video model, ...": the class noun of a phrase set off by a
    comma after an entity (:meth:`Parsed.appositive_phrase`), whatever the parser made of it."""
    for token in p.tokens:
        span = p.appositive_phrase(token)
        if span is None:
            continue
        for candidate in p.doc[span[0] : span[1]]:
            if candidate.dep_ == "prep" and candidate.lower_ != "of":
                break  # "X, the standard metric for language models": what it is for
            found = p.mention(candidate)
            if (found is not None and found.type in (CATEGORY, ARCHITECTURE)) or (
                found is None and candidate.lower_ in GENERIC_HEADS
            ):
                yield IsA(token, candidate, "appos", None, None)
                break


def _loose_apposition(p: Parsed, token: Any) -> Any | None:
    """"loads Stable Diffusion, the LLM we use": an apposition the parser did not label."""
    if p.reference(token) is None:
        return None
    inner = p.appositive_entity(token)
    if inner is not None:
        return inner
    if token.dep_ not in ("npadvmod", "dep"):
        return None
    i = token.left_edge.i - 1
    if i < 1 or p.doc[i].text != ",":
        return None
    before = p.doc[i - 1]
    ref = p.mention(before)
    return before if ref is not None and ref.type == ENTITY else None
