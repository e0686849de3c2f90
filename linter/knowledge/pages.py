"""Pages about the knowledge base, for ``genai-lint entities`` and ``genai-lint explain``.

Pure functions from a loaded :class:`~linter.knowledge.base.KnowledgeBase` to text or JSON-ready
records; the command line only loads the knowledge base and prints what these return.
A source is shown as ``title (date) <url>``; a source without a web address (a team's own
knowledge file may have one) is shown by its title alone, never by a file path.
"""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the knowledge module is imported only when a knowledge base is loaded
    from linter.knowledge.base import Entity, KnowledgeBase

#: Width of the fact labels on an entity's page.
_WIDTH = 14


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


# -- looking entities up -----------------------------------------------------------------------


def lookup(kb: KnowledgeBase, name: str) -> Entity | None:
    """The entity called ``name`` (case-insensitive): by id, then by canonical name (so a
    version's name finds the version even where its family lists it as an alias), then by
    alias."""
    wanted = name.strip().casefold()
    for entity in kb.entities.values():
        if entity.id.casefold() == wanted:
            return entity
    for entity in kb.entities.values():
        if entity.name.casefold() == wanted:
            return entity
    return kb.find_entity(name.strip())


def suggestions(kb: KnowledgeBase, name: str, limit: int = 3) -> list[str]:
    """Names and aliases spelled like ``name`` (case-insensitive), closest first, one per
    entity, and only those about as close as the closest one."""
    spelled: dict[str, tuple[str, str]] = {}  # casefolded form → (form, entity id)
    for entity in kb.entities.values():
        for form in (entity.name, *entity.aliases, entity.id):
            spelled.setdefault(form.casefold(), (form, entity.id))
    wanted = name.strip().casefold()
    scored = [(difflib.SequenceMatcher(None, wanted, form).ratio(), *spelled[form])
              for form in difflib.get_close_matches(wanted, list(spelled), n=limit * 4,
                                                    cutoff=0.6)]
    best = max((score for score, _, _ in scored), default=0.0)
    chosen: dict[str, str] = {}  # entity id → the form to suggest
    for score, form, ident in scored:
        if score >= best - 0.1:
            chosen.setdefault(ident, form)
    return list(chosen.values())[:limit]


def unknown_message(kb: KnowledgeBase, name: str, listing: str) -> str:
    """One line for an unknown entity, with a did-you-mean when a name is close."""
    close = suggestions(kb, name)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"unknown entity {name!r}{hint} (see '{listing}')"


def ordered(kb: KnowledgeBase, entities: Iterable[Entity] | None = None) -> list[Entity]:
    """Entities grouped by vendor name, then by name (entities without a vendor last)."""
    chosen = kb.entities.values() if entities is None else entities

    def key(entity: Entity) -> tuple[int, str, str]:
        vendor = kb.vendor_name(entity.vendor) if entity.vendor else ""
        return (0 if vendor else 1, vendor.casefold(), entity.name.casefold())

    return sorted(chosen, key=key)


# -- sources -----------------------------------------------------------------------------------


def source_ids(entity: Entity) -> list[str]:
    """The source ids an entity cites, each once, in the order of the facts they support."""
    return list(cited(entity))


def cited(entity: Entity) -> dict[str, list[str]]:
    """Source id → the facts (keys of ``sources``) it supports, in order of first mention."""
    found: dict[str, list[str]] = {}
    for fact, value in entity.sources.items():
        for source in [value] if isinstance(value, str) else (value or ()):
            facts = found.setdefault(str(source), [])
            if fact not in facts:
                facts.append(str(fact))
    return found


def source_record(kb: KnowledgeBase, source_id: str) -> dict[str, str | None]:
    """``{"id", "title", "url", "date"}`` for a source id (or a bare URL written in its place).

    ``url`` is ``None`` when the source has no web address (a file reference that does not
    ship); ``date`` is the publication date, else the date the page was accessed, else ``None``.
    """
    source: Mapping[str, Any] = kb.sources.get(source_id) or {}
    if not source:
        url = source_id if is_url(source_id) else None
        return {"id": source_id, "title": source_id, "url": url, "date": None}
    link = str(source.get("url") or source.get("ref") or "")
    when = source.get("date") or source.get("accessed")
    return {"id": source_id, "title": str(source.get("title") or source_id),
            "url": link if is_url(link) else None, "date": str(when) if when else None}


def citation(kb: KnowledgeBase, source_id: str) -> str:
    """``title (date) <url>`` for a source id, as :meth:`KnowledgeBase.cite` writes it, but
    never with a file path: a source without a web address is given by title (and date)."""
    record = source_record(kb, source_id)
    if record["url"] is not None and source_id in kb.sources:
        return kb.cite(source_id)
    if record["url"] is not None:  # a bare URL in place of a source id
        return f"<{record['url']}>"
    dated = f" ({_when(kb, source_id)})" if record["date"] else ""
    return f"{record['title']}{dated}"


def _when(kb: KnowledgeBase, source_id: str) -> str:
    source = kb.sources.get(source_id) or {}
    if source.get("date"):
        return str(source["date"])
    return f"accessed {source['accessed']}" if source.get("accessed") else ""


# -- JSON --------------------------------------------------------------------------------------


def _category_ids(entity: Entity) -> list[str]:
    category: Any = entity.category
    if not category:
        return []
    return [category] if isinstance(category, str) else [str(c) for c in category]


def entity_record(kb: KnowledgeBase, entity: Entity) -> dict[str, Any]:
    """One entity as JSON: ids for category, vendor, modalities and architecture properties."""
    categories = _category_ids(entity)
    return {
        "id": entity.id,
        "name": entity.name,
        "aliases": list(entity.aliases),
        "kind": entity.kind,
        "category": categories[0] if len(categories) == 1 else (categories or None),
        "vendor": entity.vendor,
        "input": list(entity.input),
        "output": list(entity.output),
        "architecture": list(entity.architecture),
        "dates": dict(entity.dates),
        "family": entity.family,
        "versions": [v.id for v in ordered(kb, kb.versions_of(entity.id))],
        "powered_by": list(entity.powered_by),
        "renamed_to": entity.renamed_to,
        "notes": entity.notes or None,
        "sources": [source_record(kb, s) for s in source_ids(entity)],
    }


def entities_document(kb: KnowledgeBase, entities: Sequence[Entity]) -> dict[str, Any]:
    """``{"as_of": …, "entities": [...]}``: the ``--format json`` output."""
    return {"as_of": kb.as_of or None,
            "entities": [entity_record(kb, entity) for entity in entities]}


# -- text --------------------------------------------------------------------------------------


def category_label(kb: KnowledgeBase, entity: Entity) -> str:
    labels = []
    for category in _category_ids(entity):
        term = kb.categories.get(category)
        labels.append(term.label if term is not None else category)
    return ", ".join(labels)


def listing_text(kb: KnowledgeBase, entities: Sequence[Entity]) -> str:
    """A header with the count and ``as_of``, then one line per entity: name, kind,
    category, vendor and release date, in aligned columns."""
    noun = "entity" if len(entities) == 1 else "entities"
    as_of = f" (facts as of {kb.as_of})" if kb.as_of else ""
    lines = [f"{len(entities)} {noun} in the knowledge base{as_of}"]
    header = ("name", "kind", "category", "vendor", "released")
    rows = [(e.name, e.kind, category_label(kb, e),
             kb.vendor_name(e.vendor) if e.vendor else "", e.dates.get("released", ""))
            for e in entities]
    if rows:
        widths = [max(len(row[col]) for row in [header, *rows]) for col in range(len(header))]
        for row in [header, *rows]:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
            lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def entity_text(kb: KnowledgeBase, entity: Entity) -> str:
    """One entity's page: its facts, notes and sources (``entities NAME`` and ``explain``)."""
    names = {e.id: e.name for e in kb.entities.values()}

    def named(ids: Iterable[str | None]) -> list[str]:
        return [names.get(i, i) for i in ids if i]

    category = category_label(kb, entity)
    ids = ", ".join(_category_ids(entity))
    open_weights = [] if entity.open_weights is None else ["yes" if entity.open_weights else "no"]
    facts: list[tuple[str, list[str]]] = [
        ("kind", [entity.kind]),
        ("category", [f"{category} ({ids})" if category and category != ids else category]),
        ("vendor", [kb.vendor_name(entity.vendor)] if entity.vendor else []),
        ("input", list(entity.input)),
        ("output", list(entity.output)),
        ("architecture", list(entity.architecture)),
        *((key, [str(value)]) for key, value in entity.dates.items()),
        ("family", named([entity.family])),
        ("versions", named(v.id for v in ordered(kb, kb.versions_of(entity.id)))),
        ("powered by", named(entity.powered_by)),
        ("renamed to", named([entity.renamed_to])),
        ("successor", named([entity.successor])),
        ("open weights", open_weights),
        ("aliases", [a for a in entity.aliases if a != entity.name]),
    ]
    lines = [f"{entity.name} ({entity.kind})", ""]
    for label, values in facts:
        lines += _fact(label, [v for v in values if v])
    for pattern in entity.patterns:  # one a line: a pattern may hold ", "
        lines.append(f"  {'pattern:':<{_WIDTH}} {pattern}")
    if entity.notes:
        lines += ["", "Notes", *wrap(entity.notes)]
    sources = cited(entity)
    if sources:
        lines += ["", "Sources"]
        lines += [f"  - {citation(kb, s)} [{', '.join(facts_)}]" for s, facts_ in sources.items()]
    return "\n".join(lines) + "\n"


def _fact(label: str, values: Sequence[str], width: int = 100) -> list[str]:
    """``  label:  a, b, c`` with long lists continued under the first value."""
    if not values:
        return []
    indent = " " * (_WIDTH + 3)
    lines = [f"  {label + ':':<{_WIDTH}} {values[0]}"]
    for value in values[1:]:
        if len(lines[-1]) + 3 + len(value) > width:  # ", " now, "," if it ends the line
            lines[-1] += ","
            lines.append(indent + value)
        else:
            lines[-1] += f", {value}"
    return lines


def wrap(text: str) -> list[str]:
    """``text`` as lines of at most 88 characters, indented by two spaces."""
    return textwrap.wrap(" ".join(text.split()), width=88, initial_indent="  ",
                         subsequent_indent="  ", break_on_hyphens=False, break_long_words=False)
