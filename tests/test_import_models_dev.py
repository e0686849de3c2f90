"""tools/import_models_dev.py on a tiny models.dev-like repository built in tmp_path."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
import yaml
from gitrepo import commit_all, git, init_repo, write

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "import_models_dev.py"


def _model(name: str, inputs: str, outputs: str, *, reasoning: bool = False,
           released: str = "2024-07-18", extra: str = "") -> str:
    return (
        f'name = "{name}"\nrelease_date = "{released}"\nlast_updated = "{released}"\n'
        f"attachment = false\nreasoning = {str(reasoning).lower()}\ntool_call = true\n"
        f"open_weights = false\n{extra}\n[cost]\ninput = 1.0\noutput = 2.0\n\n"
        "[limit]\ncontext = 128_000\noutput = 16_384\n\n"
        f"[modalities]\ninput = {inputs}\noutput = {outputs}\n"
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A models.dev-like repository: (path, first commit, second commit)."""
    root = init_repo(tmp_path_factory.mktemp("models.dev"))
    # First-party: OpenAI's own API.
    write(root / "providers/openai/provider.toml", 'name = "OpenAI"\nenv = ["OPENAI_API_KEY"]\n')
    write(root / "providers/openai/models/gpt-4o-mini.toml",
          _model("GPT-4o mini", '["text", "image", "pdf"]', '["text"]',
                 extra='family = "gpt-mini"'))
    write(root / "providers/openai/models/gpt-4o-mini-2024-07-18.toml",
          _model("GPT-4o mini (2024-07-18)", '["text", "image"]', '["text"]'))
    write(root / "providers/openai/models/o3.toml",
          _model("o3", '["text", "image"]', '["text"]', reasoning=True, released="2025-04-16"))
    write(root / "providers/openai/models/text-embedding-3-small.toml",
          _model("text-embedding-3-small", '["text"]', '["text"]', released="2024-01-25"))
    write(root / "providers/openai/models/tts-1.toml",
          _model("TTS-1", '["text"]', '["audio"]', released="2023-11-06"))
    write(root / "providers/openai/models/gpt-3.5-turbo.toml",
          _model("GPT-3.5-turbo", '["text"]', '["text"]', released="2023-03-01",
                 extra='family = "gpt"\nstatus = "deprecated"'))
    # A lab file and a provider file that inherits from it (models.dev's base_model).
    write(root / "models/openai/gpt-5.toml",
          _model("GPT-5", '["text", "image"]', '["text"]', reasoning=True, released="2025-08-07"))
    write(root / "providers/openai/models/gpt-5.toml",
          'base_model = "openai/gpt-5"\n\n[cost]\ninput = 1.25\noutput = 10.0\n')
    # Gateway: resells OpenAI's model under another vendor's roof, plus a model of its own.
    write(root / "providers/openrouter/provider.toml", 'name = "OpenRouter"\n')
    write(root / "providers/openrouter/models/openai/gpt-4o-mini.toml",
          _model("GPT-4o mini", '["text", "image", "audio", "video"]', '["text", "image"]',
                 released="2020-01-01"))
    write(root / "providers/openrouter/models/openrouter/auto.toml",
          _model("Auto Router", '["text"]', '["text"]'))
    # First-party image models: xAI (image + pdf output, a video model).
    write(root / "providers/xai/provider.toml", 'name = "xAI"\n')
    write(root / "providers/xai/models/grok-imagine-image.toml",
          _model("Grok Imagine Image", '["text", "image", "pdf"]', '["image", "pdf"]',
                 released="2026-01-28"))
    write(root / "providers/xai/models/grok-imagine-video.toml",
          _model("Grok Imagine Video", '["text", "image"]', '["video"]', released="2026-01-28"))
    # A regional mirror that is a symlink (models.dev links catalogues this way).
    (root / "providers/zai/models").mkdir(parents=True)
    write(root / "providers/zai/models/glm-4.5.toml",
          _model("GLM-4.5", '["text"]', '["text"]', reasoning=True, released="2025-07-28"))
    (root / "providers/zhipuai/models").mkdir(parents=True)
    (root / "providers/zhipuai/models/glm-4.5.toml").symlink_to("../../zai/models/glm-4.5.toml")
    first = commit_all(root, "first")
    write(root / "providers/openai/models/gpt-9.toml", _model("GPT-9", '["text"]', '["text"]'))
    second = commit_all(root, "second")
    return root, first, second


def _run(repo_dir: Path, out: Path, *extra: str) -> str:
    done = subprocess.run(
        [sys.executable, str(TOOL), "--git-dir", str(repo_dir / ".git"), "--output", str(out),
         *extra],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pinned(repo: tuple[Path, str, str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The importer's output for the first commit."""
    root, first, _ = repo
    return _run(root, tmp_path_factory.mktemp("out") / "generated.yaml", "--commit", first)


def _entities(text: str) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in yaml.safe_load(text)["entities"]}


def test_vendor_only_from_first_party_and_gateway_ignored(pinned: str) -> None:
    data = yaml.safe_load(pinned)
    entities = _entities(pinned)
    mini = entities["openai-gpt-4o-mini"]
    assert mini["vendor"] == "openai"
    # The first-party file gives the facts, not the gateway's copy (which adds image output).
    assert mini["output"] == ["text", "code"]
    assert mini["dates"] == {"released": "2024-07-18"}
    assert {s for v in mini["sources"].values() for s in ([v] if isinstance(v, str) else v)} == {
        "models-dev-openai-gpt-4o-mini"}
    assert not any("openrouter" in key for key in data["sources"])
    assert "openrouter" not in pinned
    assert not any(e["name"] == "Auto Router" for e in entities.values())
    # One entity per model: the dated snapshot "GPT-4o mini (2024-07-18)" is the same model.
    assert [e["name"] for e in entities.values()].count("GPT-4o mini") == 1
    assert mini["aliases"] == ["GPT-4o mini"]
    assert "gpt-4o-mini" not in mini["aliases"]


def test_pinned_commit_recorded(repo: tuple[Path, str, str], pinned: str) -> None:
    root, first, _ = repo
    stamp = int(git(root, "show", "-s", "--format=%ct", first).strip())
    day = datetime.fromtimestamp(stamp, tz=timezone.utc).date().isoformat()
    assert pinned.startswith(
        f"# generated by tools/import_models_dev.py from models.dev commit {first} ({day}); "
        "do not edit\n")
    data = yaml.safe_load(pinned)
    assert data["generated_from"] == {"source": "models.dev",
                                      "repository": "https://github.com/anomalyco/models.dev",
                                      "commit": first, "date": day}
    assert data["sources"]["models-dev-openai-o3"] == {
        "title": "models.dev: o3 (openai/o3)",
        "url": f"https://github.com/anomalyco/models.dev/blob/{first}/providers/openai/models/o3.toml",
        "date": "2025-04-16",
    }
    assert "openai-gpt-9" not in _entities(pinned)  # added after the pinned commit


def test_deterministic(repo: tuple[Path, str, str], tmp_path: Path) -> None:
    root, _, second = repo
    one = _run(root, tmp_path / "one.yaml")
    two = _run(root, tmp_path / "two.yaml", "--commit", second)
    assert one.encode() == two.encode()
    assert "openai-gpt-9" in _entities(one)
    assert list(yaml.safe_load(one)["sources"]) == sorted(yaml.safe_load(one)["sources"])
    assert list(_entities(one)) == sorted(_entities(one))


@pytest.mark.parametrize(("entity_id", "category"), [
    ("openai-gpt-4o-mini", "llm"),
    ("openai-o3", "reasoning-model"),
    ("openai-text-embedding-3-small", "embedding-model"),
    ("openai-tts-1", "text-to-speech-model"),
    ("xai-grok-imagine-image", "text-to-image-model"),
    ("xai-grok-imagine-video", "text-to-video-model"),
    ("zhipu-ai-glm-4.5", "reasoning-model"),
])
def test_category_inference(pinned: str, entity_id: str, category: str) -> None:
    assert _entities(pinned)[entity_id]["category"] == category


def test_modality_mapping(pinned: str) -> None:
    entities = _entities(pinned)
    mini = entities["openai-gpt-4o-mini"]
    assert mini["input"] == ["text", "image"]  # pdf counts as text input
    assert mini["output"] == ["text", "code"]  # text output of an LLM includes code
    image = entities["xai-grok-imagine-image"]
    assert (image["input"], image["output"]) == (["text", "image"], ["image"])
    assert entities["openai-tts-1"]["output"] == ["audio"]
    assert "output" not in entities["openai-text-embedding-3-small"]  # vectors, not text


def test_base_model_symlink_family_and_deprecated(pinned: str) -> None:
    entities = _entities(pinned)
    gpt5 = entities["openai-gpt-5"]
    assert (gpt5["category"], gpt5["dates"]["released"]) == ("reasoning-model", "2025-08-07")
    assert gpt5["sources"]["vendor"] == "models-dev-openai-gpt-5"
    assert gpt5["sources"]["dates"] == "models-dev-models-openai-gpt-5"
    glm = entities["zhipu-ai-glm-4.5"]  # zai and the zhipuai symlink are one model
    assert glm["sources"]["vendor"] == "models-dev-zai-glm-4.5"
    old = entities["openai-gpt-3.5-turbo"]  # deprecated but not a duplicate: kept
    assert old["family"] == "gpt-3.5"
    # "GPT-4o mini" is an alias of the curated gpt-4o itself, so it names no family.
    assert "family" not in entities["openai-gpt-4o-mini"]


def test_schema_valid(pinned: str) -> None:
    schema = json.loads((ROOT / "rules" / "knowledge.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(pinned), schema)


def _tool() -> ModuleType:
    """The importer as a module (tools/ is not a package)."""
    if "import_models_dev" not in sys.modules:
        spec = importlib.util.spec_from_file_location("import_models_dev", TOOL)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["import_models_dev"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["import_models_dev"]


@pytest.mark.parametrize(("inputs", "outputs", "model_id", "category"), [
    (["audio"], ["text"], "qwen3-asr-flash", "speech-recognition-model"),
    (["text", "image"], ["text", "image"], "gpt-image-1.5", "text-to-image-model"),
    (["text", "image", "audio"], ["text", "audio"], "qwen-omni-turbo", "llm"),
    (["text", "image"], ["text"], "llama-nemotron-rerank-vl-1b-v2", None),
])
def test_category_rules(inputs: list[str], outputs: list[str], model_id: str,
                        category: str | None) -> None:
    data = {"name": model_id, "modalities": {"input": inputs, "output": outputs}}
    assert _tool().infer_category(data, model_id) == category
