"""Fixtures shared by the test files (those of the robustness tests are in
``robustness/conftest.py``; plain helper functions live in helper modules such as
``clirunner.py``, ``gitrepo.py`` and ``located.py``, which test files import by name)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh temporary folder as the working folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
