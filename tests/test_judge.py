"""The judge decides every predicate from a claim record and the knowledge base alone."""

from __future__ import annotations

from functools import cache

import pytest

from linter.claims.judge import judge
from linter.claims.record import ANY_OUTPUT, GENERIC, GENERIC_MODEL, PREDICATES, Claim
from linter.config import Config
from linter.knowledge.base import KnowledgeBase

E, CAT, CON, ARCH, MOD, VEN = "entity", "category", "concept", "architecture", "modality", "vendor"


@cache
def _kb() -> KnowledgeBase:
    from linter.api import knowledge

    return knowledge(Config())


def _rule(claim: Claim) -> str | None:
    verdict = judge(_kb(), claim)
    return verdict.rule if verdict else None


def _claim(subject: str, stype: str, predicate: str, obj: str, otype: str, **extra) -> Claim:
    return Claim(subject, stype, predicate, obj, otype, 0, 0, **extra)


@pytest.mark.parametrize(
    ("claim", "rule"),
    [
        # is_a: category, product vs model, generic "model", architecture
        (_claim("dall-e", E, "is_a", "llm", CAT), "model-category"),
        (_claim("deepseek-r1", E, "is_a", "llm", CAT), None),
        (_claim("chatgpt", E, "is_a", "llm", CAT, object_text="LLM"), "product-called-model"),
        (_claim("chatgpt", E, "is_a", GENERIC_MODEL, GENERIC), "product-called-model"),
        (_claim("gpt-4", E, "is_a", GENERIC_MODEL, GENERIC), None),
        (_claim("midjourney", E, "is_a", "text-to-image-model", CAT,
                object_text="text-to-image model"), None),
        (_claim("stable-diffusion", E, "is_a", "gan", ARCH), "model-architecture"),
        # subclass_of: the fields, and a class of text models given a class that makes no text
        (_claim("generative-ai", CON, "subclass_of", "llm", CON, quantifier="all"),
         "subset-direction"),
        (_claim("generative-ai", CON, "subclass_of", "llm", CON, quantifier="some"), None),
        (_claim("llm", CAT, "subclass_of", "generative-ai", CON), None),
        (_claim("llm", CAT, "subclass_of", "text-to-image-model", CAT), "model-category"),
        (_claim("llm", CAT, "subclass_of", "reasoning-model", CAT), None),
        # outputs
        (_claim("llm", CAT, "outputs", "image", MOD), "output-modality"),
        (_claim("llm", CAT, "outputs", "code", MOD), None),
        (_claim("whisper", E, "outputs", "speech", MOD), "output-modality"),
        (_claim("musiclm", E, "outputs", "audio", MOD), None),
        (_claim("llm", CAT, "outputs", ANY_OUTPUT, GENERIC, quantifier="all"), "subset-direction"),
        (_claim("generative-ai", CON, "outputs", ANY_OUTPUT, GENERIC, quantifier="all"), None),
        # limited_to, same_as, renamed_to, made_by, powered_by
        (_claim("generative-ai", CON, "limited_to", "text", MOD), "subset-direction"),
        (_claim("llm", CAT, "same_as", "generative-ai", CON), "llm-genai-conflation"),
        (_claim("llm", CAT, "same_as", "llm", CAT), None),
        (_claim("bard", E, "renamed_to", "bard", E), "outdated-name"),
        (_claim("gemini", E, "renamed_to", "gemini", E), None),
        (_claim("text-davinci-003", E, "renamed_to", "text-davinci-003", E), "outdated-name"),
        (_claim("qwen2.5-coder", E, "is_a", "llm", CAT), None),  # code models are LLMs
        (_claim("vall-e", E, "is_a", "audio-generation-model", CAT), None),
        (_claim("vit", E, "is_a", "cnn", ARCH), "model-architecture"),
        (_claim("segment-anything", E, "outputs", "text", MOD), "output-modality"),
        (_claim("gpt-4", E, "made_by", "google", VEN), "model-vendor"),
        (_claim("gpt-4", E, "made_by", "openai", VEN), None),
        (_claim("github-copilot", E, "powered_by", "palm", E), "powered-by"),
    ],
    ids=lambda value: getattr(value, "predicate", None) and (
        f"{value.subject}-{value.predicate}-{value.object}-{value.quantifier or 'any'}"),
)
def test_the_judge_decides_from_the_record(claim: Claim, rule: str | None) -> None:
    assert _rule(claim) == rule


def test_a_denied_claim_is_never_wrong() -> None:
    assert _rule(_claim("dall-e", E, "is_a", "llm", CAT, polarity=False)) is None


def test_every_predicate_but_input_has_a_judge() -> None:
    from linter.claims.judge import _JUDGES

    assert set(_JUDGES) == PREDICATES - {"takes_input", "disjoint_from"}


def test_class_facts_are_data(tmp_path) -> None:
    """A team's own concept, declared a kind of LLM in a knowledge file, is judged with no code:
    calling LLMs a kind of it reverses the subset."""
    path = tmp_path / "team.yaml"
    path.write_text(
        "concepts:\n"
        "  chat-llm:\n"
        "    label: chat LLM\n"
        "    terms: [chat LLM]\n"
        "    parent: llm\n",
        encoding="utf-8",
    )
    from linter.api import knowledge

    kb = knowledge(Config(knowledge_files=(path,)))
    wrong = judge(kb, _claim("llm", CON, "subclass_of", "chat-llm", CON, quantifier="all"))
    assert wrong is not None and wrong.rule == "subset-direction"
    assert wrong.message == (
        "Chat LLMs are one kind of large language model, not the other way round")
    assert judge(kb, _claim("chat-llm", CON, "subclass_of", "llm", CON)) is None


def test_a_retired_system_names_its_replacement() -> None:
    verdict = judge(_kb(), _claim("text-davinci-003", E, "renamed_to", "text-davinci-003", E))
    assert verdict is not None
    assert "shut down in January 2024" in verdict.message
    assert "gpt-3.5-turbo-instruct" in verdict.message
