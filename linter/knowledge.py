"""The knowledge base: concepts, categories, architectures, modalities, vendors and entities.

Loaded from YAML (``rules/knowledge.yaml`` plus any user files); every fact cites a source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.yamlload import LineDict, YamlError, load_yaml

DEFAULT_KNOWLEDGE_FILE = "knowledge.yaml"


@dataclass(frozen=True)
class Term:
    """A class of things named in prose: a concept, category, architecture or modality."""

    id: str
    label: str
    terms: tuple[str, ...]
    article: str = "a"
    kind: str = ""
    output: tuple[str, ...] = ()
    input: tuple[str, ...] = ()
    parent: str = ""
    sources: tuple[str, ...] = ()

    @property
    def with_article(self) -> str:
        return f"{self.article} {self.label}" if self.article else self.label


@dataclass(frozen=True)
class Vendor:
    id: str
    name: str
    aliases: tuple[str, ...]
    affiliates: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    host: bool = False


@dataclass(frozen=True)
class Entity:
    """A named model, model family, product or platform, with its sourced facts."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    category: str | None = None
    output: tuple[str, ...] = ()
    input: tuple[str, ...] = ()
    architecture: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    vendor: str | None = None
    ambiguous: bool = False
    #: "context": a look-alike unless AI context is near; "determiner": only after an article
    ambiguity: str = ""
    powered_by: tuple[str, ...] = ()
    renamed_to: str | None = None
    renamed_year: int | None = None
    notes: str = ""
    sources: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_product(self) -> bool:
        return self.kind in ("product", "platform")


@dataclass(frozen=True)
class KnowledgeBase:
    sources: Mapping[str, Mapping[str, str]]
    concepts: Mapping[str, Term]
    categories: Mapping[str, Term]
    architectures: Mapping[str, Term]
    modalities: Mapping[str, Term]
    vendors: Mapping[str, Vendor]
    entities: Mapping[str, Entity]
    relations: tuple[Mapping[str, Any], ...] = ()

    def find_entity(self, name: str) -> Entity | None:
        """An entity by id, name or alias (case-insensitive)."""
        wanted = name.casefold()
        for entity in self.entities.values():
            if wanted in {entity.id.casefold(), entity.name.casefold(),
                          *(a.casefold() for a in entity.aliases)}:
                return entity
        return None

    def vendor_name(self, vendor_id: str | None) -> str:
        vendor = self.vendors.get(vendor_id or "")
        return vendor.name if vendor else (vendor_id or "")

    def cite(self, source_id: str) -> str:
        """A human-readable citation for a source id (or the id itself)."""
        source = self.sources.get(source_id)
        if not source:
            return source_id
        return f"{source.get('title', source_id)} <{source.get('ref', '')}>"


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _term(key: str, raw: Mapping[str, Any]) -> Term:
    return Term(
        id=key,
        label=str(raw.get("label", key)),
        terms=_strs(raw.get("terms")),
        article=str(raw.get("article", "a")),
        kind=str(raw.get("kind", "")),
        output=_strs(raw.get("output")),
        input=_strs(raw.get("input")),
        parent=str(raw.get("parent") or ""),
        sources=_strs(raw.get("sources")),
    )


def _ambiguity(value: Any) -> str:
    if value in ("determiner", "context"):
        return str(value)
    return "context" if value else ""


def _entity(raw: Mapping[str, Any]) -> Entity:
    year = raw.get("renamed_year")
    return Entity(
        id=str(raw["id"]),
        name=str(raw["name"]),
        aliases=_strs(raw.get("aliases")) or (str(raw["name"]),),
        kind=str(raw.get("kind", "model")),
        category=raw.get("category"),
        output=_strs(raw.get("output")),
        input=_strs(raw.get("input")),
        architecture=_strs(raw.get("architecture")),
        components=_strs(raw.get("components")),
        vendor=raw.get("vendor"),
        ambiguous=bool(raw.get("ambiguous", False)),
        ambiguity=_ambiguity(raw.get("ambiguous", False)),
        powered_by=_strs(raw.get("powered_by")),
        renamed_to=raw.get("renamed_to"),
        renamed_year=int(year) if year else None,
        notes=str(raw.get("notes") or ""),
        sources=dict(raw.get("sources") or {}),
    )


_SECTIONS = (
    "sources",
    "concepts",
    "relations",
    "categories",
    "architectures",
    "modalities",
    "vendors",
    "entities",
)


def _merge_file(path: Path, acc: dict[str, Any], validate_schema: bool = False) -> None:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise YamlError(path, 1, "a knowledge file must be a mapping")
    for key in data:
        if key not in _SECTIONS:
            line = data.line_of(key) if isinstance(data, LineDict) else None
            raise YamlError(path, line, f"unknown section {key!r} in a knowledge file")
    sections = {s: data[s] for s in _SECTIONS if data.get(s) is not None}
    for section, value in sections.items():
        wanted = list if section in ("entities", "relations") else dict
        if not isinstance(value, wanted):
            kind = "a list" if wanted is list else "a mapping"
            raise YamlError(path, data.line_of(section), f"{section!r} must be {kind}")
    for item in sections.get("entities", ()):
        _check_entity(path, item)
    if validate_schema:  # after the hand checks, whose messages are more specific
        from linter import schema

        schema.validate(path, data, schema.KNOWLEDGE_SCHEMA)
    for section, value in sections.items():
        if isinstance(value, list):
            acc.setdefault(section, []).extend(value)
        else:
            acc.setdefault(section, {}).update(value)


def _check_entity(path: Path, item: Any) -> None:
    if not isinstance(item, dict):
        raise YamlError(path, None, "each entity must be a mapping")
    line = item.line if isinstance(item, LineDict) else None
    for key in ("id", "name", "kind"):
        if not isinstance(item.get(key), str):
            raise YamlError(path, line, f"entity needs a string {key!r}")


def load_knowledge(paths: Sequence[Path]) -> KnowledgeBase:
    """Merge knowledge files in order (later entities with the same id replace earlier)."""
    acc: dict[str, Any] = {}
    for index, path in enumerate(paths):
        _merge_file(path, acc, validate_schema=index > 0)
    entities: dict[str, Entity] = {}
    for raw in acc.get("entities", []):
        entity = _entity(raw)
        entities[entity.id] = entity
    vendors = {
        key: Vendor(
            key,
            str(raw.get("name", key)),
            _strs(raw.get("aliases")) or (raw["name"],),
            _strs(raw.get("affiliates")),
            _strs(raw.get("sources")),
            bool(raw.get("host", False)),
        )
        for key, raw in acc.get("vendors", {}).items()
    }
    return KnowledgeBase(
        sources=acc.get("sources", {}),
        concepts=_terms(acc.get("concepts", {})),
        categories=_terms(acc.get("categories", {})),
        architectures=_terms(acc.get("architectures", {})),
        modalities=_terms(acc.get("modalities", {})),
        vendors=vendors,
        entities=entities,
        relations=tuple(acc.get("relations", [])),
    )


def _terms(raw: Mapping[str, Any]) -> dict[str, Term]:
    return {key: _term(key, value or {}) for key, value in raw.items()}


def all_entity_aliases(kb: KnowledgeBase) -> Iterable[tuple[str, Entity]]:
    for entity in kb.entities.values():
        for alias in entity.aliases:
            yield alias, entity
