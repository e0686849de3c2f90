"""A synthetic but realistic documentation tree, written from templates in this file only.

Files mix front matter, headings, prose paragraphs, lists, tables, notes, fenced code and
links. A configurable share of prose sentences names an AI system (``ai_share``); some of
those state a claim (a copula, "such as", a vendor) and a few are wrong or misspelled, so
every stage of the linter (prefilter, segmentation, term rules, spaCy) has work to do.

    python benchmarks/corpus.py OUT_DIR [--files N] [--words-per-file W] [--ai-share S]
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import random
from dataclasses import dataclass
from pathlib import Path

SECTIONS = ("getting-started", "guides", "reference", "tutorials", "concepts", "api", "howto")
TOPICS = ("install", "configure", "deploy", "cache", "storage", "pipeline", "scheduler",
          "training", "inference", "logging", "security", "upgrade", "plugins", "testing")

TOOLS = ("build", "sync", "serve", "export", "migrate", "index", "package")
VERBS = ("configure", "validate", "export", "restart", "inspect", "update", "archive",
         "register", "compress", "schedule", "upload", "rotate", "cache", "tag")
NOUNS = ("project", "dataset", "worker", "bucket", "session", "token", "queue", "profile",
         "endpoint", "manifest", "snapshot", "volume", "schema", "job", "cluster", "release")
ADJS = ("default", "local", "remote", "shared", "temporary", "optional", "nested",
        "compressed", "read-only", "incremental", "versioned", "private")
COMPONENTS = ("scheduler", "server", "client", "loader", "runner", "gateway", "agent",
              "controller", "exporter", "watcher")
STATES = ("running", "locked", "empty", "stale", "read-only", "offline", "healthy")
FLAGS = ("--force", "--dry-run", "--verbose", "--output", "--config", "--retries", "--timeout")

GENERAL = (
    "Run the {tool} command to {verb} the {noun} before you {verb2} it.",
    "The {adj} {noun} stores each {noun2} in a separate folder.",
    "If the {noun} is {state}, the {component} returns an error and stops the request.",
    "You can pass a custom {noun} to the {component} with the `{flag}` option.",
    "Each {noun} has a {adj} {noun2} that controls how the {component} handles requests.",
    "See the [{section} guide](../{section}/index.md) for more details about each {noun}.",
    "This section explains how to {verb} a {noun} and how to {verb2} it afterwards.",
    "By default, the {component} keeps {number} {noun}s in memory.",
    "When the {noun} changes, the {component} reloads its {noun2} automatically.",
    "Make sure that your {noun} is not {state} before you start the {component}.",
    "The {component} writes a log line for every {noun} it processes.",
    "To {verb} several {noun}s at once, list them in the {adj} manifest.",
    "Older releases did not {verb} the {noun2}, so upgrade first if you rely on it.",
    "Set `{envvar}` to change where the {component} looks for the {noun}.",
    "Use the {tool} subcommand only on the {adj} {noun}; it rewrites the {noun2} in place.",
    "A {state} {noun} cannot be shared between two {component}s.",
    "The {component} retries a failed {noun} {number} times and then gives up.",
    "Once the {noun} is ready, open the dashboard at <https://example.com/{noun}>.",
    "For large projects, split the {noun} into smaller parts and {verb} each part.",
    "We recommend keeping the {adj} {noun2} under version control.",
)

MODELS = ("GPT-4", "GPT-4o", "GPT-3.5", "Claude", "Llama 2", "Gemini", "PaLM 2", "Mistral 7B",
          "Mixtral", "Stable Diffusion", "DALL·E 3", "Whisper", "Imagen", "Codex", "BERT")
TEXT_MODELS = ("GPT-4", "Claude", "Llama 2", "Mistral 7B", "PaLM 2", "Mixtral")
IMAGE_MODELS = ("Stable Diffusion", "DALL·E 3", "Imagen", "Midjourney")
VENDOR_OF = {"GPT-4": "OpenAI", "Claude": "Anthropic", "Llama 2": "Meta", "PaLM 2": "Google",
             "Mistral 7B": "Mistral AI", "Mixtral": "Mistral AI", "Imagen": "Google",
             "Stable Diffusion": "Stability AI", "DALL·E 3": "OpenAI"}
CONCEPTS = ("large language model", "LLM", "generative AI", "diffusion model", "transformer",
            "text-to-image model", "chatbot")

AI_MENTION = (  # names an AI system or concept, usually without a claim
    "Send the prompt to {model} and stream the answer back to the client",
    "Our {component} can call {model} through the hosted API",
    "Store the {model} responses next to the {noun} for later review",
    "The example below asks {model} to summarise a {noun}",
    "Set the temperature to 0 when you compare answers from {model}",
    "Cache the embeddings so that the {llm} does not see a {noun} twice",
    "The {concept} section lists the parameters you can tune",
    "Compare the latency of {model} and {model2} on your own {noun}s",
    "Long prompts get truncated before they reach {model}",
    "Log every request to {model} with the {noun} id",
)
AI_CLAIM = (  # a claim the analyzer parses; true
    "{text_model} is a large language model developed by {vendor}",
    "{vendor}'s {text_model} generates text and code",
    "Image models such as {image_model} turn a text prompt into a picture",
    "Every LLM is a generative AI model, but not every generative AI model is an LLM",
    "Diffusion models such as Stable Diffusion generate images from noise",
    "ChatGPT is a chatbot powered by GPT models",
    "GitHub Copilot, a coding assistant, is powered by Codex",
    "Whisper is a speech recognition model from OpenAI",
)
AI_WRONG = (  # wrong or misspelled: the linter should flag these
    "DALL·E is a large language model",
    "Google's GPT-4 answers the questions",
    "Chat GPT can summarise the {noun}",
    "Use Dall-E to draw the {noun} icons",
    "LLMs generate images and video from a prompt",
    "Midjourney is an LLM trained by Open AI",
    "Stable diffusion is a transformer-based LLM",
)


@dataclass(frozen=True)
class CorpusSpec:
    """How big the tree is and how much of its prose is about AI."""

    files: int = 400
    words_per_file: int = 650  # mean; sizes vary log-normally
    ai_share: float = 0.25  # share of prose sentences that name an AI system or concept
    claim_share: float = 0.1  # of those, the share that state a (true) claim
    wrong_share: float = 0.05  # of those, the share that is wrong or misspelled
    code_share: float = 0.15  # share of blocks that are fenced code
    seed: int = 0


class _Writer:
    def __init__(self, spec: CorpusSpec, rng: random.Random) -> None:
        self.spec = spec
        self.rng = rng

    def fill(self, template: str) -> str:
        r = self.rng
        model, model2 = r.sample(MODELS, 2)
        text_model = r.choice(TEXT_MODELS)
        return template.format(
            tool=r.choice(TOOLS), verb=r.choice(VERBS), verb2=r.choice(VERBS),
            noun=r.choice(NOUNS), noun2=r.choice(NOUNS), adj=r.choice(ADJS),
            component=r.choice(COMPONENTS), state=r.choice(STATES), flag=r.choice(FLAGS),
            section=r.choice(SECTIONS), number=r.randint(2, 64),
            envvar=f"APP_{r.choice(NOUNS).upper()}_DIR", model=model, model2=model2,
            text_model=text_model, vendor=VENDOR_OF.get(text_model, "OpenAI"),
            image_model=r.choice(IMAGE_MODELS), concept=r.choice(CONCEPTS),
            llm=r.choice(("LLM", "model", "language model")),
        )

    def sentence(self) -> str:
        r, spec = self.rng, self.spec
        if r.random() >= spec.ai_share:
            return self.fill(r.choice(GENERAL))
        roll = r.random()
        if roll < spec.wrong_share:
            pool = AI_WRONG
        elif roll < spec.wrong_share + spec.claim_share:
            pool = AI_CLAIM
        else:
            pool = AI_MENTION
        return self.fill(r.choice(pool)) + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def block(self) -> str:
        r = self.rng
        if r.random() < self.spec.code_share:
            return self.code()
        kind = r.choices(("paragraph", "list", "table", "note", "heading"), (10, 3, 1, 1, 2))[0]
        if kind == "list":
            return "\n".join(f"- {self.sentence()}" for _ in range(r.randint(3, 6)))
        if kind == "table":
            rows = ["| Option | Default | Description |", "| --- | --- | --- |"]
            for _ in range(r.randint(3, 6)):
                rows.append(f"| `{r.choice(FLAGS)}` | `{r.randint(0, 9)}` | {self.sentence()} |")
            return "\n".join(rows)
        if kind == "note":
            return f"> **Note:** {self.sentence()} {self.sentence()}"
        if kind == "heading":
            return f"## {self.fill('{verb} the {adj} {noun}').capitalize()}"
        return self.paragraph()

    def code(self) -> str:
        r = self.rng
        if r.random() < 0.5:
            lines = [f"$ app {r.choice(TOOLS)} {r.choice(FLAGS)} {r.choice(NOUNS)}"
                     for _ in range(r.randint(1, 4))]
            return "```bash\n" + "\n".join(lines) + "\n```"
        noun = r.choice(NOUNS)
        body = [
            "from app import Client",
            "",
            f'client = Client(model="{r.choice(("gpt-4", "claude-3", "llama-2-7b"))}")',
            f"{noun} = client.{r.choice(VERBS)}(\"{r.choice(NOUNS)}\", retries={r.randint(1, 5)})",
            f"print({noun}.status)",
        ]
        return "```python\n" + "\n".join(body) + "\n```"

    def document(self, title: str, words: int, syntax: str) -> str:
        r = self.rng
        parts = []
        if syntax != "text" and r.random() < 0.6:
            parts.append(f"---\ntitle: {title}\nsidebar_position: {r.randint(1, 20)}\n"
                         f"tags: [{r.choice(NOUNS)}, {r.choice(NOUNS)}]\n---")
        if syntax == "mdx":
            parts.append("import { Tabs } from '@theme/Tabs'")
        parts.append(f"# {title}" if syntax != "text" else title.upper())
        count = 0
        while count < words:
            block = self.paragraph() if syntax == "text" else self.block()
            parts.append(block)
            count += len(block.split())
        return "\n\n".join(parts) + "\n"


def generate(root: Path, spec: CorpusSpec = CorpusSpec()) -> dict[str, int]:
    """Write the tree under ``root``; return its ``files`` and ``words`` counts."""
    rng = random.Random(spec.seed)
    writer = _Writer(spec, rng)
    words = 0
    sigma = 0.8
    mu = math.log(max(spec.words_per_file, 1)) - sigma * sigma / 2
    for number in range(spec.files):
        section = SECTIONS[number % len(SECTIONS)]
        topic = rng.choice(TOPICS)
        syntax = rng.choices(("markdown", "mdx", "text"), (85, 10, 5))[0]
        suffix = {"markdown": ".md", "mdx": ".mdx", "text": ".txt"}[syntax]
        path = root / "docs" / section / f"{topic}-{number:04d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        size = max(40, int(rng.lognormvariate(mu, sigma)))
        text = writer.document(f"{topic.capitalize()} {number}", size, syntax)
        path.write_text(text, encoding="utf-8")
        words += len(text.split())
    return {"files": spec.files, "words": words}


def document(words: int, syntax: str = "markdown", seed: int = 0,
             spec: CorpusSpec = CorpusSpec()) -> str:
    """One document of about ``words`` words, like those of :func:`generate`."""
    writer = _Writer(dataclasses.replace(spec, seed=seed), random.Random(seed))
    return writer.document("A generated document", words, syntax)


def big_file(path: Path, megabytes: float, seed: int = 0) -> int:
    """One Markdown file of about ``megabytes`` MB; returns its word count."""
    writer = _Writer(CorpusSpec(seed=seed), random.Random(seed))
    target = int(megabytes * 1_000_000)
    words = 0
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("# A very large document\n\n")
        written = 0
        while written < target:
            block = writer.block() + "\n\n"
            stream.write(block)
            written += len(block.encode("utf-8"))
            words += len(block.split())
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=CorpusSpec.files)
    parser.add_argument("--words-per-file", type=int, default=CorpusSpec.words_per_file)
    parser.add_argument("--ai-share", type=float, default=CorpusSpec.ai_share)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    spec = CorpusSpec(files=args.files, words_per_file=args.words_per_file,
                      ai_share=args.ai_share, seed=args.seed)
    counts = generate(args.out, spec)
    print(f"{counts['files']} files, {counts['words']} words in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
