"""tipkb export: the corpus as open data."""

from __future__ import annotations

import sys
from pathlib import Path

from indexer.corpus.loader import load_valid_corpus
from indexer.files import OutputError, write_atomic
from indexer.publish.export import EXPORTERS

NAME = "export"
HELP = "Export the corpus (entries, paragraphs, footnotes) to stdout or a file."


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=sorted(EXPORTERS), default="json")
    parser.add_argument("--output", "-o", type=Path, help="write here (atomically) instead of stdout")


def run(args) -> int:
    corpus = load_valid_corpus(args.corpus)
    text = EXPORTERS[args.format](corpus)
    if args.output:
        try:
            write_atomic(args.output, text)
        except OutputError as exc:
            print(f"tipkb export: {exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    return 0
