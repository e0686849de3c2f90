"""Output modality (GL203) and scope claims (GL302): who is said to make what."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from linter.checks.base import Match
from linter.claims import text_limits
from linter.claims.agents import subjects_of
from linter.claims.category import GENAI, LLM, about_the_field
from linter.claims.context import asserted
from linter.claims.judge import judge
from linter.claims.lexicon import lexicon
from linter.claims.maker_order import instrument_before
from linter.claims.members import list_members
from linter.claims.mentions import CATEGORY, CONCEPT, ENTITY, Mention, modality_index
from linter.claims.messages import one_for_the_list
from linter.claims.modality_words import MODALITY, modality_of
from linter.claims.parsed import Parsed
from linter.claims.record import ANY_OUTPUT, GENERIC, Claim
from linter.claims.text_limits import ONLY, not_only_text

#: Nouns that carry the modality of their modifier: "video content", "podcast episode".
_MULTIMODAL = re.compile(r"multi-?modal|vision|omni|any-to-any", re.IGNORECASE)
_SCOPE_NOUNS = frozenset(
    ["content", "type", "kind", "form", "format", "medium", "media", "modality", "output", "thing"]
)
#: What a handling verb's scope must be about: "handles every content type", "any modality".
_CONTENT_NOUNS = frozenset(["content", "modality", "medium", "media", "data"])
_TEXT_TO_BEFORE = re.compile(r"\btext-to-(\w+)\s+(?:\w+\s+)?$", re.IGNORECASE)


def check(p: Parsed) -> Iterator[Match]:
    yield from _making(p)
    yield from _text_to_x_llm(p)
    yield from text_limits.check(p)
    yield from _handled_scope(p)


def _through_lists(p: Parsed, makers: list[Any]) -> list[tuple[Any, bool]]:
    """"Tools such as Claude and Llama 2 generate ...", "embedding models like BGE-M3
    generate ...": each listed entity makes it (a class other than LLMs is not judged)."""
    found: list[tuple[Any, bool]] = []
    for maker in makers:
        ref = p.reference(maker)
        members = list_members(p, maker) if ref is None or (
            ref.type == CATEGORY and ref.id != LLM) else _named_together(p, maker)
        found.extend([(m, True) for m in members] or [(maker, False)])
    return found


def _named_together(p: Parsed, maker: Any) -> list[Any]:
    """ "GPT-4 and Claude generate ...": every name coordinated with ``maker``, when all of
    them are names (not a misparsed "Paste it in and Whisper reads ...")."""
    together = [maker, *maker.conjuncts]
    if len(together) < 2 or any(p.mention(t) is None for t in together):
        return []
    return sorted(together, key=lambda t: t.i)


def _copula_subject(p: Parsed, token: Any) -> Any | None:
    """"Llama 2 is an LLM that draws ...": the entity a class noun is predicated of."""
    if token.dep_ != "attr" or p.reference(token) is None:
        return None
    for subject in token.head.children:
        found = p.mention(subject)
        if subject.dep_ == "nsubj" and found is not None and found.type == "entity":
            return subject
    return None


def _output_claim(ref: Mention, modality: str, construction: str, text: str = "",
                  more_objects: tuple[str, ...] = ()) -> Claim:
    return Claim(ref.id, ref.type, "outputs", modality, MODALITY, 0, 0,
                 construction=construction, object_text=text, more_objects=more_objects)


def _outputs_and_makers(verb: Any) -> tuple[list[Any], list[Any]]:
    """What a making verb produces, and who produces it (active, passive, "turn X into Y").

    An output is a token naming it, or the verb itself when the lexicon says the verb implies
    its output ("narrate" → speech; "transcribe" → text, whose object is the input).
    """
    spec = lexicon().output_verbs[verb.lemma_.lower()]
    children = list(verb.children)
    if any(c.lower_ in spec.particles and c.dep_ in ("prep", "prt") and c.i == verb.i + 1
           for c in children):
        return [], []  # "the pages it draws on": relies on, draws nothing
    if spec.requests:  # "ask X for Y" ("for" may hang on the object)
        makers = [c for c in children if c.dep_ in ("dobj", "obj")]
        holders = children + [o for m in makers for o in m.children]
        asked = [o for c in holders if c.dep_ == "prep" and c.lower_ == "for"
                 for o in c.children if o.dep_ == "pobj"]
        # ("ask X for three taglines to sit under it": "for" read as a clause's mark)
        asked += [s for c in children if any(m.dep_ == "mark" and m.lower_ == "for"
                                             for m in c.children)
                  for s in c.children if s.dep_ == "nsubj"]
        return asked, makers
    if spec.into:
        # ("turn the recording into a transcript": "into" may hang on the object)
        holders = children + [o for c in children if c.dep_ == "dobj" for o in c.children]
        objects = [
            o
            for c in holders
            if c.dep_ == "prep" and c.lower_ == "into"
            for o in c.children
            if o.dep_ == "pobj"
        ]
    elif spec.needs:  # "read aloud" makes speech; "read an image" is input only
        if not any(t.lower_ in spec.needs for t in verb.subtree):  # "reads its text aloud"
            return [], []
        objects = [verb]
    elif spec.object_is_input:
        objects = [verb]
    else:
        objects = [c for c in children if c.dep_ in ("dobj", "obj")] or _misread_object(verb)
        # "render your chart as an image": the form it is made in
        # (or hung on the object: "renders flowcharts as PNG images")
        objects = _forms_made(verb, *objects) + objects
        if (verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.head.i < verb.i and any(
                c.dep_ == "nsubj" for c in children))) and (
                not objects or objects[0].lower_ in ("that", "which")):
            # "the PNG image that Claude renders": the noun described (the parser may read
            # the clause as an "acl" with "that" as its mark)
            objects = [verb.head]
    passive = [c for c in children if c.dep_ == "nsubjpass"]
    # ("rendered with Gen-3 Alpha by Pika": "by" names the tool's maker, not the renderer)
    agents = [o for c in children if c.dep_ == "agent" and instrument_before(c) is None
              for o in c.children if o.dep_ == "pobj"]
    if passive and agents and not spec.into:
        if not spec.object_is_input:
            return [o for s in passive for o in [s, *s.conjuncts]], agents
        return [verb], agents
    if verb.dep_ == "acl" and agents:
        return ([verb] if spec.object_is_input else [verb.head]), agents
    if not objects:  # "writes and sings full songs": the object both verbs share
        outputs = lexicon().output_verbs
        objects = [o for c in children if c.dep_ == "conj" and c.lemma_.lower() in outputs
                   and not outputs[c.lemma_.lower()].object_is_input
                   for o in c.children if o.dep_ == "dobj"]
    if not objects and (spec.implies or spec.alone) and not any(
            c.dep_ == "ccomp" for c in children):
        objects = [verb]  # (not "writes what you want in pictures": a clause says what)
    listed = [o for c in objects if c.i != verb.i for o in [c, *c.conjuncts]]
    return ([verb] if any(c.i == verb.i for c in objects) else []) + listed, subjects_of(verb)


def _forms_made(*holders: Any) -> list[Any]:
    """The forms an output is made in, named by an "as" phrase under ``holders`` ("render
    your chart as an image")."""
    return [o for holder in holders for c in holder.children
            if c.dep_ == "prep" and c.lower_ == "as" for o in c.children if o.dep_ == "pobj"]


def _misread_object(verb: Any) -> list[Any]:
    """An object the parser read as a clause: "render a product shot" as "a product (that) shot",
    a complement verb whose subject, with its determiner, follows the making verb at once; or
    read as the object of an adjective ("writes alt text")."""
    return [
        c for c in verb.children
        if c.dep_ == "ccomp" and c.tag_ in ("VB", "VBD", "VBN") and any(
            s.dep_ == "nsubj" and s.i < c.i and s.left_edge.i == verb.i + 1
            and s.left_edge.dep_ == "det" for s in c.children)
    ] + [  # "writes alt text": a modifier read as a complement that takes the noun as object
        o for c in verb.children if c.dep_ == "xcomp" and c.i == verb.i + 1 and (
            c.pos_ == "ADJ" or c.lemma_.lower() not in lexicon().output_verbs)
        for o in c.children if o.dep_ == "dobj" and o.left_edge.i == c.i + 1
    ]


def _makings(p: Parsed) -> Iterator[tuple[Any, list[Any], list[Any]]]:
    """(verb, outputs, makers) of every output verb: from the parse, or, in a sentence the
    parser read as one noun phrase ("Codestral outputs MP4 files"), from word order."""
    verbs = [t for t in p.tokens if t.pos_ in ("VERB", "AUX") or (
        t.pos_ == "NOUN" and t.tag_ == "NNS"
        and any(c.dep_ in ("nsubj", "dobj") for c in t.children)
    )]  # "Generative AI only outputs text": "outputs" tagged a noun, with a subject or object
    for verb in verbs:
        if verb.lower_ in lexicon().output_adjectives and verb.i + 1 < len(verb.doc) and (
                verb.nbor(1).pos_ in ("NOUN", "PROPN", "ADJ")):
            continue  # "translate spoken Spanish": an adjective, not a verb of its own
        if verb.lemma_.lower() in lexicon().output_verbs and verb.dep_ != "compound":
            objects, makers = _outputs_and_makers(verb)
            if objects:
                yield verb, objects, makers
    yield from _verbless(p)


def _verbless(p: Parsed) -> Iterator[tuple[Any, list[Any], list[Any]]]:
    """"X outputs Y" parsed as a compound noun: an output word after a name, hung on the noun
    after it (a verb the parser made a compound, "LLMs generate images"; or a plural noun,
    "Codestral outputs MP4 files", "Remember that generative AI only outputs text"; a noun
    after a modal, "generative AI can only output text")."""
    for token in p.tokens:
        if token.lemma_.lower() not in lexicon().output_verbs or token.head.i <= token.i:
            continue
        spec = lexicon().output_verbs[token.lemma_.lower()]
        before = [t for t in p.tokens[: token.i] if t.pos_ != "ADV"]
        modal = bool(before) and before[-1].tag_ == "MD"  # "can only output text"
        if modal:
            before.pop()
        if token.dep_ == "compound":
            # (a base form after coordinated names reads as a noun: "A and B generate images")
            if token.pos_ != "VERB" and token.tag_ != "NNS" and not modal and not (
                    token.tag_ == "NN" and token.i > 0 and token.nbor(-1).dep_ == "conj"
                    and p.mention(token.nbor(-1)) is not None):
                continue
        elif token.dep_ == "amod" and len(before) >= 2 and (
                before[-2].lemma_.lower() in lexicon().control_verbs):
            pass  # "have X generate melodies": the verb read as an adjective of its object
        elif not (token.dep_ == "nsubj" and token.tag_ == "NNS" and spec.object_is_input):
            # ("Tacotron 2 transcribes recorded speech": "transcribes" read as the subject
            # of "recorded"; the verb alone names the output)
            continue
        if spec.into or spec.needs:
            continue  # "turn X into Y", "read X aloud": not readable from word order
        if before and p.mention(before[-1]) is not None:
            head = token.head
            # "transcribes speech": the object is the input, the verb names the output
            outputs = [token] if spec.object_is_input else [  # ("renders X as PNG images")
                *_forms_made(head), head, *head.conjuncts]
            yield token, outputs, [before[-1]]


def _making(p: Parsed) -> Iterator[Match]:
    rule_of = {code: rule for rule, code in p.codes.items()}
    for verb, objects, makers in _makings(p):
        per_code: dict[str, list[tuple[Match, str]]] = {}
        for maker, match in _made_by_each(p, verb, objects, makers):
            per_code.setdefault(match.code, []).append((match, p.written(maker)))
        for code, members in per_code.items():  # "GPT-4 and Claude generate images": one
            yield one_for_the_list(rule_of[code], members)


def _made_by_each(
    p: Parsed, verb: Any, objects: list[Any], makers: list[Any]
) -> Iterator[tuple[Any, Match]]:
    """(maker, finding) for each maker said to make an output it does not make."""
    index = modality_index(p.kb)
    pairs = _through_lists(p, makers)
    # "A, B and C generate audio, video and 3D respectively": the n-th maker, the n-th output
    respectively = any(t.lower_ == "respectively" for t in verb.sent)
    if not respectively and _shared_out(p, verb, objects, [m for m, _ in pairs], index):
        return  # "A and B generate images and video": each may make one of them
    for n, (maker, listed) in enumerate(pairs):
        judged = objects
        if respectively and listed:
            if len(pairs) != len(objects):
                continue
            judged = [objects[n]]
        subject = p.appositive_entity(maker) or _copula_subject(p, maker) or maker
        ref = p.reference(subject)
        if ref is None or (not listed and any(
            p.mention(c) is not None for c in subject.conjuncts
        )):  # "X and Y make ...": each is judged through the list (a misparsed
            continue  # "Paste it in and Whisper reads ..." is not a list)
        if (ref.type == CATEGORY and ref.id == LLM) or ref.type == ENTITY:
            scoped = list(_scope(p, ref, subject, verb, judged, index))
            yield from ((subject, m) for m in scoped)
            if scoped:
                continue  # "any type of content, from X to Y": the examples are the scope
        if ref.type == CONCEPT and ref.id == GENAI:
            yield from ((subject, m) for m in _only_text(p, subject, verb, judged, index))
            continue
        if (ref.type != ENTITY and (ref.type, ref.id) != (CATEGORY, LLM)) or any(
            _MULTIMODAL.search(c.text) for c in subject.children
        ):
            continue
        excluded = lexicon().output_verbs[verb.lemma_.lower()].excludes
        wrong: dict[str, Any] = {}  # modality → the last object naming it
        named: set[str] = set()
        for obj in judged:
            modality = _implied_or_named(p, verb, obj, index)
            if modality is None or modality in excluded or _denied_object(obj):
                continue
            named.add(modality)
            verdict = judge(p.kb, _output_claim(ref, modality, "making"))
            # a relative clause says what it says whatever its main clause does ("X, which
            # generates Y, is not approved")
            gated = [verb, obj] if verb.dep_ == "relcl" and verb.head.i == subject.i else [
                subject, verb, obj]
            if verdict is not None and asserted(p.doc, gated):
                wrong[modality] = obj
        if wrong:  # "LLMs generate images and video": one claim, one finding
            first, *more = wrong
            claim = _output_claim(ref, first, "making", more_objects=tuple(more))
            if (ref.type, ref.id) == (CATEGORY, LLM) and len(wrong) >= 2 and (
                named & {"text", "code"}
            ):  # "LLMs can generate text, images, audio and video": every kind of output
                claim = Claim(LLM, CATEGORY, "outputs", ANY_OUTPUT, GENERIC, 0, 0,
                              quantifier="all", construction="scope")
            verdict = judge(p.kb, claim)
            last = max(wrong.values(), key=lambda t: t.i)
            if last.i < subject.i:  # "the image that X renders", "images generated by X"
                last = max(subject, verb, key=lambda t: t.i)
                first = min([*wrong.values(), verb], key=lambda t: t.i)  # "Generate X with Y"
                first = first if first.i == verb.i else first.left_edge
            else:
                first = subject
            match = p.match(verdict.rule, first, last, verdict.message) if verdict else None
            if match:
                yield subject, match


def _denied_object(obj: Any) -> bool:
    """ "generates audio, not sheet music": a "not" inside the object's phrase denies it,
    however the parser hung it."""
    return any(t.lower_ == "not" and t.i < obj.i and t.nbor(1).lower_ != "only"
               for t in obj.subtree)


def _shared_out(p: Parsed, verb: Any, objects: list[Any], makers: list[Any],
                index: dict[str, str]) -> bool:
    """Several makers and several outputs where every maker makes one of the outputs and every
    output has a maker: a list of what the group makes, not what each one makes."""
    found = {_implied_or_named(p, verb, o, index) for o in objects}
    modalities = [m for m in found if m is not None]
    refs = [r for r in map(p.reference, makers) if r is not None and r.type == ENTITY]
    if len(refs) < 2 or len(refs) != len(makers) or len(modalities) < 2:
        return False
    can = {(r.id, m) for r in refs for m in modalities
           if judge(p.kb, _output_claim(r, m, "making")) is None}
    return all(any((r.id, m) in can for m in modalities) for r in refs) and all(
        any((r.id, m) in can for r in refs) for m in modalities)


def _implied_or_named(p: Parsed, verb: Any, obj: Any, index: dict[str, str]) -> str | None:
    """The modality the object names, else the one the verb implies ("draft the release
    notes": text)."""
    spec = lexicon().output_verbs[verb.lemma_.lower()]
    implied = spec.implies
    if obj.i == verb.i:
        return implied or spec.alone
    if obj.lemma_.lower() in spec.idioms:
        return None  # "drew attention": not a drawing
    return modality_of(obj, index) or implied


def _scope(p: Parsed, ref: Mention, subject: Any, verb: Any, objects: list[Any],
           index: dict[str, str]) -> Iterator[Match]:
    """ "LLMs can create any type of content", "OLMo 2 can generate anything"."""
    for obj in objects:
        words = {t.lower_ for t in obj.subtree}
        if not (
            words & {"any", "all", "every", "everything", "anything"}
            and (words & _SCOPE_NOUNS or obj.lower_ in ("anything", "everything"))
        ) or any(modality_of(t, index) for t in _scope_words(obj)) or (
                verb.dep_ == "relcl" and verb.head.i == obj.i):
            continue  # (not "any kind of text": one modality; not "everything it returns")
        claim = Claim(ref.id, ref.type, "outputs", ANY_OUTPUT, GENERIC, 0, 0, quantifier="all",
                      construction="scope")
        verdict = judge(p.kb, claim)
        if verdict is not None and asserted(p.doc, [subject, verb, obj]):
            match = p.match(verdict.rule, subject, obj.right_edge, verdict.message)
            if match:
                yield match


def _handled_scope(p: Parsed) -> Iterator[Match]:
    """ "LLMs handle every content type", "LLMs can process any kind of media": a handling
    verb whose object is every kind of content (not "any kind of task": only content nouns)."""
    index = modality_index(p.kb)
    for verb in p.tokens:
        if verb.lemma_.lower() not in lexicon().limited_verbs or verb.pos_ != "VERB":
            continue
        objects = [o for c in verb.children for o in ([c] if c.dep_ == "dobj" else [
            g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [])
                   if any(w.lemma_.lower() in _CONTENT_NOUNS
                          for s in _scope_words(o) for w in s.subtree)]
        for subject in subjects_of(verb) if objects else []:
            ref = p.reference(subject)
            if ref is not None and (ref.type, ref.id) == (CATEGORY, LLM) and not any(
                    _MULTIMODAL.search(c.text) for c in [subject, *subject.children]):
                yield from _scope(p, ref, subject, verb, objects, index)


def _scope_words(obj: Any) -> list[Any]:
    """``obj`` and what it is a kind of: "any kind of text" → kind, text ("every kind of
    media, video and 3D assets included": media, the word after "of", however it was parsed)."""
    found = [obj]
    for of in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
        after = of.nbor(1) if of.i + 1 < len(of.doc) else None
        if after is not None and after.lemma_.lower() in _SCOPE_NOUNS | _CONTENT_NOUNS:
            found.append(after)
        else:
            found.extend(o for o in of.children if o.dep_ == "pobj")
    return found


def _only_text(
    p: Parsed, subject: Any, verb: Any, objects: list[Any], index: dict[str, str]
) -> Iterator[Match]:
    only = any(c.lower_ in ONLY for c in verb.children) or any(
        c.lower_ in ONLY for o in objects for c in o.children
    ) or any(  # "only ever outputs text", "can only really make text"
        t.lower_ in ONLY and t.pos_ == "ADV" for t in p.doc[subject.i + 1 : verb.i])
    if any(t.lower_ == "nothing" and t.nbor(1).lower_ in ("else", "more")
           for o in objects for t in o.subtree if t.i + 1 < len(t.doc)):
        only = True  # "outputs text and nothing else"
    for obj in list(objects):
        if obj.lower_ in ("nothing", "anything") and any(
            c.lower_ in ("but", "except", "besides") for c in obj.children
        ):
            only = True
            objects = [o for c in obj.children if c.lower_ in ("but", "except", "besides")
                       for o in c.children] or objects
    if not only or not about_the_field(subject) or any(
            c.dep_ == "neg" or c.lower_ in ("not", "never") for c in verb.children):
        return  # ("does not only write text": more than text)
    for obj in sorted(objects, key=lambda o: o.i):
        if _implied_or_named(p, verb, obj, index) == "text" and asserted(
                p.doc, [subject, verb]):  # ("can only write": the verb's own output)
            yield from not_only_text(p, subject, obj)
            return  # one claim: the first object that names text


def _text_to_x_llm(p: Parsed) -> Iterator[Match]:
    """ "a text-to-image LLM"."""
    text = p.doc.text
    for token in p.tokens:
        ref = p.mention(token)
        if ref is None or ref.type != CATEGORY or ref.id != LLM:
            continue
        found = _TEXT_TO_BEFORE.search(text, 0, token.idx)
        if not found:
            continue
        modality = modality_index(p.kb).get(found.group(1).lower())
        verdict = judge(p.kb, Claim(LLM, CATEGORY, "outputs", modality, MODALITY, 0, 0,
                                    construction="text-to-x", object_text=found.group(1))
                        ) if modality else None
        code = p.codes.get(verdict.rule) if verdict else None
        if verdict and code and asserted(p.doc, [token]):
            yield Match(code, found.start(), token.idx + len(token.text), verdict.message)
