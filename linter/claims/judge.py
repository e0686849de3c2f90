"""The judge: compares a :class:`Claim` with the knowledge base's facts for its predicate.

No syntax here and no facts in code: a verdict depends only on the claim and the KB.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from linter.claims.facts import (
    allowed_outputs,
    architecture_phrase,
    class_lineage,
    class_outputs,
    compatible,
    describe,
    entity_architectures,
    entity_categories,
    entity_outputs,
    family_chain,
    modality_labels,
    month_year,
    outputs_fit,
)
from linter.claims.messages import say
from linter.claims.record import ANY_OUTPUT, AUTHORED, GENERIC, GENERIC_MODEL, Claim, Verdict
from linter.knowledge.base import Entity, KnowledgeBase

ENTITY_TYPE = "entity"
#: The classes the scope of a system's output is measured against.
GENAI, LLM = "generative-ai", "llm"


def judge(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    """A verdict when ``claim`` contradicts the knowledge base (a denied claim: when the KB
    records what it denies)."""
    if not claim.polarity:
        return _denied(kb, claim)
    check = _JUDGES.get(claim.predicate)
    return check(kb, claim) if check is not None else None


def _made_by(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    entity = kb.entities.get(claim.subject)
    if entity is None or entity.vendor is None or entity.vendor == claim.object:
        return None
    right, wrong = kb.vendors.get(entity.vendor), kb.vendors.get(claim.object)
    if right is None or wrong is None:
        return None
    if (wrong.host and claim.construction != AUTHORED) or claim.object in right.affiliates or (
            entity.vendor in wrong.affiliates) or claim.object in entity.co_developers:
        return None
    return Verdict("model-vendor", say("model-vendor", "vendor", name=entity.name,
                                       right=right.name, wrong=wrong.name), right.name)


def _denied(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    """A system said not to have an architecture it has ("Mixtral 8x7B is not a transformer":
    a mixture of experts is a transformer), a class not to belong to its field. Other denials
    are not judged."""
    if claim.predicate == "subclass_of":
        return _denied_subclass(kb, claim)
    entity = kb.entities.get(claim.subject) if claim.subject_type == ENTITY_TYPE else None
    if entity is None or entity.is_product or claim.object_type != "architecture" or (
        claim.predicate not in ("is_a", "built_on")
    ):
        return None
    known = entity_architectures(kb, entity)
    if not known or claim.object not in kb.architecture_closure(known) or _versions_differ(
            kb, known):
        return None  # (a family built differently over versions may lack it in one)
    denied = kb.architectures[claim.object].with_article
    right = architecture_phrase(kb, _most_specific(kb, known))
    if right == denied:
        return Verdict("model-architecture", say("model-architecture", "denied", name=entity.name,
                                                 denied=denied))
    return Verdict("model-architecture", say("model-architecture", "denied_more",
                                             name=entity.name, denied=denied, right=right))


def _denied_subclass(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    """A class said not to be a kind of a field it belongs to ("LLMs are not generative AI")."""
    if claim.object not in kb.concepts or claim.object not in class_lineage(
            kb, claim.subject)[1:]:
        return None
    label = kb.categories[claim.subject].label if claim.subject in kb.categories else (
        kb.concepts[claim.subject].label)
    return Verdict("subset-direction", say(
        "subset-direction", "denied", narrow=label[:1].upper() + label[1:] + "s",
        broad=kb.concepts[claim.object].label))


def _versions_differ(kb: KnowledgeBase, known: tuple[str, ...]) -> bool:
    """Recorded properties that contradict each other: a family whose versions were built
    differently ("DALL·E": a transformer, then diffusion)."""
    return any(kb.declared_conflict(a, b) for a in known for b in known)


def _most_specific(kb: KnowledgeBase, known: tuple[str, ...]) -> str:
    """The known property that implies the most others ("decoder-only" over "transformer")."""
    return max(known, key=lambda a: (len(kb.architecture_closure([a])), -known.index(a)))


def _built_on(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    entity = kb.entities.get(claim.subject) if claim.subject_type == ENTITY_TYPE else None
    category = kb.categories.get(claim.subject) if entity is None else None
    if entity is not None:
        built = entity_architectures(kb, entity)
        known = (*built, *entity.components)
    elif category is not None:
        built = known = category.architecture
    else:
        return None
    if not known or claim.object in kb.architecture_closure(known):
        return None
    basis = built or known  # what it is, not its parts ("Jukebox": a VQ-VAE inside)
    if not kb.architecture_conflicts(claim.object, basis):
        return None
    if _versions_differ(kb, basis) and not all(
            kb.architecture_conflicts(claim.object, (a,)) for a in basis):
        return None  # versions built differently ("DALL·E": a transformer, then diffusion)
    wrong = kb.architectures[claim.object].with_article
    # the reason: a known property the claim contradicts ("autoregressive" against "encoder-only")
    reasons = tuple(a for a in basis if kb.architecture_conflicts(claim.object, (a,))) or basis
    right = architecture_phrase(kb, _most_specific(kb, reasons))
    if entity is not None:
        return Verdict("model-architecture",
                       say("model-architecture", "entity", name=entity.name, right=right,
                           wrong=wrong))
    if right == "a transformer-based model":
        right = "transformer-based"
    subject = ("Large language models are" if claim.subject == LLM
               else f"A {kb.categories[claim.subject].label} is")
    return Verdict("model-architecture",
                   say("model-architecture", "class", subject=subject, right=right, wrong=wrong))


def _powered_by(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    product = kb.entities.get(claim.subject)
    model = kb.entities.get(claim.object)
    if product is None or model is None or not product.powered_by or model.is_product:
        return None
    known = {e for p in product.powered_by for e in family_chain(kb, p)}
    if set(family_chain(kb, model.id)) & known:
        return None
    if model.vendor is not None and model.vendor == product.vendor:
        return None  # a vendor's product running the vendor's newer model: not recorded ≠ wrong
    names = [kb.entities[e].name for e in product.powered_by if e in kb.entities]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return Verdict("powered-by", say("powered-by", "powered", name=product.name, listed=listed,
                                     model=model.name))


def _is_a(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    """A named system said to be a model, a category or an architecture."""
    entity = kb.entities.get(claim.subject)
    if entity is None or claim.subject_type != ENTITY_TYPE:
        return None
    what = describe(kb, entity)
    if claim.object == GENERIC_MODEL and claim.object_type == GENERIC:
        return Verdict("product-called-model", say("product-called-model", "model", what=what)) if (
            entity.is_product) else None
    if claim.object_type == "architecture":
        if entity.is_product and claim.object_text.lower().endswith(("model", "network")):
            # "ChatGPT, a transformer model": a product called a model
            return Verdict("product-called-model", say("product-called-model", "model",
                                                       what=what))
        return _built_on(kb, claim)
    category = kb.categories.get(claim.object) if claim.object_type == "category" else None
    if category is None or any(
        claim.object in kb.category_lineage(c) for c in entity_categories(entity)
    ):
        return None  # its category or an ancestor ("DeepSeek-R1 is an LLM")
    wrong = category.with_article
    outputs = entity_outputs(kb, entity)
    wrong_category = Verdict("model-category", say("model-category", "category", what=what,
                                                   wrong=wrong))
    if entity.is_product and category.kind == "model":
        if not outputs_fit(kb, outputs, category.output):
            return wrong_category
        if "text" not in outputs:
            return None  # "Midjourney is a text-to-image model": standard usage
        named = claim.object_text.lower()
        if claim.object == LLM or "model" in named or re.search(r"\bllms?\b", named):
            return Verdict("product-called-model", say("product-called-model", "category",
                                                       what=what, wrong=wrong))
        return None
    if not entity.is_product and category.kind == "product":
        return None if outputs_fit(kb, outputs, category.output) else wrong_category
    if claim.object == LLM or not compatible(kb, entity, category):
        return wrong_category
    return None


def _subclass_of(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    """One class said to be a kind of another: wrong when the other is a kind of it (the
    subset turned around), or when a class of text models is given a class that makes no text."""
    if claim.quantifier in ("some", "not_all"):
        return None
    if claim.object_type == "architecture":
        return _built_on(kb, claim)
    lineage = class_lineage(kb, claim.object)
    if claim.subject in lineage[1:] and claim.subject in kb.concepts and claim.object in (
        kb.concepts
    ):  # the fields themselves: "generative AI is a type of LLM"
        label = kb.concepts[claim.object].label
        narrow, broad = label[:1].upper() + label[1:] + "s", kb.concepts[claim.subject].label
        if claim.construction == "superset":
            return Verdict("subset-direction", say("subset-direction", "superset",
                                                   narrow=narrow, broad=broad))
        return Verdict("subset-direction", say("subset-direction", "reversed", narrow=narrow,
                                               broad=broad))
    category = kb.categories.get(claim.object)
    field = kb.concepts.get(claim.subject)
    if field is not None and category is not None and claim.object not in kb.concepts and (
        claim.subject not in class_lineage(kb, claim.object)
    ) and set(category.output) < set(field.output):
        # the whole field given one narrower class: "all generative AI tools are chatbots"
        label = category.label
        return Verdict("subset-direction", say(
            "subset-direction", "reversed", narrow=label[:1].upper() + label[1:] + "s",
            broad=field.label))
    if claim.object in class_lineage(kb, claim.subject) or category is None or (
        category.kind != "model" or claim.subject not in kb.categories
    ):
        return None
    if not set(class_outputs(kb, claim.subject)) & set(category.output):
        if claim.object == LLM:  # "image generators are a subset of LLMs": siblings
            narrow = kb.categories[claim.subject].label
            return Verdict("subset-direction", say(
                "subset-direction", "sibling", narrow=narrow[:1].upper() + narrow[1:] + "s"))
        return Verdict("model-category", say("model-category", "llm-output",
                                             category=category.label))
    return None


def _outputs(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    """A system or class said to make an output (or every kind of output)."""
    entity = kb.entities.get(claim.subject) if claim.subject_type == ENTITY_TYPE else None
    if entity is not None:
        name, outputs = entity.name, entity_outputs(kb, entity)
    elif claim.subject in kb.categories or claim.subject in kb.concepts:
        label = (kb.concepts.get(claim.subject) or kb.categories[claim.subject]).label
        name, outputs = label[:1].upper() + label[1:] + "s", class_outputs(kb, claim.subject)
    else:
        return None
    if not outputs:
        return None
    allowed = allowed_outputs(kb, outputs)
    if claim.object == ANY_OUTPUT:  # wrong when a broader class makes what this one cannot
        if entity is not None:
            return _entity_scope(kb, entity, outputs, allowed)
        broader = {o for c in class_lineage(kb, claim.subject)[1:] for o in class_outputs(kb, c)}
        if broader - allowed:
            return Verdict("subset-direction", say("subset-direction", "llm-scope"))
        return None
    wrong = [o for o in dict.fromkeys(claim.objects) if o in kb.modalities and o not in allowed]
    if not wrong:
        return None
    if claim.construction == "text-to-x":
        return Verdict("output-modality", say("output-modality", "text-to-x",
                                              output=claim.object_text, noun="model"))
    verb = "generates" if entity is not None else "generate"
    return Verdict("output-modality", say(
        "output-modality", "output", name=name, verb=verb, makes=modality_labels(kb, outputs),
        label=modality_labels(kb, wrong, joiner=" or ")))


def _entity_scope(kb: KnowledgeBase, entity: Entity, outputs: tuple[str, ...],
                  allowed: set[str]) -> Verdict | None:
    """A system said to make every kind of content: wrong when generative AI as a whole makes
    what it cannot; for a language model, the subset relation overstated."""
    if not set(class_outputs(kb, GENAI)) - allowed:
        return None
    makes = modality_labels(kb, outputs)
    if any(LLM in class_lineage(kb, c) for c in entity_categories(entity)):
        return Verdict("subset-direction", say("subset-direction", "entity-scope",
                                               name=entity.name, makes=makes))
    return Verdict("output-modality", say("output-modality", "anything", name=entity.name,
                                          makes=makes))


def _limited_to(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    """A class said to make only one kind of output when the KB records more."""
    outputs = class_outputs(kb, claim.subject)
    if claim.quantifier == "some" or not outputs:
        return None
    if set(outputs) - allowed_outputs(kb, (claim.object,)):
        return Verdict("subset-direction", say("subset-direction", "text-only"))
    return None


def _same_as(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    """Two classes called one: wrong when one is a proper kind of the other."""
    if claim.subject == claim.object:
        return None
    if claim.subject in class_lineage(kb, claim.object) or claim.object in class_lineage(
        kb, claim.subject
    ):
        return Verdict("llm-genai-conflation", say("llm-genai-conflation", "synonym"))
    return None


def _renamed_to(kb: KnowledgeBase, claim: Claim) -> Verdict | None:
    """A name used as current (``renamed_to(X, X)``): wrong once X has been renamed."""
    entity = kb.entities.get(claim.subject)
    if entity is not None and not entity.renamed_to and entity.dates.get("discontinued"):
        return _retired(kb, entity)
    if entity is None or not entity.renamed_to or entity.renamed_to == claim.object:
        return None
    successor = kb.entities.get(entity.renamed_to)
    new = successor.name if successor else entity.renamed_to
    year = f" in {entity.renamed_year}" if entity.renamed_year else ""
    return Verdict("outdated-name", say("outdated-name", "renamed", name=entity.name, new=new,
                                        year=year))


def _retired(kb: KnowledgeBase, entity: Entity) -> Verdict:
    """A system its maker has shut down (``dates.discontinued``), named as if in use."""
    successor = kb.entities.get(entity.successor or "")
    instead = f"; its replacement is {successor.name}" if successor else ""
    return Verdict("outdated-name", say("outdated-name", "retired", name=entity.name,
                                        when=month_year(entity.dates["discontinued"]),
                                        instead=instead))


_JUDGES: dict[str, Callable[[KnowledgeBase, Claim], Verdict | None]] = {
    "made_by": _made_by,
    "built_on": _built_on,
    "powered_by": _powered_by,
    "is_a": _is_a,
    "subclass_of": _subclass_of,
    "outputs": _outputs,
    "limited_to": _limited_to,
    "same_as": _same_as,
    "renamed_to": _renamed_to,
}
