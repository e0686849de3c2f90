"""benchmarks/compare.py runs two installs in turn and prints their medians and minimums."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "compare.py"


def test_it_times_both_installs_in_turn(tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# Release\n\nRun the tests, then tag the release.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--runs", "2", sys.executable, sys.executable, "--",
         "--no-cache", "--no-config", str(clean)],
        capture_output=True, text=True, check=True, cwd=tmp_path)
    lines = done.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["wall", "median"], ["wall", "min"], ["cpu", "median"], ["cpu", "min"]]
    assert all("B/A" in line and float(line.split()[3]) > 0 for line in lines)
