"""The command line: ``genai-lint`` (:func:`console`) and its commands.

:mod:`linter.cli.main` holds the command group and the small commands, :mod:`linter.cli.check`
the lint command, :mod:`linter.cli.common` what they share.
"""

from __future__ import annotations

from linter.cli.main import cli, console, main

__all__ = ["cli", "console", "main"]
