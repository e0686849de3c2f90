"""Comparing a span of prose with a known name (for :mod:`linter.checks.nameindex`): keys
(case-folded, separators dropped), layouts of separators, how far a typo may reach, the edit
distance, and the English word list that a typo never is."""

from __future__ import annotations

import json

#: The word list shipped in ``linter.rules`` (see its ``description``).
WORDS_FILE = "english-words.json"

#: Removed to make a key: spacing, hyphens, dots, middle dots, Markdown emphasis and quotes.
KEY_DROP = dict.fromkeys(map(ord, " \u00a0\t\n-‐‑.·*_>~"), None)


def key_of(text: str) -> str:
    """``text`` case-folded, without spaces, hyphens, dots and middle dots."""
    return text.casefold().translate(KEY_DROP)


def letter_count(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def is_all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters)


def plain_word(text: str) -> bool:
    """One word, lower-case but for its first letter ("Bert", "Whisper")."""
    return text.isalpha() and text[1:].islower()


def respelling(span: str, name: str, model: bool = False) -> bool:
    """Whether ``span``, with the same key as ``name``, misspells it: other capitals, words
    joined or split ("Deep Seek", "SD-XL") or another separator between words
    ("Mistral-AI"). Between a name and its version number only a missing separator counts
    ("GPT5", "Llama3.1"); "Qwen 2.5" for "Qwen2.5" or "Grok-4" for "Grok 4" are house styles,
    and so are a hyphen for a space between the words of a ``model``'s name ("Qwen Image",
    "DeepSeek-Chat": model ids hyphenate what prose spaces)."""
    written, seps = layout(span)
    known, known_seps = layout(name)
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



def layout(text: str) -> tuple[str, list[str]]:
    """``text`` without its separators, and the separator before each remaining character
    (a space, a hyphen, a dot, ...; "" for none)."""
    kept: list[str] = []
    seps: list[str] = []
    pending = ""
    for char in text:
        if ord(char) in KEY_DROP:
            pending += " " if char.isspace() else char
        else:
            kept.append(char)
            seps.append(pending)
            pending = ""
    return "".join(kept), seps


def uppers(text: str) -> int:
    return sum(1 for char in text if char.isupper())


def deletes(word: str, depth: int) -> set[str]:
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


def part_reach(part: str) -> int:
    """Edits a typo may make in one part of a name: 2 from 8 letters, else 1."""
    return 2 if len(part) >= 8 else 1


def name_allows_typos(key: str) -> bool:
    """Typos are looked for in names of 5 letters or more, or 3 with a digit."""
    letters = letter_count(key)
    return letters >= 5 or (letters >= 3 and any(char.isdigit() for char in key))


def plural(a: str, b: str) -> bool:
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


def is_plain_english(word: str) -> bool:
    """Whether ``word``, capitalised or not, is in the word list written so ("Bert",
    "Bloom"; not "Github", which the list has only as "GitHub")."""
    key = word.casefold()
    return key in english_words() and key not in _WORD_LIST[1]


def loaded_words() -> frozenset[str] | None:
    """The word list if it is loaded already, else None (it is not loaded for this)."""
    return _WORD_LIST[0] if _WORD_LIST else None
