"""Which files make the shipped knowledge base (a light module: start-up reads it without
loading the knowledge base itself)."""

from __future__ import annotations

from pathlib import Path

#: Files written by an importer (``tools/``) start with this; hand-curated facts win over them.
GENERATED_PREFIX = "generated-"


def shipped_knowledge_files(main: Path) -> list[Path]:
    """``main`` (rules/knowledge.yaml), then generated files, then curated files in its folder."""
    folder = main.parent / "knowledge"
    extra = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    generated = [p for p in extra if p.name.startswith(GENERATED_PREFIX)]
    curated = [p for p in extra if not p.name.startswith(GENERATED_PREFIX)]
    return [main, *generated, *curated]
