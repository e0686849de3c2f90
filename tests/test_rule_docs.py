"""Rule documentation: one page per shipped rule in ``docs/rules/``, generated from the rule
YAML by ``tools/rule_docs.py`` and kept in sync by this test; SARIF ``helpUri``, ``explain``,
``rules --format json`` and the text output point to the pages; ``explain`` cites only
reachable sources (web addresses, never files that do not ship) and no internal names."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import cli_runner

from linter.api import knowledge, lint_paths, ruleset
from linter.checks import docs as ruledocs
from linter.cli import cli
from linter.config import Config
from linter.knowledge import pages as kbpages
from linter.reporting.formatters import render
from linter.reporting.formatters.sarif import to_sarif

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "rules"
INFOS = ruleset(Config()).infos
CODES = sorted(INFOS)
URL = "https://github.com/genai-lint/genai-lint/blob/main/docs/rules/"


def test_pages_are_in_sync_with_the_rule_yaml() -> None:
    done = subprocess.run([sys.executable, "tools/rule_docs.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + "\nrun: python tools/rule_docs.py"
    assert sorted(p.stem for p in DOCS.glob("GL*.md")) == CODES


def test_the_check_notices_a_stale_page(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import rule_docs
    finally:
        sys.path.pop(0)
    for page in DOCS.glob("*.md"):
        (tmp_path / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    assert rule_docs.stale_pages(tmp_path) == []
    (tmp_path / "GL101.md").write_text("# edited by hand\n", encoding="utf-8")
    (tmp_path / "GL999.md").write_text("# no such rule\n", encoding="utf-8")
    (tmp_path / "GL102.md").unlink()
    assert rule_docs.stale_pages(tmp_path) == ["GL101.md", "GL102.md", "GL999.md"]


@pytest.mark.parametrize("code", CODES)
def test_each_page_holds_the_rules_sections(code: str) -> None:
    info = INFOS[code]
    page = (DOCS / f"{code}.md").read_text(encoding="utf-8")
    assert page.startswith(f"# {code}: {info.name}\n")
    for section in ("## Why", "## Flagged", "## Not flagged", "## How to fix"):
        assert f"\n{section}\n" in page
    assert f"| {info.kind} | {info.severity.value} |" in page
    assert ruledocs.doc_url(info) == f"{URL}{code}.md"


def test_sarif_help_uri_points_to_the_pages(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Chat GPT answers.\n", encoding="utf-8")
    report = lint_paths([tmp_path / "a.md"], Config(), claims=False)
    rules = to_sarif(report)["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["id"]: rule["helpUri"] for rule in rules} == {c: f"{URL}{c}.md" for c in CODES}
    for rule in rules:
        assert (DOCS / rule["helpUri"].rsplit("/", 1)[1]).is_file()


def test_a_teams_own_rule_has_no_page(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "kind: existence\nrules:\n  - {code: ACME001, name: no-leverage, severity: warning,\n"
        "     tokens: [leverage], rationale: x, examples: {bad: [We leverage.], good: [Use.]}}\n",
        encoding="utf-8")
    info = ruleset(Config(rule_files=(rules,))).infos["ACME001"]
    assert ruledocs.doc_url(info) is None
    assert "\nDocs\n" not in ruledocs.explain_text(info)


def test_text_output_links_rule_codes_to_the_pages(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Chat GPT answers.\n", encoding="utf-8")
    report = lint_paths([tmp_path / "a.md"], Config(), claims=False)
    plain = render("text", report)
    assert f"Rule docs: genai-lint explain CODE, or {URL}CODE.md\n" in plain
    coloured = render("text", report, color=True)
    assert f"\x1b]8;;{URL}GL101.md\x1b\\" in coloured  # a terminal hyperlink on the code
    assert "Rule docs" not in render("text", report, quiet=True)


def test_explain_in_a_real_process_ends_with_the_page() -> None:
    done = subprocess.run([sys.executable, "-m", "linter", "explain", "GL205"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.endswith(f"\nDocs\n  {URL}GL205.md\n")


@pytest.mark.parametrize("code", CODES)
def test_explain_cites_only_reachable_sources(code: str) -> None:
    kb = knowledge(Config())
    for source in INFOS[code].sources:
        cited = kbpages.citation(kb, source)
        assert re.search(r"<https?://[^>\s]+>$", cited), cited
    out = cli_runner().invoke(cli, ["explain", code]).stdout
    sources = out.split("\nSources\n")[1].split("\n\n")[0] if "\nSources\n" in out else ""
    assert not re.search(r"\.\./|shared/|\b\w+\.(md|txt|ya?ml)\b", sources), sources
    assert not re.search(r"\bseeds?\b", out, re.IGNORECASE), out


def test_entities_cite_web_sources_and_no_internal_names() -> None:
    out = cli_runner().invoke(cli, ["entities", "--format", "json"]).stdout
    data = json.loads(out)
    assert all(source["url"] for entity in data["entities"] for source in entity["sources"])
    notes = " ".join(entity["notes"] or "" for entity in data["entities"])
    assert not re.search(r"\bseed \d+|seed article|seeds/|\.\./shared", notes, re.IGNORECASE)
