"""Property: on generated Markdown, every finding's span holds exactly the text it names."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.api import lint_text
from linter.source import SourceText

WORDS = ["Chat GPT", "GPT4", "Dall-E", "DALL·E", "Open AI", "LLM's", "LLMs", "generative AI",
         "is", "a", "large language model", "Google's", "GPT-4", "Midjourney", "writes", "code",
         "images", "🤖", "数据", "&amp;", "\\*", "not", "such as", "and", "Claude", "."]
word_runs = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
blocks = st.one_of(
    word_runs,
    word_runs.map(lambda s: f"# {s}"),
    word_runs.map(lambda s: f"- {s}"),
    word_runs.map(lambda s: f"> {s}"),
    word_runs.map(lambda s: f"| {s} | {s} |\n|---|---|\n| {s} | x |"),
    word_runs.map(lambda s: f"```\n{s}\n```"),
    word_runs.map(lambda s: f"`{s}` and {s}"),
    word_runs.map(lambda s: f"[{s}](https://example.com/{s.replace(' ', '-')})"),
    word_runs.map(lambda s: f"<!-- {s} -->"),
    word_runs.map(lambda s: f"**{s}** *{s}*"),
)
documents = st.tuples(
    st.booleans(), st.lists(blocks, min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"])
).map(lambda t: ("---\ntitle: GPT4\n---\n" if t[0] else "") + "\n\n".join(t[1]) + "\n")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_every_span_holds_the_named_text(raw: str) -> None:
    source = SourceText.from_text(raw)
    for finding in lint_text(raw):
        assert 0 <= finding.start < finding.end <= len(source.text)
        assert source.text[finding.start : finding.end] == finding.text
        assert (finding.line, finding.column) == source.position(finding.start)
        assert (finding.end_line, finding.end_column) == source.position(finding.end)
        first_line = source.line_text(finding.line)
        assert first_line[finding.column - 1 :].startswith(finding.text.split("\n")[0])
