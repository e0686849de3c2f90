"""Score genai-lint on the labelled evaluation set: precision and recall per rule.

Usage: python eval/score.py [eval/sentences.yaml] [--verbose]

A finding counts as a true positive when it has the expected rule and overlaps the expected
span (the offending words); any other finding is a false positive. Document-level rules
(``acronym``, ``consistency``) judge a whole document, not a sentence, and are not scored here.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from linter.api import lint_text, ruleset
from linter.config import Config

HERE = Path(__file__).parent
#: rule kinds that judge a whole document (first use, one variant), so not a lone sentence
DOCUMENT_KINDS = ("acronym", "consistency")


def _span(text: str, expected: str) -> tuple[int, int]:
    start = text.find(expected)
    if start == -1:
        raise SystemExit(f"span {expected!r} not found in {text!r}")
    return start, start + len(expected)


def score(
    cases: list[dict], verbose: bool = False, by: str = "rule"
) -> tuple[Counter, Counter, Counter]:
    """True positives, false positives and false negatives per rule (or per case ``category``)."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    rules = ruleset(Config())
    skipped = [code for kind in DOCUMENT_KINDS for code in rules.codes_of_kind(kind)]
    for case in cases:
        text = case["text"]
        findings = lint_text(text, syntax="markdown", ignore=skipped)
        expected = [(e["rule"], *_span(text, e["span"])) for e in case.get("expect") or []]
        used: set[int] = set()
        for rule, start, end in expected:
            hit = next(
                (
                    i
                    for i, f in enumerate(findings)
                    if i not in used and f.rule == rule and f.start < end and start < f.end
                ),
                None,
            )
            group = rule if by == "rule" else case.get("category", "?")
            if hit is None:
                fn[group] += 1
                if verbose:
                    print(f"MISS {case['id']} {rule} {text[start:end]!r}: {text}")
            else:
                used.add(hit)
                tp[group] += 1
        for i, finding in enumerate(findings):
            if i not in used:
                fp[finding.rule if by == "rule" else case.get("category", "?")] += 1
                if verbose:
                    print(f"FP   {case['id']} {finding.rule} {finding.text!r}: {text}")
    return tp, fp, fn


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(HERE / "sentences.yaml"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--by", choices=("rule", "category"), default="rule",
                        help="group the figures by expected rule or by the case's category")
    args = parser.parse_args(argv)
    cases = yaml.safe_load(Path(args.file).read_text(encoding="utf-8"))
    tp, fp, fn = score(cases, args.verbose, args.by)
    print(f"{args.by:14} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    for rule in sorted(set(tp) | set(fp) | set(fn)):
        print(
            f"{rule:14} {tp[rule]:4} {fp[rule]:4} {fn[rule]:4} "
            f"{_ratio(tp[rule], tp[rule] + fp[rule]):>9} {_ratio(tp[rule], tp[rule] + fn[rule]):>7}"
        )
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'all':14} {t:4} {f:4} {n:4} {_ratio(t, t + f):>9} {_ratio(t, t + n):>7}")
    print(
        f"{len(cases)} sentences, {sum(1 for c in cases if not c.get('expect'))} without findings"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
