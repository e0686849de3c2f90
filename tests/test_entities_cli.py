"""``genai-lint entities [NAME]`` and the entity pages of ``genai-lint explain``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from clirunner import cli_runner

from linter.cli import cli

#: Keys every entity has in ``entities --format json``; every source object has SOURCE_KEYS.
ENTITY_KEYS = {"id", "name", "aliases", "kind", "category", "vendor", "input", "output",
               "architecture", "dates", "sources"}
SOURCE_KEYS = {"id", "title", "url", "date"}

#: A team's own knowledge file: a vendor, a source, a family and one of its versions.
TEAM_KNOWLEDGE = """\
sources:
  zeta-launch:
    title: "Introducing Zetaform"
    url: https://zeta.example.com/blog/zetaform
    date: "2025-03-01"
  zeta-notes:
    title: "Zeta internal release notes"
    ref: docs/internal/zetaform-notes.md
    accessed: "2025-04-02"
vendors:
  zeta-labs: {name: Zeta Labs, aliases: [Zeta Labs], sources: [zeta-launch]}
entities:
  - id: zetaform
    name: Zetaform
    aliases: [Zetaform, Zetaform 2]
    kind: model-family
    category: text-to-image-model
    vendor: zeta-labs
    input: [text]
    output: [image]
    architecture: [diffusion]
    dates: {released: "2025-03-01"}
    notes: "Zeta Labs' own image model family."
    sources: {category: zeta-launch, vendor: zeta-launch, input: zeta-launch,
              output: zeta-launch, architecture: zeta-notes, dates: zeta-launch}
  - id: zetaform-2
    name: Zetaform 2
    family: zetaform
    kind: model
    dates: {released: "2025-09-15"}
    sources: {dates: zeta-launch}
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = cli_runner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def as_json(*args: str) -> dict[str, Any]:
    code, out, err = invoke(*args, "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder with its own config file, as the working folder."""
    (tmp_path / ".genai-lint.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose config lists a knowledge file of its own."""
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "team.yaml").write_text(TEAM_KNOWLEDGE, encoding="utf-8")
    (tmp_path / ".genai-lint.yaml").write_text("knowledge-files: [kb/team.yaml]\n",
                                               encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def links(text: str) -> list[str]:
    """Everything printed between ``<`` and ``>`` on a ``Sources`` line."""
    return [link for line in text.splitlines() if line.startswith("  - ")
            for link in re.findall(r"<([^<>]*)>", line)]


# -- the listing -------------------------------------------------------------------------------


def test_listing_json_has_every_entity_with_every_key(project: Path) -> None:
    data = as_json("entities")
    assert set(data) == {"as_of", "entities"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["as_of"])
    entities = data["entities"]
    assert len(entities) >= 30
    assert len({e["id"] for e in entities}) == len(entities)
    for entity in entities:
        assert set(entity) >= ENTITY_KEYS, entity["id"]
        for source in entity["sources"]:
            assert set(source) >= SOURCE_KEYS
            assert source["url"] is None or source["url"].startswith(("https://", "http://"))


def test_listing_text_has_a_header_and_one_line_per_entity(project: Path) -> None:
    code, out, err = invoke("entities")
    assert (code, err) == (0, "")
    data = as_json("entities")
    header, columns, *rows = out.splitlines()
    assert header == (f"{len(data['entities'])} entities in the knowledge base "
                      f"(facts as of {data['as_of']})")
    assert columns.split() == ["name", "kind", "category", "vendor", "released"]
    assert len(rows) == len(data["entities"])
    claude = next(row for row in rows if row.split("  ")[0] == "Claude")
    assert claude.split()[:2] == ["Claude", "model-family"]
    assert "large language model" in claude and "Anthropic" in claude
    # the JSON list is in the same order: grouped by vendor (each vendor's entities together)
    assert [row.split("  ")[0] for row in rows] == [e["name"] for e in data["entities"]]
    runs = [vendor for index, vendor in enumerate(e["vendor"] for e in data["entities"])
            if index == 0 or data["entities"][index - 1]["vendor"] != vendor]
    assert len(runs) == len(set(runs))


def test_listing_respects_no_config(team: Path) -> None:
    assert "zetaform" in {e["id"] for e in as_json("entities")["entities"]}
    assert "zetaform" not in {e["id"] for e in as_json("entities", "--no-config")["entities"]}


# -- one entity --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["claude", "Claude", "CLAUDE"])
def test_entities_claude_shows_anthropic(project: Path, name: str) -> None:
    code, out, err = invoke("entities", name)
    assert (code, err) == (0, "")
    assert out.startswith("Claude (model-family)\n")
    assert re.search(r"^  vendor: +Anthropic$", out, re.MULTILINE)
    assert re.search(r"^  category: +large language model \(llm\)$", out, re.MULTILINE)
    assert "\nSources\n" in out
    [entity] = as_json("entities", name)["entities"]
    assert (entity["id"], entity["vendor"], entity["category"]) == ("claude", "anthropic", "llm")
    assert set(entity) >= ENTITY_KEYS


def test_a_version_name_resolves(project: Path) -> None:
    code, out, err = invoke("entities", "Claude 3.5 Sonnet")
    assert (code, err) == (0, "")
    assert "Anthropic" in out
    [entity] = as_json("entities", "claude 3.5 sonnet")["entities"]
    assert "claude 3.5 sonnet" in {n.casefold() for n in (entity["name"], *entity["aliases"])}
    assert entity["vendor"] == "anthropic"


def test_a_version_name_finds_the_version_not_the_family_that_lists_it(team: Path) -> None:
    [version] = as_json("entities", "zetaform 2")["entities"]
    assert (version["id"], version["family"]) == ("zetaform-2", "zetaform")
    assert version["vendor"] == "zeta-labs" and version["output"] == ["image"]  # inherited
    assert version["dates"] == {"released": "2025-09-15"}
    family = invoke("entities", "Zetaform")[1]
    assert re.search(r"^  versions: +Zetaform 2$", family, re.MULTILINE)
    page = invoke("entities", "zetaform-2")[1]
    assert re.search(r"^  family: +Zetaform$", page, re.MULTILINE)


def test_a_team_knowledge_file_appears(team: Path) -> None:
    code, out, _ = invoke("entities")
    assert code == 0
    row = next(line for line in out.splitlines() if line.split("  ")[0] == "Zetaform")
    assert row.split() == ["Zetaform", "model-family", "text-to-image", "model", "Zeta", "Labs",
                           "2025-03-01"]
    [entity] = as_json("entities", "zetaform")["entities"]
    assert entity["sources"][0] == {"id": "zeta-launch", "title": "Introducing Zetaform",
                                    "url": "https://zeta.example.com/blog/zetaform",
                                    "date": "2025-03-01"}
    assert entity["sources"][1] == {"id": "zeta-notes", "title": "Zeta internal release notes",
                                    "url": None, "date": "2025-04-02"}


def test_an_explicit_config_is_used(team: Path, tmp_path_factory: pytest.TempPathFactory,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert invoke("entities", "zetaform")[0] == 2
    code, out, _ = invoke("entities", "zetaform", "--config", str(team / ".genai-lint.yaml"))
    assert code == 0 and out.startswith("Zetaform (model-family)\n")


def test_the_page_shows_every_fact_and_cites_sources(team: Path) -> None:
    code, out, _ = invoke("entities", "Zetaform")
    assert code == 0
    for line in ("  kind:          model-family",
                 "  category:      text-to-image model (text-to-image-model)",
                 "  vendor:        Zeta Labs", "  input:         text",
                 "  output:        image", "  architecture:  diffusion",
                 "  released:      2025-03-01", "  aliases:       Zetaform 2",
                 "Notes", "  Zeta Labs' own image model family."):
        assert line in out.splitlines()
    sources = out.split("\nSources\n")[1].splitlines()
    assert sources == [
        "  - Introducing Zetaform (2025-03-01) <https://zeta.example.com/blog/zetaform> "
        "[category, vendor, input, output, dates]",
        "  - Zeta internal release notes (accessed 2025-04-02) [architecture]",
    ]


def test_explain_an_entity_prints_sources_with_url_and_date(team: Path) -> None:
    code, out, _ = invoke("explain", "zetaform")
    assert code == 0
    assert out == invoke("entities", "zetaform")[1]
    assert "Introducing Zetaform (2025-03-01) <https://zeta.example.com/blog/zetaform>" in out


@pytest.mark.parametrize(("name", "suggestion"), [
    ("Claud", "'Claude'"), ("chat gpt", "'ChatGPT'"), ("Claude 3.5 Sonet", "'Claude 3.5 Sonnet'"),
])
def test_an_unknown_name_exits_2_with_a_suggestion(project: Path, name: str,
                                                   suggestion: str) -> None:
    code, out, err = invoke("entities", name)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"genai-lint: error: unknown entity {name!r}; did you mean ")
    assert suggestion in err and err.endswith("(see 'genai-lint entities')\n")


def test_an_unknown_name_without_a_close_match(project: Path) -> None:
    code, _, err = invoke("entities", "qqqqqqqq", "--format", "json")
    assert code == 2
    assert err == "genai-lint: error: unknown entity 'qqqqqqqq' (see 'genai-lint entities')\n"


def test_no_printed_source_is_a_relative_path(team: Path) -> None:
    from linter.api import knowledge
    from linter.config import find_config, load_config
    from linter.knowledge import pages as kbpages

    kb = knowledge(load_config(find_config(team)))
    pages = [kbpages.entity_text(kb, entity) for entity in kb.entities.values()]
    pages += [invoke("entities", name)[1] for name in ("claude", "gpt-4o", "zetaform")]
    pages += [invoke("explain", rule["code"])[1]
              for rule in json.loads(invoke("rules", "--format", "json")[1])]
    printed = [link for page in pages for link in links(page)]
    assert "https://zeta.example.com/blog/zetaform" in printed
    assert [link for link in printed if not link.startswith(("https://", "http://"))] == []
    assert not any("seeds/" in page or "docs/internal" in page for page in pages)
    data = as_json("entities")
    urls = [s["url"] for e in data["entities"] for s in e["sources"] if s["url"] is not None]
    assert [url for url in urls if not url.startswith(("https://", "http://"))] == []
    assert "docs/internal" not in json.dumps(data)


def test_subprocess_lists_entities_as_json(project: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "linter", "entities", "--format", "json"],
                            cwd=project, capture_output=True, text=True, encoding="utf-8",
                            check=False)
    assert (result.returncode, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert len(data["entities"]) >= 30
    assert all(set(entity) >= ENTITY_KEYS for entity in data["entities"])
