"""Tests for the output formatters (text, json, sarif, github)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from located import finding_on

from linter import __version__
from linter.checks.info import RuleInfo
from linter.files.source import SourceText
from linter.findings import Finding, Severity
from linter.reporting.formatters import FORMATS, render
from linter.reporting.formatters.github import escape_data, escape_property
from linter.reporting.formatters.sarif import FINGERPRINT_KEY, fingerprint_all, to_sarif
from linter.reporting.formatters.text import caret
from linter.reporting.report import FileError, Report

#: Our own JSON Schema (draft 7) of what SARIF 2.1.0 requires, written from the OASIS spec.
SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-required.schema.json"

RULES = {
    "GL101": RuleInfo("GL101", "chatgpt-name", "term", Severity.WARNING,
                      "Spell ChatGPT canonically", "OpenAI spells it ChatGPT.", fixable=True,
                      sources=("seeds/names.md",)),
    "GL201": RuleInfo("GL201", "model-category", "claim", Severity.ERROR,
                      "A model is called the wrong kind of model",
                      "DALL·E generates images; it is not a large language model."),
    "GL301": RuleInfo("GL301", "acronym-expansion", "acronym", Severity.SUGGESTION,
                      "Expand an acronym at first use"),
}

INTRO = "# Intro\n\tDALL·E 🤖 是 an LLM, said chatgpt.\nSee chatgpt docs.\n"


def make(
    path: str, source: SourceText, needle: str, rule: str, *, occurrence: int = 0,
    message: str = "msg", fix: str | None = None,
) -> Finding:
    """A finding on the ``occurrence``-th ``needle`` of ``source``, located like a check would."""
    info = RULES[rule]
    return finding_on(source, needle, path=path, rule=rule, name=info.name,
                      severity=info.severity, message=message, fix=fix, occurrence=occurrence)


def intro_report(**kwargs: object) -> Report:
    source = SourceText.from_text(INTRO)
    findings = (
        make("docs/intro.md", source, "DALL·E", "GL201",
             message="DALL·E is a text-to-image model, not a large language model"),
        make("docs/intro.md", source, "LLM", "GL301", message="Expand LLM at first use"),
        make("docs/intro.md", source, "chatgpt", "GL101", message="Write ChatGPT",
             fix="ChatGPT"),
        make("docs/intro.md", source, "chatgpt", "GL101", occurrence=1,
             message="Write ChatGPT", fix="ChatGPT"),
    )
    defaults: dict[str, object] = {
        "findings": tuple(sorted(findings, key=lambda f: f.sort_key)),
        "files_checked": 12,
        "rules": RULES,
        "sources": {"docs/intro.md": source},
    }
    defaults.update(kwargs)
    return Report(**defaults)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("line", "column", "end_column", "pad", "carets"),
    [
        ("say chatgpt here", 5, 12, "    ", "^^^^^^^"),
        ("\tDALL·E is", 2, 8, "\t", "^^^^^^"),  # tab kept; the middle dot is one cell
        ("🤖 DALL·E", 3, 9, "   ", "^^^^^^"),  # emoji is two cells wide
        ("是 an LLM", 6, 9, "      ", "^^^"),  # CJK is two cells wide
        ("GPT 是模型", 5, 8, "    ", "^^^^^^"),  # wide characters under the caret
        ("cafe\u0301 LLM", 7, 10, "     ", "^^^"),  # a combining accent takes no cell
        ("empty span", 3, 3, "  ", "^"),  # at least one caret
        ("short", 9, 12, "     ", "^"),  # past the end of the line
    ],
)
def test_caret_alignment(line: str, column: int, end_column: int, pad: str, carets: str) -> None:
    assert caret(line, column, end_column) == (pad, carets)


def test_text_full_output() -> None:
    out = render("text", intro_report())
    assert out == (
        "docs/intro.md:2:2: GL201 [error] DALL·E is a text-to-image model, not a large language"
        " model\n"
        "   2 | \tDALL·E 🤖 是 an LLM, said chatgpt.\n"
        "     | \t^^^^^^\n"
        "docs/intro.md:2:16: GL301 [suggestion] Expand LLM at first use\n"
        "   2 | \tDALL·E 🤖 是 an LLM, said chatgpt.\n"
        "     | \t                ^^^\n"
        "docs/intro.md:2:26: GL101 [warning] Write ChatGPT\n"
        "   2 | \tDALL·E 🤖 是 an LLM, said chatgpt.\n"
        "     | \t                          ^^^^^^^\n"
        '  fix: replace with "ChatGPT"\n'
        "docs/intro.md:3:5: GL101 [warning] Write ChatGPT\n"
        "   3 | See chatgpt docs.\n"
        "     |     ^^^^^^^\n"
        '  fix: replace with "ChatGPT"\n'
        "Found 4 problems (1 error, 2 warnings, 1 suggestion) in 1 of 12 files.\n"
    )


@pytest.mark.parametrize(
    ("kwargs", "tail"),
    [
        ({"findings": (), "files_checked": 12}, "No problems found in 12 files.\n"),
        ({"findings": (), "files_checked": 1}, "No problems found in 1 file.\n"),
        ({"findings": (), "files_checked": 3, "errors": (FileError("x.md", "binary file"),)},
         "x.md: error: binary file\n"
         "No problems found in 3 files; 1 path could not be read.\n"),
        ({"fixed": 2}, "in 1 of 12 files.\nFixed 2 problems.\n"),
        ({"fixed": 1, "findings": (), "files_checked": 2},
         "No problems found in 2 files.\nFixed 1 problem.\n"),
    ],
)
def test_text_summary(kwargs: dict[str, object], tail: str) -> None:
    out = render("text", intro_report(**kwargs))
    assert out.endswith(tail)


def test_text_summary_counts_files_with_findings() -> None:
    report = intro_report()
    other = SourceText.from_text("chatgpt\n")
    extra = make("docs/z.md", other, "chatgpt", "GL101")
    report = intro_report(findings=(*report.findings, extra), sources={
        **report.sources, "docs/z.md": other})
    assert render("text", report).endswith(
        "Found 5 problems (1 error, 3 warnings, 1 suggestion) in 2 of 12 files.\n")


def test_text_quiet() -> None:
    errors = (FileError("bad.md", "invalid UTF-8 at byte 3"),)
    out = render("text", intro_report(errors=errors), quiet=True)
    assert out == (
        "docs/intro.md:2:2: GL201 [error] DALL·E is a text-to-image model, not a large "
        "language model\n"
        "docs/intro.md:2:16: GL301 [suggestion] Expand LLM at first use\n"
        "docs/intro.md:2:26: GL101 [warning] Write ChatGPT\n"
        "docs/intro.md:3:5: GL101 [warning] Write ChatGPT\n"
        "bad.md: error: invalid UTF-8 at byte 3\n"
    )
    assert render("text", intro_report(findings=()), quiet=True) == ""


def test_text_statistics_sorted_by_count() -> None:
    out = render("text", intro_report(), statistics=True)
    assert out.endswith(
        "in 1 of 12 files.\n"
        "\n"
        "count  rule   name\n"
        "    2  GL101  chatgpt-name\n"
        "    1  GL201  model-category\n"
        "    1  GL301  acronym-expansion\n"
    )
    assert "count" not in render("text", intro_report(findings=()), statistics=True)


def test_text_multiline_span_carets_to_end_of_first_line() -> None:
    source = SourceText.from_text("We use Chat\nGPT daily.\n")
    finding = make("m.md", source, "Chat\nGPT", "GL101")
    assert (finding.line, finding.end_line) == (1, 2)
    out = render("text", intro_report(findings=(finding,), sources={"m.md": source}))
    assert "   1 | We use Chat\n     |        ^^^^\n" in out


@pytest.mark.parametrize("sources", [{}, {"docs/intro.md": SourceText.from_text("one line")}])
def test_text_without_source_line(sources: dict[str, SourceText]) -> None:
    out = render("text", intro_report(sources=sources))
    assert " | " not in out
    assert "docs/intro.md:3:5: GL101 [warning] Write ChatGPT\n" in out


def test_text_file_errors() -> None:
    errors = (FileError("a.md", "invalid UTF-8 at byte 7"), FileError("b.bin", "binary file"))
    out = render("text", intro_report(errors=errors))
    assert "a.md: error: invalid UTF-8 at byte 7\nb.bin: error: binary file\n" in out
    assert out.endswith("in 1 of 12 files; 2 paths could not be read.\n")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("quiet", [False, True])
def test_no_colour_codes_without_color(fmt: str, quiet: bool) -> None:
    report = intro_report(errors=(FileError("x.md", "binary file"),), fixed=1)
    assert "\x1b" not in render(fmt, report, color=False, statistics=True, quiet=quiet)


def test_colour_codes_with_color() -> None:
    out = render("text", intro_report(), color=True)
    assert "\x1b[" in out
    assert "\x1b[31m" in out  # errors in red
    plain = render("text", intro_report(), color=False)
    assert plain.count("\n") == out.count("\n")


# --------------------------------------------------------------------------- json


def test_json_exact_shape() -> None:
    errors = (FileError("bad.md", "invalid UTF-8 at byte 3"),)
    out = render("json", intro_report(errors=errors), color=True, quiet=True, statistics=True)
    data = json.loads(out)
    assert data == {
        "version": __version__,
        "findings": [
            {"path": "docs/intro.md", "line": 2, "column": 2, "end_line": 2, "end_column": 8,
             "rule": "GL201", "name": "model-category", "severity": "error",
             "message": "DALL·E is a text-to-image model, not a large language model",
             "fix": None},
            {"path": "docs/intro.md", "line": 2, "column": 16, "end_line": 2, "end_column": 19,
             "rule": "GL301", "name": "acronym-expansion", "severity": "suggestion",
             "message": "Expand LLM at first use", "fix": None},
            {"path": "docs/intro.md", "line": 2, "column": 26, "end_line": 2, "end_column": 33,
             "rule": "GL101", "name": "chatgpt-name", "severity": "warning",
             "message": "Write ChatGPT", "fix": {"replacement": "ChatGPT", "safe": True}},
            {"path": "docs/intro.md", "line": 3, "column": 5, "end_line": 3, "end_column": 12,
             "rule": "GL101", "name": "chatgpt-name", "severity": "warning",
             "message": "Write ChatGPT", "fix": {"replacement": "ChatGPT", "safe": True}},
        ],
        "summary": {"files": 12, "findings": 4, "error": 1, "warning": 2, "suggestion": 1},
        "errors": [{"path": "bad.md", "message": "invalid UTF-8 at byte 3"}],
        "statistics": [{"rule": "GL101", "name": "chatgpt-name", "count": 2},
                       {"rule": "GL201", "name": "model-category", "count": 1},
                       {"rule": "GL301", "name": "acronym-expansion", "count": 1}],
    }
    assert list(data) == ["version", "findings", "summary", "errors", "statistics"]
    assert "statistics" not in json.loads(render("json", intro_report()))
    assert list(data["findings"][0]) == [
        "path", "line", "column", "end_line", "end_column", "rule", "name", "severity",
        "message", "fix"]
    assert list(data["summary"]) == ["files", "findings", "error", "warning", "suggestion"]
    assert out.startswith('{\n  "version": ')  # indent=2
    assert "DALL·E" in out  # ensure_ascii=False
    assert out.endswith("}\n")


def test_json_empty_report() -> None:
    data = json.loads(render("json", intro_report(findings=(), files_checked=0)))
    assert data == {
        "version": __version__, "findings": [],
        "summary": {"files": 0, "findings": 0, "error": 0, "warning": 0, "suggestion": 0},
        "errors": [],
    }


# --------------------------------------------------------------------------- sarif


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@pytest.mark.parametrize(
    "report",
    [
        intro_report(),
        intro_report(findings=(), files_checked=0),
        intro_report(errors=(FileError("docs/bad file.md", "invalid UTF-8 at byte 3"),)),
        intro_report(rules={}),
        intro_report(findings=tuple(
            Finding(path, 1, 1, 1, 4, 0, 3, "GL101", "chatgpt-name", Severity.WARNING, "m", "abc")
            for path in ("/abs/path/ä.md", "docs/with space,comma.md", "a:b.md"))),
    ],
    ids=["findings", "empty", "file-errors", "no-rule-metadata", "odd-paths"],
)
def test_sarif_validates_against_schema(
    report: Report, sarif_validator: jsonschema.Draft7Validator
) -> None:
    log = json.loads(render("sarif", report))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    for result in log["runs"][0]["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert " " not in uri and "," not in uri


def test_sarif_content() -> None:
    log = to_sarif(intro_report(errors=(FileError("bad.md", "binary file"),)))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("genai-lint", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == ["GL101", "GL201", "GL301"]
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in driver["rules"]}
    assert levels == {"GL101": "warning", "GL201": "error", "GL301": "note"}
    assert driver["rules"][1]["fullDescription"]["text"] == RULES["GL201"].rationale
    assert driver["rules"][2]["fullDescription"]["text"] == RULES["GL301"].summary
    assert run["columnKind"] == "unicodeCodePoints"
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    first = run["results"][0]
    assert first["level"] == "error"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/intro.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 2, "endLine": 2,
                                  "endColumn": 8, "snippet": {"text": "DALL·E"}}
    assert "fixes" not in first
    (fix,) = run["results"][2]["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 2, "startColumn": 26, "endLine": 2, "endColumn": 33},
        "insertedContent": {"text": "ChatGPT"},
    }]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["message"]["text"] == "binary file"
    assert to_sarif(intro_report())["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_sarif_rule_missing_from_report_rules_is_described() -> None:
    log = to_sarif(intro_report(rules={"GL201": RULES["GL201"]}))
    driver = log["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == ["GL101", "GL201", "GL301"]
    assert driver["rules"][0]["name"] == "chatgpt-name"


def test_fingerprint_stable_when_line_inserted_above() -> None:
    before = intro_report()
    moved_source = SourceText.from_text("New first line.\n\n" + INTRO)
    after = intro_report(
        findings=tuple(
            make("docs/intro.md", moved_source, f.text, f.rule,
                 occurrence=0 if f.line == 2 else 1, message=f.message)
            for f in before.findings
        ),
        sources={"docs/intro.md": moved_source},
    )
    assert [f.line + 2 for f in before.findings] == [f.line for f in after.findings]
    assert fingerprint_all(before.findings) == fingerprint_all(after.findings)
    prints = [r["partialFingerprints"][FINGERPRINT_KEY]
              for r in to_sarif(after)["runs"][0]["results"]]
    assert prints == fingerprint_all(before.findings)


def test_fingerprint_distinguishes_repeats_rules_and_paths() -> None:
    report = intro_report()
    prints = fingerprint_all(report.findings)
    assert len(set(prints)) == len(prints)  # the two "chatgpt" findings differ by occurrence
    renamed = [Finding(**{**f.__dict__, "path": "other.md"}) for f in report.findings]
    assert set(fingerprint_all(renamed)).isdisjoint(prints)
    # order of the input does not change a finding's fingerprint
    assert fingerprint_all(report.findings[::-1]) == prints[::-1]


# --------------------------------------------------------------------------- github


@pytest.mark.parametrize(
    ("value", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("a,b: c", "a,b: c", "a%2Cb%3A c"),
        ("one\ntwo\r\n", "one%0Atwo%0D%0A", "one%0Atwo%0D%0A"),
        ("%0A literal", "%250A literal", "%250A literal"),
    ],
)
def test_github_escaping(value: str, data: str, prop: str) -> None:
    assert escape_data(value) == data
    assert escape_property(value) == prop


def test_github_output() -> None:
    source = SourceText.from_text("x chatgpt\n")
    tricky = Finding("docs/a,b:c.md", 1, 3, 1, 10, 2, 9, "GL201", "model-category",
                     Severity.ERROR, "50% of it, really: no\nsecond line", "chatgpt")
    findings = (
        tricky,
        make("docs/a.md", source, "chatgpt", "GL101", message="Write ChatGPT", fix="ChatGPT"),
        Finding("docs/a.md", 2, 1, 2, 4, 0, 3, "GL301", "acronym-expansion",
                Severity.SUGGESTION, "Expand LLM", "LLM"),
    )
    report = intro_report(findings=findings, errors=(FileError("bad.md", "binary, file"),))
    assert render("github", report) == (
        "::error file=docs/a%2Cb%3Ac.md,line=1,col=3,endLine=1,endColumn=10,"
        "title=GL201 model-category::50%25 of it, really: no%0Asecond line\n"
        "::warning file=docs/a.md,line=1,col=3,endLine=1,endColumn=10,"
        "title=GL101 chatgpt-name::Write ChatGPT\n"
        "::notice file=docs/a.md,line=2,col=1,endLine=2,endColumn=4,"
        "title=GL301 acronym-expansion::Expand LLM\n"
        "::error file=bad.md,title=genai-lint::binary, file\n"
    )
    assert render("github", intro_report(findings=())) == ""


# --------------------------------------------------------------------------- registry


def test_formats_registry() -> None:
    assert set(FORMATS) == {"text", "json", "sarif", "github"}
    report = intro_report()
    for name, formatter in FORMATS.items():
        assert render(name, report) == formatter(report)


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render("xml", intro_report())


def test_sarif_schema_check_is_live(sarif_validator: jsonschema.Draft7Validator) -> None:
    log = to_sarif(intro_report())
    log["runs"][0]["results"][0]["level"] = "info"  # not a SARIF level
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator.iter_errors(log))) == 2


def _result_with_fix(log: dict) -> dict:
    return next(r for r in log["runs"][0]["results"] if "fixes" in r)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda log: log.update(version="2.0.0"),
        lambda log: log.pop("runs"),
        lambda log: log["runs"][0].pop("tool"),
        lambda log: log["runs"][0]["tool"].pop("driver"),
        lambda log: log["runs"][0]["tool"]["driver"]["rules"][0].pop("id"),
        lambda log: log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"].update(
            level="fatal"),
        lambda log: log["runs"][0]["results"][0].pop("message"),
        lambda log: log["runs"][0]["results"][0].update(message={"markdown": "no text, no id"}),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"].pop(
            "artifactLocation"),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "region"].update(startLine=0),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "region"].update(startColumn=0),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "region"].update(endColumn="8"),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "region"].update(startcolumn=2),  # misspelt key
        lambda log: log["runs"][0]["results"][0].update(partialFingerprints={"k": 1}),
        lambda log: _result_with_fix(log)["fixes"][0].pop("artifactChanges"),
        lambda log: _result_with_fix(log)["fixes"][0]["artifactChanges"][0].pop(
            "artifactLocation"),
        lambda log: _result_with_fix(log)["fixes"][0]["artifactChanges"][0].update(
            replacements=[]),
        lambda log: _result_with_fix(log)["fixes"][0]["artifactChanges"][0]["replacements"][
            0].pop("deletedRegion"),
        lambda log: log["runs"][0]["invocations"][0].pop("executionSuccessful"),
    ],
)
def test_sarif_schema_rejects_broken_logs(
    breakage: object, sarif_validator: jsonschema.Draft7Validator
) -> None:
    log = to_sarif(intro_report())
    assert not list(sarif_validator.iter_errors(log))
    breakage(log)  # type: ignore[operator]
    assert list(sarif_validator.iter_errors(log))
