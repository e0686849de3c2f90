"""Load and validate YAML rule files into a :class:`RuleSet`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from linter.checks import terms
from linter.findings import Severity
from linter.patterns import PatternError
from linter.ruleinfo import RuleInfo
from linter.yamlload import LineDict, YamlError, load_yaml

_CODE = re.compile(r"^[A-Z]{1,6}\d{2,4}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COMMON_KEYS = {
    "fixable",
    "code",
    "name",
    "severity",
    "rationale",
    "summary",
    "examples",
    "sources",
    "message",
}
_KIND_KEYS = {
    "term": {
        "preferred",
        "variants",
        "replacements",
        "not_followed_by",
        "requires_context",
        "plural_only",
    },
    "claim": set(),
}
#: YAML rule files shipped with genai-lint (``rules/`` in the source tree).
DEFAULT_RULE_FILES = ("terms.yaml", "claims.yaml")


def packaged_path(name: str) -> Path:
    """Path of a data file shipped in the ``linter.rules`` package (wheel or editable)."""
    return Path(str(resources.files("linter.rules").joinpath(name)))


@dataclass(frozen=True)
class RuleSet:
    """Every loaded rule's metadata, plus the compiled checks by kind."""

    infos: dict[str, RuleInfo]
    term_rules: tuple[terms.TermRule, ...] = ()
    by_name: dict[str, str] = field(default_factory=dict)

    def resolve(self, ref: str) -> str | None:
        """A rule code for a code or a name (case-insensitive code), or None."""
        upper = ref.upper()
        if upper in self.infos:
            return upper
        return self.by_name.get(ref.lower())

    def codes_of_kind(self, kind: str) -> frozenset[str]:
        return frozenset(code for code, info in self.infos.items() if info.kind == kind)


def load_ruleset(extra_files: Sequence[Path] = ()) -> RuleSet:
    """Load the shipped rule files, then ``extra_files``; a bad file raises YamlError."""
    paths = [packaged_path(name) for name in DEFAULT_RULE_FILES] + list(extra_files)
    infos: dict[str, RuleInfo] = {}
    term_rules: list[terms.TermRule] = []
    for path in paths:
        for info, entry in _entries(path):
            if info.code in infos:
                raise YamlError(path, entry.line, f"duplicate rule code {info.code}")
            infos[info.code] = info
            if info.kind == "term":
                term_rules.append(_build_term(path, info, entry))
    by_name = {info.name: code for code, info in infos.items()}
    return RuleSet(infos, tuple(term_rules), by_name)


def _entries(path: Path) -> Iterable[tuple[RuleInfo, LineDict]]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise YamlError(path, 1, "a rule file must be a mapping with 'kind' and 'rules'")
    kind = data.get("kind")
    if kind not in _KIND_KEYS:
        known = ", ".join(sorted(_KIND_KEYS))
        raise YamlError(path, _line(data, "kind"), f"'kind' must be one of {known}, got {kind!r}")
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise YamlError(path, _line(data, "rules"), "'rules' must be a non-empty list")
    for entry in rules:
        if not isinstance(entry, LineDict):
            raise YamlError(path, _line(data, "rules"), "each rule must be a mapping")
        yield _info(path, kind, entry), entry


def _info(path: Path, kind: str, entry: LineDict) -> RuleInfo:
    allowed = _COMMON_KEYS | _KIND_KEYS[kind]
    for key in entry:
        if key not in allowed:
            raise YamlError(path, entry.line_of(key), f"unknown key {key!r} in a {kind} rule")
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
        kind=kind,
        severity=severity,
        summary=str(entry.get("summary") or _first_sentence(str(entry.get("rationale", "")))),
        rationale=str(entry.get("rationale", "")).strip(),
        fixable=kind == "term" or bool(entry.get("fixable", False)),
        examples={k: tuple(v) for k, v in examples.items()},
        sources=tuple(str(s) for s in sources),
        origin=str(path.resolve()),
    )


def _build_term(path: Path, info: RuleInfo, entry: LineDict) -> terms.TermRule:
    _required_str(path, entry, "preferred")
    variants = entry.get("variants")
    if (
        not isinstance(variants, list)
        or not variants
        or not all(isinstance(v, str) and v for v in variants)
    ):
        raise YamlError(path, entry.line_of("variants"), "'variants' must be a list of strings")
    try:
        return terms.build(info, entry)
    except PatternError as exc:
        raise YamlError(path, entry.line, f"rule {info.code}: {exc}") from None


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
