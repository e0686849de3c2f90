"""Measure genai-lint: throughput, cache, --jobs scaling, start-up and memory.

    python benchmarks/run.py                      # a generated tree (see corpus.py)
    python benchmarks/run.py PATH...              # plus real trees (their text is only read)
    python benchmarks/run.py --files 800 --ai-share 0.3 --big-mb 50 --proselint

Every figure comes from running ``python -m linter`` in a subprocess with this interpreter
(not a shell shim), as a user would. Times are the best of ``--repeat`` runs. "Peak RSS" is
the largest single process (``wait4`` rusage, workers included) and the largest sum over
the process tree (sampled from /proc every 20 ms, Linux only).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CorpusSpec, big_file, generate

DOC_SUFFIXES = (".md", ".markdown", ".mdx", ".txt")
_STATS = re.compile(
    r"(?P<files>\d+) files \((?P<cached>\d+) from cache, (?P<linted>\d+) linted (?P<mode>[^)]*)\); "
    r"(?P<words>\d+) words linted, (?P<matched_words>\d+) in (?P<matched_files>\d+) files past "
    r"the prefilter, (?P<parsed>\d+) \([^)]*\) in (?P<sentences>\d+) sentences parsed"
)
NO_AI = ("# Release checklist\n\nRun the test suite, update the changelog and tag the release. "
         "Then upload the packages and announce the new version.\n\n```sh\nmake release\n```\n")
WITH_AI = ("# Models\n\nGPT-4 is a large language model developed by OpenAI. DALL·E is a large "
           "language model, and Chat GPT can summarise a page.\n")


@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float  # the largest single process
    tree_rss_mb: float  # the largest sampled sum over the process tree
    cpu_seconds: float  # user + system time of the run (workers included)
    others: float  # CPUs kept busy by other processes meanwhile (Linux), -1 if unknown

    @property
    def stats(self) -> dict[str, str]:
        match = _STATS.search(self.stderr)
        return match.groupdict() if match else {}


def child_env(scratch: Path) -> dict[str, str]:
    """The environment for runs; keeps byte-code caches out of the source tree."""
    env = dict(os.environ)
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        # An installed tool has compiled byte code; without it every run recompiles genai-lint.
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


def measure(args: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``python -m linter ARGS`` once: wall time, output and peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        before = _busy_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "linter", *args], cwd=cwd, env=env,
                                stdout=out, stderr=err)
        sampler = _TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        after = _busy_seconds()
        sampler.stop()
        cpu = usage.ru_utime + usage.ru_stime
        others = max(0.0, (after - before - cpu) / seconds) if before >= 0 <= after else -1.0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(seconds, proc.returncode, out.read().decode(), err.read().decode(),
                   usage.ru_maxrss / 1024, sampler.peak_kb / 1024, cpu, others)


def _busy_seconds() -> float:
    """CPU seconds all processes have used since boot (Linux /proc/stat), or -1."""
    try:
        with open("/proc/stat") as stream:
            fields = [int(v) for v in stream.readline().split()[1:]]
    except (OSError, ValueError):
        return -1.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def best(args: list[str], cwd: Path, env: dict[str, str], repeat: int, prepare=None) -> Run:
    runs = []
    for _ in range(repeat):
        if prepare:
            prepare()
        runs.append(measure(args, cwd, env))
    return min(runs, key=lambda r: r.seconds)


class _TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants (Linux /proc)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self._done = threading.Event()
        self._page_kb = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self._done.wait(0.02):
            self.peak_kb = max(self.peak_kb, self._sample())

    def stop(self) -> None:
        self._done.set()
        self.join()

    def _sample(self) -> int:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as stream:
                        fields = stream.read().rsplit(")", 1)[1].split()
                    parents[int(entry)] = int(fields[1])
                except (OSError, IndexError, ValueError):
                    continue
        tree = {self.pid}
        grew = True
        while grew:
            grew = False
            for pid, ppid in parents.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        total = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/statm") as stream:
                    total += int(stream.read().split()[1]) * self._page_kb
            except (OSError, IndexError, ValueError):
                continue
        return total


def _spin(_: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i * i
    return time.perf_counter() - start


def machine_parallelism(jobs: int) -> float:
    """How many times one process's pure-CPU work ``jobs`` processes get done meanwhile."""
    import multiprocessing

    alone = min(_spin(0) for _ in range(3))
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        pool.map(_spin, range(jobs))  # start-up
        start = time.perf_counter()
        pool.map(_spin, range(jobs))
        together = time.perf_counter() - start
    return jobs * alone / together


def count_tree(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.suffix.lower() in DOC_SUFFIXES and p.is_file()
             and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)
    return len(files), words


def findings_of(run: Run) -> list[dict]:
    return json.loads(run.stdout)["findings"]


def report_tree(name: str, root: Path, opts: argparse.Namespace, scratch: Path,
                env: dict[str, str]) -> dict:
    files, words = count_tree(root)
    print(f"\n== {name}: {files} files, {words:,} words ({root})")
    cache = scratch / f"cache-{abs(hash(str(root)))}"
    jobs = opts.jobs or os.cpu_count() or 1
    common = ["--format", "json", "--debug", "--no-config", "."]

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    cold = best(["--cache-dir", str(cache), "--jobs", str(jobs), *common], root, env,
                opts.repeat, prepare=clear)
    warm = best(["--cache-dir", str(cache), "--jobs", str(jobs), *common], root, env, opts.repeat)
    serial = best(["--no-cache", "--jobs", "1", *common], root, env, opts.repeat)
    parallel = best(["--no-cache", "--jobs", str(jobs), *common], root, env, opts.repeat)
    same = findings_of(serial) == findings_of(parallel) == findings_of(cold) == findings_of(warm)
    stats = cold.stats
    result = {
        "files": files, "words": words, "jobs": jobs,
        "cold_s": cold.seconds, "warm_s": warm.seconds,
        "serial_s": serial.seconds, "parallel_s": parallel.seconds,
        "findings": len(findings_of(cold)), "identical_findings": same,
        "peak_rss_mb": max(cold.max_rss_mb, parallel.max_rss_mb),
        "peak_tree_rss_mb": max(cold.tree_rss_mb, parallel.tree_rss_mb),
        "serial_peak_rss_mb": serial.max_rss_mb, "stats": stats,
    }
    print(f"  cold (empty cache, --jobs {jobs}): {cold.seconds:6.2f} s  "
          f"{words / cold.seconds:9,.0f} words/s  {files / cold.seconds:6.1f} files/s  "
          f"({result['findings']} findings, {stats.get('mode', '?')}){_load(cold)}")
    print(f"  warm (cache full):            {warm.seconds:6.2f} s  "
          f"{cold.seconds / warm.seconds:5.1f}x faster than cold")
    print(f"  --no-cache --jobs 1:          {serial.seconds:6.2f} s  "
          f"{words / serial.seconds:9,.0f} words/s{_load(serial)}")
    print(f"  --no-cache --jobs {jobs}:          {parallel.seconds:6.2f} s  "
          f"{serial.seconds / parallel.seconds:5.2f}x the --jobs 1 speed{_load(parallel)}")
    print(f"  findings identical across the four runs: {'yes' if same else 'NO'}")
    if stats:
        share = int(stats["parsed"]) / max(1, int(stats["words"]))
        print(f"  text reaching spaCy: {int(stats['parsed']):,} of {int(stats['words']):,} words "
              f"({share:.1%}) in {stats['sentences']} sentences; "
              f"{stats['matched_files']} of {stats['linted']} files past the raw prefilter")
    print(f"  peak RSS: {result['peak_rss_mb']:.0f} MB largest process, "
          f"{result['peak_tree_rss_mb']:.0f} MB process tree "
          f"({serial.max_rss_mb:.0f} MB with --jobs 1)")
    if opts.proselint:
        result.update(run_proselint(opts.proselint, root, words, cold.seconds, scratch))
    return result


def _load(run: Run) -> str:
    """CPU time of the run, and how busy other processes kept the machine meanwhile."""
    others = f", other processes busy {run.others:.1f} CPUs" if run.others >= 0 else ""
    return f"  [cpu {run.cpu_seconds:.2f} s{others}]"


def run_proselint(command: str, root: Path, words: int, ours: float, scratch: Path) -> dict:
    """proselint with every check on, over the same files (best of two runs)."""
    config = scratch / "proselintrc.json"
    dump = subprocess.run([command, "dump-config"], capture_output=True, text=True, check=False)
    try:
        checks = {name: True for name in json.loads(dump.stdout)["checks"]}
        config.write_text(json.dumps({"checks": checks, "max_errors": 1_000_000}))
        extra = ["--config", str(config)]
    except (ValueError, KeyError):
        extra = []
    files = sorted(str(p) for p in root.rglob("*") if p.suffix.lower() in DOC_SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(root).parts))
    times = []
    for _ in range(2):
        start = time.perf_counter()
        subprocess.run([command, "check", *extra, "-o", "compact", *files],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    seconds = min(times)
    print(f"  proselint (all checks):       {seconds:6.2f} s  {words / seconds:9,.0f} words/s  "
          f"-> genai-lint cold is {seconds / ours:.2f}x faster")
    return {"proselint_s": seconds}


def _median_side_by_side(commands: dict[str, list[str]], cwd: Path, env: dict[str, str],
                         runs: int) -> dict[str, float]:
    """Median wall time of each command, the commands run in turn (so load hits all alike)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            times[name].append(time.perf_counter() - start)
    return {name: sorted(values)[len(values) // 2] for name, values in times.items()}


def report_startup(scratch: Path, env: dict[str, str], repeat: int,
                   proselint: str | None = None) -> dict:
    folder = scratch / "single"
    folder.mkdir(exist_ok=True)
    (folder / "plain.md").write_text(NO_AI, encoding="utf-8")
    (folder / "ai.md").write_text(WITH_AI, encoding="utf-8")
    measure(["--no-cache", "plain.md"], folder, env)  # byte-compile once
    plain = best(["--no-cache", "--no-config", "plain.md"], folder, env, max(repeat, 5))
    ai = best(["--no-cache", "--no-config", "ai.md"], folder, env, max(repeat, 3))
    print("\n== single file (pre-commit case, --no-cache, best of runs)")
    print(f"  no AI term:  {plain.seconds:5.3f} s  peak RSS {plain.max_rss_mb:4.0f} MB")
    print(f"  AI terms:    {ai.seconds:5.3f} s  peak RSS {ai.max_rss_mb:4.0f} MB "
          f"(exit {ai.returncode}: findings)")
    figures = {"plain_s": plain.seconds, "ai_s": ai.seconds,
               "plain_rss_mb": plain.max_rss_mb, "ai_rss_mb": ai.max_rss_mb}
    if proselint:
        script = shutil.which("genai-lint")
        ours = [script] if script else [sys.executable, "-m", "linter"]
        medians = _median_side_by_side(
            {"genai-lint": [*ours, "--no-cache", "--no-config", "plain.md"],
             "proselint": [proselint, "check", "plain.md"]}, folder, env, 21)
        print(f"  side by side, no AI term, median of 21: genai-lint {medians['genai-lint']:5.3f} s"
              f" ({Path(ours[-1]).name}), proselint check "
              f"{medians['proselint']:5.3f} s")
        figures.update(side_genai_s=medians["genai-lint"], side_proselint_s=medians["proselint"])
    return figures


def report_big(scratch: Path, env: dict[str, str], megabytes: float) -> dict:
    folder = scratch / "big"
    folder.mkdir(exist_ok=True)
    words = big_file(folder / "big.md", megabytes)
    run = measure(["--no-cache", "--no-config", "--format", "json", "--debug", "big.md"],
                  folder, env)
    print(f"\n== one {megabytes:g} MB file ({words:,} words)")
    print(f"  {run.seconds:6.2f} s  {words / run.seconds:9,.0f} words/s  peak RSS "
          f"{run.max_rss_mb:.0f} MB (exit {run.returncode})")
    return {"big_mb": megabytes, "big_s": run.seconds, "big_rss_mb": run.max_rss_mb}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="real documentation trees to add")
    parser.add_argument("--files", type=int, default=CorpusSpec.files)
    parser.add_argument("--words-per-file", type=int, default=CorpusSpec.words_per_file)
    parser.add_argument("--ai-share", type=float, default=CorpusSpec.ai_share,
                        help="share of prose sentences naming an AI system")
    parser.add_argument("--no-generated", action="store_true", help="skip the generated tree")
    parser.add_argument("--jobs", type=int, default=None, help="default: the number of CPUs")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the best counts)")
    parser.add_argument("--big-mb", type=float, default=0, help="also lint one file this big")
    parser.add_argument("--proselint", nargs="?", const="proselint", default=None,
                        metavar="CMD", help="compare with proselint (default command: proselint)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    opts = parser.parse_args()
    if opts.proselint and not shutil.which(opts.proselint):
        parser.error(f"proselint not found: {opts.proselint}")
    cpus = os.cpu_count() or 1
    print(f"genai-lint benchmark: Python {sys.version.split()[0]}, {cpus} CPUs; {cpus} processes "
          f"of pure CPU work run {machine_parallelism(cpus):.2f}x as fast as one right now")
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="genai-lint-bench-") as tmp:
        scratch = Path(tmp)
        env = child_env(scratch)
        results["startup"] = report_startup(scratch, env, opts.repeat, opts.proselint)
        if not opts.no_generated:
            root = scratch / "generated"
            spec = CorpusSpec(files=opts.files, words_per_file=opts.words_per_file,
                              ai_share=opts.ai_share)
            generate(root, spec)
            results["generated"] = report_tree("generated tree", root, opts, scratch, env)
        for path in opts.paths:
            results[str(path)] = report_tree(path.name, path.resolve(), opts, scratch, env)
        if opts.big_mb:
            results["big"] = report_big(scratch, env, opts.big_mb)
    if opts.json:
        opts.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
