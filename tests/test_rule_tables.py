"""Rule behaviour as data: every rule's must-fire and must-not-fire examples in tests/rules/.

Each ``tests/rules/<CODE>.yaml`` holds::

    rule: GL201
    fire:        # each must produce a <CODE> finding whose source range overlaps `span`
      - {text: "DALL·E is a large language model.", span: "DALL·E"}
    not_fire:    # each must produce no <CODE> finding
      - "DALL·E is a text-to-image model."
      - {text: "...", xfail: "why the analyzer gets this wrong today"}

``span`` is a substring of ``text`` (its first occurrence is meant). An entry with ``xfail``
is a correct expectation the analyzer does not meet yet; it runs as a strict xfail, so the
suite goes red the moment the analyzer is fixed and the marker must be removed.

Texts are linted as Markdown with every rule active, as a user would run genai-lint, and
only the findings of the table's rule are judged. Case ids are ``<CODE>-fire-<n>`` and
``<CODE>-not_fire-<n>``, numbered from 1 in file order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

from linter.api import lint_text
from linter.checks.ruleset import load_ruleset
from linter.findings import Finding

TABLES = Path(__file__).parent / "rules"

#: Minimum (fire, not_fire) examples per rule, by kind.
MINIMUM = {
    "term": (8, 8),
    "claim": (20, 20),
    "acronym": (6, 6),
    "capitalization": (6, 6),
    "consistency": (6, 6),
    "name-spelling": (25, 30),
}


@dataclass(frozen=True)
class Case:
    rule: str
    kind: str  # "fire" or "not_fire"
    index: int  # 1-based position in the table's list
    text: str
    span: str | None
    xfail: str | None

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.kind}-{self.index}"


def _table_files() -> list[Path]:
    return sorted(TABLES.glob("*.yaml"))


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict) or set(data) - {"rule", "fire", "not_fire"}:
        raise ValueError(f"{path.name}: expected a mapping with rule, fire, not_fire")
    return data


def _entry(path: Path, rule: str, kind: str, index: int, raw: object) -> Case:
    where = f"{path.name} {kind}[{index}]"
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise ValueError(f"{where}: an entry is a string or a mapping with 'text'")
    allowed = {"text", "xfail"} | ({"span"} if kind == "fire" else set())
    unknown = set(raw) - allowed
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    span = raw.get("span")
    if kind == "fire":
        if not isinstance(span, str) or not span:
            raise ValueError(f"{where}: a fire entry needs a non-empty 'span'")
        if span not in raw["text"]:
            raise ValueError(f"{where}: span {span!r} is not in the text")
    xfail = raw.get("xfail")
    if xfail is not None and (not isinstance(xfail, str) or not xfail.strip()):
        raise ValueError(f"{where}: 'xfail' must be a non-empty reason")
    return Case(rule, kind, index, raw["text"], span, xfail)


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in _table_files():
        data = _load(path)
        rule = data["rule"]
        if rule != path.stem:
            raise ValueError(f"{path.name}: rule {rule!r} does not match the file name")
        for kind in ("fire", "not_fire"):
            for index, raw in enumerate(data.get(kind) or [], start=1):
                cases.append(_entry(path, rule, kind, index, raw))
    return cases


CASES = load_cases()


def _param(case: Case):
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@cache
def _findings(text: str) -> tuple[Finding, ...]:
    return tuple(lint_text(text))


def _describe(findings: tuple[Finding, ...]) -> str:
    if not findings:
        return "no findings"
    return "; ".join(f"{f.rule} {f.text!r} [{f.start}:{f.end}] {f.message}" for f in findings)


@pytest.mark.parametrize("case", [_param(c) for c in CASES if c.kind == "fire"])
def test_fires(case: Case) -> None:
    findings = _findings(case.text)
    start = case.text.index(case.span)
    end = start + len(case.span)
    hits = [f for f in findings if f.rule == case.rule and f.start < end and start < f.end]
    assert hits, (
        f"expected {case.rule} overlapping {case.span!r} in {case.text!r}; "
        f"got {_describe(findings)}"
    )


@pytest.mark.parametrize("case", [_param(c) for c in CASES if c.kind == "not_fire"])
def test_does_not_fire(case: Case) -> None:
    findings = _findings(case.text)
    hits = tuple(f for f in findings if f.rule == case.rule)
    assert not hits, f"expected no {case.rule} in {case.text!r}; got {_describe(hits)}"


def test_every_rule_has_a_table_with_enough_examples() -> None:
    infos = load_ruleset().infos
    counts: dict[str, list[int]] = {}
    for case in CASES:
        fire, not_fire = counts.setdefault(case.rule, [0, 0])
        counts[case.rule] = [fire + (case.kind == "fire"), not_fire + (case.kind == "not_fire")]
    problems = []
    for code, info in sorted(infos.items()):
        need_fire, need_not = MINIMUM[info.kind]  # term: GL1xx; claim: GL2xx, GL3xx
        fire, not_fire = counts.get(code, [0, 0])
        if code not in counts:
            problems.append(f"{code}: no table tests/rules/{code}.yaml")
        elif fire < need_fire or not_fire < need_not:
            problems.append(
                f"{code}: {fire} fire / {not_fire} not_fire, need {need_fire} / {need_not}"
            )
    unknown = sorted(set(counts) - set(infos))
    problems.extend(f"{code}: table for a rule that does not exist" for code in unknown)
    assert not problems, "\n".join(problems)


def test_texts_are_unique_within_a_table() -> None:
    seen: dict[tuple[str, str], str] = {}
    duplicates = []
    for case in CASES:
        key = (case.rule, case.text)
        if key in seen:
            duplicates.append(f"{case.id} repeats {seen[key]}: {case.text!r}")
        seen.setdefault(key, case.id)
    assert not duplicates, "\n".join(duplicates)
