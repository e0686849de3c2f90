"""Each text is parsed once per run: the notices (unknown rules in suppressions, nesting past
the Markdown limit) come from the document the engine extracted, not from a second parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter import api
from linter.config import Config
from linter.markup.markdown import MarkdownExtractor

DOC = (
    "<!-- genai-lint-disable-next-line GL999 -->\n"
    "We use Chat GPT for drafts.\n\n"
    + "> " * 120 + "deep Claude\n"
)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = MarkdownExtractor.run

    def counting(self: MarkdownExtractor):  # type: ignore[no-untyped-def]
        seen.append(self.source.text)
        return real(self)

    monkeypatch.setattr(MarkdownExtractor, "run", counting)
    return seen


def test_a_linted_file_is_parsed_once_for_findings_and_notices(
    tmp_path: Path, parses: list[str]
) -> None:
    path = tmp_path / "doc.md"
    path.write_text(DOC, encoding="utf-8")
    run = api.run([path], Config(), claims=False)
    assert [f.rule for f in run.report.findings] == ["GL101"]
    assert [n.message for n in run.notices] == [
        "unknown rule 'GL999' in a suppression", api.NESTING_NOTICE]
    assert parses == [DOC]


def test_a_file_no_rule_can_match_is_parsed_only_for_its_notices(
    tmp_path: Path, parses: list[str]
) -> None:
    path = tmp_path / "notes.md"
    text = "<!-- genai-lint-disable GL999 -->\nTag the release.\n"
    path.write_text(text, encoding="utf-8")
    run = api.run([path], Config(), claims=False)
    assert [n.line for n in run.notices] == [1]
    assert parses == [text]
    plain = tmp_path / "plain.md"
    plain.write_text("Tag the release.\n", encoding="utf-8")
    parses.clear()
    assert api.run([plain], Config(), claims=False).notices == ()
    assert parses == []
