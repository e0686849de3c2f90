"""Does a sentence assert what its words say? Negation, questions, contrast, hedges, myths."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from linter.claims.lexicon import Lexicon, lexicon
from linter.markup.textutil import inside_quotes


def _lex() -> Lexicon:
    return lexicon()


def question_text(sentence_text: str) -> str | None:
    """The sentence without its closing quotes, brackets and emphasis if it is a question."""
    stripped = sentence_text.rstrip(" \t\n\"'”’)*_")
    return stripped if stripped.endswith("?") else None


def sentence_asserts(sentence_text: str) -> bool:
    """False for questions and sentences that report, hedge or refute a claim."""
    asked = question_text(sentence_text)
    if asked is not None and not _lex().presupposing.match(_LEADING_MARKS.sub("", asked)):
        return False
    return not _lex().not_asserted.search(sentence_text)


#: Markup and punctuation before a sentence's first word ("### ", "**", "> ").
_LEADING_MARKS = re.compile(r"^[\W_]+")


def _negates(child: Any) -> bool:
    if (
        child.lower_ == "not" and child.nbor(1).lower_ == "only"
        if child.i + 1 < len(child.doc)
        else False
    ):
        return False  # "not only ... but also" asserts both
    if child.lower_ == "no" and child.head.lemma_ in ("doubt", "question", "wonder", "surprise"):
        return False  # "there is no doubt that ..." asserts
    if child.lower_ in ("nothing", "none", "nobody") and any(
        c.lower_ in ("but", "except", "besides") for c in child.children
    ):
        return False  # "nothing but text" means "only text"
    if child.lower_ == "without":
        return False  # "generates video without a decoder": only what it heads is negated
    if child.dep_ == "intj":
        return False  # "No, X is Y": an answer to what came before; the clause asserts
    # (a curly "n’t" may be tagged as anything: its spelling decides)
    return child.dep_ == "neg" or child.lower_.replace("’", "'") in _lex().negators


def _denies_what_follows(child: Any) -> bool:
    """A "not" after a comma ("X is a chatbot, not a model"): it denies the words after it,
    whatever the parser hung it on."""
    return child.lower_ == "not" and child.i > child.head.i and child.i > 0 and (
        child.nbor(-1).text in (",", "—", "–"))


#: Dependencies that start a clause of its own: the main clause's negation stays outside
#: ("Because LLMs generate X, teams never need Y").
_CLAUSE_EDGES = ("advcl", "relcl", "acl")


def _own_clause(node: Any) -> bool:
    """A coordinated clause with a subject of its own ("X never did A, but Y does B"): the
    first clause's negation is not the second's ("doesn't draw or paint" shares it)."""
    between = node.doc[node.i : node.head.i]
    if node.dep_ == "ccomp" and node.i < node.head.i and any(
        t.lower_ in ("so", "thus", "therefore", "hence", ";") for t in between
    ):
        # "X only makes text, so nobody tried it", "X only makes text; it cannot draw": a clause
        # the parser hung on the next one
        return True
    return node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in node.children)


def _factive_complement(node: Any) -> bool:
    """The clause a factive verb presupposes ("don't realise [that X is Y]")."""
    return node.dep_ == "ccomp" and node.head.lemma_.lower() in _lex().factives


def _clause_ancestors(token: Any) -> list[Any]:
    """Ancestors up to the edge of an adverbial or relative clause ("because X is Y, ...") or
    of the complement of a factive verb ("people don't realise that X is Y")."""
    nodes = []
    node = token
    while node.head.i != node.i and node.dep_ not in _CLAUSE_EDGES and not (
        _factive_complement(node) or _own_clause(node)
    ):
        node = node.head
        nodes.append(node)
    return nodes


def negated(tokens: Iterable[Any]) -> bool:
    """True when a token or its clause is negated or hedged ("isn't", "never", "may be")."""
    for token in tokens:
        own_clause = (
            _factive_complement(token) or _own_clause(token) or token.dep_ in _CLAUSE_EDGES
        )
        for node in [token] if own_clause else [token, token.head]:
            for child in node.children:
                if _denies_what_follows(child) and token.i < child.i:
                    continue  # "X is a Y, not a Z": the "not" is about Z
                if _negates(child):
                    return True
                if child.dep_ in ("det", "predet") and any(
                        g.dep_ == "neg" and _negates(g) for g in child.children):
                    return True  # "not all generative models are LLMs"
                if child.dep_ == "aux" and child.lower_ in _lex().hedges and (
                        not _permitted_use(node)):
                    return True
                if child.dep_ == "mark" and child.lower_ in _lex().conditions:
                    return True
            if node.lower_ in _lex().negators and node.dep_ in (
                "det", "neg", "advmod", "preconj", "prep"):
                return True  # "no", "never", "without writing code"
        for node in _clause_ancestors(token):
            if any(c.dep_ == "neg" and _negates(c) for c in node.children):
                return True
            if node.lower_ in ("neither", "none", "nobody", "nothing") and _negates(node):
                return True  # "neither of them is a language model"
            if node.lower_ == "without":
                return True  # "... without being able to draw one"
            if any(
                c.dep_ == "mark" and c.lower_ in _lex().conditions
                and not any(t.text == ":" for t in c.doc[c.i : token.i])
                for c in node.children
            ):  # (a condition before a colon does not reach past it: "If you wonder why: X")
                return True
    return False


def _permitted_use(node: Any) -> bool:
    """ "X may be used to draft ...": a permission about a use, which says X can do it."""
    return node.lemma_ == "use" and any(c.dep_ == "auxpass" for c in node.children) and any(
        c.dep_ == "xcomp" for c in node.children)


def contrasted(token: Any) -> bool:
    """True when a token sits under or after "unlike", "rather than", "instead of", "not"
    (not the class of "unlike other Ys, X ...", which X is one of)."""
    if token.dep_ == "pobj" and token.head.lower_ == "unlike" and any(
            c.lower_ == "other" for c in token.children):
        return False
    if _contrast_word(token) or any(_contrast_word(n) for n in token.ancestors):
        return True
    start = token.left_edge.i
    before = list(token.doc[max(start - 3, token.sent.start) : start])
    commas = [i for i, t in enumerate(before) if t.text == ","]
    if commas:  # "Unlike Midjourney, DALL·E 3 is ...": the phrase ends at its comma
        before = before[commas[-1] + 1 :]
    return any(_contrast_word(t) or t.lower_ == "not" for t in before)


def _contrast_word(token: Any) -> bool:
    """"unlike", "versus", ...; not inside a name ("VS Code")."""
    return token.lower_ in _lex().contrast and not (
        token.dep_ == "compound" or token.tag_ in ("NNP", "NNPS"))


def quoted(doc: Any, token: Any) -> bool:
    """True when a token lies inside quotation marks in its sentence."""
    return inside_quotes(doc.text, token.idx, token.idx + len(token.text))


#: Where a sentence turns from a reported view to the writer's own ("People assume X, but Y").
_TURN = re.compile(r",\s+but\s+|;\s+")


def _own_part(sentence: Any, offset: int) -> str:
    """The sentence from its last turn before ``offset`` on: a cue that reports or denies
    ("People assume it only transcribes, but ...") does not reach past the turn."""
    text, start = sentence.text, sentence.start_char
    turns = [m.end() for m in _TURN.finditer(text) if start + m.end() <= offset]
    return text[turns[-1]:] if turns else text


def asserted(doc: Any, tokens: Iterable[Any], questions: bool = True,
             negations: bool = True) -> bool:
    """The sentence states the relation between ``tokens`` as a fact.

    ``questions=False`` keeps presupposed relations (a possessive) even in a question;
    ``negations=False`` keeps them under a negation, condition or contrast of the clause ("Do
    not paste data into models such as X", "If you compare LLMs such as X", "Unlike LLMs such
    as X, ...").
    """
    tokens = list(tokens)
    if not tokens:
        return False
    sentence = tokens[0].sent
    text = _own_part(sentence, min(t.idx for t in tokens))
    text = text if questions else text.rstrip(" ?")
    if not sentence_asserts(text):
        return False
    if negations and negated(tokens):
        return False
    return not any((negations and contrasted(t)) or quoted(doc, t) for t in tokens)
