"""The lexicon (``rules/lexicon.yaml``): predicate words and assertion cues, read once.

The sentence prefilter and the extractors both read it, so what the extractors look for is
always what the prefilter lets through to the parser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

LEXICON_FILE = "lexicon.yaml"


@dataclass(frozen=True)
class OutputVerb:
    """A verb that says what a model makes: its object is the output (or the input)."""

    lemma: str
    implies: str | None = None
    object_is_input: bool = False
    into: bool = False
    needs: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    #: objects that make the verb an idiom, not a making ("draw attention", "make sense")
    idioms: tuple[str, ...] = ()
    #: particles that make it an idiom ("draw on a source")
    particles: tuple[str, ...] = ()
    #: "ask X for Y": the object is the maker and the object of "for" the output
    requests: bool = False
    #: the modality the verb makes with no object at all ("can only write": text)
    alone: str | None = None


@dataclass(frozen=True)
class Lexicon:
    predicate_verbs: Mapping[str, frozenset[str]]
    output_verbs: Mapping[str, OutputVerb]
    limited_words: frozenset[str]
    #: verbs that limit their subject with "only" ("only works with text")
    limited_verbs: frozenset[str]
    control_verbs: frozenset[str]
    not_asserted: re.Pattern[str]
    historical: re.Pattern[str]
    #: words that open a question presupposing its statement ("Why is X a Y?")
    presupposing: re.Pattern[str]
    #: words that open a sentence refuting the one before ("That's a myth.")
    refuting: re.Pattern[str]
    negators: frozenset[str]
    hedges: frozenset[str]
    conditions: frozenset[str]
    contrast: frozenset[str]
    #: verbs whose complement stays true under negation ("people don't realise that X")
    factives: frozenset[str]
    #: verbs that open an instruction ("Download ...")
    instructions: frozenset[str]
    #: nouns for recorded data ("the results", "responses"): names in them refer to the past
    records: frozenset[str] = frozenset()
    #: nouns naming a part of a class ("a type of", "one application of"), the whole of one
    #: ("umbrella"), and a whole area ("field", "research")
    part_nouns: frozenset[str] = frozenset()
    superset_nouns: frozenset[str] = frozenset()
    field_nouns: frozenset[str] = frozenset()
    #: nouns for what a maker made ("a product of Y", "a Google product")
    maker_nouns: frozenset[str] = frozenset()
    #: nouns for a thing made from or against a named one ("Meta's BERT variant")
    derived_nouns: frozenset[str] = frozenset()
    #: a system's published parts ("X's weights were published by Y")
    artifact_nouns: frozenset[str] = frozenset()
    #: verbs of making one system from another ("distil", "fine-tune"): the object is the base
    derive_verbs: frozenset[str] = frozenset()
    #: verbs whose "with" names a partner, not a means ("pairs X with Y", "combine X with Y")
    partner_verbs: frozenset[str] = frozenset()
    #: nouns with no modality of their own that take their modifier's ("audio clip", "PNG diagram")
    carriers: frozenset[str] = frozenset()
    #: adjectives that give any noun their modality ("spoken intro": speech)
    output_adjectives: Mapping[str, str] = field(default_factory=dict)
    structure: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    class_words: tuple[str, ...] = ()

    def cue_pattern(self) -> re.Pattern[str]:
        """Any word that can carry a claim: structure words, marks and predicate words."""
        words = "|".join((*self.structure, word_pattern(self.all_words())))
        return re.compile(r"\b(?:" + words + r")\b|" + "|".join(self.marks), re.IGNORECASE)

    def class_claim_pattern(self) -> re.Pattern[str]:
        """What makes a sentence about a class alone (no named system) worth parsing."""
        words = "|".join((*self.class_words, word_pattern(frozenset(self.output_verbs))))
        return re.compile(r"\b(?:" + words + r")", re.IGNORECASE)

    def verbs(self, predicate: str) -> frozenset[str]:
        if predicate == "outputs":
            return frozenset(self.output_verbs)
        return self.predicate_verbs.get(predicate, frozenset())

    def third_person(self) -> frozenset[str]:
        """The -s forms of the output and making verbs ("generates", "writes", "builds"): a
        table cell that starts with one describes what its row's system does."""
        from linter.knowledge.surface import plural_forms  # the same -s/-es/-ies rule

        verbs = (*self.output_verbs, *self.predicate_verbs.get("made_by", ()))
        return frozenset(plural_forms(verb)[-1] for verb in verbs
                         if " " not in verb and "-" not in verb)

    def all_words(self) -> frozenset[str]:
        """Every predicate word (for the prefilter)."""
        # (not the control verbs: "use X to V" is a claim only through its output verb V)
        # (not a verb of requests, "ask X for Y": a structure pattern needs its "for")
        found: set[str] = {verb for verb, spec in self.output_verbs.items() if not spec.requests}
        found |= set(self.limited_words) | set(self.maker_nouns)
        found |= self.derive_verbs
        for verbs in self.predicate_verbs.values():
            found |= verbs
        for verb in self.output_verbs.values():
            found |= set(verb.needs)
        return frozenset(found)


def _stem(word: str) -> str:
    """A prefix that matches the word's inflections ("generate" → "generat", "run" → "ran"?)."""
    if word.endswith("e") and len(word) > 3:
        return word[:-1]
    if word.endswith("y") and len(word) > 3:
        return word[:-1]
    return word


#: Irregular past forms of lexicon verbs (the prefilter must see "wrote", "built", "ran", …).
_IRREGULAR = {"write": "wrote|written", "build": "built", "make": "made", "run": "ran",
              "draw": "drew|drawn", "sing": "sang|sung", "speak": "spoke|spoken",
              "read": "read", "base": "based"}


def word_pattern(words: frozenset[str]) -> str:
    """A regex alternation matching each word and its inflections."""
    parts = set()
    for word in words:
        stem = re.escape(_stem(word)).replace(r"\ ", r"\s+")
        parts.add(stem + r"\w*")
        if word in _IRREGULAR:
            parts.add(_IRREGULAR[word])
    return "|".join(sorted(parts, key=len, reverse=True))


def _output_verb(lemma: str, raw: Mapping[str, Any] | None) -> OutputVerb:
    raw = raw or {}
    return OutputVerb(
        lemma,
        raw.get("implies"),
        raw.get("object") == "input",
        bool(raw.get("into", False)),
        tuple(raw.get("needs") or ()),
        tuple(raw.get("excludes") or ()),
        tuple(raw.get("idioms") or ()),
        tuple(raw.get("particles") or ()),
        bool(raw.get("requests", False)),
        raw.get("alone"),
    )


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


def _cue_pattern(fragments: list[str]) -> re.Pattern[str]:
    """Any of ``fragments`` (regular expressions) as whole words, ignoring case."""
    return re.compile(r"\b(?:" + "|".join(fragments) + r")\b", re.IGNORECASE)


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon."""
    from linter.datafiles.packaged import packaged_path
    from linter.datafiles.yamlload import load_yaml

    data = load_yaml(packaged_path(LEXICON_FILE))
    predicates = data["predicates"]
    cues = data["cues"]
    return Lexicon(
        predicate_verbs={
            name: _words(spec.get("verbs"))
            for name, spec in predicates.items()
            if name not in ("outputs", "control", "subclass_of")
        },
        part_nouns=_words(predicates["subclass_of"]["parts"]),
        superset_nouns=_words(predicates["subclass_of"]["superset"]),
        field_nouns=_words(predicates["subclass_of"]["fields"]),
        maker_nouns=_words(predicates["made_by"].get("nouns")),
        derived_nouns=_words(predicates["made_by"].get("derived")),
        artifact_nouns=_words(predicates["made_by"].get("artifacts")),
        derive_verbs=_words(predicates["made_by"].get("derive")),
        partner_verbs=_words(predicates["built_on"].get("partners")),
        control_verbs=_words(predicates["control"]["verbs"]),
        output_verbs={
            lemma: _output_verb(lemma, spec)
            for lemma, spec in predicates["outputs"]["verbs"].items()
        },
        limited_words=_words(predicates["limited_to"]["words"]),
        limited_verbs=_words(predicates["limited_to"]["verbs"]),
        carriers=_words(predicates["outputs"].get("carriers")),
        output_adjectives={str(k).lower(): str(v)
                           for k, v in (predicates["outputs"].get("adjectives") or {}).items()},
        not_asserted=_cue_pattern(cues["not_asserted"]),
        historical=_cue_pattern(cues["historical"]),
        presupposing=_cue_pattern(cues["presupposing"]),
        refuting=_cue_pattern(cues["refuting"]),
        negators=_words(cues["negators"]),
        hedges=_words(cues["hedges"]),
        conditions=_words(cues["conditions"]),
        contrast=_words(cues["contrast"]),
        factives=_words(cues["factives"]),
        instructions=_words(cues["instructions"]),
        records=_words(cues["records"]),
        structure=tuple(data["prefilter"]["structure"]),
        marks=tuple(data["prefilter"]["marks"]),
        class_words=tuple(data["prefilter"]["class_words"]),
    )
