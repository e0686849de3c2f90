"""The README's editor snippets parse, and start the server the CLI has."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linter.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def snippets() -> dict[str, str]:
    """The fenced blocks of the "Editor integration" section, by language."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Editor integration\n", 1)[1].split("\n## ", 1)[0]
    return {language: body for language, body in _BLOCK.findall(section)}


def test_the_server_command_exists() -> None:
    assert "server" in cli.commands


def test_vscode_settings_are_json() -> None:
    settings = json.loads(snippets()["json"])
    assert settings["glspc.server.command"] == "genai-lint"
    assert settings["glspc.server.commandArguments"] == ["server"]
    assert "markdown" in settings["glspc.server.languageId"]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is Python 3.11+")
def test_helix_languages_are_toml() -> None:
    import tomllib

    config = tomllib.loads(snippets()["toml"])
    server = config["language-server"]["genai-lint"]
    assert [server["command"], *server["args"]] == ["genai-lint", "server"]
    (markdown,) = config["language"]
    assert markdown["name"] == "markdown" and "genai-lint" in markdown["language-servers"]


def test_neovim_snippet_is_lua(tmp_path: Path) -> None:
    lua = snippets()["lua"]
    assert '"genai-lint", "server"' in lua
    checker = next((shutil.which(n) for n in ("luac", "luac5.4", "luac5.3", "luac5.1")
                    if shutil.which(n)), None)
    if checker is None:
        pytest.skip("no Lua compiler (luac) to check the syntax with")
    script = tmp_path / "init.lua"
    script.write_text(lua, encoding="utf-8")
    result = subprocess.run([checker, "-p", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
