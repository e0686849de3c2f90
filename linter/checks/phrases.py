"""Helpers shared by the word-list rule kinds: inflections, phrase patterns, casing, sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from linter.markup.segments import PLACEHOLDER, Segment
from linter.markup.textutil import has_word_boundaries, is_cited_title, words

_VOWELS = "aeiou"
_SIBILANT = ("s", "x", "z", "ch", "sh")
_SENTENCE_END = ".!?:;\n"
_OPENERS = "\"'“‘([*_ \t"
_NAME_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w.·-]*[\w·]|[A-Z]|&)\s+$")
_NAME_AFTER = re.compile(r"\s+[A-Z0-9]")
_SMALL_WORDS = words("a an and by for from in of on the to with")


def inflections(phrase: str) -> tuple[str, ...]:
    """``phrase`` and the regular inflections of its last word (-s/-es, -ed, -ing)."""
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    low = last.lower()
    if not last.isalpha() or len(last) < 3:
        return (phrase,)
    if low.endswith("y") and low[-2] not in _VOWELS:
        stem = last[:-1]
        forms = [f"{stem}ies", f"{stem}ied", f"{last}ing"]
    elif low.endswith("e"):
        forms = [f"{last}s", f"{last}d", f"{last[:-1]}ing"]
    elif low.endswith(_SIBILANT):
        forms = [f"{last}es", f"{last}ed", f"{last}ing"]
    else:
        forms = [f"{last}s", f"{last}ed", f"{last}ing"]
    return (phrase, *(prefix + form for form in forms))


def compile_phrases(phrases: Iterable[str], ignore_case: bool = False) -> re.Pattern[str]:
    """One alternation, longest first; a space in a phrase matches any run of spaces."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(body, re.IGNORECASE if ignore_case else 0)


def find_words(pattern: re.Pattern[str], segment: Segment) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that stand as words of prose, outside cited titles."""
    text = segment.text
    for found in pattern.finditer(text):
        start, end = found.span()
        if has_word_boundaries(text, start, end) and not is_cited_title(segment, start, end):
            yield found


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a sentence (or a line), past opening quotes and marks."""
    before = text[:start].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_END


def match_case(found: str, replacement: str, written: str, initial: bool) -> str:
    """``replacement`` cased like ``found``: ALL CAPS stays so, a capital stays at a sentence
    start (or where ``written``, the rule's own spelling, is lower-case)."""
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not written.isupper():
        return replacement.upper()
    if found[:1].isupper() and (initial or written[:1].islower()):
        return replacement[:1].upper() + replacement[1:]
    return replacement


def in_capitalised_name(text: str, start: int, end: int, after: bool = True) -> bool:
    """Whether the span sits in a longer capitalised name ("Google Cloud Generative AI",
    "Large Language Model Meta AI"): a capitalised word (or a placeholder) touches it. A
    sentence's first word ("Deploy Large Language Models") does not count. ``after=False``
    looks only at the words before ("Google GenAI SDK", but not "LLM APIs")."""
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if before is not None and not sentence_initial(text, before.start(1)):
        return True
    return after and bool(_NAME_AFTER.match(text, end) or text[end : end + 1] == PLACEHOLDER)


def initials(phrase: str) -> str:
    """Lower-case initials of ``phrase``, small words ("of", "from") left out."""
    parts = [w for w in re.split(r"[\s-]+", phrase.strip()) if w]
    return "".join(w[0] for w in parts if w.lower() not in _SMALL_WORDS).lower()
