"""Claim analysis: what sentences assert about AI systems, checked against the knowledge base.

spaCy is imported only by :mod:`linter.claims.analyzer` and :mod:`linter.nlp`, and only when
a candidate sentence exists.
"""

from __future__ import annotations

from linter.claims.analyzer import ClaimAnalyzer

__all__ = ["ClaimAnalyzer"]
