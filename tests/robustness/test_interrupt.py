"""Ctrl-C: exit code 130 promptly, one line on stderr, no temporary files, and every file
either as it was or fully fixed. Real processes, real SIGINT."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from corpus import CorpusSpec, generate

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

MESSAGE = "genai-lint: interrupted"
#: Seconds a run may take to stop after SIGINT.
PROMPT = 10.0


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About a million words of documentation: far more than a few seconds of linting."""
    root = tmp_path_factory.mktemp("tree")
    generate(root, CorpusSpec(files=1500, ai_share=0.4, seed=7))
    return root


def start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "linter", *args], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def interrupt(proc: subprocess.Popen[str], after: float, *, group: bool) -> tuple[int, str,
                                                                                     float]:
    """Send SIGINT ``after`` seconds (to the process group, as a terminal does, or to the
    process alone); return the exit code, stderr and the seconds it took to stop."""
    time.sleep(after)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    sent = time.monotonic()
    if group:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError("the run did not stop within a minute of SIGINT") from None
    return proc.returncode, err, time.monotonic() - sent


def group_alive(pgid: int) -> list[int]:
    """Processes still in process group ``pgid`` (Linux /proc; empty elsewhere)."""
    alive = []
    if not os.path.isdir("/proc"):
        return alive
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stream:
                    fields = stream.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(int(entry))
    return alive


@pytest.mark.parametrize(
    ("jobs", "group"),
    [("1", False), ("1", True), ("2", True), ("2", False)],
    ids=["serial", "serial-group", "workers-group", "workers-parent-only"],
)
def test_ctrl_c_while_linting(tree: Path, jobs: str, group: bool) -> None:
    proc = start(["--no-config", "--no-cache", "--jobs", jobs, "."], tree)
    code, err, took = interrupt(proc, 4.0, group=group)
    assert code == 130, err
    assert err.strip() == MESSAGE, err
    assert took < PROMPT
    deadline = time.monotonic() + 10
    while group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not group_alive(proc.pid), "worker processes outlived the run"


def test_ctrl_c_while_writing_the_cache(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    proc = start(["--no-config", "--cache-dir", str(cache), "--jobs", "1", "."], tree)
    code, err, took = interrupt(proc, 4.0, group=True)
    assert (code, err.strip()) == (130, MESSAGE)
    assert took < PROMPT
    assert not [p for p in cache.rglob("*") if p.name.endswith((".tmp", ".genai-lint-tmp"))]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_ctrl_c_during_fix_leaves_every_file_original_or_fully_fixed(
    tree: Path, tmp_path: Path
) -> None:
    original = _snapshot(tree)
    done = tmp_path / "done"
    shutil.copytree(tree, done)
    finished = subprocess.run([sys.executable, "-m", "linter", "--no-config", "--no-cache",
                               "--no-claims", "--fix", "--jobs", "1", "."], cwd=done,
                              capture_output=True, text=True, timeout=600, check=False)
    assert finished.returncode in (0, 1), finished.stderr
    fixed = _snapshot(done)
    changed = [name for name in original if fixed[name] != original[name]]
    assert len(changed) > 100
    outcomes = []
    for attempt, delay in enumerate((1.0, 2.0, 3.0, 4.0)):
        work = tmp_path / f"work{attempt}"
        shutil.copytree(tree, work)
        proc = start(["--no-config", "--no-cache", "--no-claims", "--fix", "--jobs", "1",
                      "."], work)
        time.sleep(delay)
        if proc.poll() is not None:  # finished first: then everything must be fixed
            proc.communicate()
            assert _snapshot(work) == fixed
            outcomes.append("finished")
            continue
        code, err, took = interrupt(proc, 0, group=True)
        assert (code, err.strip()) == (130, MESSAGE)
        assert took < PROMPT
        now = _snapshot(work)
        assert now.keys() == original.keys(), "a file appeared or vanished"
        half = [name for name in now if now[name] not in (original[name], fixed[name])]
        assert not half, f"half-fixed files: {half[:5]}"
        outcomes.append(sum(now[name] == fixed[name] != original[name] for name in now))
    assert any(outcome != "finished" for outcome in outcomes), outcomes
