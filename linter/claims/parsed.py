"""A parsed sentence with knowledge-base mentions merged into single tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from linter.checks.base import Match
from linter.claims.mentions import CATEGORY, CONCEPT, ENTITY, Mention
from linter.knowledge import KnowledgeBase

#: Head nouns that take their class from a modifier: "generative AI models", "the DALL·E model".
GENERIC_HEADS = frozenset(
    [
        "architecture",
        "architectures",
        "backbone",
        "model",
        "models",
        "system",
        "systems",
        "tool",
        "tools",
        "application",
        "applications",
        "app",
        "apps",
        "technology",
        "technologies",
        "platform",
        "platforms",
        "family",
        "families",
        "series",
        "version",
        "versions",
        "variant",
        "variants",
        "solution",
        "solutions",
        "program",
        "programs",
        "algorithm",
        "algorithms",
        "chatbot",
        "chatbots",
        "assistant",
        "assistants",
    ]
)
GENERIC_MODEL = "model"


@dataclass
class Parsed:
    """One candidate text after parsing; ``mentions`` maps token index to its mention."""

    doc: Any
    mentions: dict[int, Mention]
    kb: KnowledgeBase
    codes: dict[str, str]

    def mention(self, token: Any) -> Mention | None:
        return self.mentions.get(token.i)

    def reference(self, token: Any) -> Mention | None:
        """What a noun phrase headed by ``token`` refers to, looking through generic heads."""
        own = self.mentions.get(token.i)
        if own is not None:
            return own
        antecedent = self.antecedent(token)
        if antecedent is not None:
            return self.mentions[antecedent.i]
        if token.lower_ in GENERIC_HEADS:
            for child in token.children:
                if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i in self.mentions:
                    found = self.mentions[child.i]
                    if found.type in (ENTITY, CATEGORY, CONCEPT):
                        return found
        return None

    def appositive_entity(self, token: Any) -> Any | None:
        """"MusicLM, a large language model, ..." parsed with MusicLM under the class noun."""
        for child in token.children:
            found = self.mentions.get(child.i)
            if found is not None and found.type == ENTITY and child.i < token.i and any(
                t.text == "," for t in token.doc[child.i + 1 : token.i]
            ):
                return child
        return None

    def antecedent(self, token: Any) -> Any | None:
        """The name a subject "it" (an entity) or "they" (a class) stands for in this text."""
        if token.dep_ not in ("nsubj", "nsubjpass") or token.lower_ not in ("it", "they"):
            return None
        wanted = (ENTITY,) if token.lower_ == "it" else (CATEGORY, CONCEPT)
        for previous in reversed(token.doc[: token.i]):
            found = self.mentions.get(previous.i)
            if found is not None and found.type in wanted:
                return previous
        return None

    def is_generic_model(self, token: Any) -> bool:
        """A bare "model"/"models" ("models like ChatGPT"), or "AI models"."""
        if token.lemma_.lower() != GENERIC_MODEL or token.i in self.mentions:
            return False
        return all(
            c.dep_ not in ("compound", "amod")
            or c.lower_ in ("ai", "popular", "other", "famous", "well-known", "known", "modern",
                           "generative")
            for c in token.children
        )

    def match(
        self, rule: str, first: Any, last: Any, message: str, replacement: str | None = None
    ) -> Match | None:
        """A match from token ``first`` to token ``last`` (either order), for rule name."""
        code = self.codes.get(rule)
        if code is None:
            return None
        first = self.antecedent(first) or first
        lo, hi = sorted((first, last), key=lambda t: t.i)
        return Match(code, lo.idx, hi.idx + len(hi.text), message, replacement)
