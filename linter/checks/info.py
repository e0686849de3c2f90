"""Metadata every rule carries, whatever its kind: what ``rules``, ``explain`` and SARIF show."""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.findings import Severity


@dataclass(frozen=True)
class RuleInfo:
    """A rule's identity and documentation.

    ``code`` is stable (``GL101``), ``name`` kebab-case (``chatgpt-name``). ``examples`` maps
    ``bad``/``good``/``fixed`` to example sentences. ``sources`` cite where the rule's facts
    come from (source ids of the knowledge base, or URLs).
    """

    code: str
    name: str
    kind: str
    severity: Severity
    summary: str
    rationale: str = ""
    fixable: bool = False
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    origin: str = ""  # the rule file that defines it
    #: whether the rule's fixes are safe (applied by ``--fix``) or need ``--unsafe-fixes``
    fix_safe: bool = False

    @property
    def fix_applicability(self) -> str | None:
        """``"safe"``, ``"unsafe"``, or ``None`` for a rule without automatic fixes."""
        if not self.fixable:
            return None
        return "safe" if self.fix_safe else "unsafe"
