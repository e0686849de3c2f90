"""Vendor attribution (GL205): "Google's GPT-4", "Claude, developed by OpenAI"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from linter.checks.base import Match
from linter.claims.agents import colon_between
from linter.claims.context import asserted
from linter.claims.judge import judge
from linter.claims.lexicon import lexicon
from linter.claims.maker_order import (
    creating,
    instrument_before,
    name_at,
    named_before,
    names_nearer,
    parenthesised_maker,
    reduced_relative,
    set_off_after,
    set_off_name,
    yes_no_question,
)
from linter.claims.mentions import CATEGORY, ENTITY, VENDOR
from linter.claims.parsed import GENERIC_HEADS, Parsed, is_possessive_mark
from linter.claims.record import AUTHORED, Claim

#: Joint work, hosting and distribution are not authorship.
_SHARED_CREDIT = re.compile(
    r"\b(?:help(?:s|ed|ing)?|together\s+with|co-?(?:develop|creat|author)\w*|collaborat\w*|joint|"
    r"partner\w*|in\s+partnership|host\w*|offer\w*|serv(?:e|es|ed)|resell\w*|distribut\w*)\b",
    re.IGNORECASE,
)
#: Verbs after which "X from Y" is where X comes from, not who made it ("switch to X from Y",
#: "download X from Y").
_MOVING = frozenset({"move", "switch", "migrate", "download", "pull", "fetch", "import", "get",
                     "buy", "license", "access", "upgrade", "port", "transition", "shift",
                     "change", "go", "come", "convert"})
_PEOPLE = frozenset({"researcher", "engineer", "scientist", "team", "developer", "lab", "group",
                     "division", "unit", "staff"})


def check(p: Parsed) -> Iterator[Match]:
    for vendor_token in p.tokens:
        vendor_id = _vendor_of(p, vendor_token)
        if vendor_id is None:
            continue
        for target, anchor in _attributed(p, vendor_token):
            ref = p.reference(target)
            if ref is None or ref.type != ENTITY or target.i == vendor_token.i or (
                    target.i not in p.mentions
                    and target.lemma_.lower() in lexicon().derived_nouns) or _base(target):
                continue  # ("Meta's BERT variant": the variant is Meta's, BERT is not)
            match = _judge(p, vendor_token, vendor_id, target, ref.id, anchor)
            if match is not None:
                yield match


#: A company's legal or lab suffix ("Midjourney, Inc.", "Pika Labs"): its product is the rest.
_LEGAL_SUFFIX = re.compile(r",?\s+(?:Inc\.?|Ltd\.?|LLC|Labs|GmbH|Corp\.?)$")


def _vendor_of(p: Parsed, token: Any) -> str | None:
    """The vendor a token names: a vendor mention, or a product named like its maker used
    as a possessive or after "by"/"from" ("Pika's Gen-3 Alpha", "comes from Midjourney")."""
    found = p.mention(token)
    if found is None:
        return None
    if found.type == VENDOR:
        return found.id
    if found.type != ENTITY or not (
        token.dep_ == "poss" or (token.dep_ == "pobj" and token.head.lower_ in ("by", "from"))
    ):
        return None
    maker = p.kb.vendors.get(p.kb.entities[found.id].vendor or "")
    if maker is None:
        return None
    names = {_LEGAL_SUFFIX.sub("", name) for name in (maker.name, *maker.aliases)}
    return maker.id if found.text in names else None


def _attributed(p: Parsed, vendor_token: Any) -> Iterator[tuple[Any, Any]]:
    """Tokens that ``vendor_token`` is said to own, with the token that carries the relation."""
    head = vendor_token.head
    named = parenthesised_maker(p, vendor_token)
    if named is not None:
        yield named, vendor_token  # "Gemini 1.5 Pro (Meta)"
        return
    host = p.appositive_host(vendor_token)
    if _names_a_base(vendor_token):
        return  # "X, a fine-tune of Meta's Llama 3.1": Meta made the base, not X
    if host is not None and _owner_mark(vendor_token):
        if not names_nearer(p, vendor_token, host):
            yield host, vendor_token  # "Veo, Google DeepMind's model", "X, a model from Y"
        return
    if vendor_token.dep_ == "pobj" and head.lower_ == "at" and (head.head.dep_ == "pobj" or (
            head.head.lemma_ in _PEOPLE and head.head.dep_ == "nsubj")):
        vendor_token, head = head.head, head.head.head  # "by researchers at OpenAI"
    elif vendor_token.dep_ in ("compound", "poss") and head.lemma_ in _PEOPLE and (
            head.dep_ in ("pobj", "nsubj")):
        if vendor_token.dep_ == "poss" and any(
                c.dep_ == "compound" and _vendor_of(p, c) for c in head.children):
            return  # "Berkeley's LMSYS group": the group's own name is the maker named
        # "by Meta AI researchers", "Mistral AI's team released X", "the team at Y shipped X"
        vendor_token, head = head, head.head
    following = vendor_token.nbor(1) if vendor_token.i + 1 < len(vendor_token.doc) else None
    if vendor_token.dep_ == "appos" and head.lower_ in GENERIC_HEADS and following is not None and (
            following.lemma_ in creating() and following.dep_ in ("acl", "relcl")):
        # "X, the model Y open-sourced in 2021": the parser set Y beside "model", not as the
        # subject of the clause that describes it
        for target, _ in _described(head):
            yield target, following
        return
    doc = vendor_token.doc
    reduced = reduced_relative(p, vendor_token)
    if reduced is not None:
        yield reduced  # "X, the 70B model Y trained in 2022, ...", however the parser read it
        return
    named = name_at(p, doc[vendor_token.i - 2]) if vendor_token.i >= 2 else None
    if vendor_token.dep_ not in ("pobj", "poss") and named is not None and (
            doc[vendor_token.i - 1].lower_ in ("from", "by")):
        # "Florence-2 from Apple handles ...": "Apple handles" misread as a noun phrase
        yield named, doc[vendor_token.i - 1]
        return
    if vendor_token.dep_ == "poss" or (
        (vendor_token.dep_ == "compound" or (  # "a Tencent open-source video model"
            vendor_token.dep_ in ("nmod", "amod") and not vendor_token.conjuncts
            and not _listed_between(vendor_token, head))) and (
            head.lemma_.lower() in GENERIC_HEADS or _names_class(p, head)
            or head.lemma_.lower() in lexicon().maker_nouns)
    ):
        owned = _owned_name(p, vendor_token, following, head)
        yield from _described(owned)
        # ("Google's GPT-4", "a Meta model", "the X text-to-audio model")
        glossed = p.appositive_host(owned) if owned.dep_ != "appos" else None
        if glossed is not None and (owned.lower_ in GENERIC_HEADS or _names_class(p, owned)
                                    or owned.lemma_.lower() in lexicon().maker_nouns):
            yield glossed, owned  # "X, an OpenAI model ...", "X: an NVIDIA project", misread
    elif (
        following is not None
        and is_possessive_mark(following)
        and following.i + 1 < len(vendor_token.doc)
    ):
        yield from _described(vendor_token.doc[following.i + 1])  # a misparsed possessive
    elif vendor_token.dep_ == "pobj" and head.lower_ in ("by", "from"):
        owner = _made_as(head.head)
        tool = instrument_before(head)
        if tool is not None and p.mention(tool) is not None and not any(
                c.dep_ in ("nsubj", "nsubjpass") and p.mention(c) is not None
                for c in owner.children):
            yield tool, head  # "clips rendered with Gen-3 Alpha by Y": Y made the tool
            return
        nearer = named_before(p, head)
        if nearer is not None and p.mention(owner) is not None:
            owner = nearer  # "A from X and B from Y": the parser may hang "from Y" on A
        if _came(owner) is not None:
            earlier = _set_off_source(p, head)
            if earlier is not None:
                yield earlier, head  # "comes from FLUX.1, from Y": Y made FLUX.1
                return
            yield from _verb_targets(_came(owner))  # "X comes from Y"
        elif owner.lemma_ in creating():
            if head.lower_ == "from" and _source_of_object(p, head, owner):
                return  # "trained on code from GitHub": where the data came from
            named = named_before(p, head)
            set_off = set_off_name(p, owner)
            if set_off is not None:
                yield set_off, head  # "X, trained by Y, ...", however the parser hung it
            elif named is not None and not any(
                p.mention(t) is not None for t, _ in _verb_targets(owner)
            ):
                yield named, head  # "made with X from Y": the parser hung "from Y" on the verb
            else:
                yield from _verb_targets(owner)
        elif _hung_on_verb(head, owner):
            named = named_before(p, head)
            if named is not None:
                yield named, head  # "we recommend X by Y", "try X from Y"
        elif (head.lower_ == "by" or owner.pos_ in ("PROPN", "NOUN")) and (
                owner.lemma_.lower() not in lexicon().records):  # ("X outputs by Y": X's)
            for target, _ in _described(owner):
                yield target, head
    elif vendor_token.dep_ == "pobj" and head.lower_ == "at" and (
            head.head.lemma_.lower() in lexicon().verbs("made_at")):
        yield from _verb_targets(head.head)  # "StyleGAN was developed at NVIDIA"
    elif vendor_token.dep_ == "pobj" and head.lower_ in ("of", "from") and _came(head.head):
        yield from _verb_targets(_came(head.head))  # "StyleGAN came out of Google Research"
    elif vendor_token.dep_ == "pobj" and head.lower_ == "of" and (
            head.head.lemma_.lower() in lexicon().maker_nouns):
        yield from _described(head.head)  # "X is a product of Y", "X, the brainchild of Y"
    elif vendor_token.dep_ == "nsubj" and head.lemma_ in creating():
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if head.dep_ == "relcl" and (head.head.pos_ == "NOUN" or any(
            t.lower_ in ("which", "that") and t.dep_ == "dobj" for t in head.subtree
        ) or any(_whose(o) for o in objects)) and all(_whose(o) for o in objects):
            # "X, the model Microsoft released" (no "that"); "X, which Y developed and
            # released" ("which" hung on the second verb); "X, whose weights Y published"
            yield from _relative_targets(p, head.head, head)  # "X is the model Y released"
        for child in head.children:
            if child.dep_ == "dobj" and child.lower_ in ("which", "that") and (
                head.dep_ in ("relcl", "acl")
            ):
                # "Falcon 180B, which Meta released", "Grok is the chatbot that X built",
                # "Gemma, the family of models that Meta released"
                yield from _relative_targets(p, head.head, head)
            elif head.lemma_.lower() in lexicon().derive_verbs:
                continue  # "Hugging Face distilled BERT": BERT is the base, not the new model
            elif child.dep_ == "dobj" or (  # "shipped Qwen3 in April": a name read as an adverb
                    child.dep_ in ("advmod", "npadvmod") and child.i == head.i + 1
                    and p.mention(child) is not None):
                for obj in [child, *child.conjuncts]:
                    yield obj, head


#: Words between two compared systems ("A's X vs. B's Y": X is A's).
_VERSUS = frozenset({"vs", "vs.", "versus", "v.", "v", "against"})


def _owned_name(p: Parsed, vendor_token: Any, following: Any | None, head: Any) -> Any:
    """What a possessive owns: its head, or the name right after "'s" when the parser gave
    the possessive to a later noun ("Google's Phi-3-mini (3.8B parameters)": "parameters")."""
    if vendor_token.dep_ != "poss" or following is None or not is_possessive_mark(following):
        return head
    if following.i + 1 >= len(vendor_token.doc):
        return head
    after = vendor_token.doc[following.i + 1]
    named = p.mention(after)
    if head.i not in p.mentions and head.lemma_.lower() in lexicon().derived_nouns:
        return head  # "Meta's BERT variant": the variant is what Meta made
    if after.i != head.i and named is not None and named.type == ENTITY and (
            p.mention(head) is None or any(  # "A's X and B's Y": X is A's, not Y
                t.dep_ == "cc" or t.text == "," or t.lower_ in _VERSUS
                for t in vendor_token.doc[after.i + 1 : head.i])):
        return after
    return head


def _hung_on_verb(preposition: Any, verb: Any) -> bool:
    """Whether the parser hung the "by Y" / "from Y" that follows a name on a verb that is
    neither a passive ("was recommended by") nor a move ("switch to X from Y")."""
    if verb.pos_ in ("PROPN", "NOUN"):
        return False
    if preposition.lower_ == "by":
        return verb.pos_ in ("VERB", "AUX") and not any(
            c.dep_ == "auxpass" for c in verb.children)
    return verb.lemma_ not in _MOVING


def _source_of_object(p: Parsed, from_token: Any, verb: Any) -> bool:
    """Whether "from Y" follows another object of ``verb`` that is not a name ("trained on
    code from GitHub", "built with data from Reddit"): Y is where that object came from."""
    before = from_token.nbor(-1) if from_token.i > 0 else None
    return bool(
        before is not None and before.pos_ == "NOUN" and p.mention(before) is None
        and before.dep_ in ("pobj", "dobj") and verb in before.ancestors
    )


def _base(token: Any) -> bool:
    """What another system was made from: "fine-tuned from X (by Y)", "a fine-tune of X"."""
    if token.dep_ != "pobj":
        return False
    preposition, maker = token.head.lower_, token.head.head.lemma_.lower()
    return (preposition == "from" and maker in lexicon().derive_verbs) or (
        preposition == "of" and maker in lexicon().derived_nouns)


def _names_a_base(vendor_token: Any) -> bool:
    """The maker of what another system was made from: "a fine-tune of Meta's Llama",
    "a variant of BERT from Google"."""
    owned = vendor_token.head if vendor_token.dep_ in ("poss", "pobj") else vendor_token
    if owned.lower_ in ("from", "by"):
        owned = owned.head
    return _base(owned)


def _whose(obj: Any) -> bool:
    """An object owned by the relative's antecedent ("whose weights Y published")."""
    return any(c.dep_ == "poss" and c.lower_ == "whose" for c in obj.children)


def _owner_mark(vendor_token: Any) -> bool:
    """A possessive after the vendor, or "by/from/of/at" before it."""
    doc = vendor_token.doc
    before = doc[vendor_token.i - 1].lower_ if vendor_token.i > 0 else ""
    return (vendor_token.i + 1 < len(doc) and is_possessive_mark(doc[vendor_token.i + 1])) or (
        before in ("by", "from", "of", "at"))


def _made_as(token: Any) -> Any:
    """The making verb a "by Y" hung on the noun of an "as"/"under" phrase belongs to
    ("released as open weights by Y", "published under Apache 2.0 by Y"), else ``token``."""
    if token.dep_ == "pobj" and token.head.lower_ in ("as", "under") and (
            token.head.head.lemma_.lower() in creating()):
        return token.head.head
    return token


def _set_off_source(p: Parsed, preposition: Any) -> Any | None:
    """The name of an earlier "from X" that a set-off "from Y" follows ("comes from X, from Y,"):
    Y is X's maker."""
    doc, i = preposition.doc, preposition.i
    if preposition.lower_ != "from" or i < 2 or doc[i - 1].text != ",":
        return None
    named = doc[i - 2]
    found = p.mention(named)
    if found is None or found.type != ENTITY or named.dep_ != "pobj" or named.head.lower_ != "from":
        return None
    return named


def _came(token: Any) -> Any | None:
    """The verb "come" of "came from" / "came out of", or None."""
    if token.lower_ == "out":
        token = token.head
    return token if token.lemma_ == "come" else None


def _relative_targets(p: Parsed, described: Any, verb: Any) -> Iterator[tuple[Any, Any]]:
    """What a relative clause's maker made: the noun it describes, the name that noun is set
    off after, or the subject of the copula it completes ("X is the model Y released"); for a
    verb of deriving, not the base named before the noun ("a Llama 3.1 model that NVIDIA
    fine-tuned")."""
    host = p.appositive_host(described)
    derived = verb.lemma_.lower() in lexicon().derive_verbs
    if host is not None or not derived or described.i in p.mentions:
        yield (host if host is not None else described), verb
    for target, _ in _described(described, base_named=derived):
        if not (derived and target.i == described.i):  # (nor the base through "model")
            yield target, verb


def _described(noun: Any, base_named: bool = False) -> Iterator[tuple[Any, Any]]:
    """The noun, or the entity it describes ("Whisper, Google's model", "X is Y's model");
    ``base_named``: a name modifying the noun is what it was made from, not what it is."""
    yield noun, noun
    # ("Meta's BERT variant")
    derived = base_named or noun.lemma_.lower() in lexicon().derived_nouns
    for child in noun.children:
        if derived and child.dep_ == "compound":
            continue
        if child.dep_ in ("nmod", "appos", "compound") and child.i < noun.i and (
            (any(t.text == "," for t in noun.doc[child.i + 1 : noun.i])
             and not _listed_between(child, noun))
            or (child.dep_ == "compound" and child.i == noun.i - 1)
        ):
            yield child, noun  # "MusicLM, OpenAI's model" parsed with MusicLM under "model"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "attr" and (
        noun.lower_ in GENERIC_HEADS or noun.lemma_.lower() in lexicon().maker_nouns
    ):  # ("X was one of Y's few open-weight releases")
        yield from _described(noun.head.head)  # "LLaMA is a family of models from Google"
    described = noun.pos_ != "PROPN" or any(  # ("Google's smaller, faster BERT", not "Runway's
        c.dep_ in ("det", "amod") and c.i < noun.i for c in noun.children)  # Gen-2")
    if noun.dep_ == "appos" and described and not _listed_between(noun.head, noun):
        # (a bare name "in apposition" to a name is a list item: "A from X, B from Y")
        yield noun.head, noun
    elif noun.dep_ == "attr":
        for subject in noun.head.children:
            # ("TensorRT-LLM is AMD's library": a name the parser left as "meta")
            if subject.dep_ == "nsubj" or (subject.dep_ == "meta" and subject.i < noun.head.i):
                yield subject, noun
    elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and (
            noun.head.head.lemma_.lower() in lexicon().verbs("made_as")):
        for subject in noun.head.head.children:  # "X began as a Baidu project"
            if subject.dep_ in ("nsubj", "nsubjpass"):
                yield subject, noun


def _verb_read_as_name(token: Any) -> bool:
    """"Use Cohere's models": a sentence's first word, a lexicon verb, parsed into the name."""
    words = lexicon()
    return token.i == token.sent.start and (
        token.lower_ in words.control_verbs or token.lower_ in words.all_words()
        or token.lower_ in words.instructions)


def _names_class(p: Parsed, token: Any) -> bool:
    """A class noun ("text-to-audio model", "LLM"): "the ElevenLabs text-to-audio model"."""
    found = p.mention(token)
    return found is not None and found.type == CATEGORY


def _hyphenated(token: Any) -> bool:
    """The last part of a hyphenated word ("self-host X's Y"), not a name's first word."""
    return any(c.text == "-" and c.i == token.i - 1 for c in token.children)


def _listed_between(first: Any, last: Any) -> bool:
    """"Claude, Gemini and any OpenAI model": a list, not "Claude, OpenAI's model"."""
    return any(t.lower_ in ("and", "or", "nor") for t in first.doc[first.i + 1 : last.i])


def _verb_targets(verb: Any) -> Iterator[tuple[Any, Any]]:
    subjects = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
    subjects = [s for s in subjects if not colon_between(s, verb)] or subjects
    if subjects:
        for subject in subjects:
            relative = subject.lower_ in ("which", "that", "who") and verb.dep_ == "relcl"
            target = verb.head if relative else subject  # "X, which was developed by Y"
            yield target, verb
            if subject.lemma_.lower() in lexicon().artifact_nouns:
                # "X's weights were published by Y", "the X weights were released by Y"
                yield from ((c, verb) for c in subject.children
                            if c.dep_ in ("poss", "compound") and c.i < subject.i)
            doc = subject.doc
            if relative and subject.i >= 2 and doc[subject.i - 1].text == "," and (
                doc[subject.i - 2].i != target.i
            ):  # "our benchmark, Qwen2.5, which ...": the name right before ", which"
                yield doc[subject.i - 2], verb
    elif verb.dep_ in ("acl", "relcl", "appos"):
        for target, _ in _described(verb.head):
            yield target, verb
    elif verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
        # "X was trained and released by Y": the first verb's subject is the second's too
        for target, _ in _verb_targets(verb.head):
            if target.pos_ != "PRON":  # (a pronoun's antecedent is not read across clauses)
                yield target, verb


def _credit_window(*tokens: Any) -> str:
    """The words that carry the attribution: from the first of ``tokens`` (and a few words
    before it, for "together with Y") to the last; the rest of the sentence ("…, offers a
    long context window") says nothing about who made the system."""
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    sent = tokens[0].sent
    if tokens[0].dep_ == "poss" and tokens[0].i == first:
        return tokens[0].doc[first : last + 1].text  # "self-host X's Y": the verb is not credit
    if tokens[0].i != first:
        return tokens[0].doc[first : last + 1].text  # (not "offer X, which Y developed")
    return tokens[0].doc[max(sent.start, first - 4) : last + 1].text


def _construction(anchor: Any) -> str:
    """``AUTHORED`` when a verb of authorship ("developed", "trained") credits the maker:
    then even a vendor that mostly hosts others' models is said to have made the system."""
    if anchor.lower_ == "by" and anchor.head.pos_ in ("VERB", "AUX"):
        anchor = anchor.head  # "X, trained by Y": the verb before the agent
    authored = anchor.pos_ in ("VERB", "AUX") and (
        anchor.lemma_.lower() in lexicon().verbs("made_at"))
    return AUTHORED if authored else "vendor"


def _judge(
    p: Parsed, vendor_token: Any, vendor_id: str, target: Any, entity_id: str, anchor: Any
) -> Match | None:
    if _SHARED_CREDIT.search(_credit_window(vendor_token, target, anchor)):
        return None
    named_with = {_vendor_of(p, t) for c in vendor_token.conjuncts for t in (c, *c.children)
                  if t.i == c.i or t.dep_ in ("compound", "poss")}
    if p.kb.entities[entity_id].vendor in named_with:
        return None  # "from Stanford and Google researchers": credit shared with the maker
    if any(c.dep_ == "compound" and c.i == vendor_token.i - 1 and not _verb_read_as_name(c)
           and not _hyphenated(c) and c.pos_ == "PROPN" for c in vendor_token.children):
        return None  # "Azure OpenAI's GPT-4": a product named after the vendor
    claim = Claim(entity_id, ENTITY, "made_by", vendor_id, VENDOR, vendor_token.idx,
                  vendor_token.idx + len(vendor_token.text), construction=_construction(anchor))
    verdict = judge(p.kb, claim)
    if verdict is None:
        return None
    # "Why does Google's GPT-4 ...?" still says so (and so does a possessive the parser misread)
    presupposed = vendor_token.dep_ == "poss" or (
        vendor_token.i + 1 < len(vendor_token.doc)
        and is_possessive_mark(vendor_token.doc[vendor_token.i + 1]))
    relative = anchor.dep_ in ("relcl", "acl") and anchor.head.i == target.i
    # a relative clause says what it says whatever the main clause does ("X, which Y
    # developed, may be used ..."): the clause alone is gated
    # a maker inside the name's own phrase ("Google's GPT-4", "GPT-4 from Google") is said
    # whatever the clause's verb does: a modal on it ("... could ingest a codebase") hedges
    # the verb, not the maker
    # (and so is one in a phrase set off after the name: "Sora, Google's video model, should
    # be credited ...", "X, released by Y, may be self-hosted")
    set_off = set_off_after(p, vendor_token, target)  # (said even in a question)
    inside = vendor_token.head.i == target.i or (
        vendor_token.head.lower_ in ("from", "by") and target.i in (
            vendor_token.head.head.i, vendor_token.head.i - 1)  # "made with X from Y"
    ) or set_off
    gated = [vendor_token] if inside else (
        [vendor_token, anchor] if relative else [vendor_token, target, anchor])
    # a possessive outside a copula's complement is presupposed whatever the verb denies or
    # hedges ("xAI's Gemini models are not approved", "should come from Canva's Firefly");
    # not "it is not Google's model"
    owned = presupposed and vendor_token.head.dep_ not in ("attr", "acomp", "oprd")
    # (a participle right after the name is presupposed, "Why is X, built by Y, ...?", but
    # not in a question the parser misread: "Was X built by Y?")
    relative = relative and not yes_no_question(vendor_token.sent)
    if not asserted(p.doc, gated, questions=not (presupposed or relative or set_off),
                    negations=not owned):
        return None
    return p.match(verdict.rule, vendor_token, vendor_token, verdict.message, verdict.replacement)
