"""Judge "X is a Y" relations: category (GL201), product vs model (GL202), architecture (GL204),
subset direction (GL302)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from linter.checks.base import Match
from linter.claims.constructions import class_relations
from linter.claims.context import asserted
from linter.claims.judge import judge
from linter.claims.mentions import (
    ARCHITECTURE,
    CATEGORY,
    CONCEPT,
    ENTITY,
    VENDOR,
    Mention,
    modality_index,
)
from linter.claims.messages import say
from linter.claims.parsed import GENERIC_HEADS, Parsed
from linter.claims.record import Claim
from linter.claims.relations import IsA
from linter.knowledge import Entity, KnowledgeBase
from linter.textutil import words

LLM = "llm"
GENAI = "generative-ai"
_SUPERSET_PARTS = frozenset({"superset", "umbrella", "generalization"})
#: Determiners that make a claim about some generative AI, not about the field as a whole.
_PARTIAL_DETERMINERS = words(
    "some many certain several most few modern popular today these those text this that our my "
    "your their its his her one"
)


def check(p: Parsed) -> Iterator[Match]:
    seen: set[tuple[int, int]] = set()
    for rel in class_relations(p):
        key = (rel.subject.i, rel.klass.i)
        if key in seen or rel.subject.i == rel.klass.i:
            continue
        seen.add(key)
        match = _judge(p, rel)
        if match is None:
            continue
        tokens = [rel.subject, rel.klass] + ([rel.verb] if rel.verb is not None else [])
        if asserted(p.doc, tokens):
            yield match


def _span(p: Parsed, rel: IsA) -> tuple:
    """Copula and apposition span the claim; list members span the member alone."""
    if rel.how in ("list", "other", "include"):
        return rel.subject, rel.subject
    first = (
        rel.subject.left_edge
        if rel.subject.left_edge.i >= rel.subject.sent.start
        else (rel.subject)
    )
    if rel.subject.i > rel.klass.i:
        return rel.klass, rel.subject
    return first, rel.klass


def _judge(p: Parsed, rel: IsA) -> Match | None:
    subject = p.reference(rel.subject)
    if subject is not None and subject.type == ENTITY and rel.subject.i not in p.mentions and (
        rel.subject.tag_ in ("NNS", "NNPS") and rel.subject.lower_ in GENERIC_HEADS
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
        return None
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
    kb = p.kb
    if subject.type == ENTITY and klass is not None and _one_of_coordinated(
        p, rel.klass, kb.entities[subject.id]
    ):
        return None
    if subject.type == ENTITY:
        entity = kb.entities[subject.id]
        message, rule = entity_verdict(kb, entity, klass, generic or _head_is_model(rel))
    elif subject.type == CATEGORY and subject.id == LLM and klass is not None:
        message, rule = _llm_verdict(kb, klass, rel)
    elif subject.type == CONCEPT and subject.id == GENAI and klass is not None:
        message, rule = _genai_verdict(p, rel, klass)
    else:
        return None
    if message is None or rule is None:
        return None
    return p.match(rule, first, last, message)


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


def entity_verdict(
    kb: KnowledgeBase, entity: Entity, klass: Mention | None, as_model: bool
) -> tuple[str | None, str | None]:
    """Why calling ``entity`` a ``klass`` is wrong (message, rule name), or (None, None).

    ``as_model``: the class noun is "model" (bare, or "generative AI models").
    """
    what = describe(kb, entity)
    if as_model and (klass is None or klass.type == CONCEPT):
        if entity.is_product:
            return say("product-called-model", "model", what=what), "product-called-model"
        return None, None
    assert klass is not None
    if klass.type == CATEGORY:
        category = kb.categories.get(klass.id)
        if category is None or any(
            klass.id in kb.category_lineage(c) for c in entity_categories(entity)
        ):
            return None, None  # its category or an ancestor ("DeepSeek-R1 is an LLM")
        wrong = category.with_article
        if entity.is_product and category.kind == "model":
            if not _outputs_fit(kb, entity_outputs(kb, entity), category.output):
                return say("model-category", "category", what=what, wrong=wrong), "model-category"
            if "text" not in entity_outputs(kb, entity):
                return None, None  # "Midjourney is a text-to-image model": standard usage
            if klass.id == LLM or "model" in klass.text.lower():
                return (say("product-called-model", "category", what=what, wrong=wrong),
                        "product-called-model")
            return None, None
        if not entity.is_product and category.kind == "product":
            if _outputs_fit(kb, entity_outputs(kb, entity), category.output):
                return None, None
            return say("model-category", "category", what=what, wrong=wrong), "model-category"
        if klass.id == LLM or not _compatible(kb, entity, category):
            return say("model-category", "category", what=what, wrong=wrong), "model-category"
        return None, None
    if klass.type == ARCHITECTURE:
        claim = Claim(entity.id, ENTITY, "built_on", klass.id, ARCHITECTURE, 0, 0,
                      construction="is_a")
        verdict = judge(kb, claim)
        if verdict is not None:
            return verdict.message, verdict.rule
    return None, None


def _llm_verdict(kb: KnowledgeBase, klass: Mention, rel: IsA) -> tuple[str | None, str | None]:
    if klass.type == ARCHITECTURE:
        verdict = judge(kb, Claim(LLM, CATEGORY, "built_on", klass.id, ARCHITECTURE, 0, 0))
        return (verdict.message, verdict.rule) if verdict else (None, None)
    if klass.type == CONCEPT and klass.id == GENAI and rel.part in _SUPERSET_PARTS:
        return say("subset-direction", "superset"), "subset-direction"
    if klass.type == CATEGORY and klass.id != LLM and rel.how == "copula":
        category = kb.categories[klass.id]
        if category.kind == "model" and not _overlap(("text",), category.output):
            return (say("model-category", "llm-output", category=category.label),
                    "model-category")
    return None, None


def _genai_verdict(p: Parsed, rel: IsA, klass: Mention) -> tuple[str | None, str | None]:
    if klass.type != CATEGORY or klass.id != LLM or rel.how not in ("copula", "appos", "include"):
        return None, None
    if rel.part in _SUPERSET_PARTS:
        return None, None
    if not about_the_field(rel.subject):
        return None, None
    return say("subset-direction", "reversed"), "subset-direction"


def _compatible(kb: KnowledgeBase, entity: Entity, category) -> bool:
    """Categories are compatible when outputs overlap and (where known) inputs do too."""
    if not _outputs_fit(kb, entity_outputs(kb, entity), category.output):
        return False
    inputs = (
        set(entity.input)
        or {
            i
            for c in entity_categories(entity)
            if c in kb.categories
            for i in kb.categories[c].input
        }
        or {"text"}
    )
    return not category.input or _overlap(inputs, category.input)


def _every(token: Any) -> bool:
    """A noun phrase about all of its class: "every/all/any generative AI tool"."""
    return any(c.lower_ in ("every", "all", "any", "each") for c in token.children)


def about_the_field(token: Any) -> bool:
    """"Generative AI (models)" in general, not "this generative AI tool" or "some ..."."""
    return not any(c.lower_ in _PARTIAL_DETERMINERS for c in token.children)


def _head_is_model(rel: IsA) -> bool:
    """The class noun is "model(s)", alone or ending a merged name ("generative models")."""
    return rel.klass.text.split()[-1].lower() in ("model", "models")


def _outputs_fit(kb: KnowledgeBase, made: Iterable[str], named: Iterable[str]) -> bool:
    """Whether a system making ``made`` fits a class making ``named``, compared at the most
    specific level each names: music fits audio, but music does not fit speech (their
    shared parent, audio, does not count)."""
    mine, theirs = _specific(kb, made), _specific(kb, named)
    return any(
        a == b or kb.modalities[a].parent == b or kb.modalities[b].parent == a
        for a in mine for b in theirs if a in kb.modalities and b in kb.modalities
    ) or bool(mine & theirs)


def _specific(kb: KnowledgeBase, outputs: Iterable[str]) -> set[str]:
    """The outputs without those that are only the parent of another ("music, audio" → music)."""
    given = set(outputs)
    parents = {kb.modalities[o].parent for o in given if o in kb.modalities}
    return given - parents if given - parents else given


def _overlap(first, second) -> bool:
    return bool(set(first) & set(second))


def entity_categories(entity: Entity) -> tuple[str, ...]:
    if entity.category is None:
        return ()
    if isinstance(entity.category, str):
        return (entity.category,)
    return tuple(entity.category)


def entity_outputs(kb: KnowledgeBase, entity: Entity) -> tuple[str, ...]:
    if entity.output:
        return entity.output
    outputs: list[str] = []
    for category_id in entity_categories(entity):
        category = kb.categories.get(category_id)
        if category:
            outputs.extend(category.output)
    return tuple(outputs)


def describe(kb: KnowledgeBase, entity: Entity) -> str:
    """ "ChatGPT is a chatbot powered by GPT-3.5 and GPT-4"."""
    categories = entity_categories(entity)
    category = kb.categories.get(categories[0]) if categories else None
    text = (
        f"{entity.name} is {category.with_article}"
        if category
        else f"{entity.name} is a {entity.kind}"
    )
    powered = [kb.entities[e].name for e in entity.powered_by if e in kb.entities]
    if powered:
        text += " powered by " + join_names(powered[:3])
    return text


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
