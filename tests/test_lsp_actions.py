"""Quick fixes: a finding's fix, and the comment that disables its rule for the line."""

from __future__ import annotations

import dataclasses

import pytest

pytest.importorskip("lsprotocol")

from lsprotocol import types
from lspsession import apply_edits

from linter.api import lint_text
from linter.files.source import SourceText
from linter.findings import Fix
from linter.lsp.actions import ActionContext, code_actions, offered_fix
from linter.lsp.disable import disable_insertion
from linter.markup.outline import outline

C = "<!-- genai-lint-disable-next-line GL101 -->"
DISABLE = [
    # (syntax, document, the document with the disable comment)
    ("markdown", "Chat GPT here.\n", f"{C}\nChat GPT here.\n"),
    ("markdown", "# Title\n\n   Chat GPT?\n", f"# Title\n\n   {C}\n   Chat GPT?\n"),
    ("markdown", "- item\n\n  Chat GPT here.\n", f"- item\n\n  {C}\n  Chat GPT here.\n"),
    ("markdown", "> Chat GPT\n", f"{C}\n> Chat GPT\n"),
    # a line that continues a paragraph: the comment ends the line before, inline
    ("markdown", "Intro text\nand Chat GPT.\n", f"Intro text {C}\nand Chat GPT.\n"),
    ("markdown", "- one\n  Chat GPT two\n", f"- one {C}\n  Chat GPT two\n"),
    ("markdown", "> a\n> Chat GPT\n", f"> a {C}\n> Chat GPT\n"),
    # ... before a hard line break, which stays one
    ("markdown", "Intro  \nand Chat GPT.\n", f"Intro {C}  \nand Chat GPT.\n"),
    ("markdown", "Intro\\\nand Chat GPT.\n", f"Intro {C}\\\nand Chat GPT.\n"),
    ("markdown", "Intro\\\\\nand Chat GPT.\n", f"Intro\\\\ {C}\nand Chat GPT.\n"),
    ("mdx", "Chat GPT here.\n", "{/* genai-lint-disable-next-line GL101 */}\nChat GPT here.\n"),
    ("mdx", "Intro\nChat GPT.\n", "Intro {/* genai-lint-disable-next-line GL101 */}\nChat GPT.\n"),
]


@pytest.mark.parametrize(("syntax", "text", "expected"), DISABLE)
def test_disable_comment(syntax: str, text: str, expected: str) -> None:
    (finding,) = lint_text(text, syntax=syntax, claims=False, select=["GL101"])
    source = SourceText.from_text(text)
    insertion = disable_insertion(source, syntax, finding)
    assert insertion is not None
    done = text[: insertion.offset] + insertion.text + text[insertion.offset :]
    assert done == expected
    assert lint_text(done, syntax=syntax, claims=False, select=["GL101"]) == []
    if not insertion.text.endswith("\n"):  # inline: the blocks are as they were
        assert outline(SourceText.from_text(done), syntax).kinds == outline(source, syntax).kinds


def test_plain_text_has_no_disable_comment() -> None:
    (finding,) = lint_text("Chat GPT\n", syntax="text", claims=False)
    assert disable_insertion(SourceText.from_text("Chat GPT\n"), "text", finding) is None


def actions_at(text: str, line: int, character: int, syntax: str = "markdown"):
    findings = lint_text(text, syntax=syntax, claims=False)
    context = ActionContext("file:///doc.md", SourceText.from_text(text), syntax)
    at = types.Position(line, character)
    return code_actions(context, findings, types.Range(at, at))


def test_fix_action_replaces_the_range() -> None:
    text = "😀 We use Chat GPT and Chat GPT.\n"
    actions = actions_at(text, 0, 10)
    assert [a.title for a in actions] == ["Replace 'Chat GPT' with 'ChatGPT' (GL101)",
                                          "Disable GL101 for this line"]
    fix = actions[0]
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    assert fix.diagnostics is not None and fix.diagnostics[0].code == "GL101"
    assert fix.edit is not None and fix.edit.changes is not None
    assert apply_edits(text, list(fix.edit.changes["file:///doc.md"])) == (
        "😀 We use ChatGPT and Chat GPT.\n")


def test_one_disable_action_per_rule_and_line() -> None:
    text = "Chat GPT and Chat GPT.\n"
    findings = lint_text(text, claims=False)
    context = ActionContext("file:///doc.md", SourceText.from_text(text), "markdown")
    whole = types.Range(types.Position(0, 0), types.Position(0, 22))
    titles = [a.title for a in code_actions(context, findings, whole)]
    assert titles.count("Disable GL101 for this line") == 1
    assert titles.count("Replace 'Chat GPT' with 'ChatGPT' (GL101)") == 2


def test_no_action_away_from_findings_and_none_to_disable_in_text() -> None:
    assert actions_at("Chat GPT is here today.\n", 0, 20) == []
    assert [a.title for a in actions_at("Chat GPT\n", 0, 0, "text")] == [
        "Replace 'Chat GPT' with 'ChatGPT' (GL101)"]


def test_offered_fix() -> None:
    (finding,) = lint_text("Chat GPT\n", claims=False)
    assert offered_fix(finding) is not None and offered_fix(finding).preferred
    assert offered_fix(dataclasses.replace(finding, fix=None)) is None
    assert offered_fix(dataclasses.replace(finding, fix=Fix("Chat GPT"))) is None


def test_an_unsafe_fix_is_offered_but_not_preferred() -> None:
    (finding,) = lint_text("Chat GPT\n", claims=False)
    unsafe = offered_fix(dataclasses.replace(finding, fix=Fix("ChatGPT", safe=False)))
    assert unsafe is not None and unsafe.replacement == "ChatGPT" and not unsafe.preferred
