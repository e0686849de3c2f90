"""Import AI model facts from models.dev (MIT) into ``rules/knowledge/generated-models-dev.yaml``.

models.dev (https://github.com/anomalyco/models.dev) keeps one TOML file per served model under
``providers/<provider>/models/<model>.toml`` and provider-agnostic facts per lab under
``models/<lab>/<model>.toml`` (a provider file may inherit one with ``base_model``). This script
reads those files straight from the git objects of one pinned commit (``git ls-tree`` and
``git cat-file``), so a rerun on the same commit writes the same bytes.

A model's vendor is the company that made it, never a company that serves it. Only these
FIRST-PARTY sources give entities (``FIRST_PARTY`` and ``LABS`` below):

* a lab's own API: openai, anthropic, google, mistral, xai, deepseek, alibaba (plus alibaba-cn,
  Qwen models only, since it also resells others), cohere, llama (Meta's Llama API), nova
  (Amazon's Nova API), moonshotai, minimax, zai and zhipuai (Zhipu AI), perplexity, upstage,
  xiaomi, stepfun, tencent-tokenhub, inception, sakana, sarvam, poolside, bailing (Ant Group);
* clouds that also resell, restricted to the owner's own models: amazon-bedrock only for
  ``amazon.*`` (Nova, Titan), nvidia only for ``nvidia/*`` models whose ``base_model`` is in
  models.dev's ``models/nvidia/`` lab folder (NIM also packages third-party research models);
* models.dev's lab folders ``models/<lab>/`` for the same labs (models like gpt-oss or Whisper
  that no first-party API serves).

Everything else is a reseller or gateway and is ignored: openrouter, togetherai, fireworks-ai,
groq, deepinfra, vercel, azure, google-vertex, github-models, github-copilot, huggingface, regional
mirrors and "coding plan" copies of first-party catalogues, and so on.

Within a vendor, entries with the same display name (after dropping a "(latest)" or
"(YYYY-MM-DD)" suffix) are one model: the entry kept is the one not marked ``status =
"deprecated"`` or alpha/beta, then from the earlier source in the lists, then without a suffix,
then with the shortest id. Deprecated models without a duplicate are kept (they are real models).
A name that is one plain word (Sonar, Fugu) is marked ``ambiguous: context``.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

import yaml

REPOSITORY = "https://github.com/anomalyco/models.dev"
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "rules/knowledge/generated-models-dev.yaml"


def _amazon_own(model_id: str, _data: Mapping[str, Any]) -> bool:
    """Bedrock: Amazon's own models only (``amazon.nova-…``, ``us.amazon.titan-…``)."""
    return re.match(r"(?:[a-z]{2,6}\.)?amazon\.", model_id) is not None


def _nvidia_own(model_id: str, data: Mapping[str, Any]) -> bool:
    """NVIDIA NIM: ``nvidia/*`` models that models.dev files under the NVIDIA lab."""
    return model_id.startswith("nvidia/") and str(data.get("base_model", "")).startswith(
        "nvidia/"
    )


def _qwen_only(model_id: str, _data: Mapping[str, Any]) -> bool:
    """alibaba-cn: Alibaba's own Qwen/QwQ/QVQ/Tongyi models (it resells DeepSeek, Kimi, GLM)."""
    return re.match(r"(?:qwen|qwq|qvq|tongyi)", model_id) is not None


Keep = Callable[[str, Mapping[str, Any]], bool]


@dataclass(frozen=True)
class Origin:
    """A first-party models.dev folder: provider (or lab) id, vendor id, optional filter."""

    name: str
    vendor: str
    keep: Keep | None = None


# Order matters: an earlier entry wins when two entries of one vendor name the same model.
FIRST_PARTY: tuple[Origin, ...] = (
    Origin("openai", "openai"),
    Origin("anthropic", "anthropic"),
    Origin("google", "google"),
    Origin("mistral", "mistral-ai"),
    Origin("xai", "xai"),
    Origin("deepseek", "deepseek"),
    Origin("alibaba", "alibaba"),
    Origin("alibaba-cn", "alibaba", _qwen_only),
    Origin("cohere", "cohere"),
    Origin("llama", "meta"),
    Origin("nova", "amazon"),
    Origin("amazon-bedrock", "amazon", _amazon_own),
    Origin("nvidia", "nvidia", _nvidia_own),
    Origin("moonshotai", "moonshot-ai"),
    Origin("minimax", "minimax"),
    Origin("zai", "zhipu-ai"),
    Origin("zhipuai", "zhipu-ai"),
    Origin("perplexity", "perplexity"),
    Origin("upstage", "upstage"),
    Origin("xiaomi", "xiaomi"),
    Origin("stepfun", "stepfun"),
    Origin("tencent-tokenhub", "tencent"),
    Origin("inception", "inception"),
    Origin("sakana", "sakana-ai"),
    Origin("sarvam", "sarvam-ai"),
    Origin("poolside", "poolside"),
    Origin("bailing", "ant-group"),
)

# models.dev lab folders (``models/<lab>/``): provider-agnostic facts, filed by maker.
LABS: tuple[Origin, ...] = (
    Origin("openai", "openai"),
    Origin("anthropic", "anthropic"),
    Origin("google", "google"),
    Origin("mistral", "mistral-ai"),
    Origin("xai", "xai"),
    Origin("deepseek", "deepseek"),
    Origin("alibaba", "alibaba"),
    Origin("cohere", "cohere"),
    Origin("meta", "meta"),
    Origin("nvidia", "nvidia"),
    Origin("moonshotai", "moonshot-ai"),
    Origin("minimax", "minimax"),
    Origin("zhipuai", "zhipu-ai"),
    Origin("perplexity", "perplexity"),
    Origin("xiaomi", "xiaomi"),
    Origin("stepfun", "stepfun"),
    Origin("tencent", "tencent"),
    Origin("sakana", "sakana-ai"),
    Origin("sarvam", "sarvam-ai"),
)

# Curated family ids (rules/knowledge/entities-core.yaml) and the models.dev entries they cover:
# (family id, models.dev families, regex on the display name or None for any name).
FAMILIES: tuple[tuple[str, frozenset[str], str | None], ...] = (
    ("gpt-4o", frozenset({"gpt", "gpt-mini"}), r"GPT-4o\b"),
    ("gpt-4", frozenset({"gpt"}), r"GPT-4(?: Turbo)?(?:$| \()"),
    ("gpt-3.5", frozenset({"gpt"}), r"GPT-3\.5\b"),
    ("claude", frozenset({"claude", "claude-opus", "claude-sonnet", "claude-haiku"}), None),
    ("gemini", frozenset({"gemini", "gemini-pro", "gemini-flash", "gemini-flash-lite"}), None),
    ("llama", frozenset({"llama"}), r"Llama\b"),
    ("mistral-7b", frozenset({"mistral"}), r"Mistral 7B\b"),
    ("mixtral", frozenset({"mixtral"}), r"Mixtral\b"),
)
# Names the curated family entity itself carries: a generated entity with one of these names
# merges into that curated entity, so it must not also name it as its family.
FAMILY_OWN_NAMES: Mapping[str, frozenset[str]] = {
    "gpt-4": frozenset({"GPT-4", "GPT-4 Turbo"}),
    "gpt-4o": frozenset({"GPT-4o", "GPT-4o mini"}),
    "gpt-3.5": frozenset({"GPT-3.5", "GPT-3.5 Turbo"}),
    "gemini": frozenset({"Gemini", "Gemini Pro", "Gemini 1.5 Pro", "Gemini 1.5 Flash",
                         "Gemini 2.0", "Gemini 2.0 Flash"}),
    "mistral-7b": frozenset({"Mistral 7B", "Mistral 7B Instruct"}),
    "mixtral": frozenset({"Mixtral", "Mixtral 8x7B"}),
}

MODALITY_ORDER = ("text", "code", "image", "audio", "video")
MODALITY_MAP = {"text": "text", "image": "image", "audio": "audio", "video": "video"}
LLM_CATEGORIES = frozenset({"llm", "reasoning-model"})
NAME_SUFFIX = re.compile(r"\s*\((?:latest|\d{4}-\d{2}-\d{2})\)$", re.IGNORECASE)
# models.dev keys only a lab's own metadata file may give (not inherited by provider files).
NOT_INHERITED = ("id", "benchmarks", "license", "links", "weights")


class ImportFailure(RuntimeError):
    """The repository or one of its files cannot be imported."""


@dataclass
class Record:
    """One models.dev model file, resolved (``base_model`` merged in)."""

    origin: Origin
    lab_folder: bool
    model_id: str
    path: str
    data: dict[str, Any]
    overrides: dict[str, Any]
    source_id: str
    base_model: str | None = None
    base_path: str | None = None
    base_data: dict[str, Any] = field(default_factory=dict)

    @property
    def base_source_id(self) -> str | None:
        """Source id of the lab file this record inherits from, if any."""
        return f"models-dev-models-{slug(self.base_model)}" if self.base_model else None


# ------------------------------------------------------------------ git access


def _git(git_dir: str, *args: str, stdin: bytes | None = None) -> bytes:
    """Run ``git --git-dir=git_dir args``; return stdout or raise with git's message."""
    done = subprocess.run(
        ["git", "--git-dir", git_dir, *args], input=stdin, capture_output=True, check=False
    )
    if done.returncode != 0:
        raise ImportFailure(f"git {' '.join(args)}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def resolve_commit(git_dir: str, commit: str) -> tuple[str, str]:
    """Full sha and UTC commit date (YYYY-MM-DD) of ``commit``."""
    sha = _git(git_dir, "rev-parse", "--verify", f"{commit}^{{commit}}").decode().strip()
    stamp = int(_git(git_dir, "show", "-s", "--format=%ct", sha).decode().strip())
    return sha, datetime.fromtimestamp(stamp, tz=timezone.utc).date().isoformat()


def list_tree(git_dir: str, sha: str) -> dict[str, tuple[str, str]]:
    """``path -> (mode, blob sha)`` for every file under providers/ and models/."""
    out = _git(git_dir, "ls-tree", "-r", "-z", sha, "--", "providers", "models")
    tree: dict[str, tuple[str, str]] = {}
    for entry in out.decode().split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, blob = meta.split()
        if kind == "blob":
            tree[path] = (mode, blob)
    return tree


def read_blobs(git_dir: str, shas: Iterable[str]) -> dict[str, bytes]:
    """Contents of the given blobs (one ``git cat-file --batch`` call)."""
    wanted = sorted(set(shas))
    if not wanted:
        return {}
    out = _git(git_dir, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in wanted).encode())
    blobs: dict[str, bytes] = {}
    pos = 0
    for sha in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode().split()
        if len(header) != 3:
            raise ImportFailure(f"git cat-file: {out[pos:end].decode()}")
        size = int(header[2])
        blobs[sha] = out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
    return blobs


class Tree:
    """The pinned commit's files; symlinks (models.dev mirrors catalogues with them) resolved."""

    def __init__(self, git_dir: str, sha: str) -> None:
        self.git_dir = git_dir
        self.entries = list_tree(git_dir, sha)
        self._links = {p: b for p, (mode, b) in self.entries.items() if mode == "120000"}
        self._targets: dict[str, bytes] = {}
        self._blobs: dict[str, bytes] = {}
        self._skipped: set[str] = set()

    def real(self, path: str) -> str:
        """The file a path leads to after following symlinks."""
        seen = {path}
        while path in self._links:
            blob = self._links[path]
            if blob not in self._targets:
                self._targets.update(read_blobs(self.git_dir, [blob]))
            target = self._targets[blob].decode().strip()
            path = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if path in seen or path not in self.entries:
                raise ImportFailure(f"dangling or looping symlink to {path}")
            seen.add(path)
        return path

    def files(self, folder: str) -> list[str]:
        """TOML files under ``folder`` (sorted); dangling symlinks are reported and skipped."""
        prefix = folder.rstrip("/") + "/"
        found = []
        for path in sorted(self.entries):
            if path.startswith(prefix) and path.endswith(".toml"):
                try:
                    self.real(path)
                except ImportFailure as exc:
                    if path not in self._skipped:
                        self._skipped.add(path)
                        print(f"import_models_dev: skipping {path}: {exc}", file=sys.stderr)
                    continue
                found.append(path)
        return found

    def load(self, folders: Iterable[str]) -> None:
        """Read every TOML file under ``folders`` in one git call."""
        wanted = {self.entries[self.real(p)][1] for f in folders for p in self.files(f)}
        self._blobs.update(read_blobs(self.git_dir, wanted - self._blobs.keys()))

    def toml(self, path: str) -> dict[str, Any]:
        """Parsed TOML of ``path`` (after symlinks)."""
        real = self.real(path)
        blob = self.entries[real][1]
        if blob not in self._blobs:
            self._blobs.update(read_blobs(self.git_dir, [blob]))
        try:
            return tomllib.loads(self._blobs[blob].decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ImportFailure(f"{real}: {exc}") from exc


# ------------------------------------------------------------------ reading models


def slug(text: str) -> str:
    """Lowercase id: letters, digits, dots and single hyphens."""
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9.]+", "-", text.lower())).strip("-.")


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """models.dev's base_model merge: tables merge deeply, anything else is replaced."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _omit(data: dict[str, Any], paths: Iterable[str]) -> None:
    """Delete dot-paths (``base_model_omit``), pruning tables left empty."""
    for dotted in paths:
        parts = dotted.split(".")
        chain = [data]
        for part in parts[:-1]:
            nxt = chain[-1].get(part)
            if not isinstance(nxt, dict):
                break
            chain.append(nxt)
        else:
            chain[-1].pop(parts[-1], None)
            for parent, part in zip(reversed(chain[:-1]), reversed(parts[:-1]), strict=True):
                if parent[part]:
                    break
                del parent[part]


def _has(data: Mapping[str, Any], dotted: str) -> bool:
    """Whether the dot-path is set in ``data``."""
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return False
        node = node[part]
    return True


def read_records(tree: Tree) -> list[Record]:
    """Every first-party model file, in priority order (FIRST_PARTY, then LABS)."""
    tree.load([f"providers/{o.name}/models" for o in FIRST_PARTY]
              + [f"models/{o.name}" for o in LABS])
    records: list[Record] = []
    covered: set[tuple[str, str]] = set()  # (vendor, lab model id) already imported
    for origin in FIRST_PARTY:
        folder = f"providers/{origin.name}/models"
        for path in tree.files(folder):
            model_id = path[len(folder) + 1 : -len(".toml")]
            raw = tree.toml(path)
            if origin.keep is not None and not origin.keep(model_id, raw):
                continue
            record = Record(origin, False, model_id, tree.real(path), raw, raw,
                            f"models-dev-{origin.name}-{slug(model_id)}")
            base = raw.get("base_model")
            if base:
                base_path = f"models/{base}.toml"
                if base_path not in tree.entries:
                    raise ImportFailure(f"{path}: base_model {base} not found")
                base_data = {k: v for k, v in tree.toml(base_path).items()
                             if k not in NOT_INHERITED}
                overrides = {k: v for k, v in raw.items()
                             if k not in ("base_model", "base_model_omit")}
                record.data = _merge(base_data, overrides)
                _omit(record.data, raw.get("base_model_omit", []))
                record.overrides = overrides
                record.base_path = tree.real(base_path)
                record.base_data = base_data
                record.base_model = str(base)
                covered.add((origin.vendor, str(base)))
            covered.add((origin.vendor, f"{origin.name}/{model_id}"))
            records.append(record)
    for origin in LABS:
        folder = f"models/{origin.name}"
        for path in tree.files(folder):
            model_id = path[len(folder) + 1 : -len(".toml")]
            if (origin.vendor, f"{origin.name}/{model_id}") in covered:
                continue
            raw = {k: v for k, v in tree.toml(path).items() if k not in NOT_INHERITED}
            records.append(Record(origin, True, model_id, tree.real(path), raw, raw,
                                  f"models-dev-models-{origin.name}-{slug(model_id)}"))
    return records


# ------------------------------------------------------------------ facts


def _date(value: Any) -> str | None:
    """A models.dev date as YYYY-MM-DD or YYYY-MM (TOML may give a string or a date)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value):
        return value
    return None


def display_name(data: Mapping[str, Any]) -> str:
    """The model's display name without a "(latest)" or "(YYYY-MM-DD)" suffix."""
    return NAME_SUFFIX.sub("", str(data.get("name", "")).strip())


def map_modalities(raw: Iterable[str], add_code: bool = False, pdf: str | None = None) -> list[str]:
    """models.dev modalities to genai-lint ids in a fixed order; ``pdf`` maps pdf (or drops it)."""
    mapping = {**MODALITY_MAP, "pdf": pdf} if pdf else MODALITY_MAP
    found = {mapping[m] for m in raw if m in mapping}
    if add_code and "text" in found:
        found.add("code")
    return [m for m in MODALITY_ORDER if m in found]


def infer_category(data: Mapping[str, Any], model_id: str) -> str | None:
    """Category id from modalities, ``reasoning`` and the model's id, name and family."""
    modalities = data.get("modalities", {})
    inp, out = set(modalities.get("input", [])), set(modalities.get("output", []))
    hay = f"{model_id} {data.get('name', '')} {data.get('family', '')}".lower()
    if "embed" in hay:
        return "embedding-model"
    if "rerank" in hay:
        return None
    if "text" not in out:
        if "image" in out and out <= {"image", "pdf"}:
            return "text-to-image-model"
        if out == {"video"}:
            return "text-to-video-model"
        if out == {"audio"}:
            return "text-to-speech-model"
        return None
    if "image" in out and "image" in hay:
        return "text-to-image-model"
    if (out == {"text"} and "audio" in inp and inp <= {"audio", "text"}
            and (inp == {"audio"} or re.search(r"\basr\b|transcri|whisper", hay))):
        return "speech-recognition-model"
    return "reasoning-model" if data.get("reasoning") else "llm"


def infer_family(data: Mapping[str, Any], name: str, category: str | None) -> str | None:
    """A curated family id when models.dev's family clearly maps to it (LLM-like models)."""
    if category in {"embedding-model", None}:
        return None
    md_family = str(data.get("family", ""))
    for family_id, md_families, pattern in FAMILIES:
        if md_family in md_families and (pattern is None or re.match(pattern, name)):
            own = {n.casefold() for n in FAMILY_OWN_NAMES.get(family_id, ())}
            return None if name.casefold() in own else family_id
    return None


def _status_rank(data: Mapping[str, Any]) -> int:
    return {"deprecated": 2, "alpha": 1, "beta": 1}.get(str(data.get("status", "")), 0)


def pick(records: list[Record]) -> list[Record]:
    """One record per (vendor, display name); see the module docstring for the order."""
    order = [(False, o.name) for o in FIRST_PARTY] + [(True, o.name) for o in LABS]
    groups: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        name = display_name(record.data)
        if not name:
            continue
        key = re.sub(r"[\s_-]+", " ", name.casefold())
        groups.setdefault((record.origin.vendor, key), []).append(record)
    return [
        min(group, key=lambda r: (
            _status_rank(r.data),
            order.index((r.lab_folder, r.origin.name)),
            display_name(r.data) != str(r.data.get("name", "")).strip(),
            len(r.model_id),
            r.model_id,
        ))
        for group in groups.values()
    ]


def _cite(record: Record, *keys: str) -> str | list[str]:
    """Source id(s) of the file(s) that gave these keys (provider file or its base model)."""
    ids = sorted({
        record.source_id
        if record.base_source_id is None or _has(record.overrides, key)
        else record.base_source_id
        for key in keys
        if _has(record.data, key)
    } or {record.source_id})
    return ids[0] if len(ids) == 1 else ids


def build(records: list[Record], sha: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The ``sources`` mapping and the ``entities`` list (both sorted by id)."""
    sources: dict[str, dict[str, str]] = {}
    entities: dict[str, dict[str, Any]] = {}
    for record in pick(records):
        data, vendor = record.data, record.origin.vendor
        name = display_name(data)
        model_slug = slug(record.model_id.rsplit("/", 1)[-1])
        model_slug = re.sub(rf"^{re.escape(vendor)}[-.]", "", model_slug)
        entity_id = f"{vendor}-{model_slug}"
        if entity_id in entities:
            entity_id = f"{entity_id}-{slug(record.origin.name)}"
        category = infer_category(data, record.model_id)
        modalities = data.get("modalities", {})
        entity: dict[str, Any] = {"id": entity_id, "name": name, "aliases": [name],
                                  "kind": "model"}
        family = infer_family(data, name, category)
        if family:
            entity["family"] = family
        if category:
            entity["category"] = category
        entity["vendor"] = vendor
        cites: dict[str, str | list[str]] = {}
        if category:
            cites["category"] = _cite(record, "modalities.output", "reasoning")
        cites["vendor"] = record.source_id
        if modalities.get("input"):
            entity["input"] = map_modalities(modalities["input"], pdf="text")
            cites["input"] = _cite(record, "modalities.input")
        if modalities.get("output") and category not in {"embedding-model", None}:
            entity["output"] = map_modalities(modalities["output"], category in LLM_CATEGORIES)
            cites["output"] = _cite(record, "modalities.output")
        if isinstance(data.get("open_weights"), bool):
            entity["open_weights"] = data["open_weights"]
        released = _date(data.get("release_date"))
        if released:
            entity["dates"] = _Flow({"released": released})
            cites["dates"] = _cite(record, "release_date")
        if re.fullmatch(r"[A-Za-z]+", name):
            entity["ambiguous"] = "context"
        entity["sources"] = cites
        entities[entity_id] = entity
        _add_source(sources, record.source_id, name, record.origin.name, record.model_id,
                    record.path, data, sha, record.lab_folder)
        if record.base_model and record.base_path:
            lab, _, base_model = record.base_model.partition("/")
            _add_source(sources, f"models-dev-models-{slug(record.base_model)}",
                        str(record.base_data.get("name", name)), lab, base_model,
                        record.base_path, record.base_data, sha, True)
    return ({k: sources[k] for k in sorted(sources)},
            [entities[k] for k in sorted(entities)])


def _add_source(sources: dict[str, dict[str, str]], source_id: str, name: str, folder: str,
                model_id: str, path: str, data: Mapping[str, Any], sha: str,
                lab_folder: bool) -> None:
    """Add one models.dev file to ``sources`` (an id given twice must mean the same file)."""
    where = f"models/{folder}" if lab_folder else folder
    entry = {"title": f"models.dev: {name} ({where}/{model_id})",
             "url": f"{REPOSITORY}/blob/{sha}/{path}"}
    when = _date(data.get("last_updated")) or _date(data.get("release_date"))
    if when:
        entry["date"] = when
    if sources.get(source_id, entry) != entry:
        raise ImportFailure(f"two files give source id {source_id}")
    sources[source_id] = entry


# ------------------------------------------------------------------ output


class _Flow(dict[str, Any]):
    """A mapping written in YAML flow style ({a: b})."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(
    _Flow, lambda d, m: d.represent_mapping("tag:yaml.org,2002:map", m.items(), flow_style=True)
)
_Dumper.add_representer(
    list,
    lambda d, s: d.represent_sequence(
        "tag:yaml.org,2002:seq", s, flow_style=not any(isinstance(i, (dict, list)) for i in s)
    ),
)


def render(git_dir: str, commit: str = "HEAD") -> str:
    """The generated YAML for ``commit`` of the models.dev repository at ``git_dir``."""
    sha, when = resolve_commit(git_dir, commit)
    sources, entities = build(read_records(Tree(git_dir, sha)), sha)
    head = (f"# generated by tools/import_models_dev.py from models.dev commit {sha} ({when}); "
            "do not edit\n")
    body = {
        "generated_from": {"source": "models.dev", "repository": REPOSITORY, "commit": sha,
                           "date": when},
        "sources": sources,
        "entities": entities,
    }
    text = str(yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                         default_flow_style=False))
    return head + "\n" + text.replace("\n- id:", "\n\n- id:")


def main(argv: list[str] | None = None) -> int:
    """Command line: write the generated knowledge file; print a per-vendor count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--git-dir", required=True, help="models.dev git directory (bare is fine)")
    parser.add_argument("--commit", default="HEAD", help="commit to import (default: HEAD)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="YAML file to write")
    args = parser.parse_args(argv)
    try:
        text = render(args.git_dir, args.commit)
    except ImportFailure as exc:
        print(f"import_models_dev: {exc}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    counts: dict[str, int] = {}
    for entity in yaml.safe_load(text).get("entities", []):
        counts[entity["vendor"]] = counts.get(entity["vendor"], 0) + 1
    summary = ", ".join(f"{v} {n}" for v, n in sorted(counts.items()))
    print(f"wrote {args.output}: {sum(counts.values())} entities ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
