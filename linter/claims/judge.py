"""The judge: compares a :class:`Claim` with the knowledge base's facts for its predicate.

No syntax here and no facts in code: a verdict depends only on the claim and the KB.
"""

from __future__ import annotations

from collections.abc import Callable

from linter.claims.messages import say
from linter.claims.record import Claim, Verdict
from linter.knowledge import Entity, KnowledgeBase

ENTITY_TYPE = "entity"


def judge(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    """A verdict when ``claim`` (asserted, positive) contradicts the knowledge base."""
    if not claim.polarity:
        return None
    check = _JUDGES.get(claim.predicate)
    return check(kb, claim) if check is not None else None


def _made_by(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    entity = kb.entities.get(claim.subject)
    if entity is None or entity.vendor is None or entity.vendor == claim.object:
        return None
    right, wrong = kb.vendors.get(entity.vendor), kb.vendors.get(claim.object)
    if right is None or wrong is None:
        return None
    if wrong.host or claim.object in right.affiliates or entity.vendor in wrong.affiliates:
        return None
    return Verdict("model-vendor", say("model-vendor", "vendor", name=entity.name,
                                       right=right.name, wrong=wrong.name), right.name)


def entity_architectures(kb: KnowledgeBase, entity: Entity) -> tuple[str, ...]:
    """The entity's recorded architecture properties, else its category's (an LLM's)."""
    if entity.architecture:
        return entity.architecture
    first = entity.category[0] if isinstance(entity.category, tuple) else entity.category
    for category_id in kb.category_lineage(first):
        category = kb.categories.get(category_id)
        if category is not None and category.architecture:
            return category.architecture
    return ()


def architecture_phrase(kb: KnowledgeBase, architecture_id: str) -> str:
    """ "a transformer-based model", "a diffusion model"."""
    if architecture_id == "transformer":
        return "a transformer-based model"
    term = kb.architectures.get(architecture_id)
    return term.with_article if term else architecture_id


def _most_specific(kb: KnowledgeBase, known: tuple[str, ...]) -> str:
    """The known property that implies the most others ("decoder-only" over "transformer")."""
    return max(known, key=lambda a: (len(kb.architecture_closure([a])), -known.index(a)))


def _built_on(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    entity = kb.entities.get(claim.subject) if claim.subject_type == ENTITY_TYPE else None
    category = kb.categories.get(claim.subject) if entity is None else None
    if entity is not None:
        known = (*entity_architectures(kb, entity), *entity.components)
    elif category is not None:
        known = category.architecture
    else:
        return None
    if not known or not kb.architecture_conflicts(claim.object, known):
        return None
    wrong = kb.architectures[claim.object].with_article
    right = architecture_phrase(kb, _most_specific(kb, known))
    if entity is not None:
        return Verdict("model-architecture",
                       say("model-architecture", "entity", name=entity.name, right=right,
                           wrong=wrong))
    if right == "a transformer-based model":
        right = "transformer-based"
    subject = ("Large language models are" if claim.subject == "llm"
               else f"A {kb.categories[claim.subject].label} is")
    return Verdict("model-architecture",
                   say("model-architecture", "class", subject=subject, right=right, wrong=wrong))


def _family_chain(kb: KnowledgeBase, entity_id: str) -> list[str]:
    chain: list[str] = []
    while entity_id and entity_id not in chain and entity_id in kb.entities:
        chain.append(entity_id)
        entity_id = kb.entities[entity_id].family or ""
    return chain


def _powered_by(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    product = kb.entities.get(claim.subject)
    model = kb.entities.get(claim.object)
    if product is None or model is None or not product.powered_by or model.is_product:
        return None
    known = {e for p in product.powered_by for e in _family_chain(kb, p)}
    if set(_family_chain(kb, model.id)) & known:
        return None
    if model.vendor is not None and model.vendor == product.vendor:
        return None  # a vendor's product running the vendor's newer model: not recorded ≠ wrong
    names = [kb.entities[e].name for e in product.powered_by if e in kb.entities]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return Verdict("powered-by", say("powered-by", "powered", name=product.name, listed=listed,
                                     model=model.name))


_JUDGES: dict[str, Callable[[KnowledgeBase, Claim], Verdict | None]] = {
    "made_by": _made_by,
    "built_on": _built_on,
    "powered_by": _powered_by,
}
