"""Claims that generative AI is limited to text: "limited to text", "is text-only",
"only works with language"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter.checks.base import Match
from linter.claims.category import GENAI, about_the_field
from linter.claims.context import asserted
from linter.claims.judge import judge
from linter.claims.lexicon import lexicon
from linter.claims.mentions import CONCEPT, modality_index
from linter.claims.modality_words import MODALITY, modality_of
from linter.claims.parsed import GENERIC_HEADS, Parsed
from linter.claims.record import Claim

ONLY = frozenset({"only", "just", "solely", "exclusively", "merely"})


def check(p: Parsed) -> Iterator[Match]:
    yield from _limited_to(p)
    yield from _text_only(p)


def not_only_text(p: Parsed, subject: Any, obj: Any) -> Iterator[Match]:
    """ "Generative AI only makes text": a claim that the field is limited to text."""
    verdict = judge(p.kb, Claim(GENAI, CONCEPT, "limited_to", "text", MODALITY, 0, 0,
                                construction="only"))
    match = p.match(verdict.rule, subject, obj, verdict.message) if verdict else None
    if match:
        yield match


def _limited_to(p: Parsed) -> Iterator[Match]:
    """ "Generative AI is limited to text", "generative AI only works with language"."""
    index = modality_index(p.kb)
    for token in p.tokens:
        objects = _limited_objects(token)
        if not objects:
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")] or [
            c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")
        ]
        for subject in subjects:
            ref = p.reference(subject)
            if ref is None or ref.type != CONCEPT or ref.id != GENAI or not about_the_field(
                subject
            ):
                continue
            for obj in objects:
                if _kind_of(p, obj, index) == "text" and asserted(p.doc, [subject, token]):
                    yield from not_only_text(p, subject, obj)


def _kind_of(p: Parsed, token: Any, index: dict[str, str]) -> str | None:
    """A modality, or the one that names a kind of system ("text systems", "text models")."""
    found = modality_of(token, index)
    if found is None and token.lower_ in GENERIC_HEADS:
        found = next((modality_of(c, index) for c in token.children
                      if c.dep_ in ("compound", "amod") and c.i == token.i - 1), None)
    return found


def _limited_objects(token: Any) -> list[Any]:
    """What ``token`` limits its subject to: "limited to X", "only works with X"."""
    lemma = token.lemma_.lower()
    if lemma in ("limited", "limit", "restricted", "restrict", "confined"):
        objects = [obj for prep in token.children if prep.lower_ == "to"
                   for obj in prep.children]
        return [  # "limited to writing text": the gerund's object, or the word right after it
            o for obj in objects for o in (
                [next((o for o in obj.children if o.dep_ == "dobj"), obj), obj.nbor(1)]
                if obj.dep_ == "pcomp" and obj.i + 1 < len(obj.doc) else [obj])
        ] + [  # "limited to text in practice": the parser read "to text" as a verb
            verb for verb in token.children
            if verb.dep_ == "xcomp" and any(c.lower_ == "to" and c.dep_ == "aux"
                                             for c in verb.children)]
    if lemma in lexicon().limited_verbs and token.pos_ == "VERB":
        preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("with", "to")]
        if not any(c.lower_ in ONLY for c in (*token.children, *(
                t for prep in preps for t in prep.children))):
            return []  # "only works with X", "refers only to X"
        return [c for c in token.children if c.dep_ == "dobj"] + [
            o for prep in preps for o in prep.children if o.dep_ == "pobj"]
    return []


def _text_only(p: Parsed) -> Iterator[Match]:
    """ "Generative AI is text-only", "generative AI is text only"."""
    index = modality_index(p.kb)
    for token in p.tokens:
        if token.lower_ not in ONLY:
            continue
        if token.i >= 2 and token.nbor(-1).text == "-":
            word = token.nbor(-2)  # "text-only"
        elif token.head.i == token.i - 1 and token.head.dep_ in ("attr", "acomp"):
            word = token.head  # "is text only"
        else:
            continue
        if modality_of(word, index) != "text":
            continue
        verb = next((a for a in word.ancestors if a.lemma_ == "be"), None)
        if verb is None:
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] or (
            [verb.nbor(-1)] if verb.i > 0 else [])  # "Since generative AI is ...", misparsed
        for subject in subjects:
            ref = p.reference(subject)
            if ref is not None and (ref.type, ref.id) == (CONCEPT, GENAI) and about_the_field(
                subject
            ) and asserted(p.doc, [subject, verb]):
                yield from not_only_text(p, subject, token)
