"""``python -m linter``: the same as the ``genai-lint`` command."""

from __future__ import annotations

from linter.cli import console

if __name__ == "__main__":
    console()
