"""Tests for --jobs, the result cache (--no-cache, --cache-dir) and the progress bar."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import sys
import time
from pathlib import Path

import pytest

import linter.running.cache
import linter.running.execution
from linter.cli import main
from linter.cli.check import execution as _execution
from linter.findings import Finding, Fix, Severity
from linter.running import progress
from linter.running.cache import LintCache

_CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py"
_STATS = re.compile(r"(\d+) files \((\d+) from cache, (\d+) linted ([^)]*)\)")


def _corpus():
    spec = importlib.util.spec_from_file_location("genai_lint_corpus", _CORPUS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated docs tree: 24 files of prose, code, tables and AI claims (some wrong)."""
    return generated_tree(tmp_path_factory.mktemp("tree"), files=24, words_per_file=250,
                          ai_share=0.3, seed=3)


def generated_tree(root: Path, **spec: float) -> Path:
    """``root`` filled by benchmarks/corpus.py with the given CorpusSpec fields."""
    corpus = _corpus()
    corpus.generate(root, corpus.CorpusSpec(**spec))
    return root


@pytest.fixture
def project(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the tree as the working folder, with a config that stops the lookup."""
    import shutil

    root = tmp_path / "project"
    shutil.copytree(tree, root)
    (root / ".genai-lint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[dict, tuple[int, int, int, str]]:
    """Run the CLI in-process with --debug; return the JSON output and the cache counters."""
    main(["--format", "json", "--debug", *args])
    captured = capsys.readouterr()
    found = _STATS.search(captured.err)
    assert found, captured.err
    files, cached, linted, mode = found.groups()
    return json.loads(captured.out), (int(files), int(cached), int(linted), mode)


def test_jobs_give_the_same_findings_as_one_process(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a small tree, still split
    monkeypatch.setattr(linter.running.execution, "PARALLEL_MIN_CHARS", 0)
    serial, serial_stats = lint(capsys, "--no-cache", "--jobs", "1", "docs")
    parallel, parallel_stats = lint(capsys, "--no-cache", "--jobs", "2", "docs")
    assert serial_stats[3] == "in-process"
    assert parallel_stats[3] == "2 workers"
    assert parallel["findings"] == serial["findings"]
    assert parallel["summary"] == serial["summary"]
    assert serial["findings"]


def test_small_runs_stay_in_process(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = sorted((project / "docs").rglob("*.md"))[0]
    _, stats = lint(capsys, "--no-cache", "--jobs", "2", str(first))
    assert stats[3] == "in-process"


def test_cache_dir_is_created_with_a_gitignore_and_reused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = project / "build" / "lint-cache"
    first, stats = lint(capsys, "--cache-dir", str(cache), "docs")
    assert stats[:3] == (24, 0, 24)
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    second, stats = lint(capsys, "--cache-dir", str(cache), "docs")
    assert stats[:3] == (24, 24, 0)
    assert second == first


def test_default_cache_is_in_the_working_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lint(capsys, "--no-cache", "docs")
    assert not (project / ".genai-lint-cache").exists()
    lint(capsys, "docs")
    assert (project / ".genai-lint-cache" / ".gitignore").is_file()
    _, stats = lint(capsys, "docs")
    assert stats[:3] == (24, 24, 0)


def test_a_changed_file_is_linted_again(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lint(capsys, "docs")
    target = sorted((project / "docs").rglob("*.md"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nUse Chat GPT here.\n",
                      encoding="utf-8")
    output, stats = lint(capsys, "docs")
    assert stats[:3] == (24, 23, 1)
    label = target.relative_to(project).as_posix()
    assert any(f["path"] == label and f["rule"] == "GL101" for f in output["findings"])


def test_changed_rules_or_settings_invalidate_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = project / "house-rules.yaml"
    rule = ("kind: term\nrules:\n  - code: HR101\n    name: acme-name\n    severity: warning\n"
            "    preferred: ACME\n    variants: [{variant}]\n")
    rules.write_text(rule.format(variant="Acme"), encoding="utf-8")
    config = project / ".genai-lint.yaml"
    config.write_text("fail-on: error\nrule-files: [house-rules.yaml]\n", encoding="utf-8")
    lint(capsys, "docs")
    _, stats = lint(capsys, "docs")
    assert stats[1] == 24
    rules.write_text(rule.format(variant="AcMe"), encoding="utf-8")
    _, stats = lint(capsys, "docs")
    assert stats[1] == 0
    _, stats = lint(capsys, "--ignore", "GL101", "docs")
    assert stats[1] == 0


def _index(project: Path) -> Path:
    """The one index file of the project's cache."""
    (index,) = (project / ".genai-lint-cache").rglob("*.json")
    return index


def test_a_corrupt_cache_entry_is_ignored(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = lint(capsys, "docs")
    index = _index(project)
    data = json.loads(index.read_text(encoding="utf-8"))
    keys = sorted(data["entries"])
    assert len(keys) == 24
    data["entries"][keys[0]] = "junk"
    data["entries"][keys[1]] = [1, [{"line": "x"}]]
    data["entries"][keys[2]] = [1, {"findings": []}]
    del data["entries"][keys[3]]
    index.write_text(json.dumps(data), encoding="utf-8")
    second, stats = lint(capsys, "docs")
    assert stats[:3] == (24, 20, 4)
    assert second == first
    _, stats = lint(capsys, "docs")
    assert stats[:3] == (24, 24, 0)


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "list", "other run",
                                    "deep", "binary"])
def test_a_corrupt_index_is_a_miss_and_is_rewritten(
    project: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    first, _ = lint(capsys, "docs")
    index = _index(project)
    good = index.read_bytes()
    other = json.loads(good)
    other["fingerprint"] = "0" * 64
    index.write_bytes({
        "garbage": b"{not json",
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "list": b"[]",
        "other run": json.dumps(other).encode(),
        "deep": b"[" * 100_000,
        "binary": b"\xff\xfe\x00garbage",
    }[damage])
    second, stats = lint(capsys, "docs")
    assert stats[:3] == (24, 0, 24)
    assert second == first
    assert len(json.loads(index.read_bytes())["entries"]) == 24
    third, stats = lint(capsys, "docs")
    assert stats[:3] == (24, 24, 0)
    assert third == first


def test_runs_on_different_files_both_hit(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(path.relative_to(project).as_posix()
                   for path in (project / "docs").rglob("*") if path.is_file())
    some, others = files[:10], files[10:]
    n = len(others)
    first, stats = lint(capsys, *some)
    assert stats[:3] == (10, 0, 10)
    second, stats = lint(capsys, *others)
    assert stats[:3] == (n, 0, n)
    again, stats = lint(capsys, *some)
    assert stats[:3] == (10, 10, 0) and again == first
    again, stats = lint(capsys, *others)
    assert stats[:3] == (n, n, 0) and again == second
    assert len(json.loads(_index(project).read_bytes())["entries"]) == 10 + n


def test_concurrent_runs_keep_each_others_entries(tmp_path: Path) -> None:
    one, two = LintCache(tmp_path, "f" * 64), LintCache(tmp_path, "f" * 64)
    key_one, key_two = one.key("a.md", "a"), two.key("b.md", "b")
    assert one.get(key_one) is None and two.get(key_two) is None  # both read the index
    found = [Finding("a.md", 1, 1, 1, 2, 0, 1, "GL101", "n", Severity.WARNING, "m", "a")]
    two.put(key_two, [])
    one.put(key_one, found)  # written last: merged with what `two` wrote
    later = LintCache(tmp_path, "f" * 64)
    assert later.get(key_one) == found and later.get(key_two) == []
    assert not [p for p in (tmp_path / "v2").iterdir() if p.suffix != ".json"]


def test_the_index_keeps_the_most_recently_used_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linter.running.cache, "MAX_ENTRIES", 3)
    clock = iter(range(1000, 2000))
    monkeypatch.setattr(linter.running.cache, "_now", lambda: next(clock))

    def run(*names: str) -> LintCache:
        cache = LintCache(tmp_path, "f" * 64)
        keys = [cache.key(name, name) for name in names]
        missed = [key for key in keys if cache.get(key) is None]
        for key in missed:
            cache.put(key, [])
        return cache

    for name in "abcde":
        run(name)
    assert run("a").misses == 1  # c, d, e were kept; a is written again, c evicted
    assert run("d", "e", "a").hits == 3
    assert run("c").misses == 1
    whole = run(*"abcdefg")  # a run keeps all its own entries, whatever the cap
    assert run(*"abcdefg").hits == 7 == whole.hits + whole.misses


def test_stale_indexes_of_other_runs_are_deleted(tmp_path: Path) -> None:
    folder = tmp_path / "v2"
    folder.mkdir()
    old, recent, crashed = folder / ("0" * 32 + ".json"), folder / ("1" * 32 + ".json"), \
        folder / ".abc.tmp"
    for path in (old, recent, crashed):
        path.write_text("{}", encoding="utf-8")
    month_ago = time.time() - (linter.running.cache.MAX_AGE_DAYS + 1) * 86400
    os.utime(old, (month_ago, month_ago))
    os.utime(crashed, (month_ago, month_ago))
    cache = LintCache(tmp_path, "f" * 64)
    key = cache.key("a.md", "text")
    assert cache.get(key) is None
    cache.put(key, [])
    assert sorted(p.name for p in folder.iterdir()) == sorted([recent.name, cache.path.name])


def test_an_unwritable_cache_is_skipped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = project / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    output, stats = lint(capsys, "--cache-dir", str(blocker / "cache"), "docs")
    assert stats[:3] == (24, 0, 24)
    assert output["summary"]["files"] == 24


def test_cache_round_trips_findings(tmp_path: Path) -> None:
    cache = LintCache(tmp_path, "f" * 64)
    findings = [
        Finding("a.md", 1, 2, 1, 5, 1, 4, "GL101", "chatgpt-name", Severity.WARNING, "m", "Cha",
                Fix("ChatGPT")),
        Finding("a.md", 3, 1, 4, 2, 20, 40, "GL201", "model-category", Severity.ERROR, "n",
                "DALL·E is\nan LLM"),
    ]
    key = cache.key("a.md", "text")
    assert cache.get(key) is None
    cache.put(key, findings)
    assert cache.get(key) == findings
    assert cache.key("b.md", "text") != key and cache.key("a.md", "text!") != key
    assert (cache.hits, cache.misses, cache.writes) == (1, 1, 1)


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--no-cache", "docs"])
    err = capsys.readouterr().err
    assert "\r" not in err and "linting [" not in err
    assert not progress.wanted(io.StringIO())


def test_progress_bar_only_for_text_output() -> None:
    assert _execution(1, True, None, show=False).progress is False


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_and_erases_itself_on_a_terminal() -> None:
    stream = _Terminal()
    assert progress.wanted(stream)
    with progress.Progress(10, stream, delay=0) as bar:
        bar.advance(4)
    out = stream.getvalue()
    assert "4/10 files" in out and out.endswith("\r\x1b[K")



def test_cache_fingerprint_covers_every_module_of_the_package() -> None:
    """A code change anywhere in ``linter`` (claims, checks, markup) changes the fingerprint,
    not only a change in ``linter/running``: the digested tree is the package's root."""
    import linter
    import linter.running.cachekey as cachekey

    root = Path(linter.__file__).resolve().parent
    assert root == cachekey._PACKAGE
