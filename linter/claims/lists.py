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


def and_other(p: Parsed) -> Iterator[IsA]:
    """ "X, Z and other Ys", "X or any other Y"."""
    doc = p.doc
    for token in doc:
        if token.lower_ != "other" or token.i < 2:
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
