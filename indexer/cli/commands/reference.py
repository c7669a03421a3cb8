"""tipkb reference: regenerate (or check) the schema and rules reference pages."""

from __future__ import annotations

import sys

from indexer.files import write_atomic
from indexer.publish.reference import PAGES

NAME = "reference"
HELP = "Write docs/contributing/schema.md and rules.md from the schema and rules (--check: compare)."


def add_arguments(parser) -> None:
    parser.add_argument("--check", action="store_true", help="exit 1 if a page is out of date")


def run(args) -> int:
    root = args.corpus.resolve().parent
    stale = []
    for rel, render in PAGES.items():
        path, text = root / rel, render()
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(rel)
        else:
            write_atomic(path, text)
            print(f"wrote {rel}")
    for rel in stale:
        print(f"{rel} is out of date: run `tipkb reference`", file=sys.stderr)
    return 1 if stale else 0
