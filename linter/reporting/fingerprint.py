"""Line-independent identities of findings, shared by SARIF output and baselines."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from linter.findings import Finding


def fingerprint_all(findings: Sequence[Finding]) -> list[str]:
    """A line-independent fingerprint per finding, in the order given.

    It hashes the rule, the path, the flagged text and the finding's rank among findings
    with the same rule and text in the same file (in source order), so inserting or
    deleting lines elsewhere does not change it.
    """
    order = sorted(
        range(len(findings)),
        key=lambda i: (*findings[i].sort_key, findings[i].end_line, findings[i].end_column),
    )
    seen: Counter[tuple[str, str, str]] = Counter()
    result = [""] * len(findings)
    for i in order:
        finding = findings[i]
        key = (finding.path, finding.rule, finding.text)
        occurrence = seen[key]
        seen[key] += 1
        payload = "\0".join((finding.rule, finding.path, finding.text, str(occurrence)))
        result[i] = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return result
