"""``test-rules``: every rule's own examples must behave as labelled (bad fire, good do not,
fixed is what ``--fix`` makes of bad)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from linter.checks.info import RuleInfo
from linter.config import Config
from linter.findings import Finding
from linter.fixing.edits import Edit, apply_edits, plan_edits
from linter.running.api import lint_texts


@dataclass(frozen=True)
class ExampleResult:
    """One example of one rule: ``passed`` and, when it failed, what happened instead."""

    code: str
    label: str  # bad | good | fixed | missing
    example: str
    passed: bool
    detail: str = ""


def check_rules(infos: Iterable[RuleInfo], config: Config | None = None) -> list[ExampleResult]:
    """Run the examples of ``infos`` through the linter, in one batch.

    ``config`` supplies rule and knowledge files and the model; its ``select``, ``ignore``
    and per-file ignores do not apply (a rule's examples are tested whatever a project
    turns off), and every fix counts, safe or not (``fixed`` is what ``--fix
    --unsafe-fixes`` makes of ``bad``).
    """
    infos = list(infos)
    config = dataclasses.replace(config or Config(), select=(), ignore=(), per_file_ignores={})
    cases: list[tuple[RuleInfo, str, int, str]] = []
    results: list[ExampleResult] = []
    for info in infos:
        bad, good = info.examples.get("bad", ()), info.examples.get("good", ())
        if not bad or not good:
            results.append(ExampleResult(info.code, "missing", "", False,
                                         "a rule needs at least one bad and one good example"))
        cases += [(info, "bad", i, text) for i, text in enumerate(bad)]
        cases += [(info, "good", i, text) for i, text in enumerate(good)]
    found = lint_texts([text for *_, text in cases], syntax="markdown", config=config)
    for (info, label, index, text), findings in zip(cases, found, strict=True):
        own = [f for f in findings if f.rule == info.code]
        if label == "good":
            results.append(ExampleResult(info.code, label, text, not own, _describe(own)))
            continue
        results.append(ExampleResult(info.code, label, text, bool(own),
                                     "" if own else "no finding"))
        fixed = info.examples.get("fixed", ())
        if index < len(fixed):
            results.append(_check_fix(info, text, fixed[index], findings))
    return results


def _check_fix(info: RuleInfo, text: str, expected: str, findings: list[Finding]) -> ExampleResult:
    edits, _ = plan_edits(text, [f for f in findings if f.rule == info.code])
    actual = apply_edits(text, edits) if edits else text
    detail = "" if actual == expected else f"--fix gives {actual!r}"
    return ExampleResult(info.code, "fixed", expected, actual == expected, detail)


def _describe(findings: list[Finding]) -> str:
    return "; ".join(f"flagged {f.text!r}: {f.message}" for f in findings)


__all__ = ["Edit", "ExampleResult", "check_rules"]
