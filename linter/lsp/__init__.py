"""``genai-lint server``: a language server over stdio (needs the ``lsp`` extra: pygls).

:mod:`.server` wires the protocol (pygls); the rest is plain code that tests call directly:
:mod:`.documents` (configuration and linting per document), :mod:`.scheduler` (debounce and
the worker thread), :mod:`.diagnostics` and :mod:`.positions` (findings as LSP diagnostics),
:mod:`.actions` and :mod:`.disable` (quick fixes).
"""

from __future__ import annotations

import importlib.util
import sys

INSTALL_HINT = "the language server needs pygls: pip install 'genai-lint[lsp]'"


class ServerUnavailable(Exception):
    """pygls is not installed."""


def serve() -> int:
    """Serve LSP on stdin/stdout until the client says ``exit``; 0 after a ``shutdown``
    request, else 1 (as the protocol asks). Raises :class:`ServerUnavailable` without pygls."""
    if importlib.util.find_spec("pygls") is None:
        raise ServerUnavailable(INSTALL_HINT)
    from linter.lsp.server import build_server

    server = build_server()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # the protocol owns stdout: a stray print must not corrupt it
    server.start_io(stdin, stdout)
    return 0 if server.shut_down else 1
