"""A parsed sentence with knowledge-base mentions merged into single tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from linter.checks.base import Match
from linter.claims.lexicon import lexicon
from linter.claims.mentions import ARCHITECTURE, CATEGORY, CONCEPT, ENTITY, VENDOR, Mention
from linter.claims.record import GENERIC_MODEL
from linter.knowledge.base import KnowledgeBase
from linter.markup.textutil import inside_quotes

#: Head nouns that take their class from a modifier: "generative AI models", "the DALL·E model".
GENERIC_HEADS = frozenset(
    [
        "architecture",
        "architectures",
        "backbone",
        "stack",
        "stacks",
        "layer",
        "layers",
        "block",
        "blocks",
        "model",
        "models",
        "system",
        "systems",
        "tool",
        "tools",
        "application",
        "applications",
        "app",
        "apps",
        "technology",
        "technologies",
        "platform",
        "platforms",
        "family",
        "families",
        "series",
        "suite",
        "suites",
        "version",
        "versions",
        "variant",
        "variants",
        "checkpoint",
        "checkpoints",
        "solution",
        "solutions",
        "program",
        "programs",
        "algorithm",
        "algorithms",
        "chatbot",
        "chatbots",
        "assistant",
        "assistants",
        "agent",
        "agents",
        "service",
        "services",
    ]
)
#: Nouns for a part of a system as much as for a system: they stand for the system only as
#: what it is ("WaveNet is a transformer-based vocoder"), not as what it uses ("uses a
#: transformer-based text encoder").
PART_HEADS = frozenset(["network", "networks", "encoder", "encoders", "decoder", "decoders",
                        "vocoder", "vocoders"])

#: Words that open an appositive noun phrase ("X, a Y", "X, the Y", "X, Google's Y").
_APPOSITIVE_OPENERS = frozenset({"a", "an", "the", "part", "one", "member"})
#: Tags of finite verbs: a phrase set off by a comma that holds one is a clause.
_FINITE_VERBS = frozenset({"VBZ", "VBP", "VBD", "MD"})
#: Marks that end an appositive phrase.
_PHRASE_ENDS = frozenset({",", ";", ":", "—", "–", "(", ")", "which", "that", "who", "whose"})


_PRODUCT_NAMES: dict[int, tuple[KnowledgeBase, dict[str, str]]] = {}


def _products_by_name(kb: KnowledgeBase) -> dict[str, str]:
    """Product entity ids by name, per knowledge base."""
    held = _PRODUCT_NAMES.get(id(kb))
    if held is None or held[0] is not kb:
        names = {e.name: e.id for e in kb.entities.values() if e.is_product}
        held = _PRODUCT_NAMES[id(kb)] = (kb, names)
    return held[1]


def _phrase_is_subject(doc: Any, start: int, verb_at: int) -> bool:
    """Whether the finite verb at ``verb_at`` has the phrase's first noun as its subject
    ("Bedrock, the model itself is ..."), not a relative clause of its own ("the LLM
    everyone is talking about")."""
    verb = doc[verb_at]
    if verb.dep_ in ("aux", "auxpass"):
        verb = verb.head
    if verb.dep_ in ("relcl", "acl"):
        return False
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.lemma_.lower() in lexicon().verbs("made_by") and any(
            i > start + 1 for i in subjects):
        return False  # "the LLM Google built": a relative clause the parser made the main one
    nouns = [t.i for t in doc[start:verb_at] if t.tag_.startswith("NN") and (
        t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "nmod")
    )]  # the phrase's head noun: "the chat model rewrites", not "the LLM everyone ..."
    return bool(nouns) and nouns[0] in subjects


@dataclass
class Parsed:
    """One candidate text after parsing; ``mentions`` maps token index to its mention."""

    doc: Any
    mentions: dict[int, Mention]
    kb: KnowledgeBase
    codes: dict[str, str]
    #: the doc's tokens, made once (iterating a Doc makes new Token objects every time)
    tokens: list[Any] = field(init=False, repr=False)
    #: :meth:`reference` of each token asked about (the constructions ask again and again)
    _references: dict[int, Mention | None] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.tokens = list(self.doc)

    def mention(self, token: Any) -> Mention | None:
        return self.mentions.get(token.i)

    def written(self, token: Any) -> str:
        """A token's words as written (the parser may have seen a masked name)."""
        named = self.mentions.get(token.i)
        return named.text if named else token.text

    def reference(self, token: Any) -> Mention | None:
        """What a noun phrase headed by ``token`` refers to, looking through generic heads."""
        if token.i in self._references:
            return self._references[token.i]
        found = self._references[token.i] = self._reference(token)
        return found

    def _reference(self, token: Any) -> Mention | None:
        own = self.mentions.get(token.i)
        if own is not None:
            return own
        antecedent = self.antecedent(token)
        if antecedent is not None:
            return self.mentions[antecedent.i]
        if token.lower_ in GENERIC_HEADS or (token.lower_ in PART_HEADS
                                             and token.dep_ in ("attr", "appos")):
            for child in token.children:
                if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i in self.mentions:
                    found = self.mentions[child.i]
                    if found.type in (ENTITY, CATEGORY, CONCEPT, ARCHITECTURE):
                        return found  # "a dense 70B model": an architecture too
                    if found.type == VENDOR and child.dep_ == "compound":
                        product = self.product_named(found)  # "the Meta AI assistant"
                        if product is not None:
                            return product
        return None

    def appositive_entity(self, token: Any) -> Any | None:
        """"MusicLM, a large language model, ..." parsed with MusicLM under the class noun."""
        for child in token.children:
            found = self.mentions.get(child.i)
            if found is not None and found.type == ENTITY and child.i < token.i and any(
                t.text == "," for t in token.doc[child.i + 1 : token.i]
            ):
                return child
        return None

    def product_named(self, vendor: Mention) -> Mention | None:
        """The product with a vendor's name ("Meta AI" the assistant, not the lab), as an
        entity mention: what a class claim about that name is about."""
        named = _products_by_name(self.kb).get(vendor.text)
        if named is None:
            return None
        return Mention(vendor.start, vendor.end, ENTITY, named, vendor.text)

    def appositive_phrase(self, token: Any) -> tuple[int, int] | None:
        """The token range of a noun phrase set off after an entity ("Veo, Google DeepMind's
        video model, ...", "StyleGAN, a GAN developed at NVIDIA"), read linearly because the
        parser often labels it a conjunct or an object; None when ``token`` has none."""
        found = self.reference(token)
        if found is not None and found.type == VENDOR:
            found = self.product_named(found)  # "Meta AI, the LLM inside WhatsApp"
        doc = token.doc
        start = token.i + 2
        if found is None or found.type != ENTITY or start >= len(doc) or not (
            doc[token.i + 1].text == "," or _glossed_label(token)
        ):
            return None
        first = doc[start]
        opener = self.mentions.get(first.i)
        if first.lower_ not in _APPOSITIVE_OPENERS and not (
            opener is not None and opener.type == VENDOR and start + 1 < len(doc)
            and is_possessive_mark(doc[start + 1])
        ):
            return None
        end, limit = start, token.sent.end
        while end < limit and doc[end].lower_ not in _PHRASE_ENDS:
            other = self.mentions.get(end)
            if other is not None and other.type == ENTITY and not any(
                t.pos_ == "ADP" for t in doc[max(start, end - 3) : end]
            ):
                return None  # another list item ("GPT-4, the Llama models, ..."), not a gloss
                # (a name after a preposition belongs to the gloss: "Google's take on BERT")
            if doc[end].tag_ in _FINITE_VERBS and _phrase_is_subject(doc, start, end):
                return None  # a clause ("..., the model itself is Anthropic's"), not a phrase
            end += 1
        return (start, end) if end > start + 1 else None

    def appositive_host(self, token: Any) -> Any | None:
        """The entity whose appositive phrase holds ``token``, if any."""
        doc = token.doc
        for i in range(token.i - 1, max(token.sent.start, token.i - 12) - 1, -1):
            if doc[i].text in (",", ":") and i >= 1:
                span = self.appositive_phrase(doc[i - 1])
                if span is not None and span[0] <= token.i < span[1]:
                    return doc[i - 1]
                return None
        return None

    def antecedent(self, token: Any) -> Any | None:
        """The name a subject "it" (an entity) or "they" (a class) stands for in this text,
        or the class a part noun's "of them" / "within it" names ("Y is one subset of them")."""
        clause_subjects: set[int] = set()
        if token.dep_ == "pobj" and token.lower_ in ("them", "it") and token.head.lower_ in (
            "of", "within", "inside", "under"
        ) and token.head.head.lemma_.lower() in lexicon().part_nouns:
            wanted: tuple[str, ...] = (CATEGORY, CONCEPT)
            verb = token.head.head.head  # "generative AI is one subset of them": not itself
            clause_subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        elif token.dep_ not in ("nsubj", "nsubjpass") or token.lower_ not in ("it", "they"):
            return None
        else:
            # "it": a system, or a class named in the singular ("LLM is the umbrella term; it
            # covers ..."); "they": a class
            wanted = (ENTITY, CATEGORY, CONCEPT) if token.lower_ == "it" else (CATEGORY, CONCEPT)
        text = token.doc.text
        candidates = [previous for previous in reversed(token.doc[: token.i])
                      if previous.i not in clause_subjects and (
                          found := self.mentions.get(previous.i)) is not None
                      and found.type in wanted and (
                          ENTITY not in wanted or found.type == ENTITY
                          or previous.tag_ in ("NN", "NNP")) and not _quoted(
                          text, previous.idx, previous.idx + len(previous.text))]
        # (a quoted name is a label used, "described X as 'ChatGPT for songs'; it is ...")
        # a subject before the nearest name: "A is confused with B, but it comes from Y" is A;
        # a place or means ("used from inside B") last
        if ENTITY in wanted and any(
                self.mentions[c.i].type == ENTITY for c in candidates):
            candidates = [c for c in candidates if self.mentions[c.i].type == ENTITY]
        subjects = [c for c in candidates if c.dep_ in ("nsubj", "nsubjpass")]
        placed = [c for c in candidates if c.dep_ == "pobj" and c.head.lower_ in _PLACES
                  and not _instructed(c)]  # (not "Paste X into Y and it ...")
        others = [c for c in candidates if c not in placed]
        for previous in (subjects or others)[:1]:
            joined = [*previous.conjuncts, *([previous.head] if previous.dep_ == "conj" else [])]
            if self.mentions[previous.i].type == ENTITY and any(
                    c.pos_ in ("PROPN", "NOUN") for c in joined):
                return None  # "A, B and C ... it": which one is not said
            return previous
        return None

    def is_generic_model(self, token: Any) -> bool:
        """"model(s)" with no name or class of its own: "models like ChatGPT", "AI models",
        "OpenAI's flagship model", "a multimodal model" (a modifier that is itself a name or
        a class makes it that: "the DALL·E model", "a diffusion model")."""
        if token.lemma_.lower() != GENERIC_MODEL or token.i in self.mentions:
            return False
        return not any(
            c.dep_ in ("compound", "amod", "nmod") and c.i in self.mentions
            for c in token.children
        )

    def match(
        self, rule: str, first: Any, last: Any, message: str, replacement: str | None = None
    ) -> Match | None:
        """A match from token ``first`` to token ``last`` (either order), for rule name."""
        code = self.codes.get(rule)
        if code is None:
            return None
        first = self.antecedent(first) or first
        lo, hi = sorted((first, last), key=lambda t: t.i)
        return Match(code, lo.idx, hi.idx + len(hi.text), message, replacement)


def is_possessive_mark(token: Any) -> bool:
    """"'s", or a bare apostrophe the parser read as one ("ElevenLabs' generator")."""
    return token.lower_ in ("'s", "’s") or (token.tag_ == "POS" and token.text in ("'", "’"))


def _glossed_label(token: Any) -> bool:
    """A name that opens its sentence followed by a colon: a glossary or list label ("vLLM:
    an inference engine ...")."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text == ":" and all(
        t.is_punct for t in doc[token.sent.start : token.i])


def is_entity(p: Parsed, token: Any) -> bool:
    """Whether ``token`` names a known system."""
    found = p.mention(token)
    return found is not None and found.type == ENTITY


#: Prepositions of where or through what something is used ("from inside ChatGPT").
_PLACES = frozenset({"inside", "in", "into", "from", "within", "through", "via", "with", "on"})


def _instructed(token: Any) -> bool:
    """Said in an imperative ("Paste your script into X", "Call the API with X")."""
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ == "VB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass")
        and not any(t.text == ":" for t in verb.doc[c.i : verb.i])  # ("Tip: paste X into Y")
        for c in verb.children)


def _quoted(text: str, start: int, end: int) -> bool:
    """Inside quotation marks, straight single ones too ("as 'ChatGPT for songs';"): an
    apostrophe opens a quotation after a space and closes one before a non-letter."""
    if inside_quotes(text, start, end):
        return True
    if start < 1 or text[start - 1] != "'" or (start >= 2 and not text[start - 2].isspace()):
        return False
    close = text.find("'", end, end + 80)
    return close != -1 and (close + 1 == len(text) or not text[close + 1].isalpha())
