"""Find, read and validate the configuration: ``.genai-lint.yaml`` or ``[tool.genai-lint]``.

Keys may be written ``snake_case`` or ``kebab-case`` (``fail-on`` is ``fail_on``); a ``null``
value means the default. Errors are :class:`ConfigError`, one line naming the file, the key
and, when known, the line: YAML positions come from the composed node tree; ``pyproject.toml``
gives no positions, so its lines are found by a best-effort scan of the table's key lines.
Rule references (in ``select``, ``ignore``, ``severity``, ``per_file_ignores``,
``per_file_severity``) are checked
only for their shape here; the caller resolves them against the loaded rules.

``pyproject.toml`` is read with :mod:`tomllib` (Python 3.11+) or ``tomli``; on Python 3.10
without ``tomli``, :func:`find_config` skips ``pyproject.toml`` files and :func:`load_config`
refuses them with a ConfigError that says so.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from linter.files.discover import DEFAULT_EXTENSIONS, compile_globs
from linter.findings import Severity

if TYPE_CHECKING:  # PyYAML is imported only to read a YAML config
    import yaml



def _toml_module() -> ModuleType | None:
    """:mod:`tomllib` (or ``tomli`` on Python 3.10), imported only when a pyproject is read."""
    try:
        return importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    except ImportError:  # pragma: no cover - Python 3.10 without tomli
        return None

YAML_NAMES = (".genai-lint.yaml", ".genai-lint.yml")
TOML_TABLE = "tool.genai-lint"
_SEVERITY_WORDS = ("error", "warning", "suggestion")
#: a rule code (GL101), code prefix (GL1), ALL, or a kebab-case rule name (chatgpt-name)
_RULE_REF = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$")


@dataclass(frozen=True)
class Config:
    """Validated settings; sequences are tuples, paths are resolved against the config file."""

    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    model: str | None = None  # spaCy pipeline name override
    rule_files: tuple[Path, ...] = ()
    knowledge_files: tuple[Path, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: glob → {rule reference: severity}, applied over ``severity`` for matching paths
    per_file_severity: Mapping[str, Mapping[str, Severity]] = field(default_factory=dict)
    respect_gitignore: bool = True
    config_path: Path | None = None
    #: setting → where it is written (``file:line: 'key'``), for errors found after loading
    origins: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def root(self) -> Path | None:
        """The folder of the config file (what relative settings are relative to), if any."""
        return self.config_path.parent if self.config_path is not None else None

    def origin(self, key: str) -> str:
        """Where setting ``key`` (snake_case) is written: ``file:line: 'key'``, or the key."""
        return self.origins.get(key, repr(key))


class ConfigError(Exception):
    """A configuration problem; ``str()`` is ``file[:line]: message`` on one line."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = " ".join(message.split())
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {self.message}")


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a folder or a file).

    In each folder ``.genai-lint.yaml`` wins over ``.genai-lint.yml``, which wins over a
    ``pyproject.toml`` that has a ``[tool.genai-lint]`` table (see :func:`shadowed_table`);
    a ``pyproject.toml`` without one is passed over. A ``pyproject.toml`` that mentions
    genai-lint but is not valid TOML raises ConfigError.
    """
    folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in YAML_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def shadowed_table(path: Path) -> Path | None:
    """The ``pyproject.toml`` with a ``[tool.genai-lint]`` table next to the YAML config
    ``path``, which that file overrides (the table is then ignored); else ``None``."""
    if path.name not in YAML_NAMES:
        return None
    pyproject = path.parent / "pyproject.toml"
    try:
        return pyproject if pyproject.is_file() and _has_table(pyproject) else None
    except ConfigError:  # a broken pyproject.toml is not read at all
        return None


def load_config(path: Path | None) -> Config:
    """Read and validate a config file (``*.toml``: its ``[tool.genai-lint]``; else YAML).

    ``None`` gives the defaults.
    """
    if path is None:
        return Config()
    path = Path(path)
    shown = _display(path)
    text = _read(path, shown)
    tree = _toml_tree(text, shown) if path.suffix == ".toml" else _yaml_tree(text, shown)
    if tree is None:
        return Config(config_path=path)
    return _Validator(shown, path, toml=path.suffix == ".toml").build(tree)


# -- located trees: parsed values that remember their line -------------------------------------


@dataclass(frozen=True)
class _Node:
    """A parsed value and its 1-based line; lists hold nodes, mappings (key, value) pairs."""

    kind: str  # "scalar", "list", "map"
    value: Any
    line: int | None


def _yaml_tree(text: str, shown: str) -> _Node | None:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if root is None:
            return None
        return _from_yaml(root, yaml.SafeLoader(""), {})
    except RecursionError:
        raise ConfigError(shown, None, "invalid YAML: nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = "; ".join(part for part in (exc.context, exc.problem) if part) or str(exc)
        if "nesting depth" in reason:  # PyYAML >= 6.0.4 reports deep nesting itself
            reason = "nested too deeply"
        raise ConfigError(shown, line, f"invalid YAML: {reason}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        message = f"invalid YAML: {exc.reason} #x{exc.character:04x}"
        raise ConfigError(shown, line, message) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error is one of the above
        raise ConfigError(shown, None, f"invalid YAML: {exc}") from None


def _from_yaml(node: yaml.Node, loader: yaml.SafeLoader, done: dict[int, _Node]) -> _Node:
    """The located tree of a composed node. A node met again (a YAML alias) is shared, not
    copied: nested aliases would otherwise grow exponentially (a "billion laughs" file),
    and a recursive alias would never end."""
    import yaml

    if id(node) in done:
        return done[id(node)]
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        pairs: list[tuple[_Node, _Node]] = []
        located = done[id(node)] = _Node("map", pairs, line)
        pairs.extend((_from_yaml(k, loader, done), _from_yaml(v, loader, done))
                     for k, v in node.value)
        return located
    if isinstance(node, yaml.SequenceNode):
        items: list[_Node] = []
        located = done[id(node)] = _Node("list", items, line)
        items.extend(_from_yaml(item, loader, done) for item in node.value)
        return located
    located = done[id(node)] = _Node("scalar", loader.construct_object(node, deep=True), line)
    return located


def _toml_tree(text: str, shown: str) -> _Node:
    tool = _parse_toml(text, shown).get("tool")
    table = tool.get("genai-lint") if isinstance(tool, dict) else None
    if table is None:
        raise ConfigError(shown, None, f"no [{TOML_TABLE}] table")
    lines = _toml_key_lines(text)
    if not isinstance(table, dict):
        raise ConfigError(shown, lines.get(""), f"[{TOML_TABLE}] must be a table")
    pairs = []
    for key, value in table.items():
        line = lines.get(key)
        pairs.append((_Node("scalar", key, line), _from_python(value, line)))
    return _Node("map", pairs, lines.get(""))


def _from_python(value: Any, line: int | None) -> _Node:
    if isinstance(value, dict):
        pairs = [(_Node("scalar", k, line), _from_python(v, line)) for k, v in value.items()]
        return _Node("map", pairs, line)
    if isinstance(value, list):
        return _Node("list", [_from_python(v, line) for v in value], line)
    return _Node("scalar", value, line)


def _parse_toml(text: str, shown: str) -> dict[str, Any]:
    tomllib = _toml_module()
    if tomllib is None:  # pragma: no cover - Python 3.10 without tomli
        raise ConfigError(shown, None, "reading pyproject.toml needs Python 3.11+ or 'tomli'")
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$", message)
        line = None
        if found:
            line = int(found.group(1)) if found.group(1) else max(len(text.splitlines()), 1)
            message = message[: found.start()]
        raise ConfigError(shown, line, f"invalid TOML: {message}") from None


_TOML_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_TOML_KEY = re.compile(r"""^\s*["']?([A-Za-z0-9_-]+)["']?\s*=""")


def _toml_key_lines(text: str) -> dict[str, int]:
    """Best effort: line of each key in ``[tool.genai-lint]`` ("" is the header's line)."""
    lines: dict[str, int] = {}
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TOML_HEADER.match(line)
        if header:
            section = ".".join(p.strip().strip("\"'") for p in header.group(1).split("."))
            if section == TOML_TABLE:
                lines.setdefault("", number)
            elif section.startswith(TOML_TABLE + "."):
                lines.setdefault(section[len(TOML_TABLE) + 1 :].split(".")[0], number)
            continue
        key = _TOML_KEY.match(line)
        if key and section == TOML_TABLE:
            lines.setdefault(key.group(1), number)
    return lines


# -- validation ------------------------------------------------------------------------------


class _Validator:
    """Turns a located tree into a Config, raising ConfigError at the first problem."""

    def __init__(self, shown: str, path: Path, *, toml: bool) -> None:
        self.shown = shown
        self.path = path
        self.toml = toml

    def fail(self, node: _Node, message: str) -> ConfigError:
        return ConfigError(self.shown, node.line, message)

    def build(self, tree: _Node) -> Config:
        if tree.kind != "map":
            raise self.fail(tree, f"expected a mapping of settings, got {_describe(tree)}")
        values: dict[str, Any] = {}
        seen: dict[str, _Node] = {}
        for key_node, value_node in tree.value:
            key = key_node.value
            if key_node.kind != "scalar" or not isinstance(key, str):
                raise self.fail(key_node, f"keys must be strings, got {_describe(key_node)}")
            canonical = key.replace("-", "_")
            if canonical not in _CHECKS:
                raise self.fail(key_node, self._unknown(key))
            if canonical in seen:
                first = seen[canonical]
                on_line = f" on line {first.line}" if first.line else ""
                raise self.fail(key_node, f"duplicate key {key!r} (also set as "
                                          f"{first.value!r}{on_line})")
            seen[canonical] = key_node
            if value_node.kind == "scalar" and value_node.value is None:
                continue  # null: keep the default
            values[canonical] = _CHECKS[canonical](self, key, value_node)
        origins = {
            canonical: f"{self.shown}:{node.line}: {node.value!r}" if node.line
            else f"{self.shown}: {node.value!r}"
            for canonical, node in seen.items()
        }
        return Config(**values, config_path=self.path, origins=origins)

    def _unknown(self, key: str) -> str:
        where = f" in [{TOML_TABLE}]" if self.toml else ""
        import difflib  # only for a did-you-mean

        close = difflib.get_close_matches(key.replace("-", "_"), list(_CHECKS), n=1, cutoff=0.6)
        if not close:
            return f"unknown key {key!r}{where}"
        suggestion = close[0].replace("_", "-") if "-" in key else close[0]
        return f"unknown key {key!r}{where} (did you mean {suggestion!r}?)"

    # value checks: each takes the key as written and the value node

    def strings(self, key: str, node: _Node) -> list[tuple[_Node, str]]:
        if node.kind != "list":
            raise self.fail(node, f"{key!r} must be a list of strings, got {_describe(node)}")
        out = []
        for item in node.value:
            if item.kind != "scalar" or not isinstance(item.value, str) or not item.value.strip():
                raise self.fail(item, f"{key!r} items must be non-empty strings, "
                                      f"got {_describe(item)}")
            out.append((item, item.value.strip()))
        return out

    def extensions(self, key: str, node: _Node) -> tuple[str, ...]:
        out = []
        for item, text in self.strings(key, node):
            if "/" in text or "\\" in text or text.strip(".") == "":
                raise self.fail(item, f"{key!r} item {text!r} is not a file extension")
            text = text.lower()
            out.append(text if text.startswith(".") else "." + text)
        return tuple(dict.fromkeys(out))

    def globs(self, key: str, node: _Node) -> tuple[str, ...]:
        out = []
        for item, text in self.strings(key, node):
            self._check_glob(key, item, text)
            out.append(text)
        return tuple(out)

    def _check_glob(self, key: str, node: _Node, text: str) -> None:
        try:
            compile_globs([text])
        except ValueError:
            raise self.fail(node, f"{key!r} has an invalid glob {text!r}") from None

    def rule_refs(self, key: str, node: _Node) -> tuple[str, ...]:
        out = []
        for item, text in self.strings(key, node):
            self._check_ref(key, item, text)
            out.append(text)
        return tuple(out)

    def _check_ref(self, key: str, node: _Node, text: str) -> None:
        if not _RULE_REF.match(text):
            raise self.fail(node, f"{key!r} item {text!r} is not a rule code (GL101) "
                                  f"or name (chatgpt-name)")

    def mapping(self, key: str, node: _Node) -> list[tuple[_Node, str, _Node]]:
        if node.kind != "map":
            raise self.fail(node, f"{key!r} must be a mapping, got {_describe(node)}")
        out = []
        for k, v in node.value:
            if k.kind != "scalar" or not isinstance(k.value, str) or not k.value.strip():
                raise self.fail(k, f"{key!r} keys must be non-empty strings, got {_describe(k)}")
            out.append((k, k.value.strip(), v))
        return out

    def severity_map(self, key: str, node: _Node) -> dict[str, Severity]:
        out = {}
        for k, ref, v in self.mapping(key, node):
            self._check_ref(key, k, ref)
            out[ref] = self._severity(f"{key!r} value for {ref!r}", v)
        return out

    def severity(self, key: str, node: _Node) -> Severity:
        return self._severity(repr(key), node)

    def _severity(self, what: str, node: _Node) -> Severity:
        value = node.value
        if node.kind == "scalar" and isinstance(value, str) and value.lower() in _SEVERITY_WORDS:
            return Severity(value.lower())
        raise self.fail(node, f"{what} must be one of {', '.join(_SEVERITY_WORDS)}, "
                              f"got {_describe(node)}")

    def model(self, key: str, node: _Node) -> str:
        if node.kind != "scalar" or not isinstance(node.value, str) or not node.value.strip():
            raise self.fail(node, f"{key!r} must be a spaCy pipeline name, got {_describe(node)}")
        return node.value.strip()

    def files(self, key: str, node: _Node) -> tuple[Path, ...]:
        out = []
        for item, text in self.strings(key, node):
            resolved = self.path.parent / text
            if not resolved.is_file():
                raise self.fail(item, f"{key!r} item {text!r} does not exist "
                                      f"(looked for {resolved})")
            out.append(resolved)
        return tuple(out)

    def per_file(self, key: str, node: _Node) -> dict[str, tuple[str, ...]]:
        out = {}
        for k, glob, v in self.mapping(key, node):
            self._check_glob(key, k, glob)
            out[glob] = self.rule_refs(f"{key}[{glob}]", v)
        return out

    def per_file_severity(self, key: str, node: _Node) -> dict[str, dict[str, Severity]]:
        out = {}
        for k, glob, v in self.mapping(key, node):
            self._check_glob(key, k, glob)
            out[glob] = self.severity_map(f"{key}[{glob}]", v)
        return out

    def boolean(self, key: str, node: _Node) -> bool:
        if node.kind == "scalar" and isinstance(node.value, bool):
            return node.value
        raise self.fail(node, f"{key!r} must be true or false, got {_describe(node)}")


_CHECKS: dict[str, Callable[[_Validator, str, _Node], Any]] = {
    "extensions": _Validator.extensions,
    "include": _Validator.globs,
    "exclude": _Validator.globs,
    "select": _Validator.rule_refs,
    "ignore": _Validator.rule_refs,
    "severity": _Validator.severity_map,
    "fail_on": _Validator.severity,
    "model": _Validator.model,
    "rule_files": _Validator.files,
    "knowledge_files": _Validator.files,
    "per_file_ignores": _Validator.per_file,
    "per_file_severity": _Validator.per_file_severity,
    "respect_gitignore": _Validator.boolean,
}
#: Every setting the loader accepts (snake_case; each may also be written kebab-case). The
#: JSON Schema ``schemas/genai-lint.schema.json`` lists the same keys (a test checks it).
KEYS = frozenset(_CHECKS)


def _describe(node: _Node) -> str:
    if node.kind == "list":
        return "a list"
    if node.kind == "map":
        return "a mapping"
    value = node.value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return repr(value)
    return f"a {type(value).__name__}"


# -- files -------------------------------------------------------------------------------------


def _read(path: Path, shown: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(shown, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(shown, line, "not UTF-8 text") from None


def _has_table(pyproject: Path) -> bool:
    """Whether a ``pyproject.toml`` has a ``[tool.genai-lint]`` table (cheap test first)."""
    if _toml_module() is None:  # pragma: no cover - Python 3.10 without tomli
        return False
    try:
        text = pyproject.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "genai-lint" not in text:
        return False
    tool = _parse_toml(text, _display(pyproject)).get("tool")
    return isinstance(tool, dict) and "genai-lint" in tool


def _display(path: Path) -> str:
    """``path`` relative to the current folder when it lies below it, else as given."""
    try:
        rel = os.path.relpath(os.path.abspath(path))
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel
