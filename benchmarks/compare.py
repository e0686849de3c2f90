"""Compare two installs of genai-lint on the same command, run in turn (A B, B A, …).

    python benchmarks/compare.py --runs 8 /path/a/bin/python /path/b/bin/python -- \
        --no-cache --jobs 1 -q docs/

On a shared machine two series run one after the other can differ by more than the change
being measured; interleaved runs share the machine's moods, so their medians compare. Each
install is run as ``PYTHON -m linter ARGS`` from the current folder; the figures are the median
and the minimum of wall and CPU time (the child's user + system time).

What the knowledge base costs was measured so: one commit installed twice, once as shipped and
once with the knowledge files other than ``entities-core.yaml``, ``vendors.yaml`` and
``vendors-labs.yaml`` deleted from ``linter/rules/knowledge/`` of that install.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time


def run_once(python: str, args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``python -m linter ARGS``."""
    start = time.perf_counter()
    child = subprocess.Popen([python, "-m", "linter", *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def compare(pythons: tuple[str, str], args: list[str], runs: int) -> dict[str, list[tuple[float,
                                                                                        float]]]:
    """Each interpreter's (wall, CPU) for ``runs`` rounds, the order swapped every round."""
    times: dict[str, list[tuple[float, float]]] = {python: [] for python in pythons}
    for round_ in range(runs):
        for python in pythons if round_ % 2 == 0 else pythons[::-1]:
            times[python].append(run_once(python, args))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=8, help="rounds (each runs both)")
    parser.add_argument("a", help="interpreter of install A")
    parser.add_argument("b", help="interpreter of install B")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="genai-lint arguments, after --")
    options = parser.parse_args()
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    times = compare((options.a, options.b), args, options.runs)
    a, b = times[options.a], times[options.b]
    for index, what in enumerate(("wall", "cpu")):
        for label, pick in (("median", statistics.median), ("min", min)):
            first, second = pick(t[index] for t in a), pick(t[index] for t in b)
            print(f"{what:4s} {label:6s}  A {first:8.3f} s  B {second:8.3f} s  "
                  f"B/A {second / first - 1:+.1%}")


if __name__ == "__main__":
    main()
