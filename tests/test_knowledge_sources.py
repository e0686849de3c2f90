"""Every fact cites a primary source with a URL and a date (docs/knowledge-base.md, `sources`).

Covers every YAML file under rules/: knowledge files define `sources:` (id -> title, url, date);
facts and rules cite them by id (or by URL) in their own `sources` lists or maps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from linter.datafiles.yamlload import load_yaml

# Primary-source hosts. Add a host only when it is the maker's own site (a vendor's domain, or its
# organisation on GitHub), a paper venue, or Wikipedia: never an aggregator, blog, news or SEO site.
# "example.com" allows that host and its subdomains; "*.google" any host under that top-level
# domain; "github.com/org" only URLs under that path (GitHub hosts everyone, so list the org).
PRIMARY_SOURCE_HOSTS: tuple[str, ...] = (
    # papers and reference
    "arxiv.org", "aclanthology.org", "openreview.net", "proceedings.neurips.cc", "papers.nips.cc",
    "proceedings.mlr.press", "openaccess.thecvf.com", "jmlr.org", "en.wikipedia.org",
    # style guides, for style rules (the publisher's own guide)
    "apstylebook.com", "developers.google.com",
    # makers' own sites (labs and research groups)
    "crfm.stanford.edu", "inceptionlabs.ai", "poolside.ai", "sakana.ai", "sarvam.ai",
    "stepfun.com", "moonshotai.github.io", "hailuoai.video", "github.com/deep-floyd",
    "github.com/ai-forever", "github.com/neonbjb", "github.com/baichuan-inc",
    "github.com/aisingapore", "github.com/run-llama", "github.com/langchain-ai",
    "github.com/jina-ai", "github.com/ggml-org", "github.com/cline",
    "github.com/Significant-Gravitas", "github.com/ollama", "github.com/InternLM",
    "github.com/ml-explore", "recraft.ai", "developers.deepgram.com", "assemblyai.com",
    "docs.ultralytics.com", "sourcegraph.com", "firebase.google.com", "docs.gitlab.com",
    # journals (the paper itself)
    "nature.com",
    # OpenAI, Anthropic
    "openai.com", "anthropic.com", "claude.com",
    # Google
    "*.google", "cloud.google.com", "developers.google.com", "support.google.com",
    "gemini.google.com", "ai.google.dev", "developers.googleblog.com", "ai.googleblog.com",
    "deepmind.com", "google-research.github.io",
    # Meta, Microsoft, GitHub, Amazon, Apple, NVIDIA, IBM
    "ai.meta.com", "about.fb.com", "llama.com", "llama.meta.com",
    "microsoft.com", "docs.github.com", "github.blog",
    "aws.amazon.com", "amazon.science", "aboutamazon.com",
    "apple.com", "nvidia.com", "nvlabs.github.io", "ibm.com",
    # model makers
    "mistral.ai", "x.ai", "deepseek.com", "qwenlm.github.io", "qwen.ai", "alibabacloud.com",
    "stability.ai", "blackforestlabs.ai", "bfl.ai", "cohere.com", "ai21.com", "tii.ae",
    "eleuther.ai", "bigscience.huggingface.co", "databricks.com", "snowflake.com", "01.ai",
    "moonshot.ai", "moonshot.cn", "zhipuai.cn", "z.ai", "baidu.com", "tencent.com",
    "bytedance.com", "minimax.io", "minimaxi.com", "adobe.com", "runwayml.com", "pika.art",
    "lumalabs.ai", "klingai.com", "suno.com", "udio.com", "elevenlabs.io", "midjourney.com",
    "ideogram.ai", "perplexity.ai", "character.ai", "inflection.ai", "salesforce.com",
    "allenai.org", "lmsys.org", "nousresearch.com", "reka.ai", "lightricks.com", "genmo.ai",
    "cursor.com", "tabnine.com", "replit.com", "codeium.com", "windsurf.com",
    "bigcode-project.org", "upstage.ai", "liquid.ai", "poe.com", "cognition.ai",
    # hosts and platforms (their own pages; model cards under the maker's organisation)
    "huggingface.co", "together.ai", "replicate.com", "openrouter.ai", "groq.com", "fireworks.ai",
    # vendors' GitHub organisations, and the models.dev data file the importer reads
    "github.com/anomalyco/models.dev", "github.com/openai", "github.com/anthropics",
    "github.com/google", "github.com/google-research", "github.com/google-deepmind",
    "github.com/facebookresearch", "github.com/meta-llama", "github.com/microsoft",
    "github.com/github", "github.com/mistralai", "github.com/deepseek-ai", "github.com/QwenLM",
    "github.com/xai-org", "github.com/Stability-AI", "github.com/CompVis",
    "github.com/black-forest-labs", "github.com/NVlabs", "github.com/NVIDIA", "github.com/apple",
    "github.com/ibm-granite", "github.com/allenai", "github.com/lm-sys", "github.com/EleutherAI",
    "github.com/bigscience-workshop", "github.com/bigcode-project", "github.com/THUDM",
    "github.com/zai-org", "github.com/MoonshotAI", "github.com/01-ai", "github.com/Tencent",
    "github.com/bytedance", "github.com/MiniMax-AI", "github.com/cohere-ai",
    "github.com/ai21labs", "github.com/huggingface", "github.com/salesforce",
    "github.com/Lightricks", "github.com/genmoai", "github.com/suno-ai",
    "github.com/NousResearch", "github.com/databricks", "github.com/Snowflake-Labs",
)

RULES = Path(__file__).resolve().parent.parent / "rules"
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
FILES = sorted(p for p in RULES.rglob("*.yaml"))


def _load(path: Path) -> Any:
    return load_yaml(path)


def _definitions(path: Path) -> dict[str, Any]:
    data = _load(path)
    if isinstance(data, dict) and isinstance(data.get("sources"), dict):
        return dict(data["sources"])
    return {}


def _references(node: Any, top: bool = True) -> Iterator[tuple[str, str]]:
    """(where, cited id or URL) for every `sources` list or map below the top-level definitions."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and not top:
                yield from _cited(value, str(node.get("id") or node.get("code") or node.get("fact")
                                             or node.get("label") or node.get("name") or "?"))
            elif key != "sources":
                yield from _references(value, top=False)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item, top=False)


def _cited(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for item in value:
            yield from _cited(item, where)
    elif isinstance(value, dict):  # an entity's map: field -> id or list of ids
        for field, item in value.items():
            yield from _cited(item, f"{where}.{field}")


def primary_host(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.lower()
    for entry in PRIMARY_SOURCE_HOSTS:
        entry = entry.lower()
        if entry.startswith("*."):
            if host.endswith(entry[1:]):
                return True
        elif "/" in entry:
            site, prefix = entry.split("/", 1)
            if host == site and (path == f"/{prefix}" or path.startswith(f"/{prefix}/")):
                return True
        elif host == entry or host.endswith(f".{entry}"):
            return True
    return False


def _all_definitions() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in FILES:
        merged.update(_definitions(path))
    return merged


def _name(path: Path) -> str:
    return str(path.relative_to(RULES.parent))


KNOWLEDGE = [p for p in FILES if _definitions(p)]
CITING = [p for p in FILES if any(True for _ in _references(_load(p)))]


def test_files_found() -> None:
    assert "rules/knowledge.yaml" in {_name(p) for p in KNOWLEDGE}
    citing = {_name(p) for p in CITING}
    for name in ("rules/knowledge.yaml", "rules/knowledge/entities-core.yaml", "rules/claims.yaml"):
        assert name in citing


@pytest.mark.parametrize("path", KNOWLEDGE, ids=_name)
def test_sources_are_primary_and_dated(path: Path) -> None:
    problems = []
    for ident, source in _definitions(path).items():
        if not isinstance(source, dict):
            problems.append(f"{ident}: not a mapping")
            continue
        url = str(source.get("url") or "")
        if "ref" in source:
            problems.append(f"{ident}: uses 'ref:'; give 'url:'")
        if not re.match(r"^https?://", url):
            problems.append(f"{ident}: no http(s) url ({url or source.get('ref')!r})")
        elif not primary_host(url):
            problems.append(f"{ident}: host {urlsplit(url).hostname!r} is not a primary source")
        when = source.get("date") or source.get("accessed")
        if not when or not DATE.match(str(when)):
            problems.append(f"{ident}: needs date: or accessed: YYYY-MM(-DD), got {when!r}")
        if not source.get("title"):
            problems.append(f"{ident}: no title")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_no_source_points_to_a_path(path: Path) -> None:
    bad = [f"{ident}: {source}" for ident, source in _definitions(path).items()
           if "seeds/" in str(source)]
    bad += [f"{where}: {ref}" for where, ref in _references(_load(path))
            if "seeds/" in ref or ref.startswith(("/", "./", "../"))]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", CITING, ids=_name)
def test_cited_sources_exist(path: Path) -> None:
    known = _all_definitions()
    problems = []
    for where, ref in _references(_load(path)):
        if re.match(r"^https?://", ref):
            if not primary_host(ref):
                problems.append(f"{where}: {urlsplit(ref).hostname!r} is not a primary source")
        elif ref not in known:
            problems.append(f"{where}: unknown source id {ref!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://arxiv.org/abs/1706.03762", True),
        ("https://blog.google/products/gemini/bard-gemini-advanced-app/", True),
        ("https://www.anthropic.com/news/claude-3-family", True),
        ("https://learn.microsoft.com/en-us/azure/ai-services/openai/", True),
        ("https://github.com/anomalyco/models.dev/blob/abc/providers/openai/models/gpt-4o.toml",
         True),
        ("https://github.com/CompVis/stable-diffusion", True),
        ("https://github.com/someone/awesome-llms", False),
        ("https://github.com/anomalyco/other", False),
        ("https://en.wikipedia.org/wiki/Large_language_model", True),
        ("https://de.wikipedia.org/wiki/Large_language_model", False),
        ("https://fluidstrap.com/chatgpt-a-conversational-ai-chatbot-from-openai/", False),
        ("https://notopenai.com/", False),
        ("https://d1abomko0vm8t1.cloudfront.net/article/708721/", False),
    ],
)
def test_primary_host(url: str, ok: bool) -> None:
    assert primary_host(url) is ok


@pytest.mark.parametrize(
    "path", sorted(Path(__file__).resolve().parents[1].glob("rules/knowledge*.yaml"))
    + sorted(Path(__file__).resolve().parents[1].glob("rules/knowledge/*.yaml")),
    ids=lambda p: p.name,
)
def test_every_shipped_knowledge_file_matches_the_schema(path: Path) -> None:
    """Shipped files are not validated at run time (start-up), so they are validated here."""
    from linter.datafiles import schema

    schema.validate(path, load_yaml(path), schema.KNOWLEDGE_SCHEMA)


def test_the_shipped_knowledge_base_has_no_dangling_reference() -> None:
    """References are checked at start-up only when a user file is added (see load_knowledge)."""
    from linter.api import KNOWLEDGE_FILE
    from linter.datafiles.packaged import packaged_path
    from linter.knowledge.base import load_knowledge
    from linter.knowledge.files import shipped_knowledge_files

    paths = shipped_knowledge_files(packaged_path(KNOWLEDGE_FILE))
    kb = load_knowledge(paths, shipped=len(paths), check=True)
    assert len(kb.entities) >= 300
