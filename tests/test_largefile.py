"""Very large files are extracted in parts: the findings must be those of one extraction."""

from __future__ import annotations

import pytest

from linter import markup
from linter.api import lint_text
from linter.files.source import SourceText
from linter.markup import largefile

SECTION = """\
# Models {n}

An LLM drafts section {n}.
DALL·E is a large language model. Use Chat GPT for drafts, and Open AI for the rest.
An LLM writes text; the LLM in section {n} is the same LLM.
Generative AI drafts text, and *Gen&nbsp;AI* drafts code in section {n}.

- GPT-4 is a large language model developed by OpenAI.
- Google's GPT-4 answers questions.

| Model | Vendor |
| --- | --- |
| Claude | Google |

<!-- genai-lint-disable-next-line GL101 -->
Chat GPT again, suppressed.

"""

TRAPS = {
    "open fence across headings": "```text\n\n# not a heading\n\nChat GPT in code\n\n```\n\n",
    "fence inside a list item": "- item\n\n  ```\n  code\n\n# Heading after\n\nChat GPT.\n\n",
    "html comment block": "<!--\n\n# hidden\n\nChat GPT hidden\n\n-->\n\n",
    "script block": "<script>\n\n# x\n\nChat GPT\n\n</script>\n\n",
    "tilde fence": "~~~~\n\n# in code\n\n~~~\n\nChat GPT still code\n\n~~~~\n\n",
    "blockquote": "> quote with Chat GPT\n\n# After the quote\n\n",
}


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(largefile, "SPLIT_MIN_CHARS", 2_000)
    monkeypatch.setattr(largefile, "PART_CHARS", 300)


def document(sections: int, trap: str = "", front: str = "") -> str:
    body = [SECTION.format(n=n) + (trap if n % 3 == 1 else "") for n in range(sections)]
    return front + "".join(body)


def unsplit(text: str, monkeypatch: pytest.MonkeyPatch) -> list:
    monkeypatch.setattr(largefile, "SPLIT_MIN_CHARS", 10**12)
    return lint_text(text, path="big.md")


@pytest.mark.parametrize("trap", ["", *TRAPS.values()], ids=["plain", *TRAPS])
def test_parts_give_the_findings_of_one_extraction(
    trap: str, small_parts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = document(12, trap)
    assert largefile.splittable(SourceText.from_text(text), "markdown")
    split = lint_text(text, path="big.md")
    assert split == unsplit(text, monkeypatch)
    assert {f.rule for f in split} >= {"GL101", "GL201", "GL401", "GL408"}


@pytest.mark.parametrize("front", [
    "---\ntitle: x\n\n# a YAML comment\n\nkey: Chat GPT\n---\n\n",
    "+++\ntitle = 'x'\n\n# a TOML comment\n\n+++\n\n",
    "---\nnot closed\n\n# Heading\n\n",
])
def test_front_matter_is_never_cut(
    front: str, small_parts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = document(10, front=front)
    assert lint_text(text, path="big.md") == unsplit(text, monkeypatch)


def test_parts_cover_the_file_and_map_to_it(small_parts: None) -> None:
    text = document(12, TRAPS["open fence across headings"])
    source = SourceText.from_text(text)
    whole = markup.extract(source, "markdown")
    pieces = list(largefile.parts(source))
    assert len(pieces) > 2
    assert [s.text for d in pieces for s in d.segments] == [s.text for s in whole.segments]
    assert [s.pieces for d in pieces for s in d.segments] == [s.pieces for s in whole.segments]
    assert [c for d in pieces for c in d.comments] == list(whole.comments)


def test_link_reference_definitions_keep_a_file_whole(small_parts: None) -> None:
    text = document(12) + "[ref]: https://example.com\n"
    assert not largefile.splittable(SourceText.from_text(text), "markdown")
    assert not largefile.splittable(SourceText.from_text(document(12)), "mdx")
