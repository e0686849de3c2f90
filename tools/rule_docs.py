"""Write the rule pages ``docs/rules/GLxxx.md`` (and their index) from the shipped rule YAML.

    python tools/rule_docs.py           # (re)write docs/rules/
    python tools/rule_docs.py --check   # exit 1 when a page is missing, stale or extra

``tests/test_rule_docs.py`` runs the check, so a rule changed without its page fails the tests.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from linter.api import knowledge, ruleset
from linter.checks import docs as ruledocs
from linter.config import Config
from linter.knowledge import pages as kbpages

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / ruledocs.DOCS_FOLDER


def expected_pages() -> dict[str, str]:
    """File name → content of every page, as the shipped rules make them."""
    config = Config()
    kb = knowledge(config)
    return ruledocs.pages(ruleset(config).infos.values(), lambda s: kbpages.citation(kb, s))


def stale_pages(folder: Path = FOLDER) -> list[str]:
    """Names of pages that are missing, out of date or not made by any rule."""
    wanted = expected_pages()
    present = {p.name for p in folder.glob("*.md")} if folder.is_dir() else set()
    stale = [name for name, text in wanted.items()
             if name not in present or (folder / name).read_text(encoding="utf-8") != text]
    return sorted(stale + sorted(present - set(wanted)))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--check"]:
        stale = stale_pages()
        for name in stale:
            print(f"{ruledocs.DOCS_FOLDER / name}: out of date (run python tools/rule_docs.py)")
        return 1 if stale else 0
    if args:
        print("usage: python tools/rule_docs.py [--check]", file=sys.stderr)
        return 2
    FOLDER.mkdir(parents=True, exist_ok=True)
    wanted = expected_pages()
    for old in FOLDER.glob("*.md"):
        if old.name not in wanted:
            old.unlink()
    for name, text in wanted.items():
        (FOLDER / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(wanted)} pages to {ruledocs.DOCS_FOLDER}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
