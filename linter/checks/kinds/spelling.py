"""``name-spelling`` rules: a misspelt, mis-cased or mis-spaced form of a name the knowledge
base knows ("ChatCPT", "Deep Seek", "Antropic", "Claud 3 Opus"), fixed to its known spelling.

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

Prose is scanned with one regular expression for runs of name-like words (with a capital letter
or a digit) joined by a space or a hyphen; each run's spans of one to three words are looked up,
longest first. A span is not reported when it is itself a known name (or inside one, or matched
by an entity's version ``patterns``), when a term rule's pattern (GL101-GL113) matches over it,
when it is in ALL CAPS, when it differs only by a plural or possessive "s", when the typo'd
part is an ordinary English word (``rules/english-words.json``), a compound of such words
("DeepSpeed"), a part of another known name or listed under ``allow``, outside prose words
(:func:`linter.markup.textutil.has_word_boundaries`), in a cited title, or, for a bare name that is
also a common word (an ``ambiguous`` entity: Claude, Gemini, Whisper), when no AI word is in
its sentence.
"""

from __future__ import annotations

import dataclasses
import json
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linter.checks.base import Match
from linter.checks.info import RuleInfo
from linter.checks.kinds.terms import TermRule
from linter.checks.registry import BuildContext, Scope, optional_strings, rule_kind
from linter.markup.segments import Segment
from linter.markup.textutil import has_word_boundaries, is_cited_title, sentence_bounds

if TYPE_CHECKING:
    from linter.knowledge.base import KnowledgeBase

#: The word list shipped in ``linter.rules`` (see its ``description``).
WORDS_FILE = "english-words.json"
#: Entity kinds whose names are model names (see :func:`_respelling`).
MODEL_KINDS = frozenset({"model", "model-family"})
#: Longest span looked up, in words ("Claude 3.5 Sonnet").
MAX_WORDS = 3
#: How far the AI-context test looks for the sentence on each side of a span (characters).
CONTEXT_CHARS = 2000

# A word: letters and digits, with dots or middle dots inside ("3.5", "DALL·E", "Stability.ai").
_WORD = r"[^\W_](?:[^\W_]|[.·](?=[^\W_]))*"
# A name-like word: one that starts a word with a capital letter or a digit (the character
# class first, so that the scan skips other text fast; the look-behind then checks the start).
_NAME_WORD = r"[A-Z0-9](?<![^\W_][A-Z0-9])[^\W_]*(?:[.·][^\W_]+)*"
# Prose: words joined by one space (or no-break space, or line break) or one hyphen; group 1
# holds the words after the first.
_RUN = re.compile(rf"{_NAME_WORD}((?:[ \u00a0\n-]{_NAME_WORD})*)")
_RUN_TEXT = re.compile(rf"{_NAME_WORD}(?:[ \u00a0\n-]{_NAME_WORD})*")  # for findall
# Raw Markdown (the file-level prefilter): emphasis and quote markers may come in between.
_RAW_RUN_TEXT = re.compile(rf"{_NAME_WORD}(?:[ \u00a0\t\n*_>~-]{{1,4}}{_NAME_WORD})*")
_WORDS = re.compile(_WORD)
# A spelling prose scanning can give as one span: name-like words, at most MAX_WORDS.
_RUNNABLE = re.compile(rf"{_NAME_WORD}(?:[ \u00a0\n-]{_NAME_WORD}){{0,{MAX_WORDS - 1}}}")
# The parts of a name or span: runs of letters and runs of digits, case-folded first.
_PARTS = re.compile(r"[^\W\d_]+|\d+")
_CAMEL = re.compile(r"[A-Z]?[^\W\d_A-Z]+|[A-Z]+(?![^\W\d_A-Z])|\d+")
#: Removed to make a key: spacing, hyphens, dots, middle dots, Markdown emphasis and quotes.
_KEY_DROP = dict.fromkeys(map(ord, " \u00a0\t\n-‐‑.·*_>~"), None)
_NEVER = re.compile(r"(?!x)x")


def key_of(text: str) -> str:
    """``text`` case-folded, without spaces, hyphens, dots and middle dots."""
    return text.casefold().translate(_KEY_DROP)


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def _is_all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters)


def _plain_word(text: str) -> bool:
    """One word, lower-case but for its first letter ("Bert", "Whisper")."""
    return text.isalpha() and text[1:].islower()


def _respelling(span: str, name: str, model: bool = False) -> bool:
    """Whether ``span``, with the same key as ``name``, misspells it: other capitals, words
    joined or split ("Deep Seek", "SD-XL") or another separator between words
    ("Mistral-AI"). Between a name and its version number only a missing separator counts
    ("GPT5", "Llama3.1"); "Qwen 2.5" for "Qwen2.5" or "Grok-4" for "Grok 4" are house styles,
    and so are a hyphen for a space between the words of a ``model``'s name ("Qwen Image",
    "DeepSeek-Chat": model ids hyphenate what prose spaces)."""
    written, seps = _layout(span)
    known, known_seps = _layout(name)
    if written != known:
        return True  # other capitals (same key, so the same letters)
    for at in range(1, len(written)):
        mine, theirs = seps[at], known_seps[at]
        if mine == theirs:
            continue
        if written[at - 1].isalpha() and written[at].isalpha() and not (model and mine and theirs):
            return True
        if not mine:
            return True  # a version run into its name
    return False


def _split_off_initial(span: str, names: Sequence[_Name]) -> bool:
    """``span`` has a one-letter word that none of the names has ("Robert A")."""
    letters = [w for w in re.split(r"[\s\-]+", span) if len(w) == 1 and w.isalpha()]
    return bool(letters) and not any(
        w.casefold() in re.split(r"[\s\-]+", n.text.casefold()) for n in names for w in letters)


def _layout(text: str) -> tuple[str, list[str]]:
    """``text`` without its separators, and the separator before each remaining character
    (a space, a hyphen, a dot, ...; "" for none)."""
    kept: list[str] = []
    seps: list[str] = []
    pending = ""
    for char in text:
        if ord(char) in _KEY_DROP:
            pending += " " if char.isspace() else char
        else:
            kept.append(char)
            seps.append(pending)
            pending = ""
    return "".join(kept), seps


def _uppers(text: str) -> int:
    return sum(1 for char in text if char.isupper())


def _deletes(word: str, depth: int) -> set[str]:
    """``word`` and every string made by deleting up to ``depth`` of its characters, its
    first character kept (a typo keeps a name's first letter)."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier if len(w) > 2 for i in range(1, len(w))}
        found |= frontier
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (an adjacent transposition costs 1), or
    ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            value = min(previous[j] + 1, current[j - 1] + 1,
                        previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def _part_reach(part: str) -> int:
    """Edits a typo may make in one part of a name: 2 from 8 letters, else 1."""
    return 2 if len(part) >= 8 else 1


def _name_allows_typos(key: str) -> bool:
    """Typos are looked for in names of 5 letters or more, or 3 with a digit."""
    letters = _letters(key)
    return letters >= 5 or (letters >= 3 and any(char.isdigit() for char in key))


def _plural(a: str, b: str) -> bool:
    """Parts that differ only by a plural or possessive ending ("anthropics", "llamas")."""
    return a in (b + "s", b + "es") or b in (a + "s", a + "es")


_WORD_LIST: list[frozenset[str]] = []  # [words, words written with inner capitals], once loaded


def english_words() -> frozenset[str]:
    """The shipped word list (case-folded); loaded once, on the first typo that needs it."""
    if not _WORD_LIST:
        from linter.datafiles.packaged import packaged_path

        data = json.loads(packaged_path(WORDS_FILE).read_text(encoding="utf-8"))
        _WORD_LIST[:] = [frozenset(data["words"].split()), frozenset(data["cased"].split())]
    return _WORD_LIST[0]


def _is_plain_english(word: str) -> bool:
    """Whether ``word``, capitalised or not, is in the word list written so ("Bert",
    "Bloom"; not "Github", which the list has only as "GitHub")."""
    key = word.casefold()
    return key in english_words() and key not in _WORD_LIST[1]


def _loaded_words() -> frozenset[str] | None:
    """The word list if it is loaded already, else None (it is not loaded for this)."""
    return _WORD_LIST[0] if _WORD_LIST else None


@dataclass(frozen=True)
class _Name:
    """A known spelling that prose can hold: its key and its parts (case-folded)."""

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
    ) -> None:
        """``names``: :func:`spellings` of a knowledge base; ``knowledge`` gives that
        knowledge base when a look-up needs more than names (loaded only then)."""
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
            if _RUNNABLE.fullmatch(text) is None:
                continue  # prose scanning never gives it as one span
            folded = text.casefold()
            name = _Name(text, folded.translate(_KEY_DROP), tuple(_PARTS.findall(folded)),
                         preferred, model)
            if len(name.key) >= 2:
                by_key.setdefault(name.key, []).append(name)
                parts.update(name.parts)
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
                reach = _part_reach(part)
                sizes.update(range(len(part) - reach, len(part) + reach + 1))
                for variant in _deletes(part, reach):
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
        if _is_all_caps(span) and not any(_is_all_caps(n.text) for n in names):
            return None  # a heading or a shouted word: not a misspelling
        if not all(_respelling(span, n.text, n.model) for n in names):
            return None  # written as one of the spellings allows
        if _plain_word(span) and _is_plain_english(span):
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
            for variant in _deletes(part, 2 if len(part) >= 8 else 1):
                targets.update(index.get(variant, ()))
            hits = []
            for target in targets:
                if _plural(part, target):
                    continue
                reach = _part_reach(target)
                distance = edit_distance(part, target, reach)
                if distance <= reach:
                    hits.append((distance, target))
            found = self._near[part] = tuple(sorted(hits))
        return found

    def _typo(self, span: str) -> str | None:
        parts = _PARTS.findall(span.casefold())
        found: list[tuple[int, str, int]] = []  # (distance, key, index of the typo'd part)
        words = _loaded_words()
        for at, part in enumerate(parts):
            if len(part) < 3 or not part.isalpha() or part in self.parts:
                continue
            if words is not None and part in words:
                continue  # (the same answer as below, without the look-up)
            for distance, target in self.near_parts(part):
                key = "".join((*parts[:at], target, *parts[at + 1 :]))
                if key in self.by_key and _name_allows_typos(key):
                    found.append((distance, key, at))
        if found:
            words = english_words()
            found = [hit for hit in found if self._no_word(span, parts[hit[2]], words)]
        if not found:
            return None
        found.sort()
        if len(found) > 1 and found[1][0] == found[0][0] and found[1][1] != found[0][1]:
            return None  # two names equally near: no guess
        name = _best(span, self.by_key[found[0][1]])
        if _uppers(span) != _uppers(name.text) or _is_all_caps(span) > _is_all_caps(name.text):
            return None  # a typo is written with the name's capitals
        return name.text

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
        return sum(1 for part in _PARTS.findall(spelling.casefold()) if part.isalpha()) < 2

    def unambiguous(self, spelling: str) -> bool:
        """Whether ``spelling`` is a known name that always means the AI system."""
        return spelling in self._flags and not self.is_ambiguous(spelling)


# The letter runs of a span as written, to split a typo'd part at its capitals.
_LETTER_RUNS = re.compile(r"[^\W\d_]+")


def _best(span: str, names: Sequence[_Name]) -> _Name:
    """Of the spellings with one key, an entity's own name first, then the nearest in case."""
    return min(names, key=lambda n: (not n.preferred, _case_distance(span, n.text), n.text))


def _case_distance(a: str, b: str) -> int:
    return sum(1 for x, y in zip(a, b, strict=False) if x != y) + abs(len(a) - len(b))


def spellings(kb: KnowledgeBase) -> Iterator[tuple[str, bool, bool, bool]]:
    """(spelling, ambiguous, preferred, a model's) of every entity and vendor name and alias."""
    for entity in kb.entities.values():
        ambiguous = bool(getattr(entity, "ambiguous", False))
        model = entity.kind in MODEL_KINDS
        yield entity.name, ambiguous, True, model
        for alias in entity.aliases:
            yield alias, ambiguous, False, model
    for vendor in kb.vendors.values():
        ambiguous = bool(getattr(vendor, "ambiguous", False))
        yield vendor.name, ambiguous, True, False
        for alias in vendor.aliases:
            yield alias, ambiguous, False, False


def _cues(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Each spelling's extra context words (the ``cues`` of the entities that have it)."""
    cues: dict[str, tuple[str, ...]] = {}
    for entity in kb.entities.values():
        extra = tuple(getattr(entity, "cues", ()) or ())
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


def _forget(ident: int, _: object) -> None:
    """Drop the index of a knowledge base that is gone."""
    _INDEXES.pop(ident, None)


def _spans(text: str, runs: re.Pattern[str]) -> Iterator[tuple[int, int, str]]:
    """Every span of one to MAX_WORDS words of each run, longest first within a run."""
    for run in runs.finditer(text):
        if run.group(1):
            yield from _spans_of(text, run)
        else:
            yield run.start(), run.end(), run.group()


def _spans_of(text: str, run: re.Match[str]) -> Iterator[tuple[int, int, str]]:
    """The spans of one to MAX_WORDS words of a run of several words, longest first."""
    words = [w.span() for w in _WORDS.finditer(text, run.start(), run.end())]
    for lo, hi in _sub_spans(words):
        yield lo, hi, text[lo:hi]


def _sub_spans(words: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) of every run of one to MAX_WORDS consecutive ``words``, longest first."""
    for size in range(min(MAX_WORDS, len(words)), 0, -1):
        for first in range(len(words) - size + 1):
            yield words[first][0], words[first + size - 1][1]


class _RawScan:
    """The file-level prefilter (``pattern.search``): any hit in the raw text."""

    def __init__(self, rule: NameSpellingRule) -> None:
        self._rule = rule

    def search(self, text: str) -> bool:
        return any(map(self._rule.index().run_hit, _RAW_RUN_TEXT.findall(text)))


@dataclass(frozen=True)
class NameSpellingRule:
    """Flags misspelt knowledge-base names. ``covered_by`` are the term rules (GL101-GL113)
    that decide some spellings themselves; ``knowledge_files`` extend the shipped knowledge
    base (``knowledge``, when given, supplies the knowledge base instead)."""

    info: RuleInfo
    context: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    covered_by: tuple[TermRule, ...] = ()
    knowledge_files: tuple[Path, ...] = ()
    knowledge: Callable[[], KnowledgeBase] | None = field(default=None, compare=False)

    @property
    def pattern(self) -> _RawScan:
        return _RawScan(self)

    def index(self) -> NameIndex:
        if self.knowledge is not None:
            return index_for(self.knowledge(), self.allow)
        wanted = (self.knowledge_files, self.allow)
        index = _RESOLVED.get(wanted)
        if index is None:  # the names from the digest; the knowledge base only if needed
            from linter.config import Config
            from linter.knowledge.loaded import knowledge, name_digest

            config = Config(knowledge_files=self.knowledge_files)
            index = _RESOLVED[wanted] = NameIndex(
                name_digest(self.knowledge_files).spellings, partial(knowledge, config),
                self.allow)
        return index

    def find(self, segment: Segment) -> Iterator[Match]:
        text = segment.text
        index = self.index()
        if not any(map(index.run_hit, _RUN_TEXT.findall(text))):
            return  # most segments: every run answered from the memo
        lookup, known = index.lookup, index.known
        taken: list[tuple[int, int]] = []  # spans reported, and known names
        for run in _RUN.finditer(text):
            if not run.group(1):  # one word: most runs
                span = run.group()
                if span in known:
                    continue
                right = lookup(span)
                if right is not None:
                    start, end = run.span()
                    if self._accepts(segment, start, end, right, index):
                        yield self._match(span, start, end, right)
                continue
            for start, end, span in _spans_of(text, run):
                if any(lo < end and start < hi for lo, hi in taken):
                    continue
                if span in known:
                    taken.append((start, end))  # a known name: its words are not looked at
                    continue
                right = lookup(span)
                if right is None or not self._accepts(segment, start, end, right, index):
                    continue
                taken.append((start, end))
                yield self._match(span, start, end, right)

    def _match(self, span: str, start: int, end: int, right: str) -> Match:
        message = f"'{span}' looks like a misspelling of '{right}'"
        return Match(self.info.code, start, end, message, right)

    def _accepts(self, segment: Segment, start: int, end: int, right: str,
                 index: NameIndex) -> bool:
        text = segment.text
        if not has_word_boundaries(text, start, end) or self._covered(text, start, end):
            return False
        if any(rule.pattern.fullmatch(right) for rule in self.covered_by):
            return False  # never suggest a spelling that a term rule reports
        if index.is_version_form(text, start, end, right):
            return False
        if index.is_ambiguous(right) and not self._in_ai_context(text, start, end, right, index):
            return False
        return not is_cited_title(segment, start, end)

    def _covered(self, text: str, start: int, end: int) -> bool:
        """A term rule's pattern matches a prose word over the span: that rule decides."""
        lo, hi = max(0, start - 64), min(len(text), end + 64)
        for rule in self.covered_by:
            for found in rule.pattern.finditer(text, lo, hi):
                if found.start() < end and start < found.end() and has_word_boundaries(
                    text, found.start(), found.end()
                ):
                    return True
        return False

    def _in_ai_context(self, text: str, start: int, end: int, right: str,
                       index: NameIndex) -> bool:
        """An AI word (the rule's ``context``, the knowledge base's concept, category and
        architecture terms, the entity's ``cues``) or an unambiguous known name in the
        sentence, the span itself left out."""
        lo, hi = _sentence(text, start, end)
        sentence = text[lo:start] + " \u2063 " + text[end:hi]
        if index.in_context(sentence, self.context, right):
            return True
        return any(index.unambiguous(span) for _, _, span in _spans(sentence, _RUN))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``[start, end)``, at most CONTEXT_CHARS on each side."""
    return sentence_bounds(text, start, end, CONTEXT_CHARS)


def defer_to_terms(rule: NameSpellingRule, rules: Sequence[object]) -> NameSpellingRule:
    """``rule`` deferring to the run's term rules (GL101-GL113), which decide some spellings
    themselves."""
    terms = tuple(r for r in rules if isinstance(r, TermRule))
    return dataclasses.replace(rule, covered_by=terms)


@rule_kind("name-spelling", scope=Scope.PROSE, keys=("context", "allow"), fixable=True,
           safe_fixes=True, link=defer_to_terms)
def build(info: RuleInfo, entry: Mapping[str, Any], context: BuildContext) -> NameSpellingRule:
    """Build a name-spelling rule from its YAML entry (``context``, ``allow``), reading the
    knowledge base with the run's knowledge files (the shipped one alone when there are none)."""
    return NameSpellingRule(
        info=info,
        context=tuple(str(w) for w in optional_strings(entry, "context")),
        allow=tuple(str(w) for w in optional_strings(entry, "allow")),
        knowledge_files=context.knowledge_files,
    )
