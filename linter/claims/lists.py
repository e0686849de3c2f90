"""List constructions read linearly, robust to parses: "Ys such as X and Z", "Ys: X, Z",
"X, Z and other Ys", "Most Ys, X included" (see the table in ``constructions.py``)."""

from __future__ import annotations

from collections.abc import Iterator

from linter.claims.members import LIST_GLUE, after_cue, members
from linter.claims.mentions import ENTITY, VENDOR
from linter.claims.parsed import Parsed, is_entity
from linter.claims.relations import IsA

_DENIALS = frozenset({"not", "n't", "never", "no", "neither"})
#: Marks that open a list after its class ("LLMs: X, Z", "LLMs — X, Z").
_OPENERS = frozenset({":", "—", "–"})


def listed(p: Parsed) -> Iterator[IsA]:
    """ "Ys such as X and Z", "Ys like X", "Ys including X" (read linearly: robust to parses)."""
    doc = p.doc
    for token in doc:
        if p.reference(token) is None and not p.is_generic_model(token):
            continue
        start = after_cue(doc, token.i + 1)
        if start is None or (doc[start - 1].text == ":" and p.reference(token) is None):
            continue  # "Models: Azure OpenAI, Gemini": a label over a loose list of providers
        if doc[token.i + 1].text == "(" and not (
                token.tag_ in ("NNS", "NNPS") or token.text.endswith("s")):
            continue  # only a plural class lists its members in brackets ("LLMs (X, Z)")
        opened = doc[start - 1].text in _OPENERS
        if opened and (any(t.lower_ in _DENIALS for t in doc[token.sent.start : token.i]) or (
                token.dep_ == "pobj" and token.head.lower_ in ("than", "beyond", "besides"))):
            # "Not all Ys are LLMs: X and Z ...", "Y is broader than LLMs: X, Z ...": the names
            # are counter-examples
            continue
        for member in members(p, start):
            if member.dep_ in ("nsubj", "nsubjpass") and (
                opened or doc[member.i - 1].text == ","
            ):
                # "... are LLMs: Stable Diffusion makes images", "Unlike LLMs such as X,
                # Midjourney makes images": a clause begins, the list has ended
                break
            yield IsA(member, token, "list", None, None)


#: Counts a plural class may announce its members with ("two LLMs, X and Z").
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2, "2": 2, "3": 3, "4": 4, "5": 5}


def counted(p: Parsed) -> Iterator[IsA]:
    """ "two well-known Ys, X and Z": a counted plural class set off before exactly as many
    names is glossed by them (a list of another length is a list of other things)."""
    doc = p.doc
    for token in doc:
        if p.reference(token) is None or token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
            continue
        count = next((_COUNTS[c.lower_] for c in token.children
                      if c.lower_ in _COUNTS and c.i < token.i), None)
        if count is None:
            continue
        found = list(members(p, token.i + 2))
        ends = found[-1].i + 1 if found else token.i + 2
        glue = [t.lower_ for t in doc[token.i + 2 : ends]]
        if len(found) == count and ("and" in glue or "or" in glue):
            for member in found:
                yield IsA(member, token, "list", None, None)


#: Words that put the names before them among the Ys that follow ("X and similar Ys").
_OTHER = frozenset({"other", "similar", "comparable"})


def and_other(p: Parsed) -> Iterator[IsA]:
    """ "X, Z and other Ys", "X or any other Y", "X and similar Ys"."""
    doc = p.doc
    for token in doc:
        if token.lower_ not in _OTHER or token.i < 2:
            continue
        joint = token.i - 1
        if doc[joint].lower_ in ("any", "every", "all"):
            joint -= 1  # "X or any other Y"
        if doc[joint].lower_ not in ("and", "or"):
            continue
        klass = token.head if token.dep_ == "amod" else None
        if klass is None:
            continue
        i = joint - 1
        while i >= 0:
            ref = p.mention(doc[i])
            if ref is not None and ref.type == ENTITY:
                yield IsA(doc[i], klass, "other", None, None)
            elif doc[i].lower_ not in LIST_GLUE and not (ref is not None and ref.type == VENDOR):
                break
            i -= 1


def included(p: Parsed) -> Iterator[IsA]:
    """ "Most Ys, X and Z included, ...": the names before a postposed "included"."""
    doc = p.doc
    for token in p.tokens:
        if token.lower_ not in ("included", "among them") or token.i < 3:
            continue
        members, i = [], token.i - 1
        while i > 0:
            found = p.mention(doc[i])
            if found is not None and found.type == ENTITY:
                members.append(doc[i])
            elif doc[i].text == "," and not is_entity(p, doc[i - 1]):
                break  # the comma after the class: "Most LLMs, X included"
            elif doc[i].lower_ not in LIST_GLUE:
                break
            i -= 1
        if not members or doc[i].text != "," or i == 0:
            continue
        klass = doc[i - 1]
        if p.reference(klass) is not None or p.is_generic_model(klass):
            for member in reversed(members):
                yield IsA(member, klass, "list", None, None)
