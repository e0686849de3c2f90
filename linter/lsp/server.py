"""The language server: pygls wiring of documents, configuration, diagnostics and actions."""

from __future__ import annotations

import contextlib
import traceback
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from linter import __version__
from linter.lsp.actions import ActionContext, code_actions
from linter.lsp.diagnostics import SOURCE, to_diagnostic
from linter.lsp.documents import (
    CONFIG_NAMES,
    ConfigStore,
    Result,
    Snapshot,
    base_folder,
    is_config_file,
    lint_document,
)
from linter.lsp.positions import UTF16
from linter.lsp.scheduler import Scheduler

#: Linted once at start-up, so that the first real document finds the pipeline loaded.
WARM_UP_TEXT = "Chat GPT is a chatbot. DALL·E is a large language model made by Google.\n"
_WATCHER_ID = "genai-lint-config-watcher"


class GenaiLintServer(LanguageServer):
    """A language server that lints open documents and offers their fixes."""

    def __init__(self) -> None:
        super().__init__(SOURCE, __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.configs = ConfigStore()
        self.results: dict[str, tuple[int | None, Result]] = {}
        self.shown: set[str] = set()
        self.shut_down = False
        self.scheduler: Scheduler[Snapshot, Result] = Scheduler(
            self.snapshot, self.lint, self.publish, self.lint_failed)

    # -- documents ------------------------------------------------------------------------

    def folders(self) -> list[Path]:
        """The workspace folders (or the root), as paths."""
        uris = [folder.uri for folder in self.workspace.folders.values()]
        if not uris and self.workspace.root_uri:
            uris = [self.workspace.root_uri]
        paths = (to_fs_path(uri) for uri in uris)
        return [Path(path) for path in paths if path]

    def snapshot(self, uri: str) -> Snapshot | None:
        """The open document's text now (on the event loop), or ``None`` once it is closed."""
        if uri not in self.workspace.text_documents:
            return None
        document = self.workspace.get_text_document(uri)
        fs_path = to_fs_path(uri) if uri.startswith("file:") else None
        path = Path(fs_path) if fs_path else None
        return Snapshot(uri, document.source, document.version, path, document.language_id,
                        base_folder(path, self.folders()))

    def lint(self, snapshot: Snapshot) -> Result:
        """In the worker: the document's findings with its configuration."""
        base = snapshot.base or base_folder(snapshot.path, ())
        return lint_document(snapshot, self.configs.settings(base))

    def publish(self, snapshot: Snapshot, result: Result) -> None:
        """Show a result: its diagnostics, and its configuration problem once."""
        if result.problem is not None:
            self.report(result.problem, types.MessageType.Error)
        self.results[snapshot.uri] = (snapshot.version, result)
        diagnostics = [to_diagnostic(f, result.source, self.encoding) for f in result.findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=snapshot.uri, diagnostics=diagnostics, version=snapshot.version))

    def lint_failed(self, snapshot: Snapshot, error: BaseException) -> None:
        """A lint raised: tell the user, log the traceback, keep the server running."""
        detail = "".join(traceback.format_exception(error)).rstrip()
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=detail))
        self.report(f"genai-lint could not lint {snapshot.uri}: {type(error).__name__}: "
                    f"{error}", types.MessageType.Error)

    def report(self, message: str, kind: types.MessageType, *, once: bool = True) -> None:
        """Show ``message`` to the user (with ``once``: unless it was shown since the last
        configuration change) and log it."""
        self.window_log_message(types.LogMessageParams(type=kind, message=message))
        if once and message in self.shown:
            return
        self.shown.add(message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client."""
        return str(self.workspace.position_encoding or UTF16)

    def reload(self) -> None:
        """A configuration changed: forget the loaded ones and lint every open document."""
        self.configs.clear()
        self.shown.clear()
        for uri in list(self.workspace.text_documents):
            self.scheduler.request(uri, debounce=False)

    def warm_up(self) -> None:
        """Load the rules and the spaCy pipeline in the worker, before the first document."""
        snapshot = Snapshot("genai-lint:warm-up", WARM_UP_TEXT, language_id="markdown",
                            base=base_folder(None, self.folders()))

        def run() -> None:
            with contextlib.suppress(Exception):  # the first real lint reports it
                self.lint(snapshot)

        self.scheduler.submit(run)


def build_server() -> GenaiLintServer:
    """The server with its features registered."""
    server = GenaiLintServer()

    @server.feature(types.INITIALIZED)
    def initialized(ls: GenaiLintServer, params: types.InitializedParams) -> None:
        ls.warm_up()
        _watch_config_files(ls)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GenaiLintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.scheduler.request(params.text_document.uri, debounce=False)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GenaiLintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.scheduler.request(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GenaiLintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if is_config_file(uri):
            ls.reload()
        else:
            ls.scheduler.request(uri, debounce=False)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GenaiLintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.scheduler.forget(uri)
        ls.results.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: GenaiLintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config_file(change.uri) for change in params.changes):
            ls.reload()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders_changed(
        ls: GenaiLintServer, params: types.DidChangeWorkspaceFoldersParams
    ) -> None:
        ls.reload()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: GenaiLintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        uri = params.text_document.uri
        stored = ls.results.get(uri)
        current = ls.snapshot(uri)
        if stored is None or current is None or stored[0] != current.version:
            return []  # the text changed since it was linted: new diagnostics are coming
        result = stored[1]
        context = ActionContext(uri, result.source, result.syntax, ls.encoding)
        return code_actions(context, result.findings, params.range)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: GenaiLintServer, params: None) -> None:
        ls.shut_down = True
        ls.scheduler.close()

    return server


def _watch_config_files(ls: GenaiLintServer) -> None:
    """Ask the client to report changes to configuration files, if it can."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace is not None else None
    if watched is None or not watched.dynamic_registration:
        return
    watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in
                sorted(CONFIG_NAMES)]
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    registration = types.Registration(
        id=_WATCHER_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options)
    ls.client_register_capability(types.RegistrationParams(registrations=[registration]))
