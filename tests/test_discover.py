"""Tests for linter.files.discover: folder walking, filters, .gitignore, explicit files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from linter.files.discover import discover


def make_tree(root: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def found(root: Path, *args: str, **kwargs) -> list[str]:
    """Run discover from ``root`` (as cwd) and return the files as posix strings."""
    old = os.getcwd()
    os.chdir(root)
    try:
        result = discover(list(args) or ["."], **kwargs)
    finally:
        os.chdir(old)
    assert not result.errors, result.errors
    return [p.as_posix() for p in result.files]


# (tree, arguments, keyword arguments, expected files)
CASES = [
    pytest.param(
        {"a.md": "", "b.markdown": "", "c.mdx": "", "d.txt": "", "e.rst": "", "f.py": ""},
        [],
        {},
        ["a.md", "b.markdown", "c.mdx", "d.txt"],
        id="default-extensions",
    ),
    pytest.param(
        {"A.MD": "", "b.Txt": ""},
        [],
        {},
        ["A.MD", "b.Txt"],
        id="extensions-case-insensitive",
    ),
    pytest.param(
        {"a.md": "", "b.rst": "", "c.txt": ""},
        [],
        {"extensions": ["rst", ".md"]},
        ["a.md", "b.rst"],
        id="custom-extensions",
    ),
    pytest.param(
        {"docs/a.md": "", ".hidden/b.md": "", "docs/.git/c.md": "", ".github/d": "", ".e.md": ""},
        [],
        {},
        [".e.md", "docs/a.md"],
        id="hidden-dirs-skipped-hidden-files-kept",
    ),
    pytest.param(
        {
            "node_modules/x/a.md": "",
            "docs/node_modules/b.md": "",
            "__pycache__/c.md": "",
            ".genai-lint-cache/d.md": "",
            "ok.md": "",
        },
        [],
        {},
        ["ok.md"],
        id="skipped-dirs",
    ),
    pytest.param(
        {"docs/a.md": "", "docs/b.md": "", "README.md": ""},
        ["docs"],
        {},
        ["docs/a.md", "docs/b.md"],
        id="folder-argument",
    ),
    pytest.param(
        {"docs/a.md": "", "docs/sub/b.md": ""},
        ["./docs", "docs/a.md", "docs/../docs/sub"],
        {},
        ["docs/a.md", "docs/sub/b.md"],
        id="deduplicated",
    ),
    pytest.param(
        {"notes.rst": "", "script.py": "", "a.md": ""},
        ["notes.rst", "script.py"],
        {},
        ["notes.rst", "script.py"],
        id="explicit-file-any-extension",
    ),
    pytest.param(
        {".gitignore": "*.md\n", "a.md": "", "b.txt": ""},
        ["a.md", "."],
        {},
        ["a.md", "b.txt"],
        id="explicit-file-beats-gitignore",
    ),
    pytest.param(
        {"CHANGELOG.md": "", "a.md": ""},
        ["CHANGELOG.md", "a.md"],
        {"exclude": ["CHANGELOG.md"]},
        ["a.md"],
        id="exclude-wins-over-explicit-file",
    ),
    pytest.param(
        {"docs/a.md": "", "docs/archive/b.md": "", "docs/c.txt": ""},
        [],
        {"exclude": ["archive/", "*.txt"]},
        ["docs/a.md"],
        id="exclude-globs",
    ),
    pytest.param(
        {"docs/a.md": "", "docs/drafts/b.md": "", "README.md": ""},
        [],
        {"include": ["docs/**", "!docs/drafts/"]},
        ["docs/a.md"],
        id="include-globs-with-negation",
    ),
    pytest.param(
        {".gitignore": "build/\n/top.md\n", "build/a.md": "", "top.md": "", "sub/top.md": ""},
        [],
        {},
        ["sub/top.md"],
        id="gitignore-root",
    ),
    pytest.param(
        {".gitignore": "build/\n", "build/a.md": "", "ok.md": ""},
        [],
        {"respect_gitignore": False},
        ["build/a.md", "ok.md"],
        id="gitignore-disabled",
    ),
    pytest.param(
        {
            ".gitignore": "*.txt\n",
            "docs/.gitignore": "/private.md\n!keep.txt\n",
            "docs/private.md": "",
            "docs/keep.txt": "",
            "docs/other.txt": "",
            "docs/sub/private.md": "",
            "private.md": "",
        },
        [],
        {},
        ["docs/sub/private.md", "private.md", "docs/keep.txt"],
        id="gitignore-nested-overrides-parent",
    ),
    pytest.param(
        {
            ".gitignore": "*.md\n!important.md\nlogs/*\n!logs/keep/\n",
            "a.md": "",
            "important.md": "",
            "x/important.md": "",
            "logs/a.txt": "",
            "logs/keep/b.txt": "",
        },
        [],
        {},
        ["important.md", "logs/keep/b.txt", "x/important.md"],
        id="gitignore-negation",
    ),
    pytest.param(
        {".gitignore": "build/\n!build/keep.md\n", "build/keep.md": ""},
        [],
        {},
        [],
        id="gitignore-no-reinclude-under-ignored-dir",
    ),
    pytest.param(
        {"with space/my file.md": "", "café/naïve résumé.md": "", "日本語.md": ""},
        [],
        {},
        ["café/naïve résumé.md", "with space/my file.md", "日本語.md"],
        id="spaces-and-non-ascii",
    ),
    pytest.param({}, [], {}, [], id="empty-folder"),
]


@pytest.mark.parametrize(("tree", "args", "kwargs", "expected"), CASES)
def test_discover(tmp_path: Path, tree, args, kwargs, expected) -> None:
    make_tree(tmp_path, tree)
    assert sorted(found(tmp_path, *args, **kwargs)) == sorted(expected)


def test_sorted_by_components(tmp_path: Path) -> None:
    make_tree(tmp_path, {"docs-x/b.md": "", "docs/a.md": "", "docs/z/c.md": "", "b.md": ""})
    assert found(tmp_path) == ["b.md", "docs/a.md", "docs/z/c.md", "docs-x/b.md"]


def test_deterministic(tmp_path: Path) -> None:
    make_tree(tmp_path, {f"d{i % 7}/f{i}.md": "" for i in range(60)})
    first = found(tmp_path)
    assert len(first) == 60
    assert found(tmp_path) == first
    assert found(tmp_path, "d3", "d1", "d0", ".") == first


def test_missing_paths(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.md": ""})
    result = discover([tmp_path / "a.md", tmp_path / "nope.md", "no/such/dir", "no/such/dir"])
    assert result.files == (tmp_path / "a.md",)
    assert result.missing == (str(tmp_path / "nope.md"), "no/such/dir")
    assert result.errors == ()


def test_absolute_paths_shown_below_given_folder(tmp_path: Path) -> None:
    make_tree(tmp_path, {"docs/a.md": ""})
    result = discover([tmp_path / "docs"])
    assert result.files == (tmp_path / "docs" / "a.md",)


def test_no_paths_means_nothing(tmp_path: Path) -> None:
    assert discover([], root=tmp_path).files == ()


def test_include_exclude_relative_to_root(tmp_path: Path) -> None:
    make_tree(tmp_path, {"proj/docs/a.md": "", "proj/b.md": ""})
    result = discover([tmp_path / "proj"], include=["docs/"], root=tmp_path / "proj")
    assert result.files == (tmp_path / "proj" / "docs" / "a.md",)
    result = discover([tmp_path / "proj"], exclude=["/docs"], root=tmp_path / "proj")
    assert result.files == (tmp_path / "proj" / "b.md",)


def test_repository_gitignore_applies_to_subfolder(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            ".gitignore": "*.tmp.md\n/docs/generated/\n",
            "docs/.gitignore": "drafts/\n",
            "docs/guide/a.md": "",
            "docs/guide/b.tmp.md": "",
            "docs/guide/drafts/c.md": "",
            "docs/generated/d.md": "",
        },
    )
    (tmp_path / ".git").mkdir()
    assert found(tmp_path, "docs/guide") == ["docs/guide/a.md"]
    assert found(tmp_path, "docs") == ["docs/guide/a.md"]


def test_gitignore_above_repository_is_not_read(tmp_path: Path) -> None:
    make_tree(tmp_path, {".gitignore": "*.md\n", "repo/docs/a.md": ""})
    (tmp_path / "repo" / ".git").mkdir()
    assert found(tmp_path / "repo", "docs") == ["docs/a.md"]


def test_gitignore_outside_repository_only_from_walked_folder_down(tmp_path: Path) -> None:
    make_tree(tmp_path, {".gitignore": "*.md\n", "docs/a.md": ""})
    assert found(tmp_path, "docs") == ["docs/a.md"]
    assert found(tmp_path, ".") == []


def test_explicit_ignored_folder_is_walked(tmp_path: Path) -> None:
    make_tree(tmp_path, {".gitignore": "build/\n", "build/a.md": "", "build/.gitignore": "x.md\n",
                         "build/x.md": ""})
    (tmp_path / ".git").mkdir()
    assert found(tmp_path) == []
    assert found(tmp_path, "build") == ["build/a.md"]


def test_git_file_marks_repository(tmp_path: Path) -> None:
    make_tree(tmp_path, {".gitignore": "*.txt\n", "docs/a.txt": "", "docs/b.md": ""})
    (tmp_path / ".git").write_text("gitdir: elsewhere\n")
    assert found(tmp_path, "docs") == ["docs/b.md"]


def test_invalid_gitignore_lines_are_skipped(tmp_path: Path) -> None:
    make_tree(tmp_path, {".gitignore": "!\n\\\n*.txt\n", "a.txt": "", "b.md": ""})
    assert found(tmp_path) == ["b.md"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_loop_terminates(tmp_path: Path) -> None:
    make_tree(tmp_path, {"docs/a.md": "", "docs/sub/b.md": ""})
    (tmp_path / "docs" / "sub" / "loop").symlink_to(tmp_path / "docs", target_is_directory=True)
    (tmp_path / "docs" / "self").symlink_to(".", target_is_directory=True)
    assert found(tmp_path) == ["docs/a.md", "docs/sub/b.md"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlinks_to_files_and_explicit_linked_folder(tmp_path: Path) -> None:
    make_tree(tmp_path, {"real/a.md": "", "other/b.md": ""})
    (tmp_path / "link.md").symlink_to(tmp_path / "real" / "a.md")
    (tmp_path / "broken.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "linked").symlink_to(tmp_path / "other", target_is_directory=True)
    # link.md and real/a.md are one file: the first path in sort order is kept
    assert found(tmp_path) == ["link.md", "other/b.md"]
    assert found(tmp_path, "linked") == ["linked/b.md"]
    result = discover([tmp_path / "broken.md"])
    assert result.missing == (str(tmp_path / "broken.md"),)


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="needs POSIX permissions and a non-root user",
)
def test_unreadable_folder_is_reported(tmp_path: Path) -> None:
    make_tree(tmp_path, {"ok.md": "", "locked/a.md": ""})
    locked = tmp_path / "locked"
    locked.chmod(0)
    try:
        result = discover([tmp_path])
    finally:
        locked.chmod(0o755)
    assert result.files == (tmp_path / "ok.md",)
    assert [path for path, _ in result.errors] == [str(locked)]
    assert "ermission" in result.errors[0][1]


def test_unreadable_folder_is_reported_simulated(tmp_path: Path, monkeypatch) -> None:
    make_tree(tmp_path, {"ok.md": "", "locked/a.md": ""})
    real_scandir = os.scandir

    def fake_scandir(path):
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    result = discover([tmp_path])
    assert result.files == (tmp_path / "ok.md",)
    assert result.errors == ((str(tmp_path / "locked"), "Permission denied"),)
