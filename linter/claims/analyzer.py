"""The claim analyzer: picks candidate sentences cheaply, parses them in one batch, runs checks."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

from linter.checks.base import Match
from linter.claims import category, conflation, modality, outdated, tables, vendor
from linter.claims.lexicon import lexicon, word_pattern
from linter.claims.mentions import ARCHITECTURE, ENTITY, VENDOR, Mention, MentionFinder, sentences
from linter.claims.parsed import GENERIC_HEADS, Parsed
from linter.knowledge.base import KnowledgeBase
from linter.markup.segments import Segment

#: Categories of software that runs other makers' models (vLLM, LangChain, the Hugging Face
#: Hub): named alone, with no maker and no class term, they carry no claim the judge can check.
_TOOL_CATEGORIES = frozenset({"llm-framework", "model-platform"})
_BATCH_SIZE = 128
#: Characters per spaCy batch at most (unless one text is longer): bounds the parser's memory.
_BATCH_CHARS = 64_000
#: Longest text handed to spaCy (characters). A "sentence" longer than this (a run-on list, a
#: generated blob with no full stop) is parsed in windows cut at spaces: spaCy's memory and
#: time grow faster than linearly with the length of one text (half a megabyte of words
#: without a full stop took 20 GB), and real sentences are far shorter.
MAX_SENTENCE_CHARS = 1500


def _windows(
    text: str, spans: Iterable[tuple[int, int]], limit: int | None = None
) -> Iterator[tuple[int, int]]:
    """``spans``, with each one longer than ``limit`` cut into windows of at most ``limit``
    characters that end after a space (or at ``limit`` when there is no space)."""
    limit = limit or MAX_SENTENCE_CHARS
    for start, end in spans:
        while end - start > limit:
            cut = text.rfind(" ", start + 1, start + limit)
            cut = cut + 1 if cut > start else start + limit
            yield start, cut
            start = cut
        if end > start:
            yield start, end


class ClaimAnalyzer:
    """Checks the claims of candidate sentences against a knowledge base."""

    def __init__(self, kb: KnowledgeBase, codes: dict[str, str], model: str | None = None):
        self.kb = kb
        self.codes = codes
        self.model = model
        self.finder = MentionFinder(kb)
        # renamed or shut down: any mention may be outdated usage (GL206), whatever the verb
        self._renamed = {
            e.id for e in kb.entities.values() if e.renamed_to or e.dates.get("discontinued")
        }
        self._product_names = {e.name for e in kb.entities.values() if e.is_product}
        self._products = {e.id for e in kb.entities.values() if e.is_product}
        self._tools = {e.id for e in kb.entities.values() if e.category in _TOOL_CATEGORIES}
        words = lexicon()
        self._cues = words.cue_pattern()
        self._class_claim = words.class_claim_pattern()
        outputs = word_pattern(frozenset(words.output_verbs))
        self._output_claim = re.compile(r"\b(?:" + outputs + r")\b", re.IGNORECASE)
        self._ranked = [({codes[r] for r in first if r in codes},
                         {codes[r] for r in then if r in codes}) for first, then in _PRECEDENCE]
        self._product_claim = re.compile(r"\b(?:" + "|".join((
            outputs, *sorted(map(re.escape, GENERIC_HEADS), key=len, reverse=True))) + r")\b",
            re.IGNORECASE)

    def could_match(self, text: str) -> bool:
        """Whether any knowledge-base name occurs in ``text`` at all (a cheap prefilter)."""
        return self.finder.any_mention(text)

    def table_matches(
        self, segments: Sequence[Segment], line_of: Callable[[int], int]
    ) -> list[tuple[Segment, Match]]:
        """Claims made by table rows: their Vendor / Type / Output columns (no parsing
        needed), and their descriptive columns read as sentences about the row's system."""
        found = list(tables.table_matches(self.finder, self.codes, segments, line_of))
        rows = list(tables.row_sentences(self.finder, segments, line_of, lexicon().third_person()))
        for row, matches in zip(rows, self.analyze([r.text for r in rows]), strict=True):
            size = len(row.cell.text)
            for match in matches:
                if match.end <= row.offset:
                    continue  # about the row's name alone: the name's own cell says it
                start = min(max(0, match.start - row.offset), size - 1)
                end = max(start + 1, min(size, match.end - row.offset))
                found.append((row.cell, replace(match, start=start, end=end)))
        return found

    def past_name_cells(
        self, segments: Sequence[Segment], line_of: Callable[[int], int]
    ) -> frozenset[int]:
        return tables.past_name_cells(segments, line_of, lexicon().historical)

    def candidates(self, segment: Segment) -> list[tuple[int, int]]:
        """Sentence spans of ``segment`` worth parsing."""
        text = segment.text
        spans = []
        bounds = list(sentences(text))
        refuted = {start for (start, _), (following, _) in pairwise(bounds)
                   if lexicon().refuting.match(_LEADING.sub("", text[following:]))}
        for start, end in _windows(text, bounds):
            if start in refuted:
                continue  # "X is Y. That's a myth.": reported, then refuted
            sentence = text[start:end]
            mentions = self.finder.find(sentence)
            if self._worth_parsing(sentence, mentions):
                spans.append((start, end))
        return spans

    def _worth_parsing(self, sentence: str, mentions: list[Mention]) -> bool:
        # a claim needs a subject the judge knows: a system, a class or a concept (a vendor or
        # an architecture alone says nothing checkable: "the UNet and the Transformer")
        named = [m for m in mentions if m.type not in (VENDOR, ARCHITECTURE) or (
            m.type == VENDOR and m.text in self._product_names)]  # "Meta AI" the assistant
        if not named:
            return False
        if any(m.type == ENTITY and m.id in self._renamed for m in mentions):
            return True
        if any(
            b.start - a.end <= 1 and ENTITY in (a.type, b.type)
            for a, b in pairwise(mentions)
        ):
            return True  # "the ChatGPT LLM", "Google Bard"
        if all(m.type == ENTITY and m.id in self._tools for m in named) and not any(
                m.type == VENDOR for m in mentions):
            return False  # "start a vLLM server by running": a tool alone claims nothing here
        if any(m.type == ENTITY and m.id in self._products and _MODEL_AFTER.match(
                sentence, m.end) for m in mentions):
            return True  # "the Microsoft Copilot model" (not "the SDXL model": it is one)
        if not self._cues.search(sentence):
            return False
        if all(m.type == ENTITY for m in mentions) and len({m.id for m in mentions}) == 1:
            # one system and no maker, class or architecture named: what it makes ("X
            # generates images") or, for a product, a generic noun ("X is a model") is all a
            # claim can say
            claim = self._product_claim if mentions[0].id in self._products else (
                self._output_claim)
            return bool(claim.search(sentence))
        return (
            len(mentions) >= 2
            or any(m.type == ENTITY for m in mentions)
            or bool(self._class_claim.search(sentence))
        )

    def analyze(self, texts: Sequence[str]) -> list[list[Match]]:
        """Matches for each text, in text coordinates. Loads spaCy on first use."""
        if not texts:
            return []
        from linter.running.nlp import load_pipeline

        nlp = load_pipeline(self.model)
        # Line breaks inside a paragraph are spaces to the parser (same length: offsets hold).
        flat = [text.replace("\n", " ") for text in texts]
        # Each distinct sentence is parsed once: docs repeat notes, admonitions and blurbs.
        distinct = list(dict.fromkeys(flat))
        # Fewer texts per batch when they are long (windows of run-on text): spaCy's memory
        # grows with the characters in a batch.
        batch = max(1, min(_BATCH_SIZE, _BATCH_CHARS // max(len(text) for text in distinct)))
        mentions = [self.finder.find(text) for text in distinct]
        masked = [_masked(text, found) for text, found in zip(distinct, mentions, strict=True)]
        found = {
            text: self._check_doc(doc, names)
            for text, names, doc in zip(
                distinct, mentions, nlp.pipe(masked, batch_size=batch), strict=True)
        }
        return [list(found[text]) for text in flat]

    def _check_doc(self, doc: Any, mentions: list[Mention]) -> list[Match]:
        parsed = Parsed(doc, _merge(doc, mentions), self.kb, self.codes)
        found: list[Match] = []
        found.extend(category.check(parsed))
        found.extend(modality.check(parsed))
        found.extend(vendor.check(parsed))
        found.extend(conflation.check(parsed, mentions))
        found.extend(outdated.check(parsed, mentions))
        return _one_per_claim(found, [sent.start_char for sent in doc.sents], self._ranked)


#: Marks before a sentence's first word ("_That's a myth._", "> **False.**").
_LEADING = re.compile(r"^[\s\W_]+")
#: A generic model noun right after a name: "the X model" may call a product a model.
_MODEL_AFTER = re.compile(r"[\s\u00a0]+(?:models?|LLMs?)\b")
_NAME_MARKS = re.compile(r"[\[\]()]")
#: Names the parser misreads: several words with a number ("Mistral 7B outputs speech": read
#: as nouns and verbs of the sentence), letters and digits in one word ("SeamlessM4T": split in
#: two), a full stop inside ("Character.AI", "FLUX.1 Kontext": a sentence break) and a
#: short acronym ("DDPM is a GAN": read as an adverb), a letter outside ASCII ("Zephyr-7B-β",
#: "DALL·E": split at it)
_SPLIT_NAME = re.compile(
    r"\s\S*\d|[A-Za-z]\d+[A-Za-z]|[a-z]\.[A-Za-z]|[A-Za-z]\.\d\S*\s|^[A-Z]{3,5}$|[^\x00-\x7f]")
#: A maker's name whose first word reads as a verb ("Hugging Face's model": "Hugging" parsed
#: as the sentence's verb)
_VERB_FIRST = re.compile(r"[A-Z][a-z]+ing\s")


#: " — phrase — ": a set-off phrase between two spaced dashes (no dash, comma, stop, "and" or
#: "or" inside: "two LLMs — A and B — on ..." is a list, which the parser reads well).
_SPACED_DASH_PAIR = re.compile(r" [—–] (?:(?! and | or )[^—–.;:,])+? [—–] ")
#: "fine-tuned": the parser splits the hyphenated verb and hangs the noun before it on it ("an
#: LLM fine-tuned for code" read as "an LLM-ish tuned thing"); a verb of the same length and
#: sense parses as the participle it is
_FINE_TUNE = re.compile(r"\bfine-tun(?=e|ing)")   # lower case: a capital reads as a name
#: "open-sourced": the same, with a verb of the same length ("which Meta open-sourced")
_OPEN_SOURCED = re.compile(r"\bopen-sourc(?=ed\b|es\b|ing\b)")


def _masked(text: str, mentions: list[Mention]) -> str:
    """``text`` with each name that holds brackets ("FLUX.1 [pro]") written as one word of
    the same length, so that the parser reads a name, not a parenthetical (offsets hold); the
    same for a name of several words with a number ("Mistral 7B"); a few marks and words the
    parser misreads are written as ones it reads (spaced dashes, "fine-tuned")."""
    # a pair of spaced dashes sets off a phrase as commas do ("Sora — OpenAI's model — was"):
    # the parser reads commas as apposition, dashes often not
    text = _SPACED_DASH_PAIR.sub(lambda m: m.group(0).replace("—", ",").replace("–", ","), text)
    text = _FINE_TUNE.sub("customiz", text)
    text = _OPEN_SOURCED.sub("disseminat", text)
    for mention in mentions:
        if (mention.type in (ENTITY, VENDOR) and _NAME_MARKS.search(mention.text)) or (
                mention.type == ENTITY and _SPLIT_NAME.search(mention.text)) or (
                mention.type == VENDOR and _VERB_FIRST.match(mention.text)):
            width = mention.end - mention.start
            text = text[: mention.start] + "X" + "x" * (width - 1) + text[mention.end :]
    return text


#: (rules, rules they take precedence over where their findings overlap): a wrong category
#: over the outputs or architecture read off the same class noun ("X is an LLM that writes
#: screenplays", "X, a transformer-based LLM": the category finding says it); a renaming
#: ("generative AI, which is to say LLMs") over the subset reading of the same words
_PRECEDENCE = (
    (("model-category", "product-called-model"), ("output-modality", "model-architecture")),
    (("llm-genai-conflation",), ("subset-direction",)),
)


def _one_per_claim(
    found: list[Match], sentence_starts: list[int],
    ranked: Sequence[tuple[Collection[str], Collection[str]]] = (),
) -> list[Match]:
    """One finding per claim: per rule and start ("LLMs generate images and video": the
    longest span is kept), per rule and message in a sentence (a claim read twice, through
    a name and through a pronoun for it: the first is kept), and, for each (primary,
    secondary) pair of ``ranked``, a secondary finding not where it overlaps a primary one."""
    for primary, secondary in ranked:
        spans = [(m.start, m.end) for m in found if m.code in primary]
        found = [m for m in found if not (m.code in secondary and any(
            start < m.end and m.start < end for start, end in spans))]
    longest: dict[tuple[str, int], Match] = {}
    for match in found:
        key = (match.code, match.start)
        kept = longest.get(key)
        if kept is None or match.end > kept.end:
            longest[key] = match
    first: dict[tuple[str, str, int], Match] = {}
    for match in sorted(longest.values(), key=lambda m: m.start):
        sentence = bisect.bisect_right(sentence_starts, match.start)
        first.setdefault((match.code, match.message, sentence), match)
    return list(first.values())


def _merge(doc: Any, mentions: list[Mention]) -> dict[int, Mention]:
    """Merge each multi-token mention into one token; map token index → mention."""
    spans = []
    taken: set[int] = set()
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        taken.update(t.i for t in span)
        spans.append((span, mention))
    with doc.retokenize() as retokenizer:
        for span, mention in spans:
            if len(span) > 1:
                attrs = {"TAG": "NNP", "POS": "PROPN"} if mention.type in (ENTITY, VENDOR) else {}
                retokenizer.merge(span, attrs=attrs)
    by_start = {m.start: m for _, m in spans}
    return {t.i: by_start[t.idx] for t in doc if t.idx in by_start}
