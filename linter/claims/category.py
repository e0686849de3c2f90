"""Read "X is a Y" relations as claims: category (GL201), product vs model (GL202),
architecture (GL204), subset direction (GL302). The judge decides."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter.checks.base import Match
from linter.claims.constructions import class_relations
from linter.claims.context import asserted, quoted
from linter.claims.facts import entity_categories, entity_outputs
from linter.claims.judge import judge
from linter.claims.lexicon import lexicon
from linter.claims.mentions import (
    ARCHITECTURE,
    CATEGORY,
    CONCEPT,
    ENTITY,
    VENDOR,
    Mention,
    modality_index,
)
from linter.claims.messages import one_for_the_list
from linter.claims.parsed import GENERIC_HEADS, Parsed
from linter.claims.record import GENERIC, GENERIC_MODEL, Claim, Verdict
from linter.claims.relations import IsA
from linter.knowledge.base import Entity
from linter.markup.textutil import words

LLM = "llm"
GENAI = "generative-ai"
#: Constructions whose own words look like contrast or negation ("broader than", "no X outside Y")
_SELF_CONTRASTED = frozenset({"compared", "outside"})
#: Determiners that make a claim about some generative AI, not about the field as a whole.
_PARTIAL_DETERMINERS = words(
    "some many certain several most few modern popular today these those text this that our my "
    "your their its his her one"
)


def check(p: Parsed) -> Iterator[Match]:
    seen: set[tuple[int, int]] = set()
    listed: dict[tuple[str, int], list[tuple[Match, str]]] = {}
    for rel in class_relations(p):
        key = (rel.subject.i, rel.klass.i)
        if key in seen or rel.subject.i == rel.klass.i:
            continue
        seen.add(key)
        match = _judge(p, rel)
        if match is None:
            denial = _wrong_denial(p, rel) or _field_denied(p, rel) if (
                rel.how == "copula") else None
            if denial is not None:
                yield denial  # "Mixtral 8x7B is not a transformer": what it denies is right
            continue
        tokens = [rel.subject, rel.klass] + ([rel.verb] if rel.verb is not None else [])
        in_list = rel.how in ("list", "other")
        if rel.how in _SELF_CONTRASTED:
            tokens = [rel.verb]  # its "than" or "no" is the claim, not a denial of it
        elif in_list:
            # "You may use LLMs such as X": the membership is presupposed, not hedged
            tokens = [rel.subject]
        # an apposition, a list or a possessive is presupposed even in a question ("Which is
        # better: X, a Y, or Z?"); a copula in a question asks
        presupposed = in_list or rel.how in ("possessive", "compound") or (
            rel.how == "appos" and _set_off(rel))  # not "Is X an LLM?" read as apposition
        set_off = rel.how == "appos" and _set_off(rel) and not _denied_between(rel)
        if set_off:
            # "X, a Y, is not approved": the main clause's "not" is no part of the phrase
            tokens = [rel.klass]
        elif _relative_copula(rel):
            # "do not ask X, which is a Y, to ...": the relative clause states it on its own
            tokens, presupposed = [rel.verb, rel.klass], True
        if not asserted(p.doc, tokens, questions=not presupposed,
                        negations=not (in_list or set_off)):
            continue
        if rel.how in ("list", "other", "include") or rel.subject.conjuncts:
            # ("Midjourney and DALL·E are LLMs": one claim about both, one finding)
            listed.setdefault((match.code, rel.klass.i), []).append(
                (match, p.written(rel.subject)))
        else:
            yield match
    rule_of = {code: rule for rule, code in p.codes.items()}
    for members in listed.values():
        yield one_for_the_list(rule_of[members[0][0].code], members)


def _relative_copula(rel: IsA) -> bool:
    """ "X, which is a Y": a copula in a relative clause set off by a comma."""
    verb = rel.verb
    return verb is not None and verb.dep_ == "relcl" and verb.i >= 2 and any(
        c.dep_ == "nsubj" and c.lower_ in ("which", "who") and c.i > 0
        and c.nbor(-1).text == "," for c in verb.children)


#: Words after "not" that keep the class ("not just a transformer", "not only a GAN").
_NOT_ONLY = frozenset({"just", "only", "merely", "simply", "purely", "solely"})


def _wrong_denial(p: Parsed, rel: IsA) -> Match | None:
    """ "X is not a Y" stated plainly (no question, hedge, report or modifier on Y) when the
    knowledge base records that X is a Y: only architectures are judged."""
    verb, klass = rel.verb, rel.klass
    if verb is None or klass.head.i != verb.i or not any(
        c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ in ("amod", "compound", "advmod") or c.lower_ in _NOT_ONLY
        for c in klass.children) or any(
        t.lower_ in _NOT_ONLY for t in p.doc[verb.i + 1 : klass.i]
    ):
        return None
    if not _denial_stated(p, rel):
        return None
    subject, named = p.reference(rel.subject), p.mention(klass)
    if subject is None or subject.type != ENTITY or named is None or named.type != ARCHITECTURE:
        return None
    claim = Claim(subject.id, ENTITY, "is_a", named.id, ARCHITECTURE, 0, 0, polarity=False,
                  construction="denial", object_text=named.text)
    verdict = judge(p.kb, claim)
    first, last = _span(p, rel)
    return p.match(verdict.rule, first, last, verdict.message) if verdict else None


def _denial_stated(p: Parsed, rel: IsA) -> bool:
    """The denial is asserted but for its own "not": no question, report, contrast or
    quotation, no hedge or condition on the verb."""
    words = lexicon()
    return asserted(p.doc, [rel.subject], negations=False) and not any(
        quoted(p.doc, t) for t in (rel.klass, rel.verb)) and not any(
        c.dep_ in ("aux", "mark") and c.lower_ in words.hedges | words.conditions
        for c in rel.verb.children)


#: Determiners that make "only ... Xs" a part of the class: "only some LLMs count as Y".
_SOME = frozenset({"some", "certain", "few", "several", "a"})


def _field_denied(p: Parsed, rel: IsA) -> Match | None:
    """ "LLMs are not generative AI", "not every LLM is generative AI", "only some LLMs count
    as generative AI": every large language model is generative AI."""
    subject, klass = p.reference(rel.subject), p.reference(rel.klass)
    if rel.verb is None or rel.part is not None or subject is None or klass is None or (
        (subject.type, subject.id) != (CATEGORY, LLM) or (klass.type, klass.id) != (
            CONCEPT, GENAI)
    ) or any((c.dep_ in ("amod", "compound", "advmod") and p.mention(c) is None)
             or c.lower_ in _NOT_ONLY for c in rel.klass.children) or any(
        t.lower_ in _NOT_ONLY for t in p.doc[rel.verb.i + 1 : rel.klass.i]
    ):
        return None
    if (rel.klass.i not in p.mentions and rel.klass.lemma_.lower() not in ("model", "system")
        ) or any(c.dep_ == "prep" and c.lower_ != "as"
                 for c in (*rel.klass.children, *rel.verb.children)):
        return None  # "not generative AI tools in the usual sense": a narrower sense
    before = {t.lower_ for t in p.doc[max(rel.subject.sent.start, rel.subject.left_edge.i - 2)
                                      : rel.subject.i]}
    # ("not only LLMs are generative AI": others are too)
    denies = any(c.dep_ == "neg" for c in rel.verb.children) or (
        "not" in before and "only" not in before) or (
        "only" in before and bool(before & _SOME) and "not" not in before)
    if not denies or not _denial_stated(p, rel):
        return None
    verdict = judge(p.kb, Claim(LLM, CATEGORY, "subclass_of", GENAI, CONCEPT, 0, 0,
                                polarity=False, construction="denial"))
    first, last = _span(p, rel)
    return p.match(verdict.rule, first, last, verdict.message) if verdict else None


def _denied_between(rel: IsA) -> bool:
    """A negator between the name and its set-off class ("X, not an LLM, ...")."""
    first, last = sorted((rel.subject.i, rel.klass.i))
    return any(t.lower_ in lexicon().negators for t in rel.subject.doc[first:last + 1])


def _set_off(rel: IsA) -> bool:
    """A true apposition: a comma between the name and the class ("X, a Y")."""
    first, last = sorted((rel.subject.i, rel.klass.i))
    return any(t.text == "," for t in rel.subject.doc[first:last])


def _span(p: Parsed, rel: IsA) -> tuple:
    """Copula and apposition span the claim; list members span the member alone (a class said
    to include another class: the whole claim)."""
    named = p.reference(rel.subject)
    if rel.how == "include" and named is not None and named.type == CATEGORY and (
            rel.klass.i < rel.subject.i):
        return rel.klass, rel.subject  # "LLMs, a broad category that includes image models"
    if rel.how in ("list", "other", "include"):
        return rel.subject, rel.subject
    first = (
        rel.subject.left_edge
        if rel.subject.left_edge.i >= rel.subject.sent.start
        else (rel.subject)
    )
    if first.i < rel.subject.i and first.lower_ in lexicon().instructions | lexicon().control_verbs:
        first = first.nbor(1)  # "Load X, a Y": the instruction the parser read into the name
    if rel.subject.i > rel.klass.i:
        return rel.klass, rel.subject
    return first, rel.klass


def _judge(p: Parsed, rel: IsA) -> Match | None:
    subject = p.reference(rel.subject)
    if subject is not None and subject.type == ENTITY and rel.subject.i not in p.mentions and (
        rel.subject.tag_ in ("NNS", "NNPS") and rel.subject.lower_ in GENERIC_HEADS
        and p.kb.entities[subject.id].is_product
    ):
        return None  # "Bedrock models (open-weight models)": models on X, not X itself
    if subject is not None and subject.type == VENDOR:
        subject = p.product_named(subject)  # "Meta AI is the LLM in WhatsApp": the assistant
    if subject is None:
        return None
    klass = p.reference(rel.klass)
    generic = klass is None and p.is_generic_model(rel.klass)
    if rel.how == "compound" and rel.klass.lemma_.lower() == "model" and rel.klass.i not in (
        p.mentions
    ):
        if _models_of(p, rel):
            return None
        klass, generic = None, True
    if klass is None and not generic:
        if subject.type == ENTITY and rel.how in ("copula", "appos"):
            verdict = _modifier_architecture(p, rel, subject.id)  # "a GAN-based recognizer"
            first, last = _span(p, rel)
            return p.match(verdict.rule, first, last, verdict.message) if verdict else None
        return None
    if subject.type == CATEGORY and klass is not None and klass.type == ARCHITECTURE and (
            _past(rel.verb)):
        return None  # "before 2017, most language models were recurrent networks": history
    if rel.how == "basis" and klass is not None and klass.type == ENTITY and (
        subject.type == ENTITY
    ):
        return _powered_by(p, rel, subject.id, klass.id)
    if rel.how == "basis" and klass is not None and subject.type == CONCEPT and (
        subject.id == GENAI and klass.type == CATEGORY and klass.id == LLM
        and _every(rel.subject)
    ):
        rel = IsA(rel.subject, rel.klass, "copula", rel.verb, None)  # "every X is built on an LLM"
    elif rel.how == "basis" and (klass is None or klass.type != ARCHITECTURE):
        return None
    first, last = _span(p, rel)
    if subject.type == ENTITY and klass is not None and _one_of_coordinated(
        p, rel.klass, p.kb.entities[subject.id]
    ):
        return None
    claim = _claim(rel, subject, klass, generic)
    verdict = judge(p.kb, claim) if claim is not None else None
    if verdict is None and subject.type == ENTITY and klass is not None and (
        klass.type in (CATEGORY, ARCHITECTURE)
    ):  # "a diffusion language model", "a dense 671B-parameter transformer"
        verdict = _modifier_architecture(p, rel, subject.id)
    return p.match(verdict.rule, first, last, verdict.message) if verdict else None


def _past(verb: Any) -> bool:
    """A verb in the past tense ("were", "were built"): a statement about a class then."""
    return verb is not None and (verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children))


def _modifier_architecture(p: Parsed, rel: IsA, entity_id: str) -> Verdict | None:
    """An architecture named before the class noun ("Phi-4 is a diffusion language model"):
    a claim of its own about the entity."""
    for child in rel.klass.children:
        named = p.mention(child)
        if child.dep_ in ("compound", "amod", "nmod") and named is not None and (
            named.type == ARCHITECTURE
        ):
            verdict = judge(p.kb, Claim(entity_id, ENTITY, "is_a", named.id, ARCHITECTURE, 0, 0,
                                        construction=rel.how, object_text=named.text))
            if verdict is not None:
                return verdict
    return None


def _claim(rel: IsA, subject: Mention, klass: Mention | None, generic: bool) -> Claim | None:
    """The claim a class relation makes, from what its two sides name."""
    if subject.type == ENTITY:
        if (generic or _head_is_model(rel)) and (klass is None or klass.type == CONCEPT):
            return Claim(subject.id, ENTITY, "is_a", GENERIC_MODEL, GENERIC, 0, 0,
                         construction=rel.how)
        if klass is None or klass.type not in (CATEGORY, ARCHITECTURE):
            return None
        return Claim(subject.id, ENTITY, "is_a", klass.id, klass.type, 0, 0,
                     construction=rel.how, object_text=klass.text)
    if klass is None:
        return None
    if subject.type == CATEGORY and subject.id == LLM:
        if klass.type == ARCHITECTURE:
            return Claim(LLM, CATEGORY, "built_on", klass.id, ARCHITECTURE, 0, 0,
                         construction=rel.how)
        if klass.type == CONCEPT and klass.id == GENAI and rel.part in lexicon().superset_nouns:
            return Claim(GENAI, CONCEPT, "subclass_of", LLM, CONCEPT, 0, 0,
                         construction="superset")
        if klass.type == CATEGORY and klass.id != LLM and rel.how == "copula":
            return Claim(LLM, CATEGORY, "subclass_of", klass.id, CATEGORY, 0, 0,
                         construction=rel.how)
        return None
    if subject.type == CATEGORY and klass.type == CATEGORY and klass.id == LLM and (
        rel.how in ("copula", "appos", "compared", "include")
        and rel.part not in lexicon().superset_nouns
        and about_the_field(rel.subject)
    ):  # "image generators are a subset of LLMs", "LLMs include image generators"
        return Claim(subject.id, CATEGORY, "subclass_of", LLM, CATEGORY, 0, 0,
                     construction=rel.how)
    if subject.type == CONCEPT and subject.id == GENAI and klass.type == CATEGORY and (
        klass.id == LLM and rel.how in ("copula", "appos", "include", "compared", "outside")
        and rel.part not in lexicon().superset_nouns
    ):
        quantifier = "all" if about_the_field(rel.subject) else "some"
        return Claim(GENAI, CONCEPT, "subclass_of", LLM, CONCEPT, 0, 0, quantifier=quantifier,
                     construction=rel.how)
    if subject.type == CONCEPT and subject.id == GENAI and klass.type == CATEGORY and (
        rel.how == "copula" and rel.part is None and _every(rel.subject)
        and not rel.klass.conjuncts
    ):  # "all generative AI tools are chatbots": the field given one narrower class
        return Claim(GENAI, CONCEPT, "subclass_of", klass.id, CATEGORY, 0, 0,
                     quantifier="all", construction=rel.how)
    return None


def _models_of(p: Parsed, rel: IsA) -> bool:
    """"Bedrock models", "your ChatGPT models": models offered on or by a platform or
    product (a plural head, or a platform's name), not a claim that it is a model."""
    found = p.reference(rel.subject)
    entity = p.kb.entities.get(found.id) if found is not None and found.type == ENTITY else None
    return rel.klass.tag_ in ("NNS", "NNPS") or (entity is not None and entity.kind == "platform")


def _one_of_coordinated(p: Parsed, klass: Any, entity: Entity) -> bool:
    """"image and video generation models such as FLUX": a class noun with coordinated
    modifiers names a union; the entity fits when it makes any of their outputs or
    is in any of their categories."""
    if klass.dep_ == "conj" and any(c.dep_ == "det" for c in klass.children):
        return False  # "an LLM and a video generator": two phrases, each a claim of its own
    start = klass.left_edge.i
    if klass.dep_ == "conj" and klass.head.i < klass.i:  # "image and ... models" misparsed
        start = min(start, klass.head.left_edge.i)
    phrase = p.doc[start : klass.i + 1]
    if not any(t.dep_ == "cc" or t.text in ("/", "&") for t in phrase):
        return False
    index = modality_index(p.kb)
    named = {index[t.lemma_.lower()] for t in phrase if t.lemma_.lower() in index}
    categories = {m.id for t in phrase if (m := p.mentions.get(t.i)) and m.type == CATEGORY}
    return bool(named & set(entity_outputs(p.kb, entity))) or bool(
        categories & set(entity_categories(entity)))


def _powered_by(p: Parsed, rel: IsA, product_id: str, model_id: str) -> Match | None:
    """"X is powered by / built on / runs on Y" where Y is a model."""
    claim = Claim(product_id, ENTITY, "powered_by", model_id, ENTITY, 0, 0, construction="basis")
    verdict = judge(p.kb, claim)
    if verdict is None:
        return None
    first, last = sorted((rel.subject, rel.klass), key=lambda t: t.i)
    return p.match(verdict.rule, first, last, verdict.message)


def _every(token: Any) -> bool:
    """A noun phrase about all of its class: "every/all/any generative AI tool"."""
    return any(c.lower_ in ("every", "all", "any", "each") for c in token.children)


def about_the_field(token: Any) -> bool:
    """"Generative AI (models)" in general, not "this generative AI tool" or "some ..."."""
    return not any(c.lower_ in _PARTIAL_DETERMINERS and c.i < token.i and not _complementizer(c)
                   for c in token.children)  # (a determiner comes first: not "X ... text")


def _complementizer(token: Any) -> bool:
    """ "that" after a verb ("Remember that generative AI ..."), misread as a determiner, or
    not parsed as one at all ("told participants that generative AI ...")."""
    return token.lower_ == "that" and token.i > 0 and (
        token.nbor(-1).pos_ in ("VERB", "AUX") or token.dep_ != "det")


def _head_is_model(rel: IsA) -> bool:
    """The class noun is "model(s)", alone or ending a merged name ("generative models")."""
    return rel.klass.text.split()[-1].lower() in ("model", "models")
