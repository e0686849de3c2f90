"""Misspellings of known names that the shipped name rules (GL101–GL112) list."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the start-up path reads TERMS_FILE only)
    from linter.knowledge.base import KnowledgeBase

TERMS_FILE = "terms.yaml"


def misspelt_names(kb: KnowledgeBase) -> dict[str, tuple[str, str]]:
    """The misspellings the shipped name rules (GL101–GL112) know, as names of what they
    misspell ("Chat GPT" → ChatGPT), so a claim made with a misspelt name is still read. Rules
    whose variants are also ordinary words (they need context or exclude followers) are left
    out."""
    from linter.datafiles.packaged import packaged_path
    from linter.datafiles.yamlload import load_yaml

    found: dict[str, tuple[str, str]] = {}
    for rule in load_yaml(packaged_path(TERMS_FILE)).get("rules") or ():
        if rule.get("requires_context") or rule.get("not_followed_by"):
            continue
        replacements = rule.get("replacements") or {}
        for variant in rule.get("variants") or ():
            name = replacements.get(variant) or rule.get("preferred") or ""
            entity = kb.find_entity(str(name))
            if entity is not None:
                found[str(variant)] = ("entity", entity.id)
            elif (vendor := _vendor_named(kb, str(name))) is not None:
                found[str(variant)] = ("vendor", vendor)
    return found


def _vendor_named(kb: KnowledgeBase, name: str) -> str | None:
    return next((v.id for v in kb.vendors.values() if name in (v.name, *v.aliases)), None)
