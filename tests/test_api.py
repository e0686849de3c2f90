"""Tests for the library API (linter.api) and file reading (linter.files.reading)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter import api
from linter.checks.kinds import claim
from linter.checks.selection import SelectionError
from linter.config import Config
from linter.files.reading import ReadError, label_for, read_file


@pytest.mark.parametrize(
    ("text", "syntax", "kwargs", "rules"),
    [
        ("Chat GPT answers questions.", "markdown", {}, ["GL101"]),
        ("ChatGPT answers questions.", "markdown", {}, []),
        ("`Chat GPT` in code.", "markdown", {}, []),
        ("`Chat GPT` in plain text.", "text", {}, ["GL101"]),
        ("Chat GPT and GPT4.", "markdown", {"select": ["GL102"]}, ["GL102"]),
        ("Chat GPT and GPT4.", "markdown", {"ignore": ["chatgpt-name"]}, ["GL102"]),
        ("DALL·E is a large language model.", "markdown", {}, ["GL201"]),
        ("DALL·E is a large language model.", "markdown", {"claims": False}, []),
    ],
)
def test_lint_text(text: str, syntax: str, kwargs: dict[str, object], rules: list[str]) -> None:
    findings = api.lint_text(text, syntax=syntax, **kwargs)  # type: ignore[arg-type]
    assert [f.rule for f in findings] == rules
    for finding in findings:
        assert finding.path == "<text>"
        assert text[finding.start : finding.end] == finding.text


def test_lint_text_locations_with_crlf() -> None:
    (finding,) = api.lint_text("# Title\r\n\r\nWe use Chat GPT.\r\n", path="x.md")
    assert (finding.path, finding.line, finding.column, finding.end_column) == ("x.md", 3, 8, 16)


def test_lint_text_unknown_rule() -> None:
    with pytest.raises(SelectionError, match="GL999"):
        api.lint_text("x", select=["GL999"])


def test_lint_paths_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/a.md").write_text("Chat GPT answers questions.\n", encoding="utf-8")
    (tmp_path / "docs/b.txt").write_text("fine\n", encoding="utf-8")
    (tmp_path / "docs/c.md").write_bytes(b"\xff\xfe\x00")  # UTF-16 BOM, then a lone byte
    report = api.lint_paths(["docs"], Config(), claims=False)
    assert report.files_checked == 2
    assert [(f.path, f.rule) for f in report.findings] == [("docs/a.md", "GL101")]
    assert set(report.sources) == {"docs/a.md", "docs/b.txt"}
    (error,) = report.errors
    assert error.path == "docs/c.md"
    assert error.message.startswith("cannot decode: ") and "byte 2" in error.message
    assert "GL101" in report.rules


def test_lint_paths_labels_absolute_inputs_relative_to_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "sub" / "a.md"
    doc.parent.mkdir()
    doc.write_text("Chat GPT\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (finding,) = api.lint_paths([doc], Config(), claims=False).findings
    assert finding.path == "sub/a.md"
    monkeypatch.chdir(doc.parent)
    (finding,) = api.lint_paths(["../sub/a.md"], Config(), claims=False).findings
    assert finding.path == "a.md"


def test_lint_paths_missing(tmp_path: Path) -> None:
    with pytest.raises(api.PathNotFoundError, match=r"^paths not found: .*x\.md, .*y\.md$"):
        api.lint_paths([tmp_path / "x.md", tmp_path / "y.md"], Config())


def test_lint_paths_config_select_and_cli_overrides(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("Chat GPT and GPT4.\n", encoding="utf-8")
    config = Config(ignore=("GL101",))
    rules = [f.rule for f in api.lint_paths([doc], config, claims=False).findings]
    assert rules == ["GL102"]
    rules = [f.rule for f in api.lint_paths([doc], config, select=["GL101"],
                                           claims=False).findings]
    assert rules == ["GL101"]  # an explicit --select wins over the config's ignore
    rules = [f.rule for f in api.lint_paths([doc], config, ignore=["GL102"],
                                           claims=False).findings]
    assert rules == []  # --ignore adds to the config's


def test_run_without_claims() -> None:
    text = "DALL·E is a large language model. Chat GPT."
    assert {f.rule for f in api.lint_text(text)} == {"GL201", "GL101"}
    assert [f.rule for f in api.lint_text(text, claims=False)] == ["GL101"]


def test_claim_checker_built_once() -> None:
    claim.analyzer.cache_clear()
    api.lint_text("DALL·E is a large language model.")
    api.lint_text("Midjourney is a large language model.")
    info = claim.analyzer.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_read_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"^cannot read: No such file or directory$"):
        read_file(tmp_path / "gone.md")
    with pytest.raises(ReadError, match=r"^cannot read: Is a directory$"):
        read_file(tmp_path)
    binary = tmp_path / "b.md"
    binary.write_bytes(b"abc\x00def")
    with pytest.raises(ReadError, match=r"^cannot decode: binary file .*at byte 3$"):
        read_file(binary)


def test_label_for(tmp_path: Path) -> None:
    base = str(tmp_path)
    assert label_for(tmp_path / "a" / "b.md", base) == "a/b.md"
    assert label_for(os.path.join(base, "a", "..", "c.md"), base) == "c.md"
    assert label_for("/elsewhere/x.md", base) == "/elsewhere/x.md"
    assert label_for("../x.md", base) == "../x.md"
