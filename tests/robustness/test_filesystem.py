"""The file system: missing paths, unreadable folders and files, files that vanish mid-run,
symbolic link loops, and file names with spaces, non-ASCII or undecodable bytes."""

from __future__ import annotations

import builtins
import json
import os
import sys
from pathlib import Path

import pytest
from rbhelpers import ISOLATED, assert_one_line_error, write

import linter.api
import linter.files.discover
import linter.files.reading
import linter.fixing.passes
import linter.running.api

BAD = "Chat GPT answers questions.\n"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file system semantics")


def test_a_missing_path_is_exit_2_and_the_other_paths_are_linted(lint, here: Path) -> None:
    write(here / "a.md", BAD)
    assert_one_line_error(lint(*ISOLATED, "nope.md"), "nope.md: path not found")
    result = lint(*ISOLATED, "a.md", "nope.md", "gone/")
    assert result.code == 2
    assert result.error_lines == ["genai-lint: error: gone: path not found",
                                  "genai-lint: error: nope.md: path not found"]
    assert "a.md:1:1: GL101" in result.stdout


def _deny(monkeypatch: pytest.MonkeyPatch, module: object, name: str, victim: str) -> None:
    """Make ``module.name`` (os.scandir, open) raise PermissionError for paths under victim."""
    real = getattr(module, name)

    def guarded(path, *args, **kwargs):
        if os.fspath(path).endswith(victim) or f"{victim}{os.sep}" in os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(module, name, guarded)


def test_a_folder_without_permission_is_reported_and_the_walk_goes_on(
    lint, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(here / "docs" / "ok.md", BAD)
    write(here / "docs" / "locked" / "secret.md", BAD)
    _deny(monkeypatch, linter.files.discover.os, "scandir", "locked")
    result = lint(*ISOLATED, "--no-claims", "docs")
    assert result.code == 2
    assert result.error_lines == ["genai-lint: error: docs/locked: Permission denied"]
    assert "docs/ok.md:1:1: GL101" in result.stdout
    assert "secret" not in result.stdout
    only = lint(*ISOLATED, "--no-claims", "docs/locked")
    assert_one_line_error(only, "docs/locked: Permission denied")


def test_a_file_without_permission_is_reported_and_the_run_goes_on(
    lint, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(here / "ok.md", BAD)
    write(here / "locked.md", BAD)
    _deny(monkeypatch, builtins, "open", "locked.md")
    result = lint(*ISOLATED, "--no-claims", "ok.md", "locked.md")
    assert result.code == 2
    assert result.error_lines == ["genai-lint: error: locked.md: cannot read: Permission denied"]
    assert_one_line_error(lint(*ISOLATED, "--no-claims", "locked.md"),
                          "locked.md: cannot read: Permission denied")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a non-root user")
def test_real_permissions(lint, here: Path) -> None:
    write(here / "docs" / "ok.md", BAD)
    write(here / "docs" / "locked" / "a.md", BAD)
    write(here / "docs" / "unreadable.md", BAD)
    (here / "docs" / "unreadable.md").chmod(0)
    (here / "docs" / "locked").chmod(0)
    try:
        result = lint(*ISOLATED, "--no-claims", "docs")
    finally:
        (here / "docs" / "locked").chmod(0o755)
        (here / "docs" / "unreadable.md").chmod(0o644)
    assert result.code == 2
    assert len(result.error_lines) == 2


def test_a_file_that_vanishes_after_discovery(lint, here: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    write(here / "docs" / "a.md", BAD)
    write(here / "docs" / "b.md", BAD)
    real = linter.running.api.discover

    def discover_then_delete(*args, **kwargs):
        found = real(*args, **kwargs)
        (here / "docs" / "a.md").unlink()
        return found

    monkeypatch.setattr(linter.running.api, "discover", discover_then_delete)
    result = lint(*ISOLATED, "--no-claims", "docs")
    assert result.code == 2
    assert result.error_lines == [
        "genai-lint: error: docs/a.md: cannot read: No such file or directory"]
    assert "docs/b.md:1:1: GL101" in result.stdout


def test_a_file_replaced_by_a_folder_after_discovery(lint, here: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    write(here / "a.md", BAD)
    real = linter.running.api.discover

    def discover_then_swap(*args, **kwargs):
        found = real(*args, **kwargs)
        (here / "a.md").unlink()
        (here / "a.md").mkdir()
        return found

    monkeypatch.setattr(linter.running.api, "discover", discover_then_swap)
    assert_one_line_error(lint(*ISOLATED, "--no-claims", "a.md"),
                          "a.md: cannot read: Is a directory")


def test_a_file_that_vanishes_before_fix_is_not_recreated(
    lint, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(here / "a.md", BAD)
    write(here / "b.md", BAD)
    real = linter.fixing.passes.fix_files

    def delete_then_fix(files, findings, *rest):
        (here / "a.md").unlink(missing_ok=True)  # fix_files runs once per fix pass
        return real(files, findings, *rest)

    monkeypatch.setattr(linter.fixing.passes, "fix_files", delete_then_fix)
    result = lint(*ISOLATED, "--no-claims", "--fix", "a.md", "b.md")
    assert not (here / "a.md").exists()
    assert (here / "b.md").read_text() == "ChatGPT answers questions.\n"
    assert "a.md: not fixed: cannot read: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


@posix_only
def test_symlink_loops(lint, here: Path) -> None:
    write(here / "docs" / "a.md", BAD)
    (here / "docs" / "loop1.md").symlink_to("loop2.md")
    (here / "docs" / "loop2.md").symlink_to("loop1.md")
    (here / "docs" / "self.md").symlink_to("self.md")
    (here / "docs" / "sub").mkdir()
    (here / "docs" / "sub" / "up").symlink_to("..", target_is_directory=True)
    (here / "docs" / "sub" / "root").symlink_to(here, target_is_directory=True)
    (here / "docs" / "twin.md").symlink_to("a.md")
    result = lint(*ISOLATED, "--no-claims", "--format", "json", "docs")
    data = json.loads(result.stdout)
    assert [f["path"] for f in data["findings"]] == ["docs/a.md"]  # the link is one file
    assert sorted(e["path"] for e in data["errors"]) == [
        "docs/loop1.md", "docs/loop2.md", "docs/self.md"]
    assert {e["message"] for e in data["errors"]} == {"Too many levels of symbolic links"}
    assert result.code == 2
    # named explicitly, a looping link does not resolve to anything
    assert_one_line_error(lint(*ISOLATED, "docs/loop1.md"), "docs/loop1.md: path not found")


NAMES = ["with space.md", "café ünï.md", "日本語 ドキュメント.md", "emoji 🤖.md", "-dash.md",
         "#hash;semi'quote\".md", "tab\there.md"]


@pytest.mark.parametrize("name", NAMES)
def test_names_with_spaces_and_non_ascii(lint, here: Path, name: str) -> None:
    write(here / "docs" / name, BAD)
    shown = f"docs/{name}"
    text = lint(*ISOLATED, "--no-claims", "docs")
    assert f"{shown}:1:1: GL101" in text.stdout
    data = json.loads(lint(*ISOLATED, "--no-claims", "--format", "json", "docs").stdout)
    assert [f["path"] for f in data["findings"]] == [shown]
    sarif = json.loads(lint(*ISOLATED, "--no-claims", "--format", "sarif", "docs").stdout)
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"]
    github = lint(*ISOLATED, "--no-claims", "--format", "github", "docs").stdout
    assert github.startswith("::warning ")
    assert lint(*ISOLATED, "--no-claims", "--", f"docs/{name}").code == 1
    assert lint(*ISOLATED, "--no-claims", "--fix", "docs").code == 0
    assert (here / "docs" / name).read_text(encoding="utf-8") == BAD.replace(
        "Chat GPT", "ChatGPT")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                    reason="needs a file system that takes any bytes in a name")
def test_a_name_that_is_not_utf8(lint, here: Path) -> None:
    raw = os.fsencode(here / "docs") + b"/bad\xffname.md"
    os.makedirs(os.fsencode(here / "docs"))
    with open(raw, "wb") as stream:
        stream.write(BAD.encode())
    shown = "docs/bad\\xffname.md"
    for fmt in ("text", "json", "sarif", "github"):
        result = lint(*ISOLATED, "--no-claims", "--format", fmt, "docs")
        assert result.code == 1, (fmt, result.stderr)
        assert "xffname.md" in result.stdout  # escaped (JSON, SARIF URIs) or as is
        result.stdout.encode("utf-8")  # printable as UTF-8
    assert json.loads(lint(*ISOLATED, "--no-claims", "--format", "json", "docs").stdout)[
        "findings"][0]["path"] == shown
    assert lint(*ISOLATED, "--no-claims", "--fix", "docs").code == 0
    with open(raw, "rb") as stream:
        assert stream.read() == b"ChatGPT answers questions.\n"
    assert linter.files.reading.label_for(os.fsdecode(raw)) == shown
