"""The names a knowledge base knows, looked up by key and by typo, for the ``name-spelling``
rule (:mod:`linter.checks.kinds.spelling`).

Nothing here names a model: the names are the knowledge base's (every entity's and vendor's
name and aliases). A :class:`NameIndex`, built once per knowledge base on first use, holds them

- by *key* (case-folded, without spaces, hyphens, dots and middle dots), for mis-casing and
  mis-spacing: "Deep Seek", "Google Deepmind", "Mistral-AI", "GPT5" (between a name and its
  version number only a missing separator counts: "Qwen 2.5" and "Grok-4" are house styles);
- by *part* (a name's runs of letters: "claude", "sonnet"; digits are never edited) in a
  deletion index (SymSpell) for typos: one edit, or two in a part of 8 letters or more, in one
  part of 3 letters or more, the first letter kept, in a name of 5 letters or more (3 with a
  digit): "ChatCPT", "GTP-3", "Antropic", "Claude 3.5 Sonet". A version number is never a
  typo ("GPT-5" is not "GPT-4", "GPT-4V" is not "GPT-4").

Prose is scanned for runs of name-like words (with a capital letter or a digit) joined by a
space or a hyphen (:data:`RUN`); each run's spans of one to :data:`MAX_WORDS` words are looked
up, longest first (:func:`spans`).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from linter.checks.namekeys import (
    deletes,
    edit_distance,
    english_words,
    is_all_caps,
    is_plain_english,
    key_of,
    loaded_words,
    name_allows_typos,
    part_reach,
    plain_word,
    plural,
    respelling,
    uppers,
)
from linter.knowledge.spellings import MAX_WORDS, NAME_WORD, PARTS, key_and_parts, spellings

if TYPE_CHECKING:
    from linter.knowledge.base import KnowledgeBase

# A word: letters and digits, with dots or middle dots inside ("3.5", "DALL·E", "Stability.ai").
_WORD = r"[^\W_](?:[^\W_]|[.·](?=[^\W_]))*"
# Prose: words joined by one space (or no-break space, or line break) or one hyphen; group 1
# holds the words after the first.
RUN = re.compile(rf"{NAME_WORD}((?:[ \u00a0\n-]{NAME_WORD})*)")
RUN_TEXT = re.compile(rf"{NAME_WORD}(?:[ \u00a0\n-]{NAME_WORD})*")  # for findall
# Raw Markdown (the file-level prefilter): emphasis and quote markers may come in between.
RAW_RUN_TEXT = re.compile(rf"{NAME_WORD}(?:[ \u00a0\t\n*_>~-]{{1,4}}{NAME_WORD})*")
_WORDS = re.compile(_WORD)
_CAMEL = re.compile(r"[A-Z]?[^\W\d_A-Z]+|[A-Z]+(?![^\W\d_A-Z])|\d+")
_NEVER = re.compile(r"(?!x)x")


def _split_off_initial(span: str, names: Sequence[_Name]) -> bool:
    """``span`` has a one-letter word that none of the names has ("Robert A")."""
    letters = [w for w in re.split(r"[\s\-]+", span) if len(w) == 1 and w.isalpha()]
    return bool(letters) and not any(
        w.casefold() in re.split(r"[\s\-]+", n.text.casefold()) for n in names for w in letters)


class _Name(NamedTuple):
    """A known spelling that prose can hold: its key and its parts (case-folded). (A tuple:
    thousands are made at each start.)"""

    text: str
    key: str
    parts: tuple[str, ...]
    preferred: bool  # an entity's or vendor's own name (not only an alias)
    model: bool = False  # a model's name only (hyphens and spaces between words vary)


class NameIndex:
    """Every spelling a knowledge base knows, looked up by key and by typo (see the module
    documentation). ``lookup(span)`` is memoised: prose repeats its capitalised words."""

    MEMO_LIMIT = 200_000

    def __init__(
        self,
        names: Iterable[tuple[str, bool, bool, bool]],
        knowledge: Callable[[], KnowledgeBase | None],
        allow: Iterable[str] = (),
        keys: Mapping[str, tuple[str, tuple[str, ...]]] | None = None,
    ) -> None:
        """``names``: :func:`spellings` of a knowledge base; ``knowledge`` gives that
        knowledge base when a look-up needs more than names (loaded only then); ``keys``: the
        :func:`key_and_parts` of the names, when known (the name digest holds them)."""
        # spelling -> (ambiguous, preferred, a model's only)
        flags: dict[str, tuple[bool, bool, bool]] = {}
        for text, ambiguous, preferred, model in names:
            was = flags.get(text)
            flags[text] = (ambiguous, preferred, model) if was is None else (
                ambiguous or was[0], preferred or was[1], model and was[2])
        self._flags = flags
        #: every spelling, exact (a text that is one is never reported)
        self.known = frozenset(flags)
        by_key: dict[str, list[_Name]] = {}
        parts: set[str] = set()
        for text, (_, preferred, model) in flags.items():
            key, its_parts = keys[text] if keys is not None else key_and_parts(text)
            if len(key) >= 2:  # (not "" : prose scanning never gives it as one span)
                by_key.setdefault(key, []).append(_Name(text, key, its_parts, preferred, model))
                parts.update(its_parts)
        self.by_key = by_key
        #: parts of the names prose can hold: a typo never turns one part into another
        self.parts = frozenset(parts)
        self.allow = frozenset(key_of(word) for word in allow)
        self._kb = knowledge
        self._terms: tuple[str, ...] | None = None
        self._cues: dict[str, tuple[str, ...]] | None = None
        self._families: tuple[dict[str, set[str]], dict[str, list[str]]] | None = None
        self._versions: dict[str, re.Pattern[str]] = {}
        self._by_first: dict[str, list[str]] | None = None
        self._part_index: dict[str, dict[str, list[str]]] = {}
        self._sizes: dict[str, set[int]] = {}  # first letter -> lengths a typo may have
        self._near: dict[str, tuple[tuple[int, str], ...]] = {}
        self._memo: dict[str, str | None] = {}
        self._runs: dict[str, bool] = {}
        self._contexts: dict[tuple[str, ...], _Vocabulary] = {}

    def _deletion_index(self, first: str) -> dict[str, list[str]]:
        """Deletes of every letter part of 3 letters or more that starts with ``first`` ->
        those parts; one index per first letter (a typo keeps it), each built on first use."""
        index = self._part_index.get(first)
        if index is None:
            if self._by_first is None:
                by_first: dict[str, list[str]] = {}
                for part in self.parts:
                    if len(part) >= 3 and part.isalpha():
                        by_first.setdefault(part[0], []).append(part)
                self._by_first = by_first
            index = {}
            sizes = self._sizes[first] = set()
            for part in self._by_first.get(first, ()):
                reach = part_reach(part)
                sizes.update(range(len(part) - reach, len(part) + reach + 1))
                for variant in deletes(part, reach):
                    index.setdefault(variant, []).append(part)
            self._part_index[first] = index
        return index

    # -- looking up -------------------------------------------------------------------

    def run_hit(self, run: str) -> bool:
        """Whether a span of ``run`` (a run of name-like words) misspells a known name:
        False means that no span of it is reported (memoised)."""
        found = self._runs.get(run)
        if found is None:
            if len(self._runs) >= self.MEMO_LIMIT:
                self._runs.clear()
            words = [w.span() for w in _WORDS.finditer(run)]
            found = self._runs[run] = any(
                self.lookup(run[lo:hi]) is not None for lo, hi in _sub_spans(words))
        return found

    def lookup(self, span: str) -> str | None:
        """The known spelling ``span`` misspells, or None (a known name, or nothing near)."""
        memo = self._memo
        if span in memo:
            return memo[span]
        if len(memo) >= self.MEMO_LIMIT:
            memo.clear()
            self._near.clear()
        found = memo[span] = self._lookup(span)
        return found

    def _lookup(self, span: str) -> str | None:
        if span in self.known:
            return None
        key = key_of(span)
        if len(key) < 3 or key in self.allow:
            return None
        same = self.by_key.get(key)
        if same:
            return self._respelt(span, same)
        return self._typo(span)

    def _respelt(self, span: str, names: Sequence[_Name]) -> str | None:
        """The spelling with the same key that ``span`` mis-cases or mis-spaces."""
        if is_all_caps(span) and not any(is_all_caps(n.text) for n in names):
            return None  # a heading or a shouted word: not a misspelling
        if not all(respelling(span, n.text, n.model) for n in names):
            return None  # written as one of the spellings allows
        if plain_word(span) and is_plain_english(span):
            return None  # "Bert", "Bloom": a word before a mis-cased "BERT", "BLOOM"
        if _split_off_initial(span, names):
            return None  # "Robert A. Heinlein" is a person, not "RoBERTa" split
        return _best(span, names).text

    def near_parts(self, part: str) -> tuple[tuple[int, str], ...]:
        """(distance, known part) for every known part ``part`` may be a typo of."""
        found = self._near.get(part)
        if found is None:
            index = self._deletion_index(part[0])
            if len(part) not in self._sizes[part[0]]:
                found = self._near[part] = ()  # no known part so long starts so
                return found
            targets: set[str] = set()
            # Two deletes only from 8 letters: a two-edit typo is looked for in long parts.
            for variant in deletes(part, 2 if len(part) >= 8 else 1):
                targets.update(index.get(variant, ()))
            hits = []
            for target in targets:
                if plural(part, target):
                    continue
                reach = part_reach(target)
                distance = edit_distance(part, target, reach)
                if distance <= reach:
                    hits.append((distance, target))
            found = self._near[part] = tuple(sorted(hits))
        return found

    def _typo(self, span: str) -> str | None:
        parts = PARTS.findall(span.casefold())
        found: list[tuple[int, str, int]] = []  # (distance, key, index of the typo'd part)
        words = loaded_words()
        for at, part in enumerate(parts):
            if len(part) < 3 or not part.isalpha() or part in self.parts:
                continue
            if words is not None and part in words and not self._named_around(parts, at):
                continue  # (the same answer as below, without the look-up)
            english = words is not None and part in words
            for distance, target in self.near_parts(part):
                if english and abs(len(part) - len(target)) != 1:
                    continue  # an English word is a typo only by a letter dropped or doubled
                key = "".join((*parts[:at], target, *parts[at + 1 :]))
                if key in self.by_key and name_allows_typos(key):
                    found.append((distance, key, at))
        if found:
            words = english_words()
            found = [hit for hit in found if self._no_word(span, parts[hit[2]], words)
                     or self._named_around(parts, hit[2])]
        if not found:
            return None
        found.sort()
        if len(found) > 1 and found[1][0] == found[0][0] and found[1][1] != found[0][1]:
            return None  # two names equally near: no guess
        name = _best(span, self.by_key[found[0][1]])
        if uppers(span) != uppers(name.text) or is_all_caps(span) > is_all_caps(name.text):
            return None  # a typo is written with the name's capitals
        if _other_acronym(span, name.text):
            return None  # "InternVL" is another name than "InternLM", not a typo of it
        return name.text

    def _named_around(self, parts: Sequence[str], at: int) -> bool:
        """Whether every other word of the span is a word of a known name ("Code Lama 34B"):
        then a typo may be an English word ("lama"), as it may not alone (and only by a letter
        dropped or added: "Stable Audit" is no typo of "Stable Audio")."""
        others = [p for i, p in enumerate(parts) if i != at and p.isalpha()]
        return len(parts[at]) >= 4 and bool(others) and all(p in self.parts for p in others)

    def _no_word(self, span: str, part: str, words: frozenset[str]) -> bool:
        """Whether ``part`` can be a typo: not an English word, not a compound of words
        ("DeepSpeed"), not listed under ``allow``."""
        if part in self.allow or part in words:
            return False
        for written in _LETTER_RUNS.findall(span):
            if written.casefold() == part:
                pieces = _CAMEL.findall(written)
                if len(pieces) > 1 and all(
                    len(p) >= 3 and p.casefold() in words for p in pieces
                ):
                    return False
        return True

    # -- context ----------------------------------------------------------------------

    def in_context(self, sentence: str, words: tuple[str, ...], spelling: str) -> bool:
        """Whether ``sentence`` holds an AI word: one of ``words``, a concept, category or
        architecture term of the knowledge base, or a ``cue`` of an entity with this
        spelling."""
        if self._terms is None:
            kb = self._knowledge()
            self._terms = tuple(
                term for table in (kb.concepts, kb.categories, kb.architectures)
                for entry in table.values() for term in entry.terms
            )
            self._cues = _cues(kb)
        vocabulary = self._contexts.get(words)
        if vocabulary is None:
            vocabulary = self._contexts[words] = _Vocabulary((*words, *self._terms))
        cues = self._cues.get(spelling, ()) if self._cues else ()
        return vocabulary.found_in(sentence) or (bool(cues) and _Vocabulary(cues).found_in(
            sentence))

    def _knowledge(self) -> KnowledgeBase:
        kb = self._kb()
        if kb is None:  # pragma: no cover - an index lives only as long as its knowledge base
            raise RuntimeError("the knowledge base of this name index is gone")
        return kb

    def is_version_form(self, text: str, start: int, end: int, spelling: str) -> bool:
        """Whether a version pattern of the family that has ``spelling`` (its entities'
        ``patterns``, and those of their family and its members) matches over the span."""
        if self._families is None:
            self._families = _families(self._knowledge())
        roots, patterns = self._families
        lo, hi = max(0, start - 64), min(len(text), end + 64)
        for root in roots.get(spelling, ()):
            pattern = self._versions.get(root)
            if pattern is None:
                pattern = self._versions[root] = _versions_pattern(patterns.get(root, ()))
            if any(found.start() <= start and end <= found.end()
                   for found in pattern.finditer(text, lo, hi)):
                return True
        return False

    def is_ambiguous(self, spelling: str) -> bool:
        """Whether ``spelling`` is a bare name that is also a common word or another thing:
        an ambiguous entity's (or vendor's) name with one part of letters ("Claude", "Gen-2";
        "Claude 3 Opus" is specific)."""
        flags = self._flags.get(spelling)
        if flags is None or not flags[0]:
            return False
        return sum(1 for part in PARTS.findall(spelling.casefold()) if part.isalpha()) < 2

    def unambiguous(self, spelling: str) -> bool:
        """Whether ``spelling`` is a known name that always means the AI system."""
        return spelling in self._flags and not self.is_ambiguous(spelling)


# The letter runs of a span as written, to split a typo'd part at its capitals.
_LETTER_RUNS = re.compile(r"[^\W\d_]+")


def _other_acronym(span: str, name: str) -> bool:
    """Two or more capitals changed and nothing else, not merely swapped: a different acronym
    ("InternVL" beside "InternLM"), where "GTP-3" is "GPT-3" mistyped."""
    if len(span) != len(name):
        return False
    changed = [(a, b) for a, b in zip(span, name, strict=True) if a != b]
    return len(changed) >= 2 and all(a.isupper() and b.isupper() for a, b in changed) and (
        sorted(a for a, _ in changed) != sorted(b for _, b in changed))


def _best(span: str, names: Sequence[_Name]) -> _Name:
    """Of the spellings with one key, an entity's own name first, then the nearest in case."""
    return min(names, key=lambda n: (not n.preferred, _case_distance(span, n.text), n.text))


def _case_distance(a: str, b: str) -> int:
    return sum(1 for x, y in zip(a, b, strict=False) if x != y) + abs(len(a) - len(b))


def _cues(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Each spelling's extra context words: the ``cues`` of the entities that have it and the
    names of their makers ("xAI's Grock")."""
    cues: dict[str, tuple[str, ...]] = {}
    for entity in kb.entities.values():
        maker = kb.vendors.get(entity.vendor or "")
        extra = tuple(getattr(entity, "cues", ()) or ()) + (
            (maker.name, *maker.aliases) if maker is not None else ())
        if extra:
            for spelling in (entity.name, *entity.aliases):
                cues[spelling] = (*cues.get(spelling, ()), *extra)
    return cues


def _versions_pattern(patterns: Iterable[str]) -> re.Pattern[str]:
    """The entities' version patterns as one, whole words (as the claim analyzer's mention
    finder reads them); a pattern Python cannot compile is left out."""
    usable = []
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error:
            continue
        usable.append(f"(?:{pattern})")
    if not usable:
        return _NEVER
    return re.compile(r"(?<![\w\-/.@#])(?:" + "|".join(usable) + r")(?![\w@/]|-\w|\.\w)")


class _Vocabulary:
    """Words and phrases found in a text case-insensitively, as whole words (a phrase also
    as the start of a longer word: "language model" in "language models")."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.words: set[str] = set()
        self.phrases: list[str] = []
        for term in terms:
            tokens = _TOKEN.findall(term.casefold())
            if len(tokens) == 1:
                self.words.add(tokens[0])
            elif tokens:
                self.phrases.append(" ".join(tokens))

    def found_in(self, text: str) -> bool:
        tokens = _TOKEN.findall(text.casefold())
        if not self.words.isdisjoint(tokens):
            return True
        if not self.phrases:
            return False
        joined = " " + " ".join(tokens)
        return any(" " + phrase in joined for phrase in self.phrases)


# A token of a sentence or a term: letters and digits, with inner dots, hyphens and pluses.
_TOKEN = re.compile(r"[^\W_](?:[\w.+·-]*[^\W_])?")


def _families(kb: KnowledgeBase) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """Each spelling's family roots (an entity's ``family``, else its id), and each root's
    version patterns (those of the family and of all its members)."""
    roots: dict[str, set[str]] = {}
    patterns: dict[str, list[str]] = {}
    for entity in kb.entities.values():
        root = getattr(entity, "family", None) or entity.id
        patterns.setdefault(root, []).extend(getattr(entity, "patterns", ()) or ())
        for spelling in (entity.name, *entity.aliases):
            roots.setdefault(spelling, set()).add(root)
    return roots, patterns


_INDEXES: dict[int, tuple[weakref.ref[Any], tuple[str, ...], NameIndex]] = {}
#: (knowledge files, allow) -> the index of the shipped knowledge base and those files
_RESOLVED: dict[tuple[tuple[Path, ...], tuple[str, ...]], NameIndex] = {}


def index_for(kb: KnowledgeBase, allow: tuple[str, ...] = ()) -> NameIndex:
    """The index of ``kb`` (built on first use, kept while ``kb`` lives)."""
    held = _INDEXES.get(id(kb))
    if held is not None and held[0]() is kb and held[1] == allow:
        return held[2]
    index = NameIndex(spellings(kb), weakref.ref(kb), allow)
    _INDEXES[id(kb)] = (weakref.ref(kb, partial(_forget, id(kb))), allow, index)
    return index


def index_of_files(knowledge_files: tuple[Path, ...], allow: tuple[str, ...] = ()) -> NameIndex:
    """The index of the shipped knowledge base and ``knowledge_files``, from the names of their
    digest: the knowledge base itself is loaded only when a look-up needs more than names."""
    wanted = (knowledge_files, allow)
    index = _RESOLVED.get(wanted)
    if index is None:
        from linter.knowledge.loaded import load_knowledge, name_digest

        digest = name_digest(knowledge_files)
        index = _RESOLVED[wanted] = NameIndex(
            digest.spellings, partial(load_knowledge, knowledge_files), allow,
            dict(zip((text for text, *_ in digest.spellings), digest.keys, strict=True)))
    return index


def _forget(ident: int, _: object) -> None:
    """Drop the index of a knowledge base that is gone."""
    _INDEXES.pop(ident, None)


def spans(text: str, runs: re.Pattern[str]) -> Iterator[tuple[int, int, str]]:
    """Every span of one to MAX_WORDS words of each run, longest first within a run."""
    for run in runs.finditer(text):
        if run.group(1):
            yield from spans_of(text, run)
        else:
            yield run.start(), run.end(), run.group()


def spans_of(text: str, run: re.Match[str]) -> Iterator[tuple[int, int, str]]:
    """The spans of one to MAX_WORDS words of a run of several words, longest first."""
    words = [w.span() for w in _WORDS.finditer(text, run.start(), run.end())]
    for lo, hi in _sub_spans(words):
        yield lo, hi, text[lo:hi]


def _sub_spans(words: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) of every run of one to MAX_WORDS consecutive ``words``, longest first."""
    for size in range(min(MAX_WORDS, len(words)), 0, -1):
        for first in range(len(words) - size + 1):
            yield words[first][0], words[first + size - 1][1]
