"""Reference checks for a merged knowledge base: every id a fact names must exist.

An unknown or misspelt vendor, category, modality, architecture, entity or source is a
:class:`~linter.datafiles.yamlload.YamlError` naming the file, the line and the closest known id.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from linter.datafiles.lines import YamlError

if TYPE_CHECKING:
    from linter.knowledge.base import Entity, KnowledgeBase

Where = tuple[Path, "int | None"]


def _did_you_mean(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _require(value: str | None, known: Mapping[str, object], what: str, where: Where,
             subject: str) -> None:
    if value is None or value in known:
        return
    raise YamlError(where[0], where[1],
                    f"{subject}: unknown {what} {value!r}{_did_you_mean(value, known)}")


def check_references(
    kb: KnowledgeBase,
    origin: Mapping[str, Where],
    key_origin: Mapping[tuple[str, str], Where],
) -> None:
    """Raise on the first reference to an id the knowledge base does not define."""
    for entity in kb.entities.values():
        where = origin.get(entity.id, (Path("<knowledge>"), None))
        _check_entity(kb, entity, where)
    for key, category in kb.categories.items():
        where = key_origin.get(("categories", key), (Path("<knowledge>"), None))
        for modality in (*category.input, *category.output):
            _require(modality, kb.modalities, "modality", where, f"category {key!r}")
        for prop in category.architecture:
            _require(prop, kb.architectures, "architecture", where, f"category {key!r}")
        if category.parent:
            _require(category.parent, kb.categories, "category", where, f"category {key!r}")
    for key, concept in kb.concepts.items():
        where = key_origin.get(("concepts", key), (Path("<knowledge>"), None))
        for modality in concept.output:
            _require(modality, kb.modalities, "modality", where, f"concept {key!r}")
        if concept.parent:
            _require(concept.parent, kb.concepts, "concept", where, f"concept {key!r}")
    for key, term in kb.architectures.items():
        where = key_origin.get(("architectures", key), (Path("<knowledge>"), None))
        for prop in (*term.implies, *term.conflicts):
            _require(prop, kb.architectures, "architecture", where, f"architecture {key!r}")
    for key, vendor in kb.vendors.items():
        where = key_origin.get(("vendors", key), (Path("<knowledge>"), None))
        for affiliate in vendor.affiliates:
            _require(affiliate, kb.vendors, "vendor", where, f"vendor {key!r}")
        for source in vendor.sources:
            _require(source, kb.sources, "source", where, f"vendor {key!r}")


def _check_entity(kb: KnowledgeBase, entity: Entity, where: Where) -> None:
    subject = f"entity {entity.id!r}"
    _require(entity.vendor, kb.vendors, "vendor", where, subject)
    for co_developer in entity.co_developers:
        _require(co_developer, kb.vendors, "vendor", where, subject)
    categories = entity.category if isinstance(entity.category, tuple) else (entity.category,)
    for category in categories:
        _require(category, kb.categories, "category", where, subject)
    for modality in (*entity.input, *entity.output):
        _require(modality, kb.modalities, "modality", where, subject)
    for prop in (*entity.architecture, *entity.components):
        _require(prop, kb.architectures, "architecture", where, subject)
    for other in (*entity.powered_by, entity.renamed_to, entity.successor, entity.family):
        _require(other, kb.entities, "entity", where, subject)
    for value in entity.sources.values():
        for source in [value] if isinstance(value, str) else value:
            if not str(source).startswith(("http://", "https://")):
                _require(str(source), kb.sources, "source", where, subject)
    for pattern in entity.patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise YamlError(where[0], where[1],
                            f"{subject}: invalid pattern {pattern!r}: {exc}") from None
