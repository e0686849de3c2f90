"""Outdated names presented as current (GL206): "Google Bard" after the rename to Gemini."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from linter.checks.base import Match
from linter.claims.context import question_text, sentence_asserts
from linter.claims.judge import judge
from linter.claims.lexicon import lexicon
from linter.claims.mentions import ENTITY, Mention
from linter.claims.parsed import Parsed
from linter.claims.record import Claim


def check(p: Parsed, mentions: list[Mention]) -> Iterator[Match]:
    text = p.doc.text
    for mention in mentions:
        if mention.type != ENTITY:
            continue
        if lexicon().historical.search(text):
            return
        # the name used as a current name: "X is (still) called X"
        verdict = judge(p.kb, Claim(mention.id, ENTITY, "renamed_to", mention.id, ENTITY,
                                    mention.start, mention.end, construction="name"))
        if verdict is None:
            continue
        renamed_to = p.kb.entities[mention.id].renamed_to or ""
        successor = p.kb.entities.get(renamed_to)
        new_name = successor.name if successor else renamed_to
        if new_name and re.search(
                rf"(?:\b(?:now|became|becomes|before|into|to|in|with|at)\b|→|->|=>)[^.;]{{0,30}}?"
                rf"(?<![\w-])"
                rf"{re.escape(new_name)}(?![\w-]|\s+[A-Z0-9])", text):
            # "Bard (now Gemini)", "from X to Y", "X → Y", "replace X with Y": the change
            continue
        token = next((t for t in p.doc if t.idx == mention.start), None)
        asked = _used_in_question(token.sent.text) if token is not None else ""
        if (token is None or not sentence_asserts(asked) or _past_tense(token.sent)
                or _in_records(token)):
            continue
        code = p.codes.get(verdict.rule)
        if code:
            yield Match(code, mention.start, mention.end, verdict.message)


def _past_tense(sentence: Any) -> bool:
    """A sentence about the past ("We used Bard"): a past-tense root with a subject of its own
    (not a heading's "Getting started with Bard", nor "Get started", misparsed)."""
    root = sentence.root
    past_passive = root.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in root.children)
    return bool((root.tag_ == "VBD" or past_passive) and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN", "PRON")
        for c in root.children))  # (and "X was fine-tuned on data made with Y")


def _in_records(token: Any) -> bool:
    """The name is in what is said about recorded data ("the dataset holds responses from
    Bard", "the results pertain to models such as Bard"): what a system produced then, not
    its current name. Not when the name is in the subject ("Answers from Bard are wrong")."""
    child = token
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return child.dep_ not in ("nsubj", "nsubjpass") and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in lexicon().records
                for c in ancestor.children)
        child = ancestor
    return False


#: A question about the name itself ("Is Bard still available?"), not one that uses it.
_ABOUT_THE_NAME = re.compile(
    r"\b(?:still|any\s?more|renamed|rebranded|called|named|same|exists?|available|gone|"
    r"replaced|retired|discontinued|current(?:ly)?|names?)\b", re.IGNORECASE)


def _used_in_question(sentence: str) -> str:
    """The sentence as a statement when it is a question that uses the name as current
    ("Does Google Bard keep my chats?"); unchanged otherwise."""
    asked = question_text(sentence)
    if asked is not None and not _ABOUT_THE_NAME.search(asked):
        return asked.rstrip("?")
    return sentence
