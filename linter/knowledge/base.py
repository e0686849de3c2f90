"""The knowledge base: concepts, categories, architectures, modalities, vendors and entities.

Loaded from YAML: ``rules/knowledge.yaml``, then ``rules/knowledge/*.yaml`` (the generated
import first, hand-curated files after it, so curated facts win), then a project's own files.
Every fact cites a source; every reference to another id is checked
(:mod:`linter.knowledge.references`). The schema is described in ``docs/knowledge-base.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from linter.datafiles.lines import LineDict, YamlError
from linter.datafiles.yamlload import load_yaml
from linter.knowledge.files import GENERATED_PREFIX

#: Fields a version (an entity with ``family``) inherits from its family when it leaves them out.
INHERITED = ("category", "vendor", "input", "output", "architecture", "components", "ambiguous",
             "cues", "powered_by")


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
    #: a modality whose makers make no other kind of its parent (lyrics are text, but a song
    #: generator that writes them writes no other text)
    narrow: bool = False
    architecture: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
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
    ambiguous: bool = False


@dataclass(frozen=True)
class Entity:
    """A named model, model family, product or platform, with its sourced facts."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    category: str | tuple[str, ...] | None = None
    output: tuple[str, ...] = ()
    input: tuple[str, ...] = ()
    architecture: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    vendor: str | None = None
    #: vendors that built or released it with its vendor ("Runway published Stable Diffusion
    #: 1.5"): crediting one of them is right
    co_developers: tuple[str, ...] = ()
    ambiguous: bool = False
    #: "context": a look-alike unless AI context is near; "determiner": only after an article
    ambiguity: str = ""
    cues: tuple[str, ...] = ()
    powered_by: tuple[str, ...] = ()
    renamed_to: str | None = None
    renamed_year: int | None = None
    successor: str | None = None
    family: str | None = None
    patterns: tuple[str, ...] = ()
    dates: Mapping[str, str] = field(default_factory=dict)
    open_weights: bool | None = None
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
    as_of: str = ""
    generated_from: Mapping[str, Any] = field(default_factory=dict)

    @cached_property
    def _by_name(self) -> dict[str, Entity]:
        table: dict[str, Entity] = {}
        for entity in self.entities.values():
            for name in (entity.id, entity.name, *entity.aliases):
                table.setdefault(name.casefold(), entity)
        return table

    def find_entity(self, name: str) -> Entity | None:
        """An entity by id, name or alias (case-insensitive)."""
        return self._by_name.get(name.casefold())

    def vendor_name(self, vendor_id: str | None) -> str:
        vendor = self.vendors.get(vendor_id or "")
        return vendor.name if vendor else (vendor_id or "")

    def cite(self, source_id: str) -> str:
        """A human-readable citation for a source id (or the id itself)."""
        source = self.sources.get(source_id)
        if not source:
            return source_id
        url = source.get("url") or source.get("ref") or ""
        when = source.get("date") or (f"accessed {source['accessed']}"
                                      if source.get("accessed") else "")
        dated = f" ({when})" if when else ""
        return f"{source.get('title', source_id)}{dated} <{url}>"

    def architecture_closure(self, ids: Iterable[str]) -> frozenset[str]:
        """``ids`` with every property they imply, transitively."""
        found: set[str] = set()
        todo = list(ids)
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            term = self.architectures.get(current)
            if term is not None:
                todo.extend(term.implies)
        return frozenset(found)

    def architecture_conflicts(self, claimed: str, known: Iterable[str]) -> bool:
        """Whether property ``claimed`` contradicts any of ``known`` (after implications)."""
        have = self.architecture_closure(known)
        if claimed in have:
            return False
        wanted = self.architecture_closure([claimed])
        for a in wanted:
            for b in have:
                if b in self._conflicts(a) or a in self._conflicts(b):
                    return True
        return False

    def declared_conflict(self, first: str, second: str) -> bool:
        """Whether two recorded properties contradict each other as written (a family whose
        versions were built differently: "transformer" and "diffusion"), not through what
        they imply (a hybrid is both a transformer and a state-space model)."""
        return second in self._conflicts(first) or first in self._conflicts(second)

    def _conflicts(self, architecture_id: str) -> tuple[str, ...]:
        term = self.architectures.get(architecture_id)
        return term.conflicts if term is not None else ()

    def category_lineage(self, category_id: str | None) -> tuple[str, ...]:
        """The category and its ancestors (``reasoning-model`` → ``(reasoning-model, llm)``)."""
        lineage: list[str] = []
        while category_id and category_id not in lineage:
            lineage.append(category_id)
            term = self.categories.get(category_id)
            category_id = term.parent if term is not None else None
        return tuple(lineage)

    def versions_of(self, family_id: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.family == family_id]


def _category(value: Any) -> str | tuple[str, ...] | None:
    """One category id, or a tuple when the entity is in several."""
    return tuple(str(v) for v in value) if isinstance(value, list) else value


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
        narrow=bool(raw.get("narrow", False)),
        architecture=_strs(raw.get("architecture")),
        implies=_strs(raw.get("implies")),
        conflicts=_strs(raw.get("conflicts")),
        sources=_strs(raw.get("sources")),
    )


def _ambiguity(value: Any) -> str:
    if value in ("determiner", "context"):
        return str(value)
    return "context" if value else ""


def _entity(raw: Mapping[str, Any]) -> Entity:
    year = raw.get("renamed_year")
    dates = {str(k): str(v) for k, v in (raw.get("dates") or {}).items()}
    if not year and dates.get("renamed"):
        year = dates["renamed"][:4]
    return Entity(
        id=str(raw["id"]),
        name=str(raw["name"]),
        aliases=_strs(raw.get("aliases")) or (str(raw["name"]),),
        kind=str(raw.get("kind", "model")),
        category=_category(raw.get("category")),
        output=_strs(raw.get("output")),
        input=_strs(raw.get("input")),
        architecture=_strs(raw.get("architecture")),
        components=_strs(raw.get("components")),
        vendor=raw.get("vendor"),
        co_developers=_strs(raw.get("co_developers")),
        ambiguous=bool(raw.get("ambiguous", False)),
        ambiguity=_ambiguity(raw.get("ambiguous", False)),
        cues=_strs(raw.get("cues")),
        powered_by=_strs(raw.get("powered_by")),
        renamed_to=raw.get("renamed_to"),
        renamed_year=int(year) if year else None,
        successor=raw.get("successor"),
        family=raw.get("family"),
        patterns=_strs(raw.get("patterns")),
        dates=dates,
        open_weights=raw.get("open_weights"),
        notes=str(raw.get("notes") or ""),
        sources=dict(raw.get("sources") or {}),
    )


_SECTIONS = (
    "as_of",
    "generated_from",
    "sources",
    "concepts",
    "relations",
    "categories",
    "architectures",
    "modalities",
    "vendors",
    "entities",
)
_MAPPINGS = ("sources", "concepts", "categories", "architectures", "modalities", "vendors")


@dataclass
class _Raw:
    """Knowledge files merged so far, with where each entity came from."""

    sections: dict[str, Any] = field(default_factory=dict)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    origin: dict[str, tuple[Path, int | None]] = field(default_factory=dict)
    key_origin: dict[tuple[str, str], tuple[Path, int | None]] = field(default_factory=dict)




def _read_file(path: Path, validate_schema: bool) -> dict[str, Any]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise YamlError(path, 1, "a knowledge file must be a mapping")
    for key in data:
        if key not in _SECTIONS:
            line = data.line_of(key) if isinstance(data, LineDict) else None
            raise YamlError(path, line, f"unknown section {key!r} in a knowledge file")
    for section in _SECTIONS:
        value = data.get(section)
        if value is None or section in ("as_of", "generated_from"):
            continue
        wanted = list if section in ("entities", "relations") else dict
        if not isinstance(value, wanted):
            kind = "a list" if wanted is list else "a mapping"
            raise YamlError(path, _line(data, section), f"{section!r} must be {kind}")
    for item in data.get("entities") or ():
        _check_entity(path, item)
    if validate_schema:  # after the hand checks, whose messages are more specific
        from linter.datafiles import schema

        schema.validate(path, data, schema.KNOWLEDGE_SCHEMA)
    return data


def _line(data: Any, key: str) -> int | None:
    return data.line_of(key) if isinstance(data, LineDict) else None


def _merge_file(path: Path, raw: _Raw, shipped: bool, validate_schema: bool) -> None:
    data = _read_file(path, validate_schema)
    for section in ("as_of", "generated_from"):
        if data.get(section) is not None:
            raw.sections[section] = data[section]
    for section in _MAPPINGS:
        for key, value in (data.get(section) or {}).items():
            table = raw.sections.setdefault(section, {})
            where = (path, data[section].line_of(key) if isinstance(data[section], LineDict)
                     else None)
            if shipped and key in table and table[key] != value:
                first = raw.key_origin[(section, key)]
                raise YamlError(path, where[1], f"{section} {key!r} is already defined "
                                f"differently in {first[0].name}:{first[1]}")
            table[key] = value
            raw.key_origin[(section, key)] = where
    raw.sections.setdefault("relations", []).extend(data.get("relations") or [])
    generated = path.name.startswith(GENERATED_PREFIX)
    for item in data.get("entities") or ():
        _merge_entity(raw, dict(item), (path, getattr(item, "line", None)), shipped, generated)


def _merge_entity(raw: _Raw, item: dict[str, Any], where: tuple[Path, int | None],
                  shipped: bool, generated: bool) -> None:
    ident = str(item["id"])
    if shipped and ident in raw.entities:
        if not generated and not _is_generated(raw, ident):
            first = raw.origin[ident]
            raise YamlError(where[0], where[1], f"entity {ident!r} is already defined in "
                            f"{first[0].name}:{first[1]}")
        base, top = (item, raw.entities[ident]) if generated else (raw.entities[ident], item)
        item = _overlay(base, top)
        if generated:
            return
    raw.entities[ident] = item
    raw.origin[ident] = where


def _overlay(base: Mapping[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    """``top``'s fields over ``base``'s (sources merged the same way)."""
    merged = {**base, **top}
    merged["sources"] = {**(base.get("sources") or {}), **(top.get("sources") or {})}
    return merged


def _is_generated(raw: _Raw, ident: str) -> bool:
    return raw.origin[ident][0].name.startswith(GENERATED_PREFIX)


def _fold_generated(raw: _Raw) -> None:
    """Merge each generated entity into the curated one that has its name or an alias."""
    curated: dict[str, str] = {}
    for ident, item in raw.entities.items():
        if not _is_generated(raw, ident):
            for name in (item["name"], *(item.get("aliases") or ())):
                curated.setdefault(str(name).casefold(), ident)
    for ident in [i for i in raw.entities if _is_generated(raw, i)]:
        item = raw.entities[ident]
        names = [str(n).casefold() for n in (item["name"], *(item.get("aliases") or ()))]
        target = next((curated[n] for n in names if n in curated), None)
        if target is not None:
            raw.entities[target] = _overlay(item, raw.entities[target])
            del raw.entities[ident]
            del raw.origin[ident]


def _check_entity(path: Path, item: Any) -> None:
    if not isinstance(item, dict):
        raise YamlError(path, None, "each entity must be a mapping")
    line = item.line if isinstance(item, LineDict) else None
    for key in ("id", "name", "kind"):
        if not isinstance(item.get(key), str):
            raise YamlError(path, line, f"entity needs a string {key!r}")


def _inherit(entities: dict[str, dict[str, Any]]) -> None:
    """Fill each version's missing fields from its family (families first)."""
    done: set[str] = set()

    def resolve(ident: str, seen: tuple[str, ...]) -> None:
        if ident in done or ident in seen:
            return
        item = entities[ident]
        family = item.get("family")
        if family in entities:
            resolve(family, (*seen, ident))
            parent = entities[family]
            for key in INHERITED:
                if item.get(key) is None and parent.get(key) is not None:
                    item[key] = parent[key]
            sources = dict(parent.get("sources") or {})
            sources.update(item.get("sources") or {})
            item["sources"] = sources
        done.add(ident)

    for ident in list(entities):
        resolve(ident, ())


def load_knowledge(
    paths: Sequence[Path], shipped: int = 1, check: bool | None = None
) -> KnowledgeBase:
    """Merge knowledge files in order; the first ``shipped`` paths ship with genai-lint.

    Shipped files may not redefine each other's keys (a generated entity merges under the
    curated one); a user file replaces entities with the same id. References are checked
    when ``check`` is true or (by default) when a user file is added: the shipped files alone
    are checked by the test suite, which keeps start-up short.
    """
    from linter.knowledge.references import check_references

    raw = _Raw()
    for index, path in enumerate(paths):
        _merge_file(path, raw, shipped=index < shipped, validate_schema=index >= shipped)
    _fold_generated(raw)
    _inherit(raw.entities)
    entities = {ident: _entity(item) for ident, item in raw.entities.items()}
    acc = raw.sections
    vendors = {
        key: Vendor(
            key,
            str(value.get("name", key)),
            _strs(value.get("aliases")) or (str(value.get("name", key)),),
            _strs(value.get("affiliates")),
            _strs(value.get("sources")),
            bool(value.get("host", False)),
            bool(value.get("ambiguous", False)),
        )
        for key, value in acc.get("vendors", {}).items()
    }
    kb = KnowledgeBase(
        sources=acc.get("sources", {}),
        concepts=_terms(acc.get("concepts", {})),
        categories=_terms(acc.get("categories", {})),
        architectures=_terms(acc.get("architectures", {})),
        modalities=_terms(acc.get("modalities", {})),
        vendors=vendors,
        entities=entities,
        relations=tuple(acc.get("relations", [])),
        as_of=str(acc.get("as_of") or ""),
        generated_from=dict(acc.get("generated_from") or {}),
    )
    if check or (check is None and len(paths) > shipped):  # shipped files: checked by tests
        check_references(kb, raw.origin, raw.key_origin)
    return kb


def _terms(raw: Mapping[str, Any]) -> dict[str, Term]:
    return {key: _term(key, value or {}) for key, value in raw.items()}
