"""The written forms of knowledge-base names, and how each kind of form is matched.

The mention finder (:mod:`linter.claims.mentions`) and its quick prefilter
(:mod:`linter.knowledge.quickscan`) both start here, so the prefilter looks for exactly the
forms the finder can match, matched at least as loosely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.knowledge.base import KnowledgeBase, Term

#: A name of an entity or vendor, or a misspelling of one: matched as written (case included),
#: whole words, any whitespace between its words.
NAME = "name"
#: A version pattern (a regular expression): matched as written, case included.
PATTERN = "pattern"
#: A class term ("large language model", "LLMs"): any case, whole words, hyphens, dashes or
#: whitespace between its words.
TERM = "term"

#: (kind, text): one form and how it is matched.
Form = tuple[str, str]


def plural_forms(term: str) -> list[str]:
    """The term and a regular plural of its last word ("LLM" → "LLMs", "model" → "models")."""
    forms = [term]
    if term[-1:].isupper():
        forms.append(term + "s")
    elif term.endswith(("s", "x", "ch", "sh")):
        forms.append(term + "es")
    elif term.endswith("y") and term[-2:-1] not in "aeiou":
        forms.append(term[:-1] + "ies")
    else:
        forms.append(term + "s")
    return forms


def term_forms(term: Term) -> list[str]:
    """Every form of a class term the finder matches: each term, its plural, and for a class of
    models its network ("an image-classification network")."""
    forms: list[str] = []
    for text in term.terms:
        forms.extend(plural_forms(text) if text[-1:].isalpha() else [text])
        if term.kind == "model" and text.endswith(" model"):
            forms.extend(plural_forms(text[: -len("model")] + "network"))
    return forms


def surface_forms(kb: KnowledgeBase) -> set[Form]:
    """Every form the mention finder matches, each with its kind. (A model family without
    version patterns also matches "<name> 2.0": its name, then a space or hyphen.)"""
    from linter.knowledge.misspellings import misspelt_names

    forms: set[Form] = set()
    for entity in kb.entities.values():
        forms.update((NAME, alias) for alias in entity.aliases)
        forms.update((PATTERN, pattern) for pattern in entity.patterns)
    for vendor in kb.vendors.values():
        forms.update((NAME, alias) for alias in vendor.aliases)
    forms.update((NAME, variant) for variant in misspelt_names(kb))  # "Chat GPT is an LLM"
    for table in (kb.categories, kb.concepts, kb.architectures):
        for term in table.values():
            forms.update((TERM, text) for text in term_forms(term))
    return {(kind, text) for kind, text in forms if text.strip()}
