"""Read "X is a Y" relations off a dependency parse (the constructions of the table in
``constructions.py``): copula, "include", basis, compound, possessive, glossary, ...
(appositions and set-off phrases are in ``appositions.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from linter.claims.context import question_text
from linter.claims.lexicon import lexicon
from linter.claims.mentions import ARCHITECTURE, CATEGORY, ENTITY, VENDOR
from linter.claims.parsed import GENERIC_HEADS, Parsed, is_entity, is_possessive_mark
from linter.markup.textutil import words

BE_VERBS = words("be become remain")
_AS_VERBS = words(
    "classify consider know describe categorize categorise regard label define class count "
    "qualify market build design release introduce present treat view see teach frame think "
    "picture imagine pick choose select use adopt deploy"
)
_RELATIVE = frozenset({"which", "that", "who"})


@dataclass(frozen=True)
class IsA:
    """``subject`` is said to be a ``klass``; ``part`` is "type"/"subset"/... when present."""

    subject: Any
    klass: Any
    how: str  # copula, appos, list, other, include, basis, compound, compared, outside
    verb: Any = None
    part: str | None = None


def conjuncts_to(token: Any) -> list[Any]:
    """``token`` and the conjuncts after it, up to a semicolon or colon (the parser joins
    clauses across one: "LLMs are one kind; image generators are others")."""
    doc = token.doc
    stop = next((t.i for t in doc[token.i + 1 : token.sent.end] if t.text in (";", ":")),
                token.sent.end)
    return [token, *[
        t for t in token.conjuncts if token.i < t.i < stop and not _subject_of_next(t)]]


def _subject_of_next(token: Any) -> bool:
    """A conjunct that is the subject of the clause after it ("X is the broad category and
    LLMs are the subset": the parser joined "LLMs" to "category" and left "are" subjectless)."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return following is not None and following.pos_ in ("AUX", "VERB") and (
        following.dep_ in ("conj", "ccomp")
    ) and not any(c.dep_.startswith("nsubj") for c in following.children)


def verb_subjects(verb: Any) -> list[Any]:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                and not _clause_between(c, verb)]
    if len(subjects) > 1 and verb.dep_ == "ccomp":
        # "explained to them that X is Y": the conjunction "that" misread as a second subject
        subjects = [s for s in subjects if s.lower_ != "that"] or subjects
    result = []
    for subject in subjects:
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subject = verb.head
        subject = _misread_apposition(subject, verb)
        result.extend(conjuncts_to(_coordinated_head(subject)))
    if not subjects and verb.dep_ == "relcl":
        result.append(verb.head)
    if not subjects and verb.dep_ == "ROOT":
        # "ChatGPT runs on X" misparsed as a noun compound ("ChatGPT runs"): the name is the
        # subject; so is "X, like any Y, builds ...", the name read as an adverbial noun
        result.extend(c for c in verb.children if c.i < verb.i and (c.dep_ == "compound" or (
            c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i == c.sent.start
            and c.i + 1 < len(c.doc) and c.nbor(1).text == ",")))
    return result


def _misread_apposition(subject: Any, verb: Any) -> Any:
    """ "X, NVIDIA's face generator, is a Y", "X (DeepMind, 2016) is a Y": the parser made the
    set-off phrase the subject and hung the name before it on the verb; the name is the
    subject."""
    first = subject.left_edge
    last = subject.right_edge  # (the closing mark may hang on the phrase)
    closer = _SET_OFF.get(first.nbor(-1).text) if first.i >= 2 else None
    closing = last if last.text == closer or last.i + 1 >= len(subject.doc) else last.nbor(1)
    if closer is None or closing.text != closer:
        return subject
    name = first.nbor(-2)
    if name.head.i == verb.i and name.dep_ in ("npadvmod", "dep", "nsubj") and (
            name.pos_ == "PROPN" and name.left_edge.i == name.sent.start):
        return name
    return subject


#: The marks that open a phrase set off after a name, and the marks that close it.
_SET_OFF = {",": ",", "(": ")"}

#: Words that open a new clause after a comma ("X hosts models, so a Llama model is ...").
_CLAUSE_OPENERS = frozenset({"so", "but", "yet", "because", "while", "whereas", "although"})


def _clause_between(subject: Any, verb: Any) -> bool:
    """Whether a new clause starts between a subject and its verb: the parser joined two
    clauses and gave the second verb the first clause's subject."""
    doc = subject.doc
    return any(doc[k].text in (",", ";") and doc[k + 1].lower_ in _CLAUSE_OPENERS
               for k in range(subject.i + 1, verb.i - 1))


def _coordinated_head(subject: Any) -> Any:
    """The noun that coordinated modifiers share: "Image, audio and video generators" parsed
    as "Image" with "audio" and "video generators" hung on it."""
    conjuncts = {c.i for c in subject.conjuncts}
    for child in subject.children:
        if child.dep_ == "appos" and all(
                t.i in conjuncts or t.lower_ in (",", "and", "or")
                for t in subject.doc[subject.i + 1 : child.i]):
            return child
    return subject


def part_nouns() -> frozenset[str]:
    """Nouns naming a part or the whole of a class ("a type of", "the umbrella over")."""
    return lexicon().part_nouns | lexicon().superset_nouns


def through_part(token: Any) -> tuple[Any, str | None]:
    """ "a type of LLM" → (LLM, "type"), "the LLM family" → (LLM, "family"); other tokens
    unchanged."""
    if token.lemma_.lower() in part_nouns():
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "within", "inside", "under"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return _field_of(obj), token.lemma_.lower()
        for child in token.children:
            if child.dep_ == "compound" and child.i == token.i - 1 and child.pos_ == "PROPN":
                return child, token.lemma_.lower()
    return token, None


def _field_of(token: Any) -> Any:
    """ "LLM research", "the LLM field": the class a field noun is about; else the token."""
    if token.lemma_.lower() in lexicon().field_nouns:
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
                return child
    return token


def _examples_of(token: Any) -> Any | None:
    """ "examples of LLMs" → LLMs."""
    if token.lemma_.lower() in ("example", "instance"):
        klass, _ = through_part(token)
        return klass if klass.i != token.i else None
    return None


def _second_attribute(token: Any) -> bool:
    """A copula's later attribute after an earlier one: a misattached noun ("X is one family
    within Y, next to image and video generators"), not what X is said to be."""
    return token.dep_ == "attr" and any(
        c.dep_ in ("attr", "oprd") and c.i < token.i and c.pos_ in ("NOUN", "PROPN")
        and c.i not in (t.i for t in token.conjuncts)
        for c in token.head.children
    )  # (an earlier "itself" is no attribute: "the app is itself a language model")


def copula(p: Parsed) -> Iterator[IsA]:
    for token in p.tokens:
        verb = token.head
        if _second_attribute(token):
            continue
        if verb.lemma_ in BE_VERBS | _AS_VERBS and (
            token.dep_ in ("attr", "oprd")
            or (token.dep_ == "acomp" and p.mention(token) is not None)  # "X is decoder-only"
        ):
            yield from _subject_classes(verb, conjuncts_to(token))
        elif token.dep_ == "pobj" and token.head.lower_ == "as" and (
            token.head.head.lemma_ in _AS_VERBS
        ):
            verb = token.head.head
            objects = [c for c in verb.children if c.dep_ == "dobj"] or [
                o for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"
                for o in c.children if o.dep_ == "pobj"]  # "think of X as Y"
            objects = [  # "X, which Meta released as a Y": the relative's antecedent
                verb.head if o.lower_ in _RELATIVE and verb.dep_ == "relcl" else o
                for o in objects]
            for obj in objects:  # "presents generative AI as a subfield of LLMs"
                for klass_token in conjuncts_to(token):
                    klass, part = through_part(klass_token)
                    yield IsA(obj, klass, "copula", verb, part)
            if not objects:  # "X is known as / regarded as Y"
                yield from _subject_classes(verb, conjuncts_to(token))
        elif token.lemma_ in BE_VERBS:
            inverted = _inverted_subjects(token)
            if inverted:  # "Why is X a Y?": the parser reads Y as a second subject
                subject, klass_token = inverted
                for item in conjuncts_to(subject):
                    for each in conjuncts_to(klass_token):
                        klass, part = through_part(each)
                        yield IsA(item, klass, "copula", token, part)
                continue
            stray = _stray_attribute(p, token)
            if stray is not None:
                yield from _subject_classes(token, [stray])


def _subject_classes(verb: Any, klass_tokens: list[Any]) -> Iterator[IsA]:
    for subject in verb_subjects(verb):
        only = next((c for c in subject.children if c.lower_ == "only"), None)
        if only is not None:
            whole, part = through_part(subject)  # "the only kind of Y is X": every Y is an X
            if part is not None:
                subject, only = whole, None
            elif any(c.dep_ == "neg" for c in only.children) or only.i > subject.i:
                only = None  # "not only LLMs are ...", "LLMs only"
        for klass_token in klass_tokens:
            klass, part = through_part(klass_token)
            example_class = _examples_of(subject)
            if only is not None and part is None:
                yield IsA(klass, subject, "copula", verb, None)  # "only Xs are Y": every Y is X
            elif part is not None and _the_only(klass_token):
                yield IsA(klass, subject, "copula", verb, None)  # "X is the only kind of Y"
            elif example_class is not None:
                yield IsA(klass, example_class, "copula", verb, None)
            else:
                yield IsA(subject, klass, "copula", verb, part)


#: Words that make a restriction the writer's own ("the only kind of Y we run").
_OWN = frozenset({"we", "our", "us", "you", "your", "i", "my"})


def _the_only(part: Any) -> bool:
    """ "the only kind of Y" with no restriction of the writer's own ("the only kind of Y our
    team uses" may be true), so that every Y is said to be the subject."""
    return any(c.lower_ == "only" and c.i > part.left_edge.i for c in part.children) and not any(
        t.lower_ in _OWN for t in part.subtree)  # (not "only the text part of Y": merely)


def _inverted_subjects(verb: Any) -> tuple[Any, Any] | None:
    """A question that puts the copula first ("Why is X a Y?", "Is X a Y?"): the parser gives
    it two subjects after the verb; the first is the subject, the second the class."""
    after = [c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i]
    if len(after) != 2 or any(c.dep_ in ("attr", "acomp", "oprd") for c in verb.children):
        return None
    if question_text(verb.sent.text) is None:
        return None
    return after[0], after[1]


def _stray_attribute(p: Parsed, verb: Any) -> Any | None:
    """A class noun the parser hung off an inserted phrase ("X is, by definition, a Y"), read
    as an adverbial noun ("X is encoder-decoder") or into the next clause's subject ("Since X
    is an LLM, Y ...")."""
    if any(c.dep_ in ("attr", "acomp", "oprd") for c in verb.children):
        return None
    for token in verb.subtree:
        if token.i > verb.i and token.dep_ in ("appos", "npadvmod") and (
            p.reference(token) is not None
        ):
            return token
    doc = verb.doc
    after = verb.i + 2 if verb.i + 2 < len(doc) and doc[verb.i + 1].lower_ in ("a", "an") else (
        verb.i + 1)
    if after + 1 < len(doc) and doc[after].text != "," and doc[after + 1].text == "," and (
            p.reference(doc[after]) is not None and doc[after].head.i > after):
        return doc[after]  # "Since X is an LLM, Y falls ...": the class read into Y's phrase
    return None


def _through_all(token: Any) -> tuple[Any, str | None]:
    """"all of generative AI" → generative AI."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj, "all"
    return token, None


def include(p: Parsed) -> Iterator[IsA]:
    """ "Ys include X and Z", "Examples of Ys include X"."""
    for verb in p.tokens:
        if verb.lemma_ not in ("include", "feature", "encompass", "contain", "cover"):
            continue
        for subject in verb_subjects(verb):
            klass = _examples_of(subject) or _described_by_copula(subject) or _defined_term(
                p, subject) or subject
            for obj in verb.children:
                if obj.dep_ == "dobj":
                    if obj.lower_ in ("all", "most", "much") and obj.i + 2 < len(p.doc):
                        obj, _ = _through_all(obj)
                    elif any(c.lower_ in ("every", "each", "any", "all") for c in obj.children):
                        obj, _ = through_part(obj)  # "include every kind of generative AI"
                    for member in conjuncts_to(obj):
                        yield IsA(member, klass, "include", verb, None)




#: Prepositions of "built on Y" and of the means a system makes its output by.
_MEANS = frozenset({"on", "upon", "around", "by", "with", "through", "via", "using"})
#: Those that name an architecture only after an output verb ("generates images with a GAN";
#: "by" too after an output verb: "generates text by diffusion").
_MANNER = frozenset({"with", "through", "via", "using"})
#: Verbs of how a system works: "X works by pitting a generator against a discriminator".
_WORKING = frozenset({"work", "operate", "function", "learn", "train"})


def _partner_of_outer_verb(verb: Any) -> bool:
    """Whether ``verb`` is a relative clause on the object of a verb whose "with" names a
    partner: the "with" the parser hung on ``verb`` belongs to that verb."""
    return verb.dep_ == "relcl" and verb.head.dep_ == "dobj" and (
        verb.head.head.lemma_.lower() in lexicon().partner_verbs)


def built_on(p: Parsed) -> Iterator[IsA]:
    """ "X is built on / based on / powered by Y", "X uses Y" (how = "basis")."""
    for token in p.tokens:
        if token.dep_ == "pobj" and token.head.lower_ in _MEANS:
            verb = token.head.head
            if token.head.lower_ in _MANNER and verb.dep_ == "dobj":
                verb = verb.head  # "generates images with a GAN", "with" hung on the object
            if token.head.lower_ == "with" and _partner_of_outer_verb(verb):
                continue  # "pairs an LLM that writes copy with a diffusion model"
        elif token.dep_ == "advmod" and _is_architecture(p, token):
            verb = token.head  # "generates images autoregressively"
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ == "top":
            verb = token.head.head.head.head  # "built on top of Y"
        elif token.dep_ == "dobj" and token.head.dep_ == "pcomp" and (
                token.head.head.lower_ == "by") and _is_architecture(p, token):
            verb = token.head.head.head  # "works by pitting a generator against a discriminator"
            if verb.lemma_ in _WORKING:
                for subject in verb_subjects(verb):
                    yield IsA(subject, token, "basis", verb, None)
            continue
        elif token.dep_ == "dobj":
            verb = token.head
        else:
            continue
        makes = verb.lemma_ in lexicon().verbs("outputs")
        if token.head.lower_ in _MANNER or token.dep_ == "advmod" or (
                makes and token.head.lower_ == "by"):
            # "X generates images with a GAN / by diffusion / autoregressively": an architecture
            found = p.mention(token)
            if found is None or found.type != ARCHITECTURE or (
                verb.lemma_ not in lexicon().verbs("outputs") | lexicon().verbs("built_on")
            ):
                continue
        elif verb.lemma_ not in lexicon().verbs("built_on") and not (
                verb.lemma_ in lexicon().verbs("follows_design") and token.dep_ == "dobj"
                and _is_architecture(p, token)):
            continue  # ("follows the encoder-decoder design": an architecture only)
        subjects = verb_subjects(verb) or ([verb.head] if verb.dep_ == "acl" else [])
        for subject in subjects:  # "X, powered by Y, ..." names X with an acl participle
            for klass in conjuncts_to(token):
                yield IsA(subject, klass, "basis", verb, None)


def compound(p: Parsed) -> Iterator[IsA]:
    """ "the ChatGPT LLM": an entity naming the class noun it modifies; "the LLM Jukebox": a
    class noun right before a name."""
    for token in p.tokens:
        ref = p.mention(token)
        if ref is not None and ref.type == ENTITY:
            for child in token.children:
                child_ref = p.mention(child)
                if child.dep_ in ("compound", "nmod", "amod") and child.i == token.i - 1 and (
                        child_ref is not None and child_ref.type == CATEGORY):
                    yield IsA(token, child, "compound", None, None)
            continue
        if ref is None and token.lemma_.lower() in _GROUPS:
            yield from _group_of(p, token)  # "the StyleGAN family of language models"
            continue
        # ("the ChatGPT model picker": "model" names the picker, not ChatGPT)
        generic = ref is None and token.lemma_.lower() == "model" and (
            token.dep_ != "compound" or _verb_read_as_noun(token.head, token))
        if not generic and (ref is None or ref.type == VENDOR):
            continue
        for child in token.children:
            child_ref = p.mention(child)
            if (child.dep_ in ("compound", "nmod") or (  # "the ChatGPT LLM", read as adjective
                    child.dep_ == "amod" and child.i == token.i - 1 and not generic)
            ) and child_ref is not None and child_ref.type == ENTITY and all(
                p.mention(c) is not None for c in child.conjuncts
            ) and not any(t.lower_ in ("and", "or", ",") for t in p.doc[child.i + 1 : token.i]):
                # (not "Suno and video generators": the name is a list item, not a modifier)
                yield IsA(child, token, "compound", None, None)


def _verb_read_as_noun(head: Any, noun: Any) -> bool:
    """ "The X model hallucinates less often": the sentence's verb read as a plural noun that
    ``noun`` modifies (a verb's adverb or object follows it)."""
    return head.dep_ == "ROOT" and head.tag_ == "NNS" and head.i == noun.i + 1 and any(
        c.dep_ in ("advmod", "dobj") and c.i > head.i for c in head.children)


_GROUPS = frozenset({"family", "series", "line", "suite", "lineup"})


def _group_of(p: Parsed, group: Any) -> Iterator[IsA]:
    """ "the X family of Ys": X is a Y."""
    named = [c for c in group.children if c.dep_ == "compound" and is_entity(p, c)]
    classes = [o for c in group.children if c.dep_ == "prep" and c.lower_ == "of"
               for o in c.children if o.dep_ == "pobj" and p.reference(o) is not None
               and p.reference(o).type == CATEGORY]
    for name in named[:1]:
        for klass in classes[:1]:
            yield IsA(name, klass, "appos", None, None)


def possessive(p: Parsed) -> Iterator[IsA]:
    """ "DALL·E 3's GAN architecture", "Stable Diffusion's GAN": a system's own architecture
    (only architectures: "ChatGPT's LLM" is the model behind it, not what it is)."""
    for token in p.tokens:
        klass = token if _is_architecture(p, token) else next(
            (c for c in token.children if c.dep_ in ("compound", "amod")
             and _is_architecture(p, c)), None) if token.lower_ in GENERIC_HEADS else None
        if klass is None:
            continue
        owners = [c for c in token.children if c.dep_ == "poss" and is_entity(p, c)]
        if not owners and token.i >= 2 and is_possessive_mark(p.doc[token.i - 1]) and (
                is_entity(p, p.doc[token.i - 2])):
            owners = [p.doc[token.i - 2]]  # "and X's decoder-only design predicts ...", misread
        for owner in owners:
            yield IsA(owner, klass, "possessive", None, None)


def _is_architecture(p: Parsed, token: Any) -> bool:
    found = p.mention(token)
    return found is not None and found.type == ARCHITECTURE


def _described_by_copula(noun: Any) -> Any | None:
    """ "X is the umbrella category that contains Y", "X, a broad category that contains Y,":
    the X a part noun describes."""
    if noun.lemma_.lower() not in part_nouns() | lexicon().field_nouns:
        return None
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ != "attr":
        return None
    subjects = verb_subjects(noun.head)
    return subjects[0] if subjects else None


def _defined_term(p: Parsed, noun: Any) -> Any | None:
    """ "LLM: the umbrella term that covers Y": the glossary term a part noun describes."""
    if noun.lemma_.lower() not in part_nouns() | lexicon().field_nouns:
        return None
    entry = _glossary_entry(p, noun.sent)
    return entry[0] if entry is not None and noun.i - entry[1].i in (0, 1) else None


_MARKUP_TOKENS = frozenset({"*", "**", "_", "__", "-", "•", "|", "#", "##", "###"})


def glossary(p: Parsed) -> Iterator[IsA]:
    """ "Term: a Y ..." (a glossary line, a definition list): the term is said to be a Y."""
    for sent in p.doc.sents:
        entry = _glossary_entry(p, sent)
        if entry is not None:
            term, noun = entry
            klass, part = through_part(noun)
            yield IsA(term, klass, "copula", None, part)


def _glossary_entry(p: Parsed, sent: Any) -> tuple[Any, Any] | None:
    """The term and the first noun of its definition in a glossary line ("Term: a Y ...")."""
    tokens = [t for t in sent if t.text not in _MARKUP_TOKENS]
    if len(tokens) < 4 or p.reference(tokens[0]) is None or tokens[1].text != ":" or (
        tokens[2].lower_ in ("see", "cf", "cf.", "compare", "also")
    ):  # "Generative AI: see LLM" is a cross-reference
        return None
    rest = [t for t in tokens[2:] if t.lower_ not in ("a", "an", "the", "one")]
    noun = next((t for t in rest[:3] if t.pos_ in ("NOUN", "PROPN")), None)
    return (tokens[0], noun) if noun is not None else None


def parenthesised(p: Parsed) -> Iterator[IsA]:
    """ "Whisper (text-to-speech)": a name followed by a class in brackets."""
    doc = p.doc
    for token in p.tokens:
        i = token.i
        if i < 2 or i + 1 >= len(doc) or doc[i - 1].text != "(" or doc[i + 1].text != ")":
            continue
        named, klass = p.mention(doc[i - 2]), p.mention(token)
        if named is not None and named.type == ENTITY and klass is not None and (
            klass.type in (CATEGORY, ARCHITECTURE)
        ):
            yield IsA(doc[i - 2], token, "appos", None, None)
