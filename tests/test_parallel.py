"""The two-phase parallel run (linter.running.parallel): the findings and counters of one
process."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_execution import generated_tree

import linter.running.execution
import linter.running.parallel
from linter.cli import main

_COUNTERS = re.compile(r"debug: (.*)$", re.MULTILINE)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated tree with many candidate sentences (a high share of AI prose)."""
    return generated_tree(tmp_path_factory.mktemp("ptree"), files=30, words_per_file=300,
                          ai_share=0.6, seed=5)


def run(capsys: pytest.CaptureFixture[str], tree: Path, jobs: int) -> tuple[str, str]:
    """The JSON output and the --debug counters (without the worker count)."""
    code = main(["--no-config", "--no-cache", "--format", "json", "--debug", "--jobs", str(jobs),
                 str(tree)])
    assert code == 1
    captured = capsys.readouterr()
    counters = _COUNTERS.search(captured.err)
    assert counters, captured.err
    return captured.out, re.sub(r"linted [^)]*\)", "linted)", counters.group(1))


@pytest.mark.parametrize("parse_min", [10**9, 1], ids=["parse-here", "parse-split"])
def test_two_phases_give_the_findings_and_counters_of_one_process(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    parse_min: int,
) -> None:
    monkeypatch.setattr(linter.running.execution, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(linter.running.parallel, "PARALLEL_PARSE_MIN", parse_min)
    monkeypatch.setattr(linter.running.parallel, "PARSE_CHUNK_MIN", 2)
    serial = run(capsys, tree, 1)
    parallel = run(capsys, tree, 2)
    assert parallel == serial
    assert '"rule": "GL2' in serial[0]  # claims were parsed


def broken(linter_: object, files: object) -> None:
    raise RuntimeError("boom in a worker")


def test_a_worker_error_reaches_the_caller(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception in a worker is reported (exit 2), not lost or hung on."""
    monkeypatch.setattr(linter.running.execution, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(linter.running.parallel, "_prepare", broken)
    code = main(["--no-config", "--no-cache", "--jobs", "2", str(tree)])
    assert code == 2
    assert "boom in a worker" in capsys.readouterr().err


def test_spawned_workers_give_the_same_findings(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without fork (macOS, Windows) workers are spawned and rebuild the linter from
    picklable parts; the parse stays in this process."""
    monkeypatch.setattr(linter.running.execution, "PARALLEL_MIN_CHARS", 0)
    serial = run(capsys, tree, 1)
    monkeypatch.setattr(linter.running.parallel, "can_fork", lambda: False)
    assert run(capsys, tree, 2) == serial
