"""LLM / generative AI presented as the same thing (GL301)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations

from linter.checks.base import Match
from linter.claims.category import GENAI, LLM
from linter.claims.context import negated, question_text, sentence_asserts
from linter.claims.judge import judge
from linter.claims.lexicon import lexicon
from linter.claims.mentions import CATEGORY, CONCEPT, Mention
from linter.claims.parsed import Parsed
from linter.claims.record import Claim
from linter.markup.textutil import inside_quotes

#: A word before "mean" that is not a denial ("we simply mean", not "we never mean").
_NOT_NEGATOR = r"(?!(?:not|never|don|didn|do|does|did)\b)"
_RENAMING = re.compile(
    r"\s*(?:\)\s*)?(?:(?:,|—|–|--|;)\s*)?(?:\(\s*)?(?:which\s+(?=is\b|are\b))?"
    # "Y; the technology otherwise known as X"
    r"(?:(?:the|a)\s+(?:technology|field|term|thing|concept|category|approach)\s+)?"
    r"(?:(?:also|otherwise|commonly|often|sometimes|usually|simply|just|better|more|widely)\s+)*"
    r"(?:(?:known|referred\s+to|described|termed|labell?ed)(?:\s+to\s+(?:most\s+|many\s+)?"
    r"(?:people|users|readers|the\s+public))?(?:\s+simply|\s+just)?\s+as|called|named|aka|"
    r"a\.k\.a\.?|"
    r"i\.\s?e\.,?|ie,|that\s+is,|in\s+other\s+words,?|or(?:,(?![^,]*\b(?:broad|general|wide|large))[^,()]{1,40},)?|means|meaning|equals|=|"
    r"is\s+just|(?:that\s+)?is\s+to\s+say,?|"
    r"(?:is\s+(?:just\s+|simply\s+)?)?(?:a\s+)?(?:shorthand|short-hand)\s+for|"
    r"is\s+simply|refers?\s+to|stands?\s+for|(?:we|I|you|they|people)\s+(?:" + _NOT_NEGATOR
    + r"\w+\s+)?mean|"
    r"(?:is\s+(?:simply\s+|just\s+|merely\s+)?)?(?:the|a|another)\s+(?:[\w-]+\s+)?"
    r"(?:word|name|term)\s+for|"
    # "we use LLM as shorthand for generative AI"
    r"as\s+(?:a\s+)?(?:shorthand|short-hand|synonym|stand-in|catch-all)\s+for)\s*,?\s*(?:just\s+|simply\s+)?(?:(?:to|into|for|with|of|in)\s+)?(?:(?:an?|the)\s+)?$",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\s*(?:(?:models?|systems?|tools?|technology|technologies)\s*)?(?:\(|[—–])\s*"
                    r"(?:or\s+|i\.\s?e\.,?\s*|aka\s+|a\.k\.a\.?\s*|that\s+is,?\s*)?$",
                    re.IGNORECASE)
#: A renaming's note on usage: "as most people call them", "as it is often known".
_AS_CALLED = (r"as\s+[^()]{0,40}?\b(?:call(?:s|ed)?\s+(?:it|them)|"
              r"(?:is|are|'re|’re)\s+(?:\w+\s+)?(?:called|known))")
#: What may close a parenthetical renaming: "(generative AI, in other words)", "(that is,
#: LLMs like Gemini and Llama)".
_PAREN_BODY = (r"(?:,?\s+(?:like|such\s+as|including|e\.\s?g\.,?)\s+[^()—–]{1,80}?)?"
               r"\s*(?:,\s*(?:in\s+other\s+words|i\.\s?e\.|that\s+is|for\s+short|"
               r"if\s+you\s+(?:like|will|prefer)|so\s+to\s+speak|"
               + _AS_CALLED + r"))?")
_PAREN_CLOSE = re.compile(_PAREN_BODY + r"\s*\)", re.IGNORECASE)
#: The same set off by dashes: "Large language models — generative AI, in other words — ..."
_DASH_CLOSE = re.compile(_PAREN_BODY + r"(?:\s+[—–]\s|[—–](?=\w))", re.IGNORECASE)
#: The usage note after a renaming set off by commas ("LLMs, or GenAI as most people call
#: them, ..."): part of the renaming, not a report that keeps it from being asserted.
_USAGE_NOTE = re.compile(r"\s" + _AS_CALLED + r"(?=\s*[,.;)—–])", re.IGNORECASE)
_SAME = re.compile(
    # "the same (thing)", not "the same checklist applies"
    r"\b(?:the\s+same\s+(?:thing|concept|technology)|the\s+same(?=\s*(?:[.,;:!?)]|$|\s+as\b))|"
    r"same\s+as|interchangeabl[ey]|synonym(?:s|ous(?:ly)?)?|"
    r"no\s+(?:real\s+|actual\s+|practical\s+|meaningful\s+|big\s+)?difference\s+between|"
    r"by\s+another\s+name|"
    r"equivalent|identical|one\s+and\s+the\s+same|another\s+(?:word|name|term)\s+for|"
    r"just\s+(?:a|another)\s+(?:fancy\s+|new\s+)?(?:word|name|term)\s+for|mean\s+the\s+same|"
    r"equal\s+to|no\s+different\s+from)\b",
    re.IGNORECASE,
)
#: The end of a glossary term ("**Generative AI / LLM:** ..."): one entry for both names.
_GLOSSARY_TERM = re.compile(r"[*_]*\s*:|\s*[*_]*\s*[—–-]\s")
_DENIED = re.compile(
    r"\b(?:rather\s+than|instead\s+of|not|n't|never|no\s+longer|nor)\s+(?:(?:a|an|the|just|"
    r"simply|merely)\s+)?$", re.IGNORECASE)
_REPORTED_USE = re.compile(
    r"^\s*(?:treating|using|calling|equating|conflating|confusing|describing)\b|"
    r"\b(?:often|commonly|frequently|sometimes|wrongly|loosely|mistakenly|casually|widely|"
    r"people|many|some)\b[^.]{0,40}\b(?:use|uses|using|used|treat|treated|conflate|conflated|"
    r"confuse|confused|thought|called)\b",
    re.IGNORECASE,
)


def _kind(m: Mention) -> str | None:
    if m.type == CONCEPT and m.id == GENAI:
        return GENAI
    if m.type == CATEGORY and m.id == LLM:
        return LLM
    return None


def check(p: Parsed, mentions: list[Mention]) -> Iterator[Match]:
    text = p.doc.text
    classes = [m for m in mentions if _kind(m)]
    stated = _USAGE_NOTE.sub("", text)
    asserts = sentence_asserts(stated)
    # a renaming inside a question is still the writer's ("Do you use generative AI (a.k.a.
    # LLMs)?"); "Are LLMs the same as generative AI?" asks
    renames = asserts or (question_text(stated) is not None and sentence_asserts(
        stated.rstrip(" \t\n\"'”’)*_?")))
    if len({_kind(m) for m in classes}) < 2 or not renames:
        return
    for first, second in combinations(classes, 2):
        between = text[first.end : second.start]
        if _kind(first) == _kind(second) or (inside_quotes(text, first.start, second.end)
                                             and not _says_means(text, first, between)):
            continue
        between = between.lstrip("'\"’”")
        if between.strip() == "/" and _GLOSSARY_TERM.match(text, second.end):
            yield from _match(p, first.start, second.end)  # "**Generative AI / LLM:** a model"
            return
        renamed = _RENAMING.fullmatch(between) or _PAREN.fullmatch(between)
        if renamed and not asserts and not re.match(r"\s*[,(—–]", between):
            continue  # a question asks what a predicate would say ("Is X just Y?")
        if renamed and _closes(text, second.end, between):
            if not _DENIED.search(text, 0, first.start) and not (
                    re.match(r"\s*as\b", between) and _used_otherwise(p, first)):
                end = second.end
                closed = _set_off_by_brackets_or_dashes(text, end, between)
                if closed is not None:
                    end = closed.end()
                    while text[end - 1] in " —–":
                        end -= 1  # (the closing dash is no part of the renaming)
                yield from _match(p, first.start, end)
            return
    if not asserts:
        return
    same = _SAME.search(text)
    if same and (inside_quotes(text, same.start(), same.end()) or _DENIED.search(
            text, 0, same.start())):
        same = None
    if same is not None and _said_of_others(p, same.start(), same.end()):
        same = None  # "so the two leaderboards measure the same thing"
    cue_negates = same is not None and same.group(0).lower().startswith("no")
    if (
        same
        and not _REPORTED_USE.search(text)
        and (cue_negates or not _negated_at(p, same.start()))
    ):
        start = min(same.start(), *(m.start for m in classes))
        yield from _match(p, start, max(same.end(), max(m.end for m in classes)))


def _closes(text: str, end: int, between: str) -> bool:
    """A renaming ends where the name does: ")" for a parenthesis, else ",", "." or a verb."""
    rest = text[end:].lstrip()
    closed = _set_off_by_brackets_or_dashes(text, end, between)
    if closed is not None or "(" in between:
        return closed is not None
    if not _RENAMING.fullmatch(between):
        return False  # a bare dash renames only when a second one closes it
    if re.search(r"\bor\s+(?:to|into|for|with|of|in)\b", between, re.IGNORECASE):
        return False  # "send it to X, or to Y": alternatives, not a second name
    if between.strip().lower().rstrip(",") == "or":
        return "," in between and (rest[:1] in (",", ")", ".", ";", ""))
    return True


def _used_otherwise(p: Parsed, first: Mention) -> bool:
    """ "Do not use LLM as shorthand for ...", "many people use LLM as ...": the usage itself
    denied or reported, not the writer's own ("not LLMs (generative AI)" is ``_DENIED``'s)."""
    token = next((t for t in p.doc if t.idx == first.start), None)
    return bool(_REPORTED_USE.search(p.doc.text, 0, first.start)) or (
        token is not None and token.head.lemma_ in ("use", "treat", "call") and any(
            c.dep_ == "neg" or c.lower_ in ("never", "avoid") for c in token.head.children))


def _says_means(text: str, first: Mention, between: str) -> bool:
    """ "When people say 'generative AI', they mean LLMs": the quoted word is the term used,
    and what follows says what it means."""
    return inside_quotes(text, first.start, first.end) and bool(
        re.fullmatch(r"['\"’”],?\s*(?:they|people|we|you)\s+(?:\w+\s+)?mean\s+", between))


def _set_off_by_brackets_or_dashes(text: str, end: int, between: str) -> re.Match[str] | None:
    """The close of a renaming opened by a bracket or a spaced dash ("(generative AI, in other
    words)", "— generative AI, in other words —"), if it has one."""
    if "(" in between:
        return _PAREN_CLOSE.match(text, end)
    if re.search(r"[—–]", between) and _PAREN.fullmatch(between):
        return _DASH_CLOSE.match(text, end)
    return None


#: Words for the two terms themselves ("they are the same", "the two terms mean the same").
_THE_TERMS = re.compile(r"\b(?:they|both\s+(?:terms|words|names|labels|mean|are|refer\w*)|"
                        r"the\s+(?:two\s+)?(?:terms|words|names|labels))\b", re.IGNORECASE)
_CLAUSE_MARKS = (",", ";", ":", "—", ".")


def _said_of_others(p: Parsed, start: int, end: int) -> bool:
    """Whether the cue "the same …" at ``start:end`` sits in a clause that names neither term
    nor refers to them ("…, so the two leaderboards measure the same thing")."""
    text = p.doc.text
    # (not back past a colon: "Generative AI and LLMs: one and the same" is one statement)
    first = max(text.rfind(mark, 0, start) for mark in _CLAUSE_MARKS if mark != ":") + 1
    ends = [i for i in (text.find(mark, end) for mark in _CLAUSE_MARKS) if i != -1]
    last = min(ends) if ends else len(text)
    if _THE_TERMS.search(text, first, last):
        return False
    return not any(first <= t.idx < last and (found := p.mention(t)) is not None
                   and _kind(found) for t in p.doc)


#: A comma and a word that starts a clause of its own after a claim ("..., so don't worry").
_LATER_CLAUSE = re.compile(r",\s+(?:so|but|and|because)\b", re.IGNORECASE)


def _negated_at(p: Parsed, offset: int) -> bool:
    tokens = [t for t in p.doc if t.idx >= offset][:1] or list(p.doc)[-1:]
    # the cue's own verb ("mean the same"), not the sentence's root: the parser may make a
    # later clause the root ("..., so don't worry about the difference")
    verb = next((a for a in [tokens[0], *tokens[0].ancestors] if a.tag_.startswith("VB")),
                tokens[0].sent.root)
    before = any(t.lower_ in ("not", "n't", "never") and t.idx < offset for t in p.doc)
    root = tokens[0].sent.root
    if root.idx > offset and _LATER_CLAUSE.search(p.doc.text, offset, root.idx):
        # the parser made a later clause the root: only the cue's own clause counts
        return before or any(c.dep_ == "neg" or c.lower_ in lexicon().hedges
                             for c in verb.children)
    # a negator before the cue, or on the cue's own verb (not "..., so don't worry about it")
    return before or negated([verb, *tokens]) or any(
        t.lower_ in ("not", "n't", "never") and t.head.i == verb.i for t in p.doc)


def _match(p: Parsed, start: int, end: int) -> Iterator[Match]:
    """A finding for "LLM" and "generative AI" used as one name, if the judge agrees."""
    verdict = judge(p.kb, Claim(LLM, CATEGORY, "same_as", GENAI, CONCEPT, start, end,
                                construction="synonym"))
    code = p.codes.get(verdict.rule) if verdict else None
    if verdict and code:
        yield Match(code, start, end, verdict.message)
