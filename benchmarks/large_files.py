"""Measure genai-lint on very large inputs: wall time and peak memory of one subprocess each.

    python benchmarks/large_files.py                  # 50 MB Markdown file, 5 MB single lines
    python benchmarks/large_files.py --big-mb 10 --line-mb 1 --keep /tmp/large
    python benchmarks/large_files.py --cases big --fix

Cases:

* ``big``: one Markdown file of ``--big-mb`` MB from ``corpus.big_file`` (headings, prose,
  lists, tables, notes, fenced code; a share of sentences about AI, some wrong).
* ``line``: one line of ``--line-mb`` MB of prose sentences (AI names, claims, misspellings,
  inline code, links), no newline until the end.
* ``line-nostop``: one line of ``--line-mb`` MB of words without any sentence end, the worst
  case for sentence splitting ("Chat GPT" and "LLMs generate images" inside).

Each case runs ``python -m linter --no-config --no-cache FILE`` (the text format, output to
a temporary file, claims on) and, with ``--fix``, a ``--fix`` run on a copy. Each run is
started from a fresh copy of this script (``--measure``) that runs the linter as its only
child, so its ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` is that run's peak RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import big_file

SENTENCES = (
    "Chat GPT can summarise the release notes for you.",
    "GPT-4 is a large language model developed by OpenAI.",
    "DALL·E is a large language model that draws pictures.",
    "Send the prompt to `client.chat()` and stream the answer back.",
    "See the [guide](https://example.com/guide) for the GPT4 options.",
    "LLMs generate images and video from a prompt.",
    "The scheduler retries a failed job three times and then gives up.",
    "Google's GPT-4 answers the questions in the dashboard.",
    "Every LLM is a generative AI model, but not every generative AI model is an LLM.",
    "Store the responses next to the dataset for later review.",
)
WORDS = ("the", "worker", "Chat GPT", "queue", "LLMs", "generate", "images", "and", "a",
         "model", "`code`", "runs", "fast", "Stable Diffusion", "GPT4", "with", "tokens")


def single_line(path: Path, megabytes: float, *, stops: bool, seed: int = 0) -> None:
    """One line of about ``megabytes`` MB (sentences, or words with no sentence end)."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    pool = SENTENCES if stops else WORDS
    parts: list[str] = []
    size = 0
    while size < target:
        part = rng.choice(pool)
        parts.append(part)
        size += len(part.encode("utf-8")) + 1
    path.write_text(" ".join(parts) + "\n", encoding="utf-8")


def run(args: list[str], cwd: Path) -> tuple[float, int, float]:
    """Lint in a fresh measuring process: (seconds, exit code, peak RSS in MB)."""
    proc = subprocess.run([sys.executable, __file__, "--measure", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"measuring failed: {proc.stderr.strip()}")
    sys.stderr.write(proc.stderr)
    seconds, code, peak = proc.stdout.split()
    return float(seconds), int(code), float(peak)


def measure(args: list[str]) -> int:
    """``--measure``: run ``python -m linter ARGS`` as the only child; print its figures."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "linter", *args], stdout=out, stderr=err,
                              check=False)
        seconds = time.perf_counter() - start
        err.seek(0)
        problem = err.read().decode(errors="replace")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode not in (0, 1):
        print(f"  exit {proc.returncode}: {problem.strip()[:500]}", file=sys.stderr)
    print(f"{seconds:.3f} {proc.returncode} {peak:.1f}")
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--measure"]:
        return measure(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big-mb", type=float, default=50)
    parser.add_argument("--line-mb", type=float, default=5)
    parser.add_argument("--fix", action="store_true", help="also time --fix on each file")
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    parser.add_argument("--cases", default="line-nostop,line,big",
                        help="comma-separated cases to run (default: all)")
    opts = parser.parse_args()
    scratch = opts.keep or Path(tempfile.mkdtemp(prefix="genai-lint-large-"))
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        cases = {
            "line-nostop": (scratch / "line-nostop.md",
                            lambda p: single_line(p, opts.line_mb, stops=False)),
            "line": (scratch / "line.md", lambda p: single_line(p, opts.line_mb, stops=True)),
            "big": (scratch / "big.md", lambda p: big_file(p, opts.big_mb)),
        }
        print(f"{'case':<12} {'MB':>6} {'run':<5} {'seconds':>8} {'exit':>4} {'peak RSS MB':>11}")
        for name, (path, make) in cases.items():
            if name not in opts.cases.split(","):
                continue
            if not path.exists():
                make(path)
            size = path.stat().st_size / 1_000_000
            seconds, code, peak = run(["--no-config", "--no-cache", path.name], scratch)
            print(f"{name:<12} {size:>6.1f} {'lint':<5} {seconds:>8.1f} {code:>4} {peak:>11.0f}",
                  flush=True)
            if opts.fix:
                copy = path.with_name("fixed-" + path.name)
                shutil.copyfile(path, copy)
                seconds, code, peak = run(["--no-config", "--no-cache", "--fix", copy.name],
                                          scratch)
                print(f"{name:<12} {size:>6.1f} {'fix':<5} {seconds:>8.1f} {code:>4} "
                      f"{peak:>11.0f}", flush=True)
                copy.unlink()
    finally:
        if opts.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
