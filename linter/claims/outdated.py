"""Outdated names presented as current (GL206): "Google Bard" after the rename to Gemini."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.checks.base import Match
from linter.claims.context import sentence_asserts
from linter.claims.lexicon import lexicon
from linter.claims.mentions import ENTITY, Mention
from linter.claims.messages import say
from linter.claims.parsed import Parsed


def check(p: Parsed, mentions: list[Mention]) -> Iterator[Match]:
    text = p.doc.text
    for mention in mentions:
        if mention.type != ENTITY:
            continue
        entity = p.kb.entities[mention.id]
        if not entity.renamed_to or lexicon().historical.search(text):
            continue
        successor = p.kb.entities.get(entity.renamed_to)
        new_name = successor.name if successor else entity.renamed_to
        if re.search(rf"\b(?:now|became|becomes|before)\s+(?:called\s+|named\s+|known\s+as\s+)?"
                     rf"{re.escape(new_name)}\b", text):
            continue  # "Bard (now Gemini)"
        token = next((t for t in p.doc if t.idx == mention.start), None)
        if token is None or not sentence_asserts(token.sent.text) or token.sent.root.tag_ == "VBD":
            continue
        year = f" in {entity.renamed_year}" if entity.renamed_year else ""
        code = p.codes.get("outdated-name")
        if code:
            yield Match(
                code,
                mention.start,
                mention.end,
                say("outdated-name", "renamed", name=entity.name, new=new_name, year=year),
            )
