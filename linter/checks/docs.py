"""A rule's documentation: the ``explain`` page, the Markdown page ``docs/rules/CODE.md`` and
its web address (SARIF ``helpUri``, the text output's links).

Both pages are built from the same sections of the rule's YAML (summary, rationale, examples,
sources, how to fix); ``tools/rule_docs.py`` writes the Markdown pages, and a test fails when
they are out of date. Only shipped rules have a page; a team's own rules (``rule-files``) have
none and are explained by ``genai-lint explain`` alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from linter.checks.docurls import DOCS_URL, REPOSITORY, doc_url, is_shipped
from linter.checks.info import RuleInfo
from linter.knowledge import pages as kbpages

__all__ = ["DOCS_URL", "REPOSITORY", "doc_url", "is_shipped"]

PROG = "genai-lint"
#: The folder of the pages in a source checkout.
DOCS_FOLDER = Path("docs") / "rules"

_LABELS = (("bad", "Flagged"), ("good", "Not flagged"), ("fixed", "Fixed"))
_FIX_WORDS = {"safe": "safe fix (--fix)", "unsafe": "unsafe fix (--fix --unsafe-fixes)"}


def how_to_fix(info: RuleInfo) -> str:
    """The 'How to fix' paragraph: the automatic fix's tier, and how to keep a line."""
    if info.fix_applicability == "safe":
        how = (f"Replace the flagged text with the suggested one; '{PROG} --fix' does it for "
               "you (a safe fix: it keeps the meaning; it never touches code, URLs or HTML).")
    elif info.fix_applicability == "unsafe":
        how = (f"Rewrite the flagged text as suggested; '{PROG} --fix --unsafe-fixes' does it "
               "for you (an unsafe fix: a style rewrite, worth a look in the diff; preview "
               f"it with '{PROG} --diff --unsafe-fixes'). An acronym is not expanded in a "
               "sentence that still holds an error.")
    else:
        how = ("Rewrite the sentence so that it states the fact correctly (see the examples "
               "that are not flagged); there is no automatic fix.")
    return (f"{how} To keep a line as it is, put <!-- genai-lint-disable-next-line {info.code} "
            f"--> on the line above it (in MDX: {{/* genai-lint-disable-next-line {info.code} "
            f"*/}}).")


def _title(info: RuleInfo) -> str:
    fix = f", {_FIX_WORDS[info.fix_applicability]}" if info.fix_applicability else ""
    return f"{info.code} {info.name} ({info.kind}, {info.severity.value}{fix})"


def explain_text(info: RuleInfo, cite: Callable[[str], str] = str) -> str:
    """The ``explain`` page of one rule (plain text)."""
    lines = [_title(info), "", info.summary]
    if info.rationale and info.rationale != info.summary:
        lines += ["", "Why", *kbpages.wrap(info.rationale)]
    if any(info.examples.get(key) for key, _ in _LABELS):
        lines += ["", "Examples"]
        for key, label in _LABELS:
            for example in info.examples.get(key, ()):
                lines.append(f"  {label + ':':<12} {example}")
    if info.sources:
        lines += ["", "Sources", *(f"  - {cite(source)}" for source in info.sources)]
    lines += ["", "How to fix", *kbpages.wrap(how_to_fix(info))]
    url = doc_url(info)
    if url:
        lines += ["", "Docs", f"  {url}"]
    return "\n".join(lines) + "\n"


def markdown_page(info: RuleInfo, cite: Callable[[str], str] = str) -> str:
    """The ``docs/rules/CODE.md`` page of one shipped rule (Markdown)."""
    source = Path(info.origin).name
    fix = _FIX_WORDS.get(info.fix_applicability or "", "none")
    lines = [
        f"# {info.code}: {info.name}", "",
        f"<!-- Generated from rules/{source} by tools/rule_docs.py; do not edit by hand. -->",
        "", "| Kind | Severity | Automatic fix |", "| --- | --- | --- |",
        f"| {info.kind} | {info.severity.value} | {fix} |",
    ]
    if not info.rationale.startswith(info.summary):
        lines += ["", _md(info.summary)]
    if info.rationale:
        lines += ["", "## Why", "", _md(info.rationale)]
    for key, label in _LABELS:
        examples = info.examples.get(key, ())
        if examples:
            lines += ["", f"## {label}", "", *(_example(e) for e in examples)]
    if info.sources:
        lines += ["", "## Sources", "", *(f"- {_md(cite(s))}" for s in info.sources)]
    lines += ["", "## How to fix", "", _md(how_to_fix(info)), "",
              f"See also: `{PROG} explain {info.code}`.", ""]
    return "\n".join(lines)


def index_page(infos: Iterable[RuleInfo]) -> str:
    """``docs/rules/README.md``: one row per shipped rule, linking its page."""
    rows = [f"| [{i.code}]({i.code}.md) | `{i.name}` | {i.severity.value} | "
            f"{i.fix_applicability or 'no'} | {_cell(i.summary)} |"
            for i in sorted(infos, key=lambda i: i.code) if is_shipped(i)]
    return "\n".join([
        "# genai-lint rules", "",
        "<!-- Generated from rules/*.yaml by tools/rule_docs.py; do not edit by hand. -->", "",
        "Fix: `safe` fixes are applied by `--fix`; `unsafe` ones need `--fix --unsafe-fixes` "
        "(preview either with `--diff`).", "",
        "| Code | Name | Severity | Fix | What it catches |", "| --- | --- | --- | --- | --- |",
        *rows, ""])


def pages(infos: Iterable[RuleInfo], cite: Callable[[str], str] = str) -> dict[str, str]:
    """File name → Markdown page, for every shipped rule of ``infos``, plus the index
    (``README.md``)."""
    infos = list(infos)
    found = {f"{i.code}.md": markdown_page(i, cite) for i in infos if is_shipped(i)}
    return {"README.md": index_page(infos), **found}


def _md(text: str) -> str:
    """Prose for Markdown: one line, with HTML comments shown as code, not hidden."""
    text = " ".join(text.split())
    return text.replace("<!--", "`<!--").replace("-->", "-->`").replace(
        "{/*", "`{/*").replace("*/}", "*/}`")


def _cell(text: str) -> str:
    """Prose for a Markdown table cell (``|`` escaped)."""
    return _md(text).replace("|", "\\|")


def _example(example: str) -> str:
    """A list item quoting an example as code (it is quoted, not asserted): inline code for
    one line, a fenced block for a document of several lines."""
    if "\n" in example:
        body = "\n".join(f"  {line}" if line else "" for line in example.splitlines())
        return f"- Document:\n\n  ```markdown\n{body}\n  ```\n"
    fence = "``" if "`" in example else "`"
    pad = " " if example.startswith("`") or example.endswith("`") else ""
    return f"- {fence}{pad}{example}{pad}{fence}"
