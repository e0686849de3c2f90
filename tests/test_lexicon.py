"""The lexicon (rules/lexicon.yaml) drives both the sentence prefilter and the extractors: every
predicate word must let a sentence through to the parser, so the two cannot drift apart."""

from __future__ import annotations

import pytest

from linter.api import knowledge
from linter.claims.analyzer import ClaimAnalyzer
from linter.claims.lexicon import lexicon
from linter.config import Config


@pytest.fixture(scope="module")
def analyzer() -> ClaimAnalyzer:
    return ClaimAnalyzer(knowledge(Config()), {})


def _forms(word: str) -> list[str]:
    """The word and a regular inflection of it (prose rarely uses the bare lemma)."""
    stem = word[:-1] if word.endswith("e") else word
    return [word, stem + "ed", word + "s"]


def _sentence(word: str) -> str:
    # "Midjourney", "Google" and "results" carry no cue of their own: only ``word`` can let
    # it through (a maker is named: a sentence naming one system alone is parsed only for
    # what it makes or a generic noun, below)
    return f"Midjourney {word} results at Google"


def test_the_neutral_sentence_is_not_parsed(analyzer: ClaimAnalyzer) -> None:
    text = "Midjourney results at Google"
    assert not analyzer._worth_parsing(text, analyzer.finder.find(text))


@pytest.mark.parametrize("text, parsed", [
    ("Midjourney generates poems.", True),  # what it makes
    ("Midjourney writes", True),
    ("Midjourney is a model.", True),  # a generic noun
    ("ChatGPT is popular, by the way.", False),
    ("Midjourney was announced in 2022.", False),  # a maker's verb with no maker
    ("Midjourney is loved by artists.", False),
    ("Flux is a very large model.", False),  # a model called a model: nothing to judge
    ("Load the SDXL model first.", False),
    ("Load the ChatGPT model first.", True),  # a product called a model
])
def test_a_sentence_naming_one_system_alone_needs_an_output_verb_or_a_generic_noun(
    analyzer: ClaimAnalyzer, text: str, parsed: bool
) -> None:
    assert analyzer._worth_parsing(text, analyzer.finder.find(text)) is parsed


@pytest.mark.parametrize("word", sorted(lexicon().all_words()))
def test_every_predicate_word_reaches_the_parser(analyzer: ClaimAnalyzer, word: str) -> None:
    for form in _forms(word):
        text = _sentence(form)
        assert analyzer._worth_parsing(text, analyzer.finder.find(text)), text


def test_control_verbs_alone_do_not_make_a_sentence_worth_parsing(
    analyzer: ClaimAnalyzer,
) -> None:
    """"use X to V" is read through its output verb V, which is itself a prefilter word."""
    assert lexicon().control_verbs
    assert not lexicon().control_verbs & lexicon().all_words() - set(lexicon().verbs("built_on"))


def test_an_ambiguous_names_own_cues_count_as_ai_context() -> None:
    """Whisper (also an ordinary verb) is the model when one of its declared cues is near."""
    from linter.api import lint_text

    assert [f.rule for f in lint_text("Whisper narrates the minutes in a calm voice.\n")] == [
        "GL203"]
    assert lint_text("Whisper the minutes to me in a calm voice.\n") == []


@pytest.mark.parametrize("text, parsed", [
    ("Start a vLLM server by running the command below.", False),  # a tool alone
    ("vLLM is Google's inference library.", True),  # a maker named with it
    ("vLLM is a chatbot.", True),  # a class term
    ("LangChain is an LLM.", True),
])
def test_software_that_runs_models_is_parsed_only_with_a_maker_or_class(
    analyzer: ClaimAnalyzer, text: str, parsed: bool
) -> None:
    assert analyzer._worth_parsing(text, analyzer.finder.find(text)) is parsed
