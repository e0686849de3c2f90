"""Load and validate YAML rule files into a :class:`RuleSet`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.checks.info import RuleInfo
from linter.checks.kinds import (
    acronym,
    capitalization,
    consistency,
    existence,
    spelling,
    substitution,
    terms,
)
from linter.checks.patterns import PatternError, compile_pattern
from linter.datafiles import schema
from linter.datafiles.lines import LineDict, YamlError
from linter.datafiles.packaged import packaged_path
from linter.datafiles.yamlload import load_yaml
from linter.findings import Severity

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
    "claim": {"messages"},
    "existence": {"tokens", "ignorecase"},
    "substitution": {"swap", "ignorecase"},
    "consistency": {"variants", "ignorecase"},
    "acronym": {"acronym", "expansion"},
    "capitalization": {"terms"},
    "name-spelling": {"context", "allow"},
}
#: per kind: the builder and the keys it requires (a list of strings, or a mapping for ``swap``)
_BUILDERS: dict[str, tuple[Callable[[RuleInfo, dict], Any], tuple[str, ...]]] = {
    "existence": (existence.build, ("tokens",)),
    "substitution": (substitution.build, ("swap",)),
    "consistency": (consistency.build, ("variants",)),
    "acronym": (acronym.build, ("acronym", "expansion")),
    "capitalization": (capitalization.build, ("terms",)),
    "name-spelling": (spelling.build, ()),
}
#: optional keys of the word-list kinds that hold a list of strings
_OPTIONAL_LISTS = frozenset({"context", "allow"})
_FIXABLE_KINDS = frozenset(
    {"term", "substitution", "consistency", "acronym", "capitalization", "name-spelling"}
)
#: Kinds whose fixes keep the author's meaning (a name's spelling, a product's vendor): ``--fix``
#: applies them. The other fixable kinds rewrite style and need ``--unsafe-fixes``.
SAFE_FIX_KINDS = frozenset({"term", "name-spelling", "claim"})
#: YAML rule files shipped with genai-lint (``rules/`` in the source tree).
DEFAULT_RULE_FILES = ("terms.yaml", "claims.yaml", "acronyms.yaml", "style.yaml", "names.yaml")


@dataclass(frozen=True)
class RuleSet:
    """Every loaded rule's metadata, plus the compiled checks by kind."""

    infos: dict[str, RuleInfo]
    term_rules: tuple[terms.TermRule, ...] = ()
    by_name: dict[str, str] = field(default_factory=dict)
    #: every check with ``find(segment)`` (term rules first), and with ``start_document()``
    prose_checks: tuple[Any, ...] = ()
    document_checks: tuple[Any, ...] = ()

    def resolve(self, ref: str) -> str | None:
        """A rule code for a code or a name (case-insensitive code), or None."""
        upper = ref.upper()
        if upper in self.infos:
            return upper
        return self.by_name.get(ref.lower())

    def codes_of_kind(self, kind: str) -> frozenset[str]:
        return frozenset(code for code, info in self.infos.items() if info.kind == kind)


def load_ruleset(
    extra_files: Sequence[Path] = (), knowledge_files: Sequence[Path] = ()
) -> RuleSet:
    """Load the shipped rule files, then ``extra_files``; a bad file raises YamlError.

    ``knowledge_files`` extend the shipped knowledge base for the rules that read it
    (``name-spelling``); it is loaded only when such a rule first runs."""
    paths = [packaged_path(name) for name in DEFAULT_RULE_FILES] + list(extra_files)
    infos: dict[str, RuleInfo] = {}
    term_rules: list[terms.TermRule] = []
    checks: list[Any] = []
    shipped = len(paths) - len(extra_files)
    for index, path in enumerate(paths):
        for info, entry in _entries(path, validate_schema=index >= shipped):
            if info.code in infos:
                raise YamlError(path, entry.line, f"duplicate rule code {info.code}")
            infos[info.code] = info
            if info.kind == "term":
                term_rules.append(_build_term(path, info, entry))
            elif info.kind in _BUILDERS:
                checks.append(_build_check(path, info, entry))
    checks = [
        spelling.bind(c, term_rules, knowledge_files)
        if isinstance(c, spelling.NameSpellingRule) else c
        for c in checks
    ]
    by_name = {info.name: code for code, info in infos.items()}
    prose = (*term_rules, *(c for c in checks if hasattr(c, "find")))
    document = tuple(c for c in checks if hasattr(c, "start_document"))
    return RuleSet(infos, tuple(term_rules), by_name, prose, document)


def _entries(path: Path, validate_schema: bool = False) -> Iterable[tuple[RuleInfo, LineDict]]:
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
        yield _info(path, _rule_kind(path, kind, entry), entry), entry
    if validate_schema:  # after the hand checks, whose messages are more specific
        schema.validate(path, data, schema.RULES_SCHEMA)


def _rule_kind(path: Path, default: str, entry: LineDict) -> str:
    """A rule's own ``kind`` (a file may mix kinds), else the file's."""
    kind = entry.get("kind", default)
    if kind not in _KIND_KEYS:
        known = ", ".join(sorted(_KIND_KEYS))
        raise YamlError(path, entry.line_of("kind"), f"'kind' must be one of {known}, got {kind!r}")
    return kind


def _info(path: Path, kind: str, entry: LineDict) -> RuleInfo:
    allowed = _COMMON_KEYS | _KIND_KEYS[kind] | {"kind"}
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
        fixable=kind in _FIXABLE_KINDS or bool(entry.get("fixable", False)),
        examples={k: tuple(v) for k, v in examples.items()},
        sources=tuple(str(s) for s in sources),
        origin=str(path.resolve()),
        fix_safe=kind in SAFE_FIX_KINDS,
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
    _check_term_keys(path, info, entry)
    try:
        return terms.build(info, entry)
    except PatternError as exc:
        raise YamlError(path, entry.line, f"rule {info.code}: {exc}") from None


def _build_check(path: Path, info: RuleInfo, entry: LineDict) -> Any:
    """A rule of one of the word-list kinds (see ``_BUILDERS``), its keys checked first."""
    build, required = _BUILDERS[info.kind]
    for key in required:
        value = entry.get(key)
        if key in ("acronym", "expansion"):
            _required_str(path, entry, key)
        elif key == "swap":
            if (
                not isinstance(value, dict)
                or not value
                or not all(
                    isinstance(k, str) and k and isinstance(v, str) and v for k, v in value.items()
                )
            ):
                raise YamlError(path, entry.line_of(key), "'swap' must map strings to strings")
        elif (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise YamlError(path, entry.line_of(key), f"{key!r} must be a list of strings")
    for key in _OPTIONAL_LISTS & set(entry):
        value = entry[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise YamlError(path, entry.line_of(key), f"{key!r} must be a list of strings")
    if "ignorecase" in entry and not isinstance(entry["ignorecase"], bool):
        raise YamlError(path, entry.line_of("ignorecase"), "'ignorecase' must be true or false")
    return build(info, entry)


def _check_term_keys(path: Path, info: RuleInfo, entry: LineDict) -> None:
    """The optional keys of a term rule: types, and patterns that RE2 compiles."""
    replacements = entry.get("replacements")
    if replacements is not None and not (
        isinstance(replacements, dict)
        and all(isinstance(k, str) and (v is None or isinstance(v, str))
                for k, v in replacements.items())
    ):
        raise YamlError(path, entry.line_of("replacements"),
                        "'replacements' must map variants to strings (or null)")
    if not isinstance(entry.get("plural_only", False), bool):
        raise YamlError(path, entry.line_of("plural_only"), "'plural_only' must be true or false")
    for key in ("not_followed_by", "requires_context"):
        pattern = entry.get(key)
        if pattern is None:
            continue
        if not isinstance(pattern, str):
            raise YamlError(path, entry.line_of(key),
                            f"rule {info.code}: {key!r} must be a pattern (a string)")
        try:
            compile_pattern(pattern)
        except PatternError as exc:
            raise YamlError(path, entry.line_of(key), f"rule {info.code}: {key}: {exc}") from None


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
