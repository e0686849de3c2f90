"""Measure the language server: latency from a change to its diagnostics, after warm-up.

    python benchmarks/lsp_latency.py                     # a ~2,000-word document, 40 changes
    python benchmarks/lsp_latency.py --words 5000 --changes 100

Starts ``python -m linter server`` (this interpreter) as an editor would, over stdio, in an
empty temporary workspace; opens one generated Markdown document (``corpus.document``: prose,
lists, tables, code, a share of sentences about AI), waits for its first diagnostics (the
pipeline warm-up is in there), makes a few unmeasured changes, then ``--changes`` measured
ones. Each change is an incremental edit that appends a sentence about AI (a claim that the
parser must read, or a misspelled name) to a random prose line; the next change is sent only
after the diagnostics of the previous one arrived, so none is coalesced with another. The
latency of a change runs from sending ``didChange`` to receiving ``publishDiagnostics`` for its
version; "after the debounce" subtracts the server's debounce delay.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from corpus import document

from linter.lsp.positions import units
from linter.lsp.scheduler import DEBOUNCE

EDITS = (
    " DALL·E is a large language model.",
    " We use Chat GPT for drafts.",
    " GPT-4 is a model developed by Google.",
    " Claude answers support questions.",
)


class Client:
    """An LSP client that records when each diagnostics version arrives."""

    def __init__(self) -> None:
        self.client = LanguageClient("lsp-latency", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.counts: dict[tuple[str, int | None], int] = {}
        self.event = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version)
            self.arrived.setdefault(key, time.perf_counter())
            self.counts[key] = len(params.diagnostics)
            self.event.set()

    async def wait(self, uri: str, version: int, timeout: float = 120.0) -> float:
        async def until() -> float:
            while (uri, version) not in self.arrived:
                self.event.clear()
                await self.event.wait()
            return self.arrived[(uri, version)]

        return await asyncio.wait_for(until(), timeout)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def measure(words: int, changes: int, warm: int, seed: int) -> None:
    rng = random.Random(seed)
    text = document(words, seed=seed)
    lines = text.split("\n")
    prose = [i for i, line in enumerate(lines) if line[:1].isalpha()]
    with tempfile.TemporaryDirectory(prefix="lsp-latency-") as folder:
        root = Path(folder)
        path = root / "doc.md"
        path.write_text(text, encoding="utf-8")
        client = Client()
        started = time.perf_counter()
        await client.client.start_io(sys.executable, "-m", "linter", "server")
        await client.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="bench")]))
        client.client.initialized(types.InitializedParams())
        uri = path.as_uri()
        opened = time.perf_counter()
        client.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
        first = await client.wait(uri, 1)
        print(f"document: {len(text.split())} words, {len(lines)} lines; "
              f"first diagnostics {first - opened:.2f} s after didOpen "
              f"({first - started:.2f} s after the server started, warm-up included), "
              f"{client.counts[(uri, 1)]} diagnostics")
        latencies: list[float] = []
        for version in range(2, 2 + warm + changes):
            line = rng.choice(prose)
            addition = rng.choice(EDITS)
            at = types.Position(line, units(lines[line]))
            lines[line] += addition
            sent = time.perf_counter()
            client.client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(
                    range=types.Range(at, at), text=addition)]))
            arrived = await client.wait(uri, version)
            if version >= 2 + warm:
                latencies.append(arrived - sent)
        await client.client.shutdown_async(None)
        client.client.exit(None)
        await client.client.stop()
    after = [value - DEBOUNCE for value in latencies]
    ms = 1000
    print(f"{changes} changes (after {warm} unmeasured), debounce {DEBOUNCE * ms:.0f} ms")
    print(f"change → diagnostics:      median {statistics.median(latencies) * ms:6.1f} ms   "
          f"p95 {percentile(latencies, 0.95) * ms:6.1f} ms   max {max(latencies) * ms:6.1f} ms")
    print(f"  after the debounce:      median {statistics.median(after) * ms:6.1f} ms   "
          f"p95 {percentile(after, 0.95) * ms:6.1f} ms   max {max(after) * ms:6.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2000, help="document size (words)")
    parser.add_argument("--changes", type=int, default=40, help="measured changes")
    parser.add_argument("--warm", type=int, default=5, help="unmeasured changes first")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(measure(args.words, args.changes, args.warm, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
