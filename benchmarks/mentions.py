"""How many mentions of known systems the knowledge base recognizes in a documentation tree.

Reads every Markdown, MDX and text file under the given paths, extracts its prose as the
linter does, and counts the entity mentions the claim analyzer's mention finder sees (with
the look-alike checks applied): all of them, and how many distinct entities. Prints figures;
asserts nothing. Compare two commits by running it at each.

    python benchmarks/mentions.py DOCS_DIR [DOCS_DIR ...] [--top N]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from linter.claims.mentions import ENTITY, MentionFinder
from linter.files.source import SourceText
from linter.knowledge.loaded import load_knowledge
from linter.markup.extract import extract, syntax_for

_SUFFIXES = {".md", ".markdown", ".mdx", ".txt"}


def count(paths: list[Path]) -> tuple[Counter[str], int]:
    """Entity mentions per entity id, and the number of files read."""
    finder = MentionFinder(load_knowledge(()))
    found: Counter[str] = Counter()
    files = 0
    for root in paths:
        for path in sorted(root.rglob("*") if root.is_dir() else [root]):
            if path.suffix.lower() not in _SUFFIXES or not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            files += 1
            document = extract(SourceText(text.replace("\r\n", "\n")), syntax_for(path))
            for segment in document.segments:
                for mention in finder.find(segment.text):
                    if mention.type == ENTITY:
                        found[mention.id] += 1
    return found, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=15, help="list the N most named entities")
    args = parser.parse_args()
    found, files = count(args.paths)
    print(f"files: {files}")
    print(f"entity mentions: {sum(found.values())}")
    print(f"distinct entities: {len(found)}")
    for ident, n in found.most_common(args.top):
        print(f"  {n:6d}  {ident}")


if __name__ == "__main__":
    main()
