"""What the knowledge base says about a system or a class, read the same way by every check.

No syntax here: these functions take KB ids and return facts (categories, outputs,
architectures, lineage) and the phrases messages use to state them.
"""

from __future__ import annotations

from collections.abc import Iterable

from linter.knowledge.base import Entity, KnowledgeBase, Term


def entity_categories(entity: Entity) -> tuple[str, ...]:
    if entity.category is None:
        return ()
    if isinstance(entity.category, str):
        return (entity.category,)
    return tuple(entity.category)


def entity_outputs(kb: KnowledgeBase, entity: Entity) -> tuple[str, ...]:
    """The entity's recorded outputs, else those of its categories."""
    if entity.output:
        return entity.output
    outputs: list[str] = []
    for category_id in entity_categories(entity):
        category = kb.categories.get(category_id)
        if category:
            outputs.extend(category.output)
    return tuple(outputs)


def entity_architectures(kb: KnowledgeBase, entity: Entity) -> tuple[str, ...]:
    """The entity's recorded architecture properties, else its category's (an LLM's)."""
    if entity.architecture:
        return entity.architecture
    categories = entity_categories(entity)
    for category_id in kb.category_lineage(categories[0] if categories else None):
        category = kb.categories.get(category_id)
        if category is not None and category.architecture:
            return category.architecture
    return ()


def class_term(kb: KnowledgeBase, class_id: str) -> Term | None:
    """The concept or category ``class_id`` names (a concept first: "llm" is both)."""
    return kb.concepts.get(class_id) or kb.categories.get(class_id)


def class_lineage(kb: KnowledgeBase, class_id: str) -> tuple[str, ...]:
    """A class and every class it is a kind of, through categories then concepts
    (``reasoning-model`` → ``(reasoning-model, llm, generative-ai)``)."""
    lineage = list(kb.category_lineage(class_id)) or [class_id]
    current = lineage[-1]
    while (concept := kb.concepts.get(current)) is not None and concept.parent and (
        concept.parent not in lineage
    ):
        current = concept.parent
        lineage.append(current)
    return tuple(lineage)


def class_outputs(kb: KnowledgeBase, class_id: str) -> tuple[str, ...]:
    """What a class of systems makes: the concept's recorded outputs, else the category's."""
    concept, category = kb.concepts.get(class_id), kb.categories.get(class_id)
    if concept is not None and concept.output:
        return concept.output
    return category.output if category is not None else ()


def allowed_outputs(kb: KnowledgeBase, outputs: Iterable[str]) -> set[str]:
    """Outputs with their parents and children: a music model makes audio; an audio model music
    (but not a model whose audio is said to be music: "music, audio" makes no speech)."""
    outputs = tuple(outputs)
    specific = _specific(kb, outputs)
    allowed = set(outputs)
    for output in outputs:
        modality = kb.modalities.get(output)
        if modality is not None and modality.parent and not modality.narrow:
            allowed.add(modality.parent)
    for modality in kb.modalities.values():
        if modality.parent in specific:
            allowed.add(modality.id)
    return allowed


def outputs_fit(kb: KnowledgeBase, made: Iterable[str], named: Iterable[str]) -> bool:
    """Whether a system making ``made`` fits a class making ``named``, compared at the most
    specific level each names: music fits audio, but music does not fit speech (their
    shared parent, audio, does not count)."""
    mine, theirs = _specific(kb, made), _specific(kb, named)
    return any(
        a == b or (kb.modalities[a].parent == b and not kb.modalities[a].narrow)
        or kb.modalities[b].parent == a
        for a in mine for b in theirs if a in kb.modalities and b in kb.modalities
    ) or bool(mine & theirs)


def _specific(kb: KnowledgeBase, outputs: Iterable[str]) -> set[str]:
    """The outputs without those that are only the parent of another ("music, audio" → music)."""
    given = set(outputs)
    parents = {kb.modalities[o].parent for o in given if o in kb.modalities}
    return given - parents if given - parents else given


def compatible(kb: KnowledgeBase, entity: Entity, category: Term) -> bool:
    """Categories are compatible when outputs overlap and (where known) inputs do too."""
    if not outputs_fit(kb, entity_outputs(kb, entity), category.output):
        return False
    inputs = set(entity.input) or {
        i for c in entity_categories(entity) if c in kb.categories for i in kb.categories[c].input
    } or {"text"}
    return not category.input or bool(inputs & set(category.input))


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


def modality_labels(kb: KnowledgeBase, outputs: Iterable[str], joiner: str = " and ") -> str:
    """ "text and code" (or, with ``joiner=" or "``, "images or video")."""
    labels = dict.fromkeys(kb.modalities[o].label for o in outputs if o in kb.modalities)
    return joiner.join(labels)  # (once each: "embeddings", not "embeddings and embeddings")


def architecture_phrase(kb: KnowledgeBase, architecture_id: str) -> str:
    """ "a transformer-based model", "a diffusion model"."""
    if architecture_id == "transformer":
        return "a transformer-based model"
    term = kb.architectures.get(architecture_id)
    return term.with_article if term else architecture_id


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def month_year(date: str) -> str:
    """ "in January 2024" for "2024-01-04" or "2024-01"; "in 2024" for a bare year."""
    year, _, rest = date.partition("-")
    month = rest[:2]
    return f"in {_MONTHS[int(month) - 1]} {year}" if month.isdigit() else f"in {year}"


def family_chain(kb: KnowledgeBase, entity_id: str) -> list[str]:
    """The entity and the families it belongs to (``gpt-4o`` → ``[gpt-4o, gpt-4]``…)."""
    chain: list[str] = []
    while entity_id and entity_id not in chain and entity_id in kb.entities:
        chain.append(entity_id)
        entity_id = kb.entities[entity_id].family or ""
    return chain
