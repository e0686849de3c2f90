"""Property tests on generated documents (hypothesis): no crash, exact spans, a --fix that
changes only flagged spans and is idempotent, and a parallel run equal to a serial one.

Example counts stay modest: the claim rules load spaCy (once, in this process).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import api
from linter.config import Config
from linter.files.reading import read_file
from linter.files.source import SourceText, decode
from linter.findings import Finding
from linter.fixing import passes as fixrun
from linter.fixing.fixfile import fix_file
from linter.fixing.passes import unstable_fixes
from linter.fixing.policy import FixPolicy
from linter.running import execution
from linter.running.execution import Execution

WORDS = [
    "Chat GPT", "GPT4", "Dall-E", "DALLE-2", "Open AI", "LLM's", "Mid Journey", "Stable diffusion",
    "Palm", "Google", "chatbot", "LLMs", "generative AI", "GPT-4", "ChatGPT", "DALL·E", "Claude",
    "Midjourney", "Google Bard", "OpenAI's", "Google's", "is", "are", "a", "an", "the", "not",
    "large language model", "text-to-image model", "such as", "developed by", "generates",
    "images", "code", "and", "or", "which", "we", "use", ",", ".", "?", "(", ")", '"', "“", "”",
    "&amp;", "&#32;", "\\*", "\\|", "🤖", "数据", "ünï", "\t", "—",
]
NEWLINES = ["\n", "\r\n", "\r"]

prose = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
inline = st.one_of(
    prose,
    prose.map(lambda s: f"`{s}`"),
    prose.map(lambda s: f"*{s}*"),
    prose.map(lambda s: f"**{s}**"),
    prose.map(lambda s: f"[{s}](https://example.com/{s[:8].replace(' ', '-')})"),
    prose.map(lambda s: f"![{s}](img.png)"),
    prose.map(lambda s: f"[{s}][ref]"),
    prose.map(lambda s: f"<span>{s}</span>"),
    prose.map(lambda s: f"<!-- {s} -->"),
    st.just("<https://chat.openai.com>"),
)
line = st.lists(inline, min_size=1, max_size=4).map(" ".join)
block = st.one_of(
    line,
    line.map(lambda s: f"# {s}"),
    line.map(lambda s: f"{s}\n{'=' * 3}"),
    st.lists(line, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(line, min_size=1, max_size=3).map(lambda xs: "\n".join(f"1. {x}" for x in xs)),
    line.map(lambda s: f"> {s}\n> > {s}"),
    st.tuples(line, line).map(lambda t: f"| {t[0]} | x |\n|---|---|\n| {t[1]} | `y` |"),
    line.map(lambda s: f"```\n{s}\n```"),
    line.map(lambda s: f"    {s}"),
    line.map(lambda s: f"<div>\n{s}\n</div>"),
    line.map(lambda s: f"[ref]: https://example.com \"{s}\""),
    line.map(lambda s: f"[^1]: {s}"),
    st.just("<!-- genai-lint-disable-next-line GL101 -->"),
    st.just("<!-- genai-lint-disable -->"),
    st.just("<!-- genai-lint-enable -->"),
    line.map(lambda s: f"```\n{s}"),  # unclosed fence
)
front_matter = st.sampled_from(["", "---\ntitle: Chat GPT\ntags: [GPT4]\n---\n",
                                "+++\ntitle = 'Open AI'\n+++\n"])
markdown = st.tuples(front_matter, st.lists(block, min_size=1, max_size=7),
                     st.sampled_from(NEWLINES), st.booleans()).map(
    lambda t: (t[0] + "\n\n".join(t[1]) + ("\n" if t[3] else "")).replace("\n", t[2]))
mdx_extra = st.sampled_from(["import X from './x'\n\n", "export const a = {b: 1}\n\n",
                             "<Note>\nChat GPT inside\n</Note>\n\n", "{/* Chat GPT */}\n\n",
                             "Text {props.name} and Chat GPT\n\n"])
mdx = st.tuples(mdx_extra, markdown).map("".join)

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_exact(raw: str, findings: list[Finding]) -> None:
    source = SourceText.from_text(raw)
    for f in findings:
        assert 0 <= f.start < f.end <= len(source.text), f
        assert source.text[f.start : f.end] == f.text, f
        assert (f.line, f.column) == source.position(f.start), f
        assert (f.end_line, f.end_column) == source.position(f.end), f


@SETTINGS
@given(st.one_of(markdown.map(lambda t: ("markdown", t)), mdx.map(lambda t: ("mdx", t)),
                 markdown.map(lambda t: ("text", t))))
def test_generated_documents_never_crash_and_spans_are_exact(case: tuple[str, str]) -> None:
    syntax, raw = case
    assert_exact(raw, api.lint_text(raw, syntax=syntax))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(raw: str) -> None:
    raw = raw.encode("utf-8", "replace").decode("utf-8")  # what a decoded file can hold
    for syntax in ("markdown", "mdx", "text"):
        assert_exact(raw, api.lint_text(raw, syntax=syntax, claims=False))


def only_flagged_spans_changed(old: str, new: str, findings: list[Finding]) -> bool:
    """Whether ``new`` is ``old`` with some of the fixable findings' spans replaced by their
    fix and nothing else changed."""
    fixes = sorted((f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end))
    chosen: list[Finding] = []
    for f in fixes:  # the fixer skips overlapping fixes; so may we
        if not chosen or f.start >= chosen[-1].end:
            chosen.append(f)

    def match(index: int, old_pos: int, new_pos: int) -> bool:
        if index == len(chosen):
            return old[old_pos:] == new[new_pos:]
        f = chosen[index]
        gap = old[old_pos : f.start]
        if new[new_pos : new_pos + len(gap)] != gap:
            return False
        new_pos += len(gap)
        for option in dict.fromkeys((f.fix.replacement, f.text)):  # fixed, or left as it was
            if new.startswith(option, new_pos) and match(index + 1, f.end, new_pos + len(option)):
                return True
        return False

    return match(0, 0, 0)


@SETTINGS
@given(markdown, st.sampled_from(["", "\ufeff"]), st.sampled_from(["utf-8", "utf-16"]),
       st.booleans())
def test_fix_changes_only_flagged_spans_and_is_idempotent(raw: str, bom: str,
                                                          encoding: str, unsafe: bool) -> None:
    """Each fix pass changes only spans flagged in the text it fixes (a fix may reveal
    another: "Google's Chat GPT" → "Google's ChatGPT" → "OpenAI's ChatGPT"); --fix (with
    --unsafe-fixes when ``unsafe``) makes all the passes at once, applying the fixes
    :class:`FixPolicy` allows, keeps encoding, BOM and every newline, and a second --fix
    changes nothing."""
    policy = FixPolicy(unsafe=unsafe)
    infos = api.ruleset(Config()).infos
    data = (bom + raw).encode(encoding)
    before = decode(data)
    newlines = re.compile(r"\r\n|\r|\n")
    with tempfile.TemporaryDirectory() as folder:
        # pass by pass, by hand
        path = Path(folder) / "steps.md"
        path.write_bytes(data)
        refused = False
        for _ in range(fixrun.MAX_FIX_PASSES):
            read = read_file(path)
            found = list(api.run([path], Config()).report.findings)
            allowed = policy.applicable(found, {f.path: read.source.text for f in found}, infos)
            findings = [f for f in found if f in allowed]
            unstable = unstable_fixes(read.source, "markdown", findings,
                                      lambda source: api.lint_text(source.text))
            findings = [f for f in findings if f not in unstable]
            outcome = fix_file(read, "markdown", findings)
            after = read_file(path).source
            if outcome.error is not None:  # the verifier refused: nothing was written
                assert outcome.error.startswith("fixing would change"), outcome
                assert after == read.source
                refused = True
                break
            assert only_flagged_spans_changed(read.source.text, after.text, findings)
            if not outcome.applied:
                break
        stepwise = path.read_bytes()
        # all at once
        path = Path(folder) / "doc.md"
        path.write_bytes(data)
        first = api.run([path], Config(), fix=True, unsafe_fixes=unsafe)
        after_bytes = path.read_bytes()
        assert after_bytes == stepwise
        after = decode(after_bytes)
        assert (after.encoding, after.bom) == (before.encoding, before.bom)
        raw_after = after_bytes[len(after.bom) :].decode(after.encoding)
        raw_before = data[len(before.bom) :].decode(before.encoding)
        assert newlines.findall(raw_after) == newlines.findall(raw_before)
        assert (first.report.fixed == 0) == (after_bytes == data)
        assert_exact(after.text, list(first.report.findings))
        assert bool(first.report.errors) == refused
        second = api.run([path], Config(), fix=True, unsafe_fixes=unsafe)
        assert path.read_bytes() == after_bytes
        assert second.report.fixed == 0
        assert sorted(p.name for p in Path(folder).iterdir()) == ["doc.md", "steps.md"]


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.one_of(markdown.map(lambda t: (".md", t)), mdx.map(lambda t: (".mdx", t)),
                          markdown.map(lambda t: (".txt", t))), min_size=6, max_size=12))
def test_a_parallel_run_equals_a_serial_one(files: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as mp:
        mp.setattr(execution, "PARALLEL_MIN_CHARS", 0)  # small trees go parallel too
        for number, (suffix, text) in enumerate(files):
            (Path(folder) / f"doc{number:02d}{suffix}").write_text(text, encoding="utf-8",
                                                                  newline="")
        serial = api.run([folder], Config(), execution=Execution(jobs=1))
        parallel = api.run([folder], Config(), execution=Execution(jobs=2))
        assert parallel.stats is not None and parallel.stats.workers >= 1
        assert parallel.report.findings == serial.report.findings
        assert parallel.report.errors == serial.report.errors
