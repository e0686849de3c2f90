"""The agent of an output verb: its subject, whom a control or causative verb names ("use X
to V", "ask X to V", "X lets you V"), or, where the parser went wrong, the name before it."""

from __future__ import annotations

from typing import Any

from linter.claims.lexicon import lexicon

#: Verbs whose subject is the real agent of the verb they govern ("X lets you compose ...").
_ENABLING = frozenset({"let", "allow", "help", "enable", "use", "design", "train", "build"})


def colon_between(subject: Any, verb: Any) -> bool:
    """A colon or semicolon between a subject and its verb: the parser gave the verb a noun
    of the clause before the colon ("Not every model is an LLM: FLUX.1 makes images")."""
    return subject.i < verb.i and any(
        t.text in (":", ";") for t in subject.doc[subject.i + 1 : verb.i])


def subjects_of(verb: Any) -> list[Any]:
    """Who does ``verb``: its subjects, through relative clauses, coordination, control and
    enabling verbs, and word order where the parser gave it none."""
    named = _named_before_infinitive(verb)
    if named is not None:
        return [named]  # "use A to V1 and B to V2": B does V2, however the parser hung it
    opener = _subject_by_word_order(verb)
    if opener and opener[0].dep_ == "conj" and not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > opener[0].i for c in verb.children
    ) and not any(a.lower_ in ("as", "like", "including") for a in opener[0].ancestors):
        # "Paste in the storyboard and Claude 3 Opus can generate ...", the name hung on
        # "Paste" (not a list member: "Tools such as A and B generate ...")
        return opener
    node = verb
    for _ in range(6):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "... is an LLM: FLUX.1 makes images": a noun before the colon is no subject when
        # one follows it
        subjects = [s for s in subjects if not colon_between(s, node)] or subjects
        subjects = [
            node.head if s.lower_ in ("which", "that", "who") and node.dep_ == "relcl" else s
            for s in subjects
        ]
        if subjects:
            if (
                all(
                    s.lower_ in ("you", "users", "people", "we", "developers", "it")
                    for s in subjects
                )
                and node.head.i != node.i
                and node.head.lemma_ in _ENABLING
            ):
                node = node.head
                continue
            instrument = _instrument(node) if all(
                s.lower_ in ("you", "we", "users") for s in subjects) else None
            return [instrument] if instrument is not None else subjects
        if node.dep_ == "relcl":
            return [node.head]
        misread = _subject_of_misread_verb(node)
        if misread:
            return misread
        if _fronted_purpose(node):
            return []  # "To illustrate the difference, a BERT model ...": the writer's aim
        controlled = _controlled_agents(node)
        if controlled:
            return controlled
        if node.dep_ == "conj" and node.i > 0 and node.nbor(-1).dep_ == "conj" and (
                node.nbor(-1).pos_ in ("PROPN", "NOUN")):
            return [node.nbor(-1)]  # "A makes music and B makes video": B read as an object
        if node.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp", "prep", "acomp") and (
            node.head.i != node.i
        ):
            low, high = sorted((node.i, node.head.i))
            if any(t.text == ";" for t in node.doc[low + 1 : high]):
                return []  # "X is for Y; to V Z, use W": a new clause has its own subject
            node = node.head
            continue
        break
    if verb.tag_ == "VB" and verb.dep_ == "ROOT" and not any(
            c.dep_ in ("nsubj", "aux") for c in verb.children):
        instrument = _instrument(verb)  # "Generate the voice-over with X": X does it
        if instrument is not None:
            return [instrument]
    # "FLUX.1 lets you compose a song": the enabling verb's subject, by word order
    found = _subject_by_word_order(verb)
    return found or (_subject_by_word_order(node) if node is not verb else [])


def _subject_of_misread_verb(node: Any) -> list[Any]:
    """"Whisper transcribes audio and generates images": the first verb read as a noun
    ("transcribes audio"), with the name as its subject; a verb coordinated with that noun
    phrase has the same subject."""
    return [s for c in node.children if c.dep_ == "compound" and c.tag_ in ("NNS", "VBZ")
            for s in c.children if s.dep_ == "nsubj"]


def _subject_by_word_order(verb: Any) -> list[Any]:
    """"Paste your script in and Whisper reads it aloud": a finite verb the parser gave no
    subject, right after a name that opens its clause (after "and", a comma or the start)."""
    finite = verb.tag_ in ("VBZ", "VBP", "VBD", "NNS") or any(
        c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)  # (NNS: a verb read as a noun)
    if not finite:
        return []
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("aux", "neg", "advmod"):
        i -= 1
    if i < verb.sent.start:
        return []
    named = verb.doc[i]
    opener = verb.doc[i - 1].lower_ if i > verb.sent.start else ""
    if named.pos_ not in ("PROPN", "NOUN", "ADJ", "X", "NUM") and named.dep_ != "conj":
        return []  # (the caller keeps only names: a merged name may be tagged anything)
    return [named] if opener in ("", "and", ",", ";", ":", "then", "—", "that") else []


def _named_before_infinitive(verb: Any) -> Any | None:
    """The proper noun right before "to V" ("... and Gemini to write the captions")."""
    marker = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if marker is None or marker.i != verb.i - 1 or marker.i == 0:
        return None
    before = verb.doc[marker.i - 1]
    return before if before.tag_ in ("NNP", "NNPS") and before.dep_ != "nsubj" else None


def _controlled_agents(verb: Any) -> list[Any]:
    """"use X to V", "ask X to V", "rely on X to V": the control verb's object does V."""
    control = verb.head
    if verb.dep_ not in ("xcomp", "advcl", "ccomp") or control.i == verb.i or (
        control.lemma_.lower() not in lexicon().control_verbs
    ):
        return []
    agents = [c for c in control.children if c.dep_ in ("dobj", "obj") and c.i < verb.i]
    agents += [o for c in control.children if c.dep_ == "prep" and c.lower_ == "on"
               for o in c.children if o.dep_ == "pobj" and o.i < verb.i]
    before = [a for agent in agents for a in [agent, *agent.conjuncts] if a.i < verb.i]
    # "use A to V1 and B to V2": each verb's agent is the nearest one before it
    return [max(before, key=lambda a: a.i)] if before else []


def _fronted_purpose(verb: Any) -> bool:
    """An infinitive clause before the clause it modifies ("To V ..., X ..."), or a bare
    participle framing it ("Strictly speaking, X ...")."""
    if verb.dep_ != "advcl" or verb.i > verb.head.i:
        return False
    children = list(verb.children)
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children) or (
        verb.tag_ == "VBG" and all(c.dep_ in ("advmod", "punct") for c in children))


def _instrument(verb: Any) -> Any | None:
    """"With GPT-3 you can create ...": the tool the pronoun subject works with."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "using", "via", "through"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return None
