"""Claims made by Markdown tables: a row's model against its Vendor / Type / Output columns,
and "Examples" rows under a class column ("Large Language Models (LLMs)": GPT-4, Bard)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from linter.checks.base import Match
from linter.claims.judge import judge
from linter.claims.mentions import (
    ARCHITECTURE,
    CATEGORY,
    CONCEPT,
    ENTITY,
    VENDOR,
    Mention,
    MentionFinder,
    modality_index,
)
from linter.claims.record import Claim, Verdict
from linter.knowledge.base import Entity, KnowledgeBase
from linter.markup.segments import Segment
from linter.markup.tables import Cell, cells_under, tables

_ENTITY_HEADERS = frozenset(["model", "models", "name", "product", "tool", "system"])
_VENDOR_HEADER = re.compile(
    r"\b(?:vendor|developer|developed by|company|maker|made by|creator|created by|"
    r"organi[sz]ation|provider|lab|publisher|owner|trained by|built by|released by|"
    r"published by|author)\b", re.IGNORECASE)
_TYPE_HEADER = re.compile(r"\b(?:type|category|kind|class|architecture)\b", re.IGNORECASE)
_OUTPUT_HEADER = re.compile(r"\b(?:outputs?|modalit(?:y|ies)|generates|produces|creates)\b",
                            re.IGNORECASE)
#: Columns that describe the row's system in words: each row reads as a sentence about it.
_DESCRIPTION_HEADER = re.compile(
    r"^\s*(?:description|what\s+it\s+(?:is|does|makes|creates|generates|produces|outputs)|"
    r"meaning|definition|summary|notes?|about|overview|details|role|purpose|capabilit\w+)\s*$",
    re.IGNORECASE)
_MAKES_HEADER = re.compile(r"\bwhat\s+it\s+(?:makes|creates|generates|produces|outputs)\b",
                           re.IGNORECASE)
_DETERMINERS = frozenset({"a", "an", "the", "one", "its", "their"})
_EXAMPLES = re.compile(r"^\s*(?:examples?|e\.g\.|models?|well-known models)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9][\w-]*")


def table_matches(
    finder: MentionFinder, codes: dict[str, str], segments: Sequence[Segment],
    line_of: Callable[[int], int],
) -> Iterator[tuple[Segment, Match]]:
    """Matches for every table in a document's segments."""
    for table in tables(segments, line_of):
        yield from _check_table(finder, codes, table)


def past_name_cells(segments: Sequence[Segment], line_of: Callable[[int], int],
                    historical: re.Pattern[str]) -> frozenset[int]:
    """Source offsets of the cells under a header with a ``historical`` cue ("Former name",
    "Previously called"): a table of renames lists old names as history."""
    return cells_under(segments, line_of, historical)


def _check_table(
    finder: MentionFinder, codes: dict[str, str], table: list[list[Cell]]
) -> Iterator[tuple[Segment, Match]]:
    header = [c.segment.text.strip() for c in table[0]]
    kb = finder.kb
    entity_col = next((i for i, h in enumerate(header) if h.lower() in _ENTITY_HEADERS), 0)
    for row in table[1:]:
        cells = [c.segment for c in row]
        if len(cells) != len(header):
            continue
        if _EXAMPLES.match(cells[0].text):
            yield from _example_row(finder, codes, header, cells)
            continue
        entity = _sole_entity(finder, cells[entity_col].text, header[entity_col])
        if entity is None:
            continue
        for column, title in enumerate(header):
            if column == entity_col:
                continue
            cell = cells[column]
            if _VENDOR_HEADER.search(title):
                found = _vendor_match(finder, codes, entity, cell)
            elif _TYPE_HEADER.search(title):
                found = _type_match(finder, codes, entity, cell)
            elif _OUTPUT_HEADER.search(title):
                found = _output_match(kb, codes, entity, cell)
            else:
                found = None
            if found is not None:
                yield cell, found


@dataclass(frozen=True)
class RowSentence:
    """A table row read as a sentence about its system: ``text`` ends with the cell's words
    from ``offset`` on (same length, so a match there maps back into the cell)."""

    cell: Segment
    text: str
    offset: int


def row_sentences(
    finder: MentionFinder, segments: Sequence[Segment], line_of: Callable[[int], int],
    verbs: frozenset[str],
) -> Iterator[RowSentence]:
    """"| Veo 2 | Video model developed by Meta |" under a Description column reads "Veo 2 is
    a video model developed by Meta."; under "What it makes", "Llama 3 makes …". ``verbs``:
    inflected verbs a cell may start with ("Generates images")."""
    for table in tables(segments, line_of):
        header = [c.segment.text.strip() for c in table[0]]
        entity_col = next((i for i, h in enumerate(header) if h.lower() in _ENTITY_HEADERS), 0)
        for row in table[1:]:
            cells = [c.segment for c in row]
            if len(cells) != len(header):
                continue
            entity = _sole_entity(finder, cells[entity_col].text, header[entity_col])
            name = cells[entity_col].text.strip()
            if entity is None:
                yield from _glossary_rows(finder, name, header, cells, entity_col)
                continue
            for column, title in enumerate(header):
                if column != entity_col and _DESCRIPTION_HEADER.match(title):
                    sentence = _as_sentence(finder, name, title, cells[column], verbs)
                    if sentence is not None:
                        yield sentence


def _glossary_rows(finder: MentionFinder, name: str, header: list[str], cells: list[Segment],
                   term_col: int) -> Iterator[RowSentence]:
    """"| LLM | Synonym for generative AI |" under a Definition column reads "LLM: Synonym for
    generative AI." (a glossary entry) when the term cell is a class term alone."""
    mentions = finder.find(name)
    if len(mentions) != 1 or mentions[0].type not in (CATEGORY, CONCEPT) or (
            mentions[0].text != name):
        return
    for column, title in enumerate(header):
        text = cells[column].text
        if column != term_col and text.strip() and _DESCRIPTION_HEADER.match(title):
            prefix = f"{name}: "
            yield RowSentence(cells[column], prefix + text.rstrip(" .") + ".", len(prefix))


def _as_sentence(finder: MentionFinder, name: str, title: str, cell: Segment,
                 verbs: frozenset[str]) -> RowSentence | None:
    text = cell.text
    words = text.split()
    if not words:
        return None
    first = words[0]
    named_first = any(m.start == 0 for m in finder.find(text))  # "OpenAI's ...", "Google's"
    body = text if named_first else text[0].lower() + text[1:]
    if _MAKES_HEADER.search(title):
        prefix = f"{name} makes "
    elif first.lower() in verbs:
        prefix = f"{name} "  # "Generates images from text"
    elif first.lower().endswith("ed"):
        prefix = f"{name}, "  # "Developed by Meta"
    else:
        possessive = first.endswith(("'s", "’s"))
        article = "" if possessive or first.lower() in _DETERMINERS else (
            "an " if first[:1].lower() in "aeiou" else "a ")
        prefix = f"{name} is {article}"
    return RowSentence(cell, prefix + body.rstrip(" .") + ".", len(prefix))


def _sole_entity(finder: MentionFinder, text: str, title: str = "") -> Entity | None:
    """The system a cell names alone (its column's title tells an ambiguous name's sense: a
    Model, Tool or Product column holds systems)."""
    mentions = finder.find(text, "model" if title.lower() in _ENTITY_HEADERS else title)
    if len(mentions) == 1 and mentions[0].type == ENTITY and mentions[0].text == text.strip():
        return finder.kb.entities[mentions[0].id]
    return None


def _vendor_match(finder: MentionFinder, codes: dict[str, str], entity: Entity,
                  cell: Segment) -> Match | None:
    """A wrong maker in a Vendor cell; none when the cell also names a right one ("Runway /
    Stability AI", "BigCode (Hugging Face, ServiceNow, NVIDIA)": partners, not a wrong maker)."""
    wrong = []
    for mention in finder.find(cell.text):
        if mention.type != VENDOR:
            continue
        verdict = judge(finder.kb, Claim(entity.id, ENTITY, "made_by", mention.id, VENDOR,
                                         mention.start, mention.end, construction="table"))
        if verdict is None:
            return None
        wrong.append(_match(codes, verdict, mention))
    return wrong[0] if wrong else None


def _type_match(finder: MentionFinder, codes: dict[str, str], entity: Entity,
                cell: Segment) -> Match | None:
    for mention in finder.find(cell.text):
        if mention.type in (CATEGORY, ARCHITECTURE):
            verdict = judge(finder.kb, _is_a(entity, mention))
            if verdict is not None:
                return _match(codes, verdict, mention)
    return None


def _is_a(entity: Entity, klass: Mention) -> Claim:
    return Claim(entity.id, ENTITY, "is_a", klass.id, klass.type, klass.start, klass.end,
                 construction="table", object_text=klass.text)


def _output_match(kb: KnowledgeBase, codes: dict[str, str], entity: Entity,
                  cell: Segment) -> Match | None:
    index = modality_index(kb)
    for word in _WORD.finditer(cell.text):
        key = word.group(0).lower()
        modality = index.get(key) or index.get(key[:-1] if key.endswith("s") else key)
        if modality is None:
            continue
        verdict = judge(kb, Claim(entity.id, ENTITY, "outputs", modality, "modality",
                                  word.start(), word.end(), construction="table"))
        if verdict is not None:
            found = Mention(word.start(), word.end(), "modality", modality, word.group(0))
            return _match(codes, verdict, found)
    return None


def _example_row(finder: MentionFinder, codes: dict[str, str], header: list[str],
                 cells: list[Segment]) -> Iterator[tuple[Segment, Match]]:
    """An "Examples" row: each entity listed under a class column is said to be one."""
    for title, cell in zip(header, cells, strict=True):
        classes = [m for m in finder.find(title) if m.type == CATEGORY]
        if len(classes) != 1:
            continue
        for mention in finder.find(cell.text):
            if mention.type != ENTITY:
                continue
            verdict = judge(finder.kb, _is_a(finder.kb.entities[mention.id], classes[0]))
            if verdict is not None:
                found = _match(codes, verdict, mention)
                if found is not None:
                    yield cell, found


def _match(codes: dict[str, str], verdict: Verdict, mention: Mention) -> Match | None:
    code = codes.get(verdict.rule)
    return Match(code, mention.start, mention.end, verdict.message,
                 verdict.replacement) if code else None
