"""The spaCy pipeline genai-lint loads: what it leaves out must not change any analysis."""

from __future__ import annotations

import importlib

from linter.running.nlp import SKIPPED_FROM_DISK, UNUSED_COMPONENTS, load_pipeline, resolve_model


def test_the_tokenizer_the_language_builds_is_the_stored_one() -> None:
    """The tokenizer is not read from the package (start-up time): the English tokenizer
    spaCy builds must equal, byte for byte, the one the installed pipeline stores."""
    package = importlib.import_module(resolve_model())
    stored = package.load(exclude=list(UNUSED_COMPONENTS)).tokenizer
    built = load_pipeline().tokenizer
    assert "tokenizer" in SKIPPED_FROM_DISK
    assert built.to_bytes(exclude=["vocab"]) == stored.to_bytes(exclude=["vocab"])


def test_the_loaded_pipeline_has_what_the_claim_checks_read() -> None:
    nlp = load_pipeline()
    assert {"tagger", "parser", "lemmatizer"} <= set(nlp.pipe_names)
    assert "ner" not in nlp.pipe_names
    doc = nlp("DALL·E 3 isn't a large language model.")
    assert [t.text for t in doc][:4] == ["DALL·E", "3", "is", "n't"]
    assert doc[3].dep_ == "neg"
