"""Claim findings take their messages from the ``messages`` templates in rules/claims.yaml."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from linter.claims.messages import _templates, say

CLAIMS = Path(__file__).resolve().parents[1] / "linter" / "claims"


def _calls() -> list[tuple[str, str, set[str], str]]:
    """(rule, case, field names passed, where) of every ``say(...)`` in linter/claims."""
    found = []
    for path in sorted(CLAIMS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say" and all(
                isinstance(a, ast.Constant) for a in node.args[:2]
            ):  # say(rule, "also", ...) for a list's rule is checked below
                rule, case = (a.value for a in node.args[:2])  # type: ignore[attr-defined]
                fields = {k.arg for k in node.keywords if k.arg}
                found.append((rule, case, fields, f"{path.name}:{node.lineno}"))
    return found


def test_the_checks_use_templates() -> None:
    assert len(_calls()) >= 15


@pytest.mark.parametrize(("rule", "case", "fields", "where"), _calls(),
                         ids=[c[3] for c in _calls()])
def test_every_message_has_a_template_with_the_fields_given(
    rule: str, case: str, fields: set[str], where: str
) -> None:
    template = _templates()[rule][case]
    wanted = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    assert wanted == fields, where


def test_a_message_is_filled_from_the_knowledge_base_fields() -> None:
    assert say("model-vendor", "vendor", name="GPT-4", right="OpenAI", wrong="Google") == (
        "GPT-4 is made by OpenAI, not Google")


@pytest.mark.parametrize(("text", "message"), [
    ("LLMs generate images and video from a prompt.\n",
     "Large language models generate text and code, not images or video"),
    ("LLMs generate images.\n", "Large language models generate text and code, not images"),
])
def test_coordinated_outputs_are_one_finding(text: str, message: str) -> None:
    """One verb's coordinated objects are one claim: one finding that names every wrong one."""
    from linter.api import lint_text

    found = [f for f in lint_text(text) if f.rule == "GL203"]
    assert [f.message for f in found] == [message]


def test_an_overstated_scope_is_one_finding_not_one_per_example() -> None:
    from linter.api import lint_text

    text = "LLMs can create any type of content, from essays to symphonies and films.\n"
    assert [f.rule for f in lint_text(text) if f.rule.startswith("GL2") or f.rule == "GL302"] == [
        "GL302"]


def test_a_list_of_wrong_members_is_one_finding_naming_them() -> None:
    from linter.api import lint_text

    found = [f for f in lint_text("We compared models like ChatGPT, Perplexity and Le Chat.\n")
             if f.rule == "GL202"]
    assert len(found) == 1
    assert found[0].text == "ChatGPT, Perplexity and Le Chat"
    assert found[0].message.endswith("(likewise Perplexity and Le Chat)")


def test_coordinated_subjects_of_one_copula_are_one_finding() -> None:
    """ "X and Y are Zs" is one claim about both: one finding over both names, not two
    overlapping ones."""
    from linter.api import lint_text

    found = [f for f in lint_text("Midjourney and DALL·E 3 are both LLMs.\n") if f.rule == "GL201"]
    assert len(found) == 1
    assert found[0].text.startswith("Midjourney and DALL·E 3 are")
    assert found[0].message.endswith("(likewise DALL·E 3)")


def test_coordinated_makers_of_one_output_are_one_finding() -> None:
    """ "X and Y generate Z" is one claim about both: one finding naming the second."""
    from linter.api import lint_text

    found = [f for f in lint_text("Claude and GPT-4 can generate videos.\n") if f.rule == "GL203"]
    assert [(f.text, f.message) for f in found] == [(
        "Claude and GPT-4 can generate videos",
        "Claude generates text and code, not video (likewise GPT-4)")]


def test_rules_a_list_can_break_have_an_also_template() -> None:
    """Class relations read from lists merge their members (category.py): each rule such a
    relation can break says "likewise ..." through its "also" template."""
    for rule in ("model-category", "product-called-model", "model-architecture",
                 "output-modality"):
        assert "{others}" in _templates()[rule]["also"]
