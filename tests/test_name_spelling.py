"""GL114 ``misspelt-name`` (rule kind ``name-spelling``, linter/checks/spelling.py).

Two kinds of test. Against a small knowledge base built here, the mechanism: keys (case,
spaces, hyphens), typos (one edit, two in long words, first letter and digits kept), ties,
plurals, ALL CAPS, English words, ambiguous names, ``allow``. Against the shipped knowledge
base, which grows, only behaviour that holds for any content: no known spelling is ever
reported, ``--fix`` writes the known spelling, the file prefilter never hides a finding.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import api, markup
from linter.checks import nameindex, namekeys
from linter.checks.info import RuleInfo
from linter.checks.kinds import spelling
from linter.checks.ruleset import load_ruleset
from linter.cli import cli
from linter.config import Config
from linter.files.source import SourceText
from linter.findings import Severity
from linter.knowledge.base import Entity, KnowledgeBase, Vendor

INFO = RuleInfo("GL114", "misspelt-name", "name-spelling", Severity.WARNING, "test", fixable=True)


def _entity(ident: str, name: str, *aliases: str, ambiguous: bool = False) -> Entity:
    return Entity(id=ident, name=name, aliases=(name, *aliases), kind="model",
                  ambiguous=ambiguous)


def _kb() -> KnowledgeBase:
    entities = [
        _entity("zentrix", "Zentrix"),
        _entity("zentrix-2", "Zentrix 2"),
        _entity("zentrax", "Zentrax"),
        _entity("orbitronix", "Orbitronix"),
        _entity("acme-vision", "AcmeVision", "Acme Vision XL"),
        _entity("nimbus", "Nimbus", ambiguous=True),
        _entity("kappa-7", "Kappa-7"),
        _entity("wordsmith", "Wordsmith"),
    ]
    vendors = {"quantaloop": Vendor(id="quantaloop", name="QuantaLoop",
                                    aliases=("QuantaLoop", "QuantaLoop Labs"))}
    return KnowledgeBase(sources={}, concepts={}, categories={}, architectures={},
                         modalities={}, vendors=vendors,
                         entities={e.id: e for e in entities})


KB = _kb()
RULE = spelling.NameSpellingRule(INFO, context=("model", "AI"), allow=("Zentrox",),
                                 knowledge=lambda: KB)


def flagged(text: str, rule: spelling.NameSpellingRule = RULE) -> list[tuple[str, str]]:
    """(flagged text, fix) of every match in ``text`` (Markdown)."""
    document = markup.extract(SourceText.from_text(text), "markdown")
    return [(segment.text[m.start:m.end], m.replacement or "")
            for segment in document.segments for m in rule.find(segment)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # case, spaces and hyphens
        ("We use Quantaloop for hosting.", [("Quantaloop", "QuantaLoop")]),
        ("Quanta Loop Labs hosts it.", [("Quanta Loop Labs", "QuantaLoop Labs")]),
        ("Try Acme-Vision today.", [("Acme-Vision", "AcmeVision")]),
        ("Try AcmeVision XL today.", [("AcmeVision XL", "Acme Vision XL")]),
        ("Kappa7 is small.", [("Kappa7", "Kappa-7")]),  # a version run into its name
        ("Zentrix2 is out.", [("Zentrix2", "Zentrix 2")]),
        # typos: one edit (a transposition counts as one), two in a long word
        ("Zentirx is fast.", [("Zentirx", "Zentrix")]),
        ("Zentric 2 is out.", [("Zentric 2", "Zentrix 2")]),
        ("Orbtronx is fast.", [("Orbtronx", "Orbitronix")]),
        ("Wordsmyth writes well.", [("Wordsmyth", "Wordsmith")]),
        # the fix is the known spelling; the possessive stays outside the span
        ("Zentirx's output is short.", [("Zentirx", "Zentrix")]),
    ],
)
def test_reports_the_known_spelling(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Zentrix, Zentrax, Zentrix 2, Orbitronix, AcmeVision and QuantaLoop Labs.",  # known
        "Zentrux is fast.",  # as near Zentrix as Zentrax: no guess
        "Zentrox is fast.",  # listed under allow
        "Zentrix 3 is out.",  # a version the knowledge base does not list is not a typo
        "Zentrix 2b is out.",  # nor a version suffix
        "Kappa-8 is out.",
        "Kappa 7 and Zentrix-2 are out.",  # the version apart, as some houses write it
        "Zentrixs are fast, and Zentrixes too.",  # plurals
        "ZENTIRX IS FAST.",  # ALL CAPS
        "ZenTirx is fast.",  # other capitals than the name's, and a typo: two errors
        "Bentrix is fast.",  # the first letter changed
        "Orbtronixxx is fast.",  # three edits
        "Wordsmiths write well.",  # a plural
        "Wordsmith's drafts are good.",
        "`Zentirx` and zentirx_client and https://example.com/Zentirx are code.",
        "See Zentirx.md for details.",
        "Zentirx-based tools and pre-Zentirx builds.",  # inside a compound
    ],
)
def test_does_not_report(text: str) -> None:
    assert flagged(text) == []


def test_an_ordinary_word_is_not_a_typo() -> None:
    kb = KnowledgeBase(sources={}, concepts={}, categories={}, architectures={}, modalities={},
                       vendors={}, entities={"imagen": _entity("imagen", "Imagen"),
                                             "bert": _entity("bert", "BERT"),
                                             "deepseek": _entity("deepseek", "DeepSeek")})
    rule = spelling.NameSpellingRule(INFO, knowledge=lambda: kb)
    assert flagged("Image models: Imagine a model. Images and Imaged too.", rule) == []
    assert flagged("Bert wrote it.", rule) == []  # a name before a mis-cased BERT
    assert flagged("DeepSpeed trains it.", rule) == []  # a compound of two words
    assert flagged("Imagn draws it; Deepseek writes it.", rule) == [
        ("Imagn", "Imagen"), ("Deepseek", "DeepSeek")]


def test_an_ambiguous_name_needs_ai_context_in_its_sentence() -> None:
    assert flagged("Nimbos drifted over the hills.") == []
    assert flagged("Nimbos drifted over the hills. The model is fast.") == []
    assert flagged("Nimbos is the model we use.") == [("Nimbos", "Nimbus")]
    assert flagged("We compared Nimbos with Zentrix.") == [("Nimbos", "Nimbus")]


def test_message_names_both_spellings() -> None:
    document = markup.extract(SourceText.from_text("Zentirx is fast."), "markdown")
    (match,) = [m for s in document.segments for m in RULE.find(s)]
    assert match.message == "'Zentirx' looks like a misspelling of 'Zentrix'"
    assert match.code == "GL114"


def test_edit_distance() -> None:
    assert namekeys.edit_distance("gemini", "gemeni", 2) == 1
    assert namekeys.edit_distance("gpt", "gtp", 2) == 1  # a transposition
    assert namekeys.edit_distance("midjourney", "midjurny", 2) == 2
    assert namekeys.edit_distance("anthropic", "xyz", 2) == 3  # past the limit
    assert namekeys.key_of("DALL·E 3") == namekeys.key_of("Dall-e3") == "dalle3"


def test_the_index_is_built_once_per_knowledge_base() -> None:
    assert nameindex.index_for(KB) is nameindex.index_for(KB)
    assert nameindex.index_for(_kb()) is not nameindex.index_for(KB)


# ------------------------------------------------------------ the shipped knowledge base


@pytest.fixture(scope="module")
def shipped() -> nameindex.NameIndex:
    return nameindex.index_for(api.knowledge(Config()))


def test_no_known_spelling_is_reported(shipped: nameindex.NameIndex) -> None:
    """Every name and alias of the knowledge base, look-alikes of each other included
    (Mistral/Mixtral, GPT-Neo/GPT-NeoX, BLOOM/BLOOMZ, ...), is a correct spelling."""
    names = sorted(shipped.known)
    texts = [f"We tested {name} as an AI model, and {name} again." for name in names]
    found = api.lint_texts(texts, claims=False, select=["GL114"])
    wrong = {name: [f.text for f in findings] for name, findings in zip(names, found,
                                                                        strict=True) if findings}
    assert wrong == {}


def test_fix_writes_the_known_spelling(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("# Notes\n\nChatCPT and Antropic's models, from Google Deepmind.\n"
                   "Run `ChatCPT` only in code.\n", encoding="utf-8")
    run = api.run([doc], Config(), claims=False, fix=True)
    assert doc.read_text(encoding="utf-8") == (
        "# Notes\n\nChatGPT and Anthropic's models, from Google DeepMind.\n"
        "Run `ChatCPT` only in code.\n")
    assert run.report.fixed == 3
    assert [f.rule for f in run.report.findings] == []


def test_fix_from_the_command_line(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("We compared GTP-3 with newer models.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--no-config", "--no-cache", "--select", "GL114",
                                      "--fix", str(doc)])
    assert result.exit_code == 0, result.output
    assert doc.read_text(encoding="utf-8") == "We compared GPT-3 with newer models.\n"


def test_a_term_rule_reports_its_own_spellings_alone() -> None:
    findings = api.lint_text("Fine-tune Stable-Diffusion XL, ask Chat GPT, pay Open AI.",
                             claims=False)
    assert sorted(f.rule for f in findings) == ["GL101", "GL107", "GL110"]


def test_the_file_prefilter_never_hides_a_finding() -> None:
    """The raw-text scan (``pattern.search``) says yes wherever the prose scan finds."""
    rule = next(c for c in api.ruleset(Config()).prose_checks
                if isinstance(c, spelling.NameSpellingRule))
    for text in ("**Deep** Seek is a lab.", "> Antropic\n> trained it.", "Deep\nSeek is a lab.",
                 "Ask *ChatCPT*, then Google&nbsp;Deepmind.", "| GTP-3 | text |"):
        assert any(f.rule == "GL114" for f in api.lint_text(text, claims=False)), text
        assert rule.pattern.search(text), text
    assert not rule.pattern.search("Release notes: Run the tests, then tag the release.")


def test_user_knowledge_files_extend_the_names(tmp_path: Path) -> None:
    knowledge = tmp_path / "kb.yaml"
    knowledge.write_text("entities:\n  - {id: zentrix, name: Zentrix, aliases: [Zentrix], "
                         "kind: model}\n", encoding="utf-8")
    rules = load_ruleset(knowledge_files=[knowledge])
    rule = next(c for c in rules.prose_checks if isinstance(c, spelling.NameSpellingRule))
    assert flagged("Zentirx and Antropic.", rule) == [("Zentirx", "Zentrix"),
                                                      ("Antropic", "Anthropic")]


def test_the_rule_pickles_for_spawned_workers() -> None:
    rules = api.ruleset(Config())
    copy = pickle.loads(pickle.dumps(rules))
    rule = next(c for c in copy.prose_checks if isinstance(c, spelling.NameSpellingRule))
    assert rule.covered_by  # the term rules it defers to
    assert flagged("Antropic trained it.", rule) == [("Antropic", "Anthropic")]
