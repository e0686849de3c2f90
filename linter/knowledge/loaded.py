"""The knowledge base of a configuration, its name digest and its quick scan, each built once
per process (the shipped knowledge files, then the configuration's ``knowledge_files``)."""

from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from linter.datafiles.packaged import packaged_path

if TYPE_CHECKING:
    from linter.config import Config
    from linter.knowledge.base import KnowledgeBase
    from linter.knowledge.digest import NameDigest
    from linter.knowledge.quickscan import QuickScan

#: The knowledge base shipped with genai-lint; ``knowledge_files`` in the config extend it.
KNOWLEDGE_FILE = "knowledge.yaml"


def knowledge(config: Config) -> KnowledgeBase:
    """The shipped knowledge base plus the config's ``knowledge_files``, loaded once."""
    return load_knowledge(tuple(config.knowledge_files))


@lru_cache(maxsize=4)
def load_knowledge(knowledge_files: tuple[Path, ...]) -> KnowledgeBase:
    """The shipped knowledge base plus ``knowledge_files``, loaded once per process."""
    from linter.knowledge.base import load_knowledge as load

    shipped = shipped_knowledge()
    return load([*shipped, *knowledge_files], shipped=len(shipped))


@lru_cache(maxsize=4)
def name_digest(knowledge_files: tuple[Path, ...]) -> NameDigest:
    """The knowledge base's names (cached on disk), for the prefilters of files that name
    nothing: the knowledge base itself is loaded only when a name is found."""
    from linter.knowledge.digest import load_digest

    paths = [*shipped_knowledge(), *knowledge_files]
    return load_digest(paths, partial(load_knowledge, knowledge_files))


@lru_cache(maxsize=4)
def quick_scan(knowledge_files: tuple[Path, ...]) -> QuickScan:
    """The fast prefilter for knowledge-base names, built once per process."""
    from linter.knowledge.quickscan import quick_scan_of

    return quick_scan_of(frozenset(name_digest(knowledge_files).forms))


def shipped_knowledge() -> list[Path]:
    """The knowledge files that ship with genai-lint, in merge order."""
    from linter.knowledge.files import shipped_knowledge_files

    return shipped_knowledge_files(packaged_path(KNOWLEDGE_FILE))
