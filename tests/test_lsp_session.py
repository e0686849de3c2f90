"""End to end: ``python -m linter server`` over stdio, driven by a real LSP client."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types
from lspsession import Session, apply_edits, run

BAD = "Intro 😀 text.\n\nOur 𝒜 bot 😀 uses Chat GPT daily.\n"
FIXED = BAD.replace("Chat GPT", "ChatGPT")
#: "Chat GPT" on line 2: after "Our 𝒜 bot 😀 uses " (17 code points, 19 UTF-16 units)
CHAT_GPT = types.Range(types.Position(2, 19), types.Position(2, 27))


def by_code(diagnostics: list[types.Diagnostic], code: str) -> list[types.Diagnostic]:
    return [d for d in diagnostics if d.code == code]


def test_session_diagnostics_actions_change_and_exit(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        assert session.initialize_result.capabilities.position_encoding == "utf-16"
        uri = session.open(tmp_path / "doc.md", BAD)
        (found,) = by_code(await session.diagnostics(uri, 1), "GL101")
        assert found.range == CHAT_GPT
        assert found.severity == types.DiagnosticSeverity.Warning
        assert found.source == "genai-lint"
        assert found.code_description is not None
        assert found.code_description.href.endswith("/docs/rules/GL101.md")

        actions = await session.code_actions(uri, types.Range(CHAT_GPT.start, CHAT_GPT.start))
        titles = [a.title for a in actions]
        assert titles == ["Replace 'Chat GPT' with 'ChatGPT' (GL101)",
                          "Disable GL101 for this line"]
        fix = actions[0]
        assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
        assert fix.edit is not None and fix.edit.changes is not None
        (edit,) = fix.edit.changes[uri]
        assert apply_edits(BAD, [edit]) == FIXED

        version = session.edit(uri, edit)  # the client applies the fix
        assert await session.diagnostics(uri, version) == []

        assert await session.code_actions(uri, CHAT_GPT) == []  # nothing left there
        assert await session.stop() == 0

    run(scenario, tmp_path)


def test_session_disable_action_suppresses(tmp_path: Path) -> None:
    text = "# Notes\n\n  Chat GPT writes.\n"

    async def scenario(session: Session) -> None:
        uri = session.open(tmp_path / "notes.md", text)
        assert by_code(await session.diagnostics(uri, 1), "GL101")
        at = types.Range(types.Position(2, 3), types.Position(2, 3))
        (disable,) = [a for a in await session.code_actions(uri, at)
                      if a.title.startswith("Disable")]
        assert disable.edit is not None and disable.edit.changes is not None
        (edit,) = disable.edit.changes[uri]
        assert edit.new_text == "  <!-- genai-lint-disable-next-line GL101 -->\n"
        version = session.edit(uri, edit)
        assert not by_code(await session.diagnostics(uri, version), "GL101")
        assert await session.stop() == 0

    run(scenario, tmp_path)


def test_session_config_reload_exclude_and_broken_config(tmp_path: Path) -> None:
    config = tmp_path / ".genai-lint.yaml"
    config.write_text("ignore: [GL101]\nexclude: [drafts/]\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()

    async def scenario(session: Session) -> None:
        watcher = await session.wait_for(lambda: next(
            (r for r in session.registrations
             if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES), None))
        assert isinstance(watcher, types.Registration)
        patterns = {w["globPattern"] for w in watcher.register_options["watchers"]}
        assert patterns == {"**/.genai-lint.yaml", "**/.genai-lint.yml", "**/pyproject.toml"}
        uri = session.open(tmp_path / "doc.md", BAD)
        assert not by_code(await session.diagnostics(uri, 1), "GL101")
        draft = session.open(tmp_path / "drafts" / "wip.md", BAD)
        assert await session.diagnostics(draft, 1) == []  # excluded by the config

        config.write_text("ignore: [GL101\n", encoding="utf-8")  # broken YAML
        mark = len(session.published)
        session.files_changed(config)  # the client's file watcher
        assert await session.diagnostics(uri, after=mark) == []
        message = await session.wait_for(lambda: next(
            (m for m in session.messages if "invalid YAML" in m.message), None))
        assert isinstance(message, types.ShowMessageParams)
        assert ".genai-lint.yaml:2" in message.message
        assert message.type == types.MessageType.Error

        config.write_text("exclude: [drafts/]\n", encoding="utf-8")
        mark = len(session.published)
        session.save(config.as_uri())  # saving the config in the editor reloads it too
        assert by_code(await session.diagnostics(uri, after=mark), "GL101")

        version = session.change(uri, "Nothing to see.\n")  # the next edit is linted
        assert await session.diagnostics(uri, version) == []
        assert await session.stop() == 0

    run(scenario, tmp_path)


def test_session_survives_binary_text_and_a_missing_model_in_utf32(tmp_path: Path) -> None:
    (tmp_path / ".genai-lint.yaml").write_text("model: no_such_spacy_pipeline\n",
                                              encoding="utf-8")

    async def scenario(session: Session) -> None:
        assert session.initialize_result.capabilities.position_encoding == "utf-32"
        uri = session.open(tmp_path / "bin.md", "\x00\x01😀\ufeff Chat GPT\x00 ```\n|\n")
        (found,) = by_code(await session.diagnostics(uri, 1), "GL101")  # term rules run
        assert found.range.start == types.Position(0, 5)  # code points, as agreed
        session.open(tmp_path / "claims.md", "DALL·E is a large language model.\n")
        message = await session.wait_for(lambda: next(
            (m for m in session.messages if "no_such_spacy_pipeline" in m.message), None))
        assert isinstance(message, types.ShowMessageParams)
        version = session.change(uri, "Chat GPT again.\n")
        assert by_code(await session.diagnostics(uri, version), "GL101")
        assert await session.stop() == 0

    run(scenario, tmp_path, encodings=["utf-32", "utf-16"])
