"""The closed vocabulary of rule kinds: each kind registers itself once, with :func:`rule_kind`.

A kind is one module of :mod:`linter.checks.kinds` whose ``build`` function is decorated::

    @rule_kind("existence", scope=Scope.PROSE, keys=("tokens", "ignorecase"))
    def build(info: RuleInfo, entry: Mapping[str, Any], context: BuildContext) -> ExistenceRule:
        ...

The registration says everything the rest of genai-lint needs to know about the kind: the
YAML keys a rule of it may have besides the common ones, whether its fixes are offered and
safe, and how the engine runs its rules (its :class:`Scope`). :func:`kinds` imports every
module of :mod:`linter.checks.kinds` on first use, so adding a kind is adding a module there.

``build`` validates the kind's own keys: a problem raises :class:`RuleError` naming the key,
and the loader (:mod:`linter.checks.ruleset`) adds the file and line.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from linter.checks.base import SentenceChecker
from linter.checks.info import RuleInfo


class Scope(enum.Enum):
    """How the engine runs the rules of a kind."""

    #: ``rule.find(segment)`` on every prose segment (:class:`~linter.checks.base.ProseCheck`)
    PROSE = "prose"
    #: ``rule.start_document()`` fed a document's segments in order
    #: (:class:`~linter.checks.base.DocumentCheck`)
    DOCUMENT = "document"
    #: one :class:`~linter.checks.base.SentenceChecker` for all the kind's rules, run on
    #: candidate sentences that a parser reads (the claim rules)
    SENTENCES = "sentences"


class RuleError(ValueError):
    """A rule's ``key`` (None: the rule as a whole) is wrong; ``message`` says how."""

    def __init__(self, key: str | None, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


@dataclass(frozen=True)
class BuildContext:
    """What building a rule may need besides its entry: the knowledge files of the run."""

    knowledge_files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class CheckerSettings:
    """What a :attr:`Scope.SENTENCES` kind's checker needs: the spaCy pipeline to load (None:
    the default) and the knowledge files that extend the shipped knowledge base."""

    model: str | None = None
    knowledge_files: tuple[Path, ...] = ()


#: ``build(info, entry, context)``: the compiled rule of one validated entry
Builder = Callable[[RuleInfo, Mapping[str, Any], BuildContext], Any]
#: ``link(rule, rules)``: the rule again, once every rule of the run is built
Linker = Callable[[Any, Sequence[Any]], Any]
#: ``checker(infos, settings)``: the one checker of a :attr:`Scope.SENTENCES` kind's rules
CheckerFactory = Callable[[Sequence[RuleInfo], CheckerSettings], SentenceChecker]


@dataclass(frozen=True)
class RuleKind:
    """One registered kind (see :func:`rule_kind`)."""

    name: str
    scope: Scope
    build: Builder
    keys: frozenset[str]
    fixable: bool = False
    safe_fixes: bool = False
    link: Linker | None = None
    checker: CheckerFactory | None = None


_KINDS: dict[str, RuleKind] = {}
_WALKED: list[bool] = []  # [True] once every module of the package is imported
_PACKAGE = "linter.checks.kinds"

F = TypeVar("F", bound=Builder)


def rule_kind(
    name: str,
    *,
    scope: Scope,
    keys: Iterable[str] = (),
    fixable: bool = False,
    safe_fixes: bool = False,
    link: Linker | None = None,
    checker: CheckerFactory | None = None,
) -> Callable[[F], F]:
    """Register the decorated ``build`` function as rule kind ``name``.

    ``keys``: the YAML keys the kind adds to the common ones. ``fixable``: its rules offer
    fixes (a rule of another kind may still say ``fixable: true``). ``safe_fixes``: its fixes
    keep the author's meaning and ``--fix`` applies them; other fixes need
    ``--unsafe-fixes``. ``link``: called with each built rule and all the rules of the run
    (a rule that defers to rules of another kind). ``checker``: for a
    :attr:`Scope.SENTENCES` kind, builds the one checker of its active rules.
    """
    if (scope is Scope.SENTENCES) != (checker is not None):
        raise ValueError(f"rule kind {name!r}: a checker goes with the sentences scope only")

    def register(build: F) -> F:
        if name in _KINDS:
            raise ValueError(f"rule kind {name!r} is registered twice")
        if scope is Scope.SENTENCES and any(k.scope is scope for k in _KINDS.values()):
            raise ValueError(f"rule kind {name!r}: the engine runs one sentence checker")
        _KINDS[name] = RuleKind(name, scope, build, frozenset(keys), fixable, safe_fixes,
                                link, checker)
        return build

    return register


def kinds() -> Mapping[str, RuleKind]:
    """Every rule kind by name; the modules of :mod:`linter.checks.kinds` are imported (and so
    register themselves) on the first call."""
    if not _WALKED:
        package = importlib.import_module(_PACKAGE)
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{_PACKAGE}.{module.name}")
        _WALKED.append(True)
    return _KINDS


# -- validating a kind's own keys (raising RuleError; the loader adds file and line) ---------


def required_string(entry: Mapping[str, Any], key: str) -> str:
    """``entry[key]``, a non-empty string."""
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleError(key, f"rule key {key!r} must be a non-empty string")
    return value


def required_strings(entry: Mapping[str, Any], key: str) -> list[str]:
    """``entry[key]``, a non-empty list of non-blank strings."""
    value = entry.get(key)
    if not isinstance(value, list) or not value or not all(
        isinstance(v, str) and v.strip() for v in value
    ):
        raise RuleError(key, f"{key!r} must be a list of strings")
    return value


def optional_strings(entry: Mapping[str, Any], key: str) -> list[str]:
    """``entry[key]`` when present (a list of non-blank strings, maybe empty), else []."""
    if key not in entry:
        return []
    value = entry[key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(key, f"{key!r} must be a list of strings")
    return value


def optional_flag(entry: Mapping[str, Any], key: str, default: bool) -> bool:
    """``entry[key]`` when present (true or false), else ``default``."""
    if key not in entry:
        return default
    if not isinstance(entry[key], bool):
        raise RuleError(key, f"{key!r} must be true or false")
    return bool(entry[key])
