"""tipkb checklist: the asks of one part of the Plan as a table to fill in (CSV or Markdown)."""

from __future__ import annotations

import sys
from pathlib import Path

from indexer.corpus.loader import load_valid_corpus
from indexer.files import OutputError, write_atomic
from indexer.publish.checklist import FORMATS, LANGS, PARTS, ChecklistError, render

NAME = "checklist"
HELP = ("The Plan's asks for one pillar as a table to fill in: each ask with the instruments, "
        "articles and practices linked to it, and empty columns for the country's status and "
        "notes (--pillar protection --format csv|md --lang en|zh).")


def add_arguments(parser) -> None:
    parser.add_argument("--pillar", required=True, choices=PARTS,
                        help="a section of the Plan; general: the operative part and the "
                             "annex's general section")
    parser.add_argument("--format", choices=list(FORMATS), default="md")
    parser.add_argument("--lang", choices=LANGS, default="en",
                        help="zh: Chinese headers, names and the resolution's Chinese words")
    parser.add_argument("--output", "-o", type=Path, help="write here (atomically) instead of stdout")


def run(args) -> int:
    corpus = load_valid_corpus(args.corpus)
    try:
        text = render(corpus, args.pillar, args.format, args.lang)
    except ChecklistError as exc:
        print(f"tipkb checklist: {exc}", file=sys.stderr)
        return 2
    if args.output:
        try:
            write_atomic(args.output, text)
        except OutputError as exc:
            print(f"tipkb checklist: {exc}", file=sys.stderr)
            return 2
        print(args.output)
    else:
        sys.stdout.write(text)
    return 0
