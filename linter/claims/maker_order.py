"""Where a maker sits by word order, for sentences the parser misreads: a bracket after a
name ("Gemini 1.5 Pro (Meta)"), a phrase set off after it ("X, trained by Y, ..."), a name
right before "from"/"by", a "that"-less relative clause ("X, the 70B model Y trained ...")."""

from __future__ import annotations

import re
from typing import Any

from linter.claims.context import question_text
from linter.claims.lexicon import lexicon
from linter.claims.mentions import ENTITY
from linter.claims.parsed import GENERIC_HEADS, Parsed, is_entity
from linter.markup.textutil import words


def creating() -> frozenset[str]:
    """Verbs of making a system ("developed", "released", "distilled"): the lexicon's made_by
    verbs and its verbs of deriving one system from another."""
    return lexicon().verbs("made_by") | lexicon().derive_verbs


#: Words that make "Model (Company)" name where a model runs or who sells it, not its maker.
_PROVIDING = re.compile(
    r"\b(?:provider|platform|cloud|hosted|hosting|hosts?|available|via|through|deploy\w*|"
    r"endpoints?|regions?|marketplace|reseller|served|serving|AWS|Azure|Bedrock|Vertex)\b",
    re.IGNORECASE,
)


def parenthesised_maker(p: Parsed, vendor_token: Any) -> Any | None:
    """The system a bracketed company follows ("Gemini 1.5 Pro (Meta)", a list of models
    with their makers), unless the text is about providers or hosting."""
    doc, i = vendor_token.doc, vendor_token.i
    if i < 2 or i + 1 >= len(doc) or doc[i - 1].text != "(" or _closing(doc, i + 1) is None:
        return None
    named = doc[i - 2]
    found = p.mention(named)
    if found is None or found.type != ENTITY or _PROVIDING.search(vendor_token.sent.text):
        return None
    return named


_MONTHS = words("january february march april may june july august september october november "
                "december")


def _closing(doc: Any, i: int) -> int | None:
    """The index of the ")" that closes a maker's bracket at ``i``, past a date ("(Google,
    2019)", "(Alibaba, January 2025)"), or None."""
    if i < len(doc) and doc[i].text == ",":
        i += 1
        while i < len(doc) and (doc[i].like_num or doc[i].lower_ in _MONTHS):
            i += 1
    return i if i < len(doc) and doc[i].text.startswith(")") else None  # ")" or "):"


def set_off_name(p: Parsed, participle: Any) -> Any | None:
    """The name a participle phrase is set off after ("Falcon 180B, trained by Y, ...")."""
    doc, i = participle.doc, participle.i
    if participle.tag_ != "VBN" or i < 2 or doc[i - 1].text != ",":
        return None
    named = doc[i - 2]
    earlier = named.head.head if named.dep_ == "pobj" else None
    described = _participle_of(p, earlier) if earlier is not None else None
    if described is not None:
        named = described  # "X — hosted on P, built by Y": both participles describe X
    found = p.mention(named)
    return named if found is not None and found.type == ENTITY else None


def _participle_of(p: Parsed, verb: Any) -> Any | None:
    """The name a participle describes ("X, hosted on P"), also when the parser read it as
    the name's finite verb after a dash ("X — served through P")."""
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and p.mention(verb.head) is not None:
        return verb.head
    if verb.tag_ in ("VBN", "VBD"):
        doc = verb.doc
        for subject in verb.children:
            if subject.dep_ == "nsubj" and p.mention(subject) is not None and any(
                    t.text in ("—", "–", ",") for t in doc[subject.i + 1 : verb.i]):
                return subject
    return None


def named_before(p: Parsed, preposition: Any) -> Any | None:
    """The name right before "from"/"by", if any (also across a comma: "FLUX.1, by Y, is";
    and before a generic head: "the Qwen2.5 series by Y")."""
    if preposition.i == 0:
        return None
    before = preposition.doc[preposition.i - 1]
    if before.text == "," and preposition.i >= 2 and preposition.lower_ == "by":
        before = preposition.doc[preposition.i - 2]
    return name_at(p, before)


#: Prepositions that name the tool something was made with ("rendered with X", "made in X").
_INSTRUMENTS = frozenset({"with", "in", "using", "via", "through"})


def instrument_before(preposition: Any) -> Any | None:
    """The tool named right before "by"/"from" ("rendered with Gen-3 Alpha by Pika", "the
    teaser in Dream Machine by Runway"): the phrase names the tool's maker, not who made the
    thing the sentence is about; None when the word before is not such a proper name."""
    if preposition.i == 0 or preposition.lower_ not in ("by", "from"):
        return None
    before = preposition.doc[preposition.i - 1]
    if before.dep_ == "pobj" and before.pos_ == "PROPN" and before.head.lower_ in _INSTRUMENTS:
        return before
    return None


def name_at(p: Parsed, token: Any) -> Any | None:
    """``token`` if it names a system, or the name right before it when it is a generic head
    ("the Qwen2.5 series", "the Gemma models"), else None."""
    if is_entity(p, token):
        return token
    if token.lower_ in GENERIC_HEADS and token.i > 0 and is_entity(p, token.doc[token.i - 1]):
        return token.doc[token.i - 1]
    return None


def names_nearer(p: Parsed, vendor_token: Any, host: Any) -> bool:
    """"X, a variant of BERT from Google": "from Google" follows another name, which it may
    describe instead of X."""
    doc, i = vendor_token.doc, vendor_token.i
    if i < 2 or doc[i - 1].lower_ not in ("by", "from", "of", "at"):
        return False
    nearer = p.mention(doc[i - 2])
    return nearer is not None and nearer.type == ENTITY and doc[i - 2].i != host.i


def set_off_after(p: Parsed, vendor_token: Any, target: Any) -> bool:
    """Whether the maker sits in a phrase set off by commas right after the name."""
    doc = target.doc
    if target.i + 1 >= len(doc) or doc[target.i + 1].text != "," or vendor_token.i < target.i:
        return False
    host = p.appositive_host(vendor_token)
    if host is not None and host.i == target.i:
        return True
    closing = next((t for t in doc[target.i + 2 : vendor_token.sent.end] if t.text == ","), None)
    opener = doc[target.i + 2]
    return closing is not None and vendor_token.i < closing.i and (
        opener.tag_ == "VBN" or opener.lower_ in ("a", "an", "the"))  # "X, the model Y built,"


_AUXILIARIES = frozenset({"is", "are", "was", "were", "do", "does", "did", "has", "have", "had",
                          "can", "could", "will", "would", "should", "may", "might"})


def yes_no_question(sentence: Any) -> bool:
    """ "Was X built by Y?": a question that opens with an auxiliary verb."""
    tokens = [t for t in sentence if not t.is_punct and not t.is_space]
    return bool(tokens) and tokens[0].lower_ in _AUXILIARIES and (
        question_text(sentence.text) is not None)


def reduced_relative(p: Parsed, vendor_token: Any) -> tuple[Any, Any] | None:
    """The name a "that"-less relative clause describes, read from word order: "X, the
    (70B) model Y trained ...", "X is the model family Y released": a name, a comma or a
    copula, a noun phrase ending in a generic head, the maker and a past-tense making verb."""
    doc, i = vendor_token.doc, vendor_token.i
    if i < 3 or i + 1 >= len(doc):
        return None
    noun, verb = doc[i - 1], doc[i + 1]
    if noun.lower_ not in GENERIC_HEADS or verb.lemma_ not in creating() or (
            verb.tag_ not in ("VBD", "VBN")):
        return None
    j = i - 2
    while j > 0 and doc[j].text != "," and (doc[j].pos_ in ("DET", "ADJ", "NUM", "NOUN", "PUNCT")
                                            or doc[j].tag_ in ("VBG", "VBN")):
        j -= 1
    if j > 0 and (doc[j].text == "," or doc[j].lemma_ == "be") and is_entity(p, doc[j - 1]):
        return doc[j - 1], verb  # (or "X is the model family Y released")
    return None
