"""Find knowledge-base names in prose without NLP: entities, vendors and class terms."""

from __future__ import annotations

import heapq
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from linter.knowledge.base import Entity, KnowledgeBase
from linter.knowledge.misspellings import misspelt_names
from linter.knowledge.quickscan import QuickScan, literal_start, quick_scan_of
from linter.knowledge.surface import plural_forms, surface_forms, term_forms

#: Mention types. "category" covers LLM as well (the concept and the category are one).
ENTITY, VENDOR, CATEGORY, CONCEPT, ARCHITECTURE = (
    "entity",
    "vendor",
    "category",
    "concept",
    "architecture",
)
_AI_CONTEXT = re.compile(
    r"\b(?:AI|LLMs?|GPT|models?|chatbots?|prompts?|APIs?|OpenAI|Anthropic|Google|Meta|"
    r"Microsoft|generat\w*|transcri\w*|assistants?|tokens?|fine-tun\w*|inference|neural|"
    r"machine learning|language|text-to-\w+|images?|apps?|users?|released|launched|speech|"
    r"audio|video|frames?|text|transcripts?|outputs?)\b"
)
#: A version number after a family's name: "2.0", "1.6", "v3", "2a"
_VERSION = r"[ -]v?\d+(?:\.\d+)*[a-z]?"
#: Modalities whose words are everyday prose, so no sign of an AI system nearby.
_PLAIN_MODALITIES = frozenset({"text", "code", "embedding", "mask", "class-label"})
_SENTENCE_END = re.compile(
    r"(?<!\bi\.e\.)(?<!\be\.g\.)(?<!\betc\.)(?<!\bvs\.)(?<!\bcf\.)(?<!\bDr\.)(?<!\bMr\.)"
    r"(?<!\ba\.k\.a\.)"
    r"(?<=[.!?])[\"”')\]]*\s+(?=[\"“(\[]?[A-Z0-9])|\n\s*\n"
)


@dataclass(frozen=True)
class Mention:
    """A knowledge-base name at ``[start, end)`` of a text."""

    start: int
    end: int
    type: str
    id: str
    text: str


def _alternation(forms: list[str], space: str = r"[\s\u00a0]+", separators: str = " ") -> str:
    """One pattern for ``forms``, as a trie ("GPT-4(?:o(?:[- ]mini)?)?|..."): Python's engine
    tries an alternation branch by branch at every position, so a trie over hundreds of
    names is many times faster than a flat list. Each run of ``separators`` in a form matches
    ``space``; at each point the longer name is tried first, as before."""
    trie: dict[str, dict] = {}
    for form in set(forms):
        node = trie
        for char in re.sub(f"[{re.escape(separators)}]+", " ", form):
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie, space)


def _trie_pattern(node: dict[str, dict], space: str) -> str:
    branches = [
        (space if char == " " else re.escape(char)) + _trie_pattern(child, space)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a name ends here; a longer one goes on
        return body + "?" if len(branches) == 1 and len(body) == 1 else "(?:" + body + ")?"
    return body


#: A non-breaking hyphen or an en dash between the words of a class term ("encoder–decoder").
_DASHES = re.compile("[\u2011\u2013]")
#: What may separate the words of a class term: spaces, hyphens and those dashes.
_SEPARATORS = r"[\s\u00a0\u2011\u2013-]+"

_LEFT = r"(?<![\w\-/.@#])"
_RIGHT = r"(?![\w@/]|-\w|\.\w)"


class MentionFinder:
    """Compiled patterns for every surface form in a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        exact: dict[str, tuple[str, str]] = {}
        for entity in kb.entities.values():
            for alias in entity.aliases:
                exact[alias] = (ENTITY, entity.id)
        for vendor in kb.vendors.values():
            for alias in vendor.aliases:
                exact.setdefault(alias, (VENDOR, vendor.id))
        for variant, kind_and_id in misspelt_names(kb).items():
            exact.setdefault(variant, kind_and_id)  # "Chat GPT is an LLM" is still a claim
        folded: dict[str, tuple[str, str]] = {}
        for kind, table in (
            (CATEGORY, kb.categories),
            (CONCEPT, kb.concepts),
            (ARCHITECTURE, kb.architectures),
        ):
            for term in table.values():
                mention_kind = CATEGORY if kind == CONCEPT and term.id in kb.categories else kind
                for form in term_forms(term):
                    folded.setdefault(form.lower(), (mention_kind, term.id))
        self._exact = exact
        self._quick_scan: QuickScan | None = None
        self._folded = folded
        self._unhyphenated = {k.replace("-", " "): v for k, v in folded.items()}
        #: version forms ("Llama-3.1-70B-Instruct") matched by an entity's `patterns` (each
        #: pattern once, for the entity that declares it, not each member inheriting it), with
        #: the literal every match starts with (a cheap test before the pattern runs)
        declared: dict[str, str] = {}
        for entity in kb.entities.values():
            family = kb.entities.get(entity.family) if entity.family else None
            for pattern in entity.patterns:
                if family is None or pattern not in family.patterns:
                    declared.setdefault(pattern, entity.id)
        for entity in kb.entities.values():
            if entity.kind == "model-family" and not entity.patterns:
                for alias in entity.aliases:
                    if alias[-1:].isalpha():  # "Ideogram 2.0", "Kling 1.6": an unlisted version
                        declared.setdefault(re.escape(alias) + _VERSION, entity.id)
        self._versions = [  # (each compiled on first use: most never occur in a run)
            (literal_start(pattern), _LEFT + "(?:" + pattern + ")" + _RIGHT, ident)
            for pattern, ident in declared.items()
        ]
        #: the versions by the first two characters of their literal start ("Qw"), and
        #: those without one
        self._version_heads: dict[str, list[int]] = {}
        self._headless: list[int] = []
        for index, (prefix, _, _) in enumerate(self._versions):
            if len(prefix) >= 2:
                self._version_heads.setdefault(prefix[:2], []).append(index)
            else:
                self._headless.append(index)
        self._exact_re = re.compile(_LEFT + "(?:" + _alternation(list(exact)) + ")" + _RIGHT)
        #: media words ("songs", "voice-over"): next to one, an ambiguous name is the system
        #: ("Whisper composes songs"); text words ("letter", "story") say nothing of the kind
        media = [form for modality in kb.modalities.values() if modality.id not in _PLAIN_MODALITIES
                 for term in modality.terms for form in plural_forms(term)]
        self._media_re = re.compile(
            r"(?<![\w-])(?:" + _alternation(media, _SEPARATORS, " -") + r")(?![\w-])",
            re.IGNORECASE)
        self._folded_re = re.compile(
            # class terms also with hyphens between their words ("music-generation model")
            _LEFT + "(?:" + _alternation(list(folded), _SEPARATORS, " -") + ")" + _RIGHT,
            re.IGNORECASE,
        )

    def any_mention(self, text: str) -> bool:
        starts = self._quick().starts(text)
        if starts is None:
            return bool(self._exact_re.search(text) or self._folded_re.search(text))
        return any(self._exact_re.match(text, start) or self._folded_re.match(text, start)
                   for start in starts)

    def _quick(self) -> QuickScan:
        """The literal test run before the patterns (most texts name nothing)."""
        if self._quick_scan is None:
            self._quick_scan = quick_scan_of(frozenset(surface_forms(self.kb)))
        return self._quick_scan

    def find(self, text: str, context: str = "") -> list[Mention]:
        """Non-overlapping mentions, longest first, entities (versions before families) winning
        ties. ``context``: words around ``text`` that tell an ambiguous name's sense (a table
        column's title)."""
        lazy = self._quick().starts(text)
        starts = None if lazy is None else list(lazy)
        if starts == []:
            return []
        found: list[Mention] = []
        for match in _matches(self._exact_re, text, starts):
            kind, ident = self._exact[_norm_space(match.group(0))]
            if kind == ENTITY and not self._plausible_entity(
                text, match.start(), match.end(), ident, context
            ):
                continue
            found.append(Mention(match.start(), match.end(), kind, ident, match.group(0)))
        for prefix, source, ident in self._versions_at(text, starts):
            if prefix not in text:
                continue
            for match in _matches(_version_pattern(source), text, starts):
                if self._plausible_entity(text, match.start(), match.end(), ident, context):
                    found.append(Mention(match.start(), match.end(), ENTITY, ident,
                                         match.group(0)))
        for match in _matches(self._folded_re, text, starts):
            known = self._folded_form(match.group(0))
            if known is None:
                continue
            kind, ident = known
            found.append(Mention(match.start(), match.end(), kind, ident, match.group(0)))
        # (of two entities on the same words, the version wins over its family: "Llama 3 70B")
        found.sort(key=lambda m: (m.start, -(m.end - m.start), m.type != ENTITY,
                                  m.type != ENTITY or self.kb.entities[m.id].family is None))
        result: list[Mention] = []
        last_end = -1
        for mention in found:
            if mention.start >= last_end:
                result.append(mention)
                last_end = mention.end
        return result

    def _versions_at(
        self, text: str, starts: list[int] | None
    ) -> Iterator[tuple[str, str, str]]:
        """The version patterns that may match ``text`` at one of ``starts``, in their order:
        those whose first two characters begin there, and those without a literal start."""
        if starts is None:
            yield from self._versions
            return
        heads = {text[start : start + 2] for start in starts}
        chosen = sorted({i for head in heads for i in self._version_heads.get(head, ())})
        for index in heapq.merge(chosen, self._headless):
            yield self._versions[index]

    def _folded_form(self, text: str) -> tuple[str, str] | None:
        """The class term ``text`` writes, with any hyphen between its words read as a space."""
        form = _DASHES.sub("-", _norm_space(text)).lower()  # ("encoder–decoder")
        found = self._folded.get(form)
        if found is None:
            found = self._unhyphenated.get(form.replace("-", " "))
        return found

    def _plausible_entity(self, text: str, start: int, end: int, ident: str,
                          context_words: str = "") -> bool:
        """Look-alikes ("Claude Monet", "the Bard of Avon") are not entities."""
        entity = self.kb.entities[ident]
        alias = text[start:end]
        if not entity.ambiguous or not alias.isalpha():
            return True
        after = text[end : end + 40]
        before = text[max(0, start - 12) : start]
        if re.match(r"[\s\u00a0]+[A-Z][a-z]", after) and not re.match(
            r"[\s\u00a0]+(?:AI|API|Pro|Ultra|Nano|Flash|Advanced|Code|Chat|Instant|Opus|Sonnet|"
            r"Haiku|Large|Small|Medium|Vision|Instruct|Turbo|Extensions?|Apps?)\b",
            after,
        ):
            return False
        if re.search(r"\bthe\s+$", before, re.IGNORECASE) and re.match(r"\s+of\b", after):
            return False
        if self._after_given_name(text, start):
            return False  # "Hongwei Yi", "Ashish Vaswani, Noam Shazeer and Niki Parmar"
        if entity.ambiguity == "determiner":
            # Only "the Bard" or "a bard" is the ordinary word; a bare capital name is the product.
            after_product = re.match(
                r"\s+(?:app|chatbot|assistant|extensions?|API|team|responses?|answers?|chats?|"
                r"conversations?|prompts?|replies|reply|outputs?|features?|accounts?)\b", after)
            return bool(after_product) or not re.search(
                r"\b(?:the|a|an|every|this|that|our|my)\s+$", before, re.I
            )
        if self._owned_by_maker(text[max(0, start - 40) : start], entity):
            return True  # "Adobe's Firefly": its maker's name claims the word
        sentence = text[max(0, start - 200) : end + 200]
        context = (
            sentence[: start - max(0, start - 200)] + " " + sentence[end - max(0, start - 200) :]
            + " " + context_words
        )
        return bool(
            _AI_CONTEXT.search(context)
            or self._folded_re.search(context)
            or self._media_re.search(context)
            or _cue_pattern(entity.cues).search(context)
        ) or any(
            self.kb.entities[self._exact[_norm_space(m.group(0))][1]].id != ident
            for m in self._exact_re.finditer(context)
            if self._exact[_norm_space(m.group(0))][0] == ENTITY
            and not self.kb.entities[self._exact[_norm_space(m.group(0))][1]].ambiguous
        )


    def _after_given_name(self, text: str, start: int) -> bool:
        """Whether the name at ``start`` follows a capitalised word inside a sentence that is
        no known name: a person's surname ("Hongwei Yi"), not "Google Gemini"."""
        given = _GIVEN_NAME.search(text, max(0, start - 30), start)
        return given is not None and _norm_space(given.group(1)) not in self._exact

    def _owned_by_maker(self, before: str, entity: Entity) -> bool:
        """Whether ``before`` ends with a possessive of the entity's own maker ("Adobe's ",
        "Google DeepMind's "; not another company's, which may have its own product of that
        name: "NVIDIA's Titan")."""
        owner = _POSSESSOR.search(before)
        if owner is None:
            return False
        words = owner.group(1).split()
        for n in range(1, min(3, len(words)) + 1):
            found = self._exact.get(" ".join(words[-n:]))
            if found is not None and found[0] == VENDOR:
                maker = self.kb.vendors.get(entity.vendor or "")
                return maker is not None and (found[1] == maker.id or found[1] in maker.affiliates)
        return False


#: A capitalised word inside a sentence (after a lower-case word or a comma) just before the
#: end of the searched range.
_GIVEN_NAME = re.compile(r"(?:[a-z,][\s\u00a0]+)([A-Z][a-z]+)[\s\u00a0]+$")
#: The words before a possessive mark at the end of a text ("Canva's ", "Pika Labs' ").
_POSSESSOR = re.compile(r"([^\n]*?)(?:[’']s|(?<=s)[’'])[\s\u00a0]+$")


@cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """The entity's own context cues as whole words ("Photoshop" for Firefly); never matches
    when it has none."""
    if not cues:
        return re.compile(r"(?!)")
    words = "|".join(re.escape(cue) for cue in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)


def _matches(
    pattern: re.Pattern[str], text: str, starts: list[int] | None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying only ``starts`` (every place a match can start; None:
    everywhere)."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            yield match
            end = match.end()


@cache
def _version_pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _norm_space(text: str) -> str:
    return re.sub(r"[\s\u00a0]+", " ", text)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Approximate sentence spans of a prose segment (for choosing what to parse)."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def modality_index(kb: KnowledgeBase) -> dict[str, str]:
    """Lower-case singular term → modality id (built once per knowledge base; do not change
    the dictionary returned)."""
    held = _MODALITY_INDEXES.get(id(kb))
    if held is not None and held[0]() is kb:
        return held[1]
    index: dict[str, str] = {}
    for modality in kb.modalities.values():
        for term in modality.terms:
            index.setdefault(term.lower(), modality.id)
    _MODALITY_INDEXES[id(kb)] = (weakref.ref(kb), index)
    return index


#: id(knowledge base) → (a reference to it, its modality index)
_MODALITY_INDEXES: dict[int, tuple[weakref.ref[Any], dict[str, str]]] = {}
