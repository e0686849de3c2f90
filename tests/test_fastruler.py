"""The attribute ruler's look-up matching gives exactly what spaCy's Matcher gives."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
import spacy
import yaml

from linter.running.fastruler import FastMatch, speed_up
from linter.running.nlp import SKIPPED_FROM_DISK, UNUSED_COMPONENTS, load_pipeline, resolve_model

ROOT = Path(__file__).resolve().parent.parent
#: What the ruler's rarer patterns are about: contractions, dialect, spaces, "there is".
AWKWARD = [
    "Y'all ain't gonna believe it: nothin' works, and there's no fix.",
    "There were   three models, y' all said so; it's gotta be GPT-4.",
    "He gets it. She got it. Do they do it? They did.",
    "   \n  Leading spaces\tand\ttabs  . ",
    "Whom do you ask and which one is it that the model picks?",
    "",
]


def _texts() -> list[str]:
    """Realistic prose: the evaluation sentences and one rule table's examples."""
    cases = yaml.safe_load((ROOT / "eval" / "sentences.yaml").read_text(encoding="utf-8"))
    table = yaml.safe_load((ROOT / "tests" / "rules" / "GL201.yaml").read_text(encoding="utf-8"))
    examples = [c["text"] if isinstance(c, dict) else c
                for key in ("fire", "not_fire") for c in table.get(key) or ()]
    return [case["text"] for case in cases] + examples + AWKWARD


@pytest.fixture(scope="module")
def stock() -> Any:
    """The pipeline as the package loads it, spaCy's Matcher in its ruler."""
    package = importlib.import_module(resolve_model())
    return package.load(exclude=[*UNUSED_COMPONENTS, *SKIPPED_FROM_DISK])


def test_the_shipped_ruler_is_matched_by_look_up() -> None:
    ruler = load_pipeline().get_pipe("attribute_ruler")
    assert isinstance(ruler.match, FastMatch)


def test_the_look_up_finds_every_match_the_matcher_finds(stock: Any) -> None:
    ruler = stock.get_pipe("attribute_ruler")
    fast = FastMatch.of(ruler)
    assert fast is not None
    texts = _texts()
    assert len(texts) > 500
    for doc in stock.pipe(texts, disable=["attribute_ruler", "lemmatizer"]):
        assert fast(doc) == sorted(set(ruler.match(doc))), doc.text


def test_the_tokens_get_the_same_tags_morphology_and_lemmas(stock: Any) -> None:
    texts = _texts()
    for ours, theirs in zip(load_pipeline().pipe(texts), stock.pipe(texts), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in ours] == [
            (t.pos_, str(t.morph), t.lemma_, t.dep_) for t in theirs], ours.text


@pytest.mark.parametrize("pattern", [
    [{"ORTH": "Zorb"}],  # a key it does not read
    [{"LOWER": "zorb", "OP": "?"}, {"LOWER": "x"}],  # an operator
    [{"LOWER": {"FUZZY": "zorb"}}],
])
def test_a_ruler_with_patterns_it_cannot_read_keeps_the_matcher(pattern: list[dict]) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "zorb"}]], {"LEMMA": "zorb"})
    ruler.add([pattern], {"LEMMA": "blip"})
    assert FastMatch.of(ruler) is None
    assert speed_up(nlp) is False
    assert not isinstance(ruler.match, FastMatch)


def test_later_entries_win_and_the_index_picks_the_token() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "zorb"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": "zorb"}]], {"LEMMA": "second"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=-1)
    ruler.add([[{"LOWER": {"REGEX": "^bl.p$"}}]], {"LEMMA": "blip"})
    assert speed_up(nlp) is True
    doc = nlp("Zorb gon na blap")
    assert [t.lemma_ for t in doc] == ["second", "", "to", "blip"]
