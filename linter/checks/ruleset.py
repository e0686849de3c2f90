"""Load and validate YAML rule files into a :class:`RuleSet`.

A rule file names a ``kind`` (a rule may name its own); the kind's registration
(:mod:`linter.checks.registry`) says which keys its rules take and builds them. Errors are
:class:`~linter.datafiles.lines.YamlError` naming the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.checks.base import DocumentCheck, ProseCheck, SentenceChecker
from linter.checks.info import RuleInfo
from linter.checks.registry import (
    BuildContext,
    CheckerSettings,
    RuleError,
    RuleKind,
    Scope,
    kinds,
)
from linter.datafiles import schema
from linter.datafiles.lines import LineDict, YamlError
from linter.datafiles.packaged import packaged_path
from linter.datafiles.yamlload import load_yaml
from linter.findings import Severity

_CODE = re.compile(r"^[A-Z]{1,6}\d{2,4}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Keys every rule may have, whatever its kind (a kind adds its own, see ``rule_kind``).
COMMON_KEYS = frozenset({
    "fixable",
    "code",
    "name",
    "severity",
    "rationale",
    "summary",
    "examples",
    "sources",
    "message",
    "kind",
})
#: YAML rule files shipped with genai-lint (``rules/`` in the source tree).
DEFAULT_RULE_FILES = ("terms.yaml", "claims.yaml", "acronyms.yaml", "style.yaml", "names.yaml")


@dataclass(frozen=True)
class RuleSet:
    """Every loaded rule's metadata, plus the compiled checks by scope."""

    infos: dict[str, RuleInfo]
    by_name: dict[str, str] = field(default_factory=dict)
    #: the checks with ``find(segment)``, and with ``start_document()``, in load order
    prose_checks: tuple[ProseCheck, ...] = ()
    document_checks: tuple[DocumentCheck, ...] = ()
    #: the kind whose rules one parser-based checker runs (see ``sentence_checker``)
    sentence_kind: RuleKind | None = None

    def resolve(self, ref: str) -> str | None:
        """A rule code for a code or a name (case-insensitive code), or None."""
        upper = ref.upper()
        if upper in self.infos:
            return upper
        return self.by_name.get(ref.lower())

    def codes_of_kind(self, kind: str) -> frozenset[str]:
        return frozenset(code for code, info in self.infos.items() if info.kind == kind)

    @property
    def sentence_codes(self) -> frozenset[str]:
        """The codes of the rules a sentence checker runs (the claim rules)."""
        kind = self.sentence_kind
        return self.codes_of_kind(kind.name) if kind is not None else frozenset()

    def sentence_checker(
        self, active: frozenset[str], settings: CheckerSettings
    ) -> SentenceChecker | None:
        """The checker of the sentence rules, when one of them is ``active``."""
        kind, codes = self.sentence_kind, self.sentence_codes
        if kind is None or kind.checker is None or not codes & active:
            return None
        return kind.checker([self.infos[code] for code in sorted(codes)], settings)


def load_ruleset(
    extra_files: Sequence[Path] = (), knowledge_files: Sequence[Path] = ()
) -> RuleSet:
    """Load the shipped rule files, then ``extra_files``; a bad file raises YamlError.

    ``knowledge_files`` extend the shipped knowledge base for the rules that read it
    (``name-spelling``); it is loaded only when such a rule first runs."""
    registered = kinds()
    context = BuildContext(tuple(knowledge_files))
    paths = [packaged_path(name) for name in DEFAULT_RULE_FILES] + list(extra_files)
    infos: dict[str, RuleInfo] = {}
    built: list[tuple[RuleKind, Any]] = []
    shipped = len(paths) - len(extra_files)
    for index, path in enumerate(paths):
        for info, entry in _entries(path, registered, validate_schema=index >= shipped):
            if info.code in infos:
                raise YamlError(path, entry.line, f"duplicate rule code {info.code}")
            infos[info.code] = info
            kind = registered[info.kind]
            built.append((kind, _build(path, kind, info, entry, context)))
    rules = [rule for _, rule in built]
    built = [(kind, kind.link(rule, rules) if kind.link else rule) for kind, rule in built]
    by_name = {info.name: code for code, info in infos.items()}
    prose = tuple(rule for kind, rule in built if kind.scope is Scope.PROSE)
    document = tuple(rule for kind, rule in built if kind.scope is Scope.DOCUMENT)
    sentence = next((k for k in registered.values() if k.scope is Scope.SENTENCES), None)
    return RuleSet(infos, by_name, prose, document, sentence)


def _build(
    path: Path, kind: RuleKind, info: RuleInfo, entry: LineDict, context: BuildContext
) -> Any:
    """The rule of one entry, built by its kind (a problem in the kind's keys: YamlError)."""
    try:
        return kind.build(info, entry, context)
    except RuleError as exc:
        line = entry.line_of(exc.key) if exc.key else entry.line
        raise YamlError(path, line, exc.message) from None


def _entries(
    path: Path, registered: Mapping[str, RuleKind], validate_schema: bool = False
) -> Iterable[tuple[RuleInfo, LineDict]]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise YamlError(path, 1, "a rule file must be a mapping with 'kind' and 'rules'")
    kind = data.get("kind")
    if kind not in registered:
        known = ", ".join(sorted(registered))
        raise YamlError(path, _line(data, "kind"), f"'kind' must be one of {known}, got {kind!r}")
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise YamlError(path, _line(data, "rules"), "'rules' must be a non-empty list")
    for entry in rules:
        if not isinstance(entry, LineDict):
            raise YamlError(path, _line(data, "rules"), "each rule must be a mapping")
        yield _info(path, registered[_rule_kind(path, registered, kind, entry)], entry), entry
    if validate_schema:  # after the hand checks, whose messages are more specific
        schema.validate(path, data, schema.RULES_SCHEMA)


def _rule_kind(
    path: Path, registered: Mapping[str, RuleKind], default: object, entry: LineDict
) -> str:
    """A rule's own ``kind`` (a file may mix kinds), else the file's."""
    kind = entry.get("kind", default)
    if kind not in registered:
        known = ", ".join(sorted(registered))
        raise YamlError(path, entry.line_of("kind"), f"'kind' must be one of {known}, got {kind!r}")
    return str(kind)


def _info(path: Path, kind: RuleKind, entry: LineDict) -> RuleInfo:
    allowed = COMMON_KEYS | kind.keys
    for key in entry:
        if key not in allowed:
            raise YamlError(path, entry.line_of(key),
                            f"unknown key {key!r} in a {kind.name} rule")
    code = _required_str(path, entry, "code")
    if not _CODE.match(code):
        raise YamlError(path, entry.line_of("code"), f"bad rule code {code!r} (e.g. GL101)")
    name = _required_str(path, entry, "name")
    if not _NAME.match(name):
        raise YamlError(path, entry.line_of("name"), f"rule name {name!r} must be kebab-case")
    try:
        severity = Severity.parse(_required_str(path, entry, "severity"))
    except ValueError as exc:
        raise YamlError(path, entry.line_of("severity"), str(exc)) from None
    examples = entry.get("examples") or {}
    if not isinstance(examples, dict) or not all(
        isinstance(v, list) and all(isinstance(s, str) for s in v) for v in examples.values()
    ):
        raise YamlError(
            path,
            entry.line_of("examples"),
            "'examples' must map bad/good/fixed to lists of strings",
        )
    sources = entry.get("sources") or []
    return RuleInfo(
        code=code,
        name=name,
        kind=kind.name,
        severity=severity,
        summary=str(entry.get("summary") or _first_sentence(str(entry.get("rationale", "")))),
        rationale=str(entry.get("rationale", "")).strip(),
        fixable=kind.fixable or bool(entry.get("fixable", False)),
        examples={k: tuple(v) for k, v in examples.items()},
        sources=tuple(str(s) for s in sources),
        origin=str(path.resolve()),
        fix_safe=kind.safe_fixes,
    )


def _required_str(path: Path, entry: LineDict, key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise YamlError(path, entry.line_of(key), f"rule key {key!r} must be a non-empty string")
    return value


def _line(data: Any, key: str) -> int:
    return data.line_of(key) if isinstance(data, LineDict) else 1


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]
