"""A real LSP session with ``python -m linter server`` over stdio, driven by pygls' client.

Each waiting call has a generous timeout (a hung server fails the test instead of hanging
the suite); no test asserts how long anything takes.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 120.0


class Session:
    """The client side: notifications the server sent, and helpers to send the usual ones."""

    def __init__(self) -> None:
        self.client = LanguageClient("genai-lint-tests", "1")
        self.published: list[types.PublishDiagnosticsParams] = []
        self.messages: list[types.ShowMessageParams] = []
        self.registrations: list[types.Registration] = []
        self._changed = asyncio.Condition()
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.append(params)
            await self._notify()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        async def show(params: types.ShowMessageParams) -> None:
            self.messages.append(params)
            await self._notify()

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        async def register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)
            await self._notify()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def start(self, root: Path, *, encodings: list[str] | None = None) -> None:
        """Start the server and initialize it with ``root`` as the one workspace folder."""
        await self.client.start_io(sys.executable, "-m", "linter", "server")
        general = types.GeneralClientCapabilities(position_encodings=encodings)
        capabilities = types.ClientCapabilities(
            general=general if encodings else None,
            workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                    dynamic_registration=True)),
        )
        folder = types.WorkspaceFolder(uri=root.as_uri(), name=root.name)
        self.initialize_result = await asyncio.wait_for(self.client.initialize_async(
            types.InitializeParams(capabilities=capabilities, root_uri=root.as_uri(),
                                   workspace_folders=[folder])), TIMEOUT)
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> int | None:
        """``shutdown`` then ``exit``; the server's exit code."""
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), TIMEOUT)
        server = self.client._server
        return server.returncode if server is not None else None

    async def kill(self) -> None:
        """End the server after a failed test."""
        server = self.client._server
        if server is not None and server.returncode is None:
            server.kill()
        await self.client.stop()

    def open(self, path: Path, text: str, language: str = "markdown") -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        """Replace the whole text (a full-document change event); the new version."""
        version = self.versions[uri] = self.versions[uri] + 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return version

    def edit(self, uri: str, edit: types.TextEdit) -> int:
        """Apply one edit as an incremental change; the new version."""
        version = self.versions[uri] = self.versions[uri] + 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=edit.range, text=edit.new_text)]))
        return version

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    def files_changed(self, *paths: Path) -> None:
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=p.as_uri(), type=types.FileChangeType.Changed)
                     for p in paths]))

    async def code_actions(self, uri: str, at: types.Range) -> list[types.CodeAction]:
        params = types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=at,
            context=types.CodeActionContext(diagnostics=[]))
        found = await asyncio.wait_for(
            self.client.text_document_code_action_async(params), TIMEOUT)
        return [a for a in found or () if isinstance(a, types.CodeAction)]

    async def wait_for(self, ready: Callable[[], object]) -> object:
        """Wait until ``ready()`` is truthy (checked at each notification); return it."""
        async def wait() -> object:
            async with self._changed:
                while not (found := ready()):
                    await self._changed.wait()
                return found

        return await asyncio.wait_for(wait(), TIMEOUT)

    async def diagnostics(self, uri: str, version: int | None = None,
                          after: int = 0) -> list[types.Diagnostic]:
        """The first diagnostics published for ``uri`` (at ``version``, when given) among
        the notifications from index ``after`` on."""
        def found() -> types.PublishDiagnosticsParams | None:
            return next((p for p in self.published[after:] if p.uri == uri
                         and (version is None or p.version == version)), None)

        published = await self.wait_for(found)
        assert isinstance(published, types.PublishDiagnosticsParams)
        return list(published.diagnostics)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with LSP edits applied (positions in UTF-16 units, lines split at ``\\n``)."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        line = lines[position.line]
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return sum(len(x) + 1 for x in lines[: position.line]) + index
            units += 2 if ord(char) > 0xFFFF else 1
        return sum(len(x) + 1 for x in lines[: position.line]) + len(line)

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def run(scenario: Callable[[Session], object], root: Path, **start: object) -> None:
    """Run an async ``scenario(session)`` against a started server, stopping it after."""
    async def main() -> None:
        session = Session()
        await session.start(root, **start)  # type: ignore[arg-type]
        try:
            await scenario(session)  # type: ignore[misc]
        except BaseException:
            await session.kill()
            raise

    asyncio.run(main())
