"""Which modality a word names: "video content", "the spoken intro", "voice-overs"."""

from __future__ import annotations

from typing import Any

from linter.claims.lexicon import lexicon

MODALITY = "modality"


def modality_of(token: Any, index: dict[str, str]) -> str | None:
    """The modality ``token`` names in its phrase, looked up in ``index`` (a name → modality
    map), or None."""
    for child in token.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in lexicon().output_adjectives:
            return lexicon().output_adjectives[child.lower_]  # "the spoken intro"
    for child in token.children:
        if child.dep_ in ("compound", "nummod", "amod"):
            phrase = f"{child.lower_} {token.lemma_.lower()}"
            if phrase in index:
                return index[phrase]
    if token.i >= 2 and token.nbor(-1).text == "-":
        stem = token.doc[token.i - 2 : token.i].text.lower()
        for form in (token.lower_, token.lemma_.lower()):  # "voice-overs"
            if stem + form in index:
                return index[stem + form]
    before = token.nbor(-1) if token.i > 0 else None
    for form in (token.lemma_.lower(), token.lower_):  # "album covers", "product shot", misparsed
        if before is not None and f"{before.lower_} {form}" in index:
            return index[f"{before.lower_} {form}"]
    for child in token.children:  # "audio responses": the modifier, before the noun's own
        if (
            child.dep_ in ("compound", "amod")
            and child.lemma_.lower() in index
            and (token.lemma_.lower() in lexicon().carriers)
        ):
            return index[child.lemma_.lower()]
    for key in (token.lemma_.lower(), token.lower_):
        if key in index:
            return index[key]
    return None
