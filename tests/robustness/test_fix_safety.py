"""``--fix`` never loses data: atomic writes that keep mode, owner, encoding, BOM and newlines;
no write over a file changed since it was read; only the intended spans change; idempotent;
an error or Ctrl-C mid-write leaves the original file and no temporary file."""

from __future__ import annotations

import difflib
import os
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from rbhelpers import ACME_RULE, ISOLATED, write

import linter.api
import linter.files.atomic
import linter.fixing.fixfile
import linter.fixing.passes
from linter import api
from linter.config import Config
from linter.files.reading import read_file

DOC = ("---\ntitle: Chat GPT notes\n---\n\n# Using Chat GPT\n\nChat GPT and GPT4, see "
       "`Chat GPT` and https://example.com/Chat GPT.\n<!-- Chat GPT -->\n\n```\nChat GPT\n```\n"
       "\n| Open AI | x |\n|---|---|\n| GPT4 | Dall-E |\n")
FIXED = DOC.replace("# Using Chat GPT", "# Using ChatGPT").replace(
    "Chat GPT and GPT4, see", "ChatGPT and GPT-4, see").replace(
    "| Open AI | x |", "| OpenAI | x |").replace("| GPT4 | Dall-E |", "| GPT-4 | DALL·E |")
TEMP_SUFFIX = ".genai-lint-tmp"


def fix(*paths: Path | str, config: Config | None = None) -> api.LintRun:
    return api.run(list(paths), config or Config(), claims=False, fix=True)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


def test_only_the_flagged_spans_change_and_protected_text_never(here: Path) -> None:
    path = write(here / "doc.md", DOC)
    before = api.run([path], Config(), claims=False).report.findings
    run = fix(path)
    after = path.read_bytes().decode()
    assert after == FIXED
    assert run.report.fixed == 6
    flagged = {(f.start, f.end) for f in before if f.fix is not None}
    matcher = difflib.SequenceMatcher(None, DOC, after, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert any(lo <= i1 and i2 <= hi for lo, hi in flagged), (tag, DOC[i1:i2])


def test_fix_is_idempotent(here: Path, lint) -> None:
    path = write(here / "doc.md", DOC)
    assert lint(*ISOLATED, "--no-claims", "--fix", "doc.md").code == 0
    first = path.read_bytes()
    second = lint(*ISOLATED, "--no-claims", "--fix", "doc.md")
    assert second.code == 0
    assert path.read_bytes() == first
    assert "Fixed" not in second.stdout
    assert fix(path).report.fixed == 0


def test_the_write_is_a_rename_of_a_synced_file_in_the_same_folder(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(here / "docs" / "doc.md", DOC)
    renames: list[tuple[str, str]] = []
    synced: list[int] = []
    real_replace, real_fsync = os.replace, os.fsync

    def replace(src, dst):
        renames.append((os.fspath(src), os.fspath(dst)))
        assert Path(src).read_bytes().decode() == FIXED  # complete before the rename
        return real_replace(src, dst)

    def fsync(fd):
        synced.append(fd)
        return real_fsync(fd)

    monkeypatch.setattr(linter.files.atomic.os, "replace", replace)
    monkeypatch.setattr(linter.files.atomic.os, "fsync", fsync)
    fix(path)
    [(src, dst)] = renames
    assert Path(src).parent == path.parent.resolve()
    assert Path(src).name.startswith(".doc.md.") and src.endswith(TEMP_SUFFIX)
    assert dst == str(path.resolve())
    assert len(synced) >= 1
    assert not leftovers(here)


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755, 0o444])
def test_mode_is_kept(here: Path, mode: int) -> None:
    path = write(here / "doc.md", DOC)
    path.chmod(mode)
    run = fix(path)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_text(encoding="utf-8") == FIXED or run.report.errors


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="changing a file's owner needs root")
def test_owner_and_group_are_kept(here: Path) -> None:
    path = write(here / "doc.md", DOC)
    os.chown(path, 1234, 5678)
    fix(path)
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (1234, 5678)
    assert path.read_text(encoding="utf-8") == FIXED


@pytest.mark.parametrize(
    "data",
    [
        DOC.encode(),
        DOC.replace("\n", "\r\n").encode(),
        DOC.replace("\n", "\r").encode(),
        b"\xef\xbb\xbf" + DOC.encode(),
        b"\xff\xfe" + DOC.encode("utf-16-le"),
        b"\xfe\xff" + DOC.replace("\n", "\r\n").encode("utf-16-be"),
        DOC.rstrip("\n").encode(),
    ],
    ids=["lf", "crlf", "cr", "utf8-bom", "utf16le", "utf16be-crlf", "no-final-newline"],
)
def test_encoding_bom_and_newlines_are_kept(here: Path, data: bytes) -> None:
    path = write(here / "doc.md", data)
    fix(path)
    after = path.read_bytes()
    source = read_file(path).source
    original = read_file(write(here / "orig.md", data)).source
    assert (source.encoding, source.bom, source.newline) == (
        original.encoding, original.bom, original.newline)
    expected = FIXED if original.text.endswith("\n") else FIXED.rstrip("\n")
    assert source.text == expected
    assert after.count(b"\r") == data.count(b"\r")


def test_a_file_changed_after_linting_is_not_written(here: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(here / "doc.md", DOC)
    edited = DOC + "\nA new line by someone else, Chat GPT.\n"
    real = linter.fixing.passes.fix_files

    def edit_then_fix(files, findings, *rest):
        path.write_text(edited, encoding="utf-8", newline="")
        return real(files, findings, *rest)

    monkeypatch.setattr(linter.fixing.passes, "fix_files", edit_then_fix)
    run = fix(path)
    assert path.read_text(encoding="utf-8") == edited
    assert [e.message for e in run.report.errors] == [
        "not fixed: the file changed since it was linted"]
    assert run.report.fixed == 0


def test_a_file_changed_while_being_fixed_is_not_written(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(here / "doc.md", DOC)
    edited = DOC + "\nWritten meanwhile.\n"
    real = linter.fixing.fixfile.fix_bytes

    def fix_while_someone_writes(data, source, syntax, findings):
        result = real(data, source, syntax, findings)
        with open(path, "a", encoding="utf-8", newline="") as stream:
            stream.write("\nWritten meanwhile.\n")
        return result

    monkeypatch.setattr(linter.fixing.fixfile, "fix_bytes", fix_while_someone_writes)
    run = fix(path)
    assert path.read_text(encoding="utf-8") == edited
    assert [e.message for e in run.report.errors] == [
        "not fixed: the file changed while it was being fixed"]
    assert not leftovers(here)




@pytest.mark.parametrize(
    ("preferred", "reason"),
    [
        ("'`AcmeAI`'", "fixing would change code, HTML or front matter"),
        ("'AcmeAI <!-- x -->'", "fixing would change"),
        ("'AcmeAI\n\n    # Heading'", "fixing would change the document's structure"),
    ],
    ids=["code", "comment", "heading"],
)
def test_a_fix_that_would_change_more_than_its_span_is_refused(
    here: Path, preferred: str, reason: str
) -> None:
    write(here / "rules.yaml", ACME_RULE.format(preferred=preferred))
    config = Config(rule_files=(here / "rules.yaml",), select=("XX101",))
    path = write(here / "doc.md", "We use Acme AI daily.\n")
    run = fix(path, config=config)
    assert path.read_text(encoding="utf-8") == "We use Acme AI daily.\n"
    [error] = run.report.errors
    assert error.message.startswith("not fixed: ") and reason in error.message
    assert not leftovers(here)


@pytest.mark.parametrize(
    ("point", "error"),
    [
        ("fsync", OSError(28, "No space left on device")),
        ("chmod", PermissionError(1, "Operation not permitted")),
        ("replace", OSError(18, "Invalid cross-device link")),
        ("mkstemp", PermissionError(13, "Permission denied")),
    ],
)
def test_an_error_mid_write_leaves_the_original_and_no_temporary_file(
    here: Path, monkeypatch: pytest.MonkeyPatch, point: str, error: OSError
) -> None:
    path = write(here / "doc.md", DOC)

    def fail(*args, **kwargs):
        raise error

    target = tempfile if point == "mkstemp" else linter.files.atomic.os
    monkeypatch.setattr(target, point, fail)
    run = fix(path)
    assert path.read_text(encoding="utf-8") == DOC
    assert [e.message for e in run.report.errors] == [f"not fixed: cannot write: "
                                                      f"{error.strerror}"]
    assert not leftovers(here)


def test_ctrl_c_raised_mid_write_leaves_the_original(here: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(here / "doc.md", DOC)

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(linter.files.atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fix(path)
    assert path.read_text(encoding="utf-8") == DOC
    assert not leftovers(here)


@pytest.mark.skipif(not hasattr(__import__("signal"), "pthread_sigmask"),
                    reason="needs POSIX signal masks")
def test_a_sigint_during_the_write_is_held_until_the_file_is_complete(tmp_path: Path) -> None:
    """A real SIGINT while the temporary file is written: the rename still happens, then
    the interrupt is raised (in a child process, so pytest itself is never interrupted)."""
    path = write(tmp_path / "doc.md", DOC)
    script = textwrap.dedent(f"""
        import os, signal, sys
        import linter.files.atomic as fix
        real = os.fsync
        def fsync(fd):
            os.kill(os.getpid(), signal.SIGINT)
            return real(fd)
        fix.os.fsync = fsync
        try:
            fix.write_atomic({str(path)!r}, b"new content")
        except KeyboardInterrupt:
            sys.exit(42)
        sys.exit(0)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 42, proc.stderr
    assert path.read_bytes() == b"new content"
    assert not leftovers(tmp_path)


def test_a_symlink_stays_a_link_and_its_target_is_fixed(here: Path) -> None:
    target = write(here / "real" / "doc.md", DOC)
    (here / "link.md").symlink_to(target)
    fix(here / "link.md")
    assert (here / "link.md").is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


def test_a_very_large_file_is_fixed_part_by_part_with_the_same_result(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above largefile.SPLIT_MIN_CHARS, fixing reads the file in parts as linting does (a
    50 MB file would otherwise need gigabytes); the outcome is that of one extraction."""
    from linter.files.source import decode
    from linter.markup import largefile
    from linter.markup.outline import outline

    text = "\n\n".join(f"# Part {i}\n\nChat GPT and `Chat GPT` and GPT4.\n\n```\nGPT4\n```\n\n"
                       f"| Open AI | x |\n|---|---|\n| y | z |" for i in range(300)) + "\n"
    whole = write(here / "whole.md", text)
    fix(whole)
    monkeypatch.setattr(largefile, "SPLIT_MIN_CHARS", 1000)
    monkeypatch.setattr(largefile, "PART_CHARS", 2000)
    source = decode(text.encode())
    assert largefile.splittable(source, "markdown")
    parted = outline(source, "markdown")
    monkeypatch.setattr(largefile, "SPLIT_MIN_CHARS", 10**9)
    assert outline(source, "markdown") == parted
    monkeypatch.setattr(largefile, "SPLIT_MIN_CHARS", 1000)
    split = write(here / "split.md", text)
    run = fix(split)
    assert not run.report.errors
    assert split.read_bytes() == whole.read_bytes()
    assert split.read_text(encoding="utf-8").count("ChatGPT and `Chat GPT` and GPT-4.") == 300


SWAP = """\
kind: term
rules:
  - {code: XX101, name: x-to-y, severity: warning, preferred: Wyvern, variants: [Xebec]}
  - {code: XX102, name: y-to-x, severity: warning, preferred: Xebec, variants: [Wyvern]}
"""


def test_fixes_that_undo_each_other_are_held_back(here: Path) -> None:
    """Two rules that undo each other (or a claim read two ways) would flip the text on
    every run: such fixes are reported but not applied, so --fix stays idempotent."""
    write(here / "rules.yaml", SWAP)
    config = Config(rule_files=(here / "rules.yaml",), select=("XX1",))
    path = write(here / "doc.md", "A Xebec and Chat GPT.\n")
    run = fix(path, config=config)
    assert path.read_text(encoding="utf-8") == "A Xebec and Chat GPT.\n"
    assert [(f.rule, f.fix is not None) for f in run.report.findings] == [("XX101", True)]
    assert fix(path, config=config).report.fixed == 0
    assert fix(path).report.fixed == 1  # the shipped rules alone: the name is fixed
    assert path.read_text(encoding="utf-8") == "A Xebec and ChatGPT.\n"
