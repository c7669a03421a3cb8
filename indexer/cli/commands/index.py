"""tipkb index: build or update the search index (entries and paragraphs)."""

from __future__ import annotations

import sys
from pathlib import Path

from indexer.cli.paths import default_build_dir
from indexer.corpus.loader import load_valid_corpus

NAME = "index"
HELP = "Build or update the search index of every entry and paragraph."


def default_index_dir() -> Path:
    return default_build_dir() / "index"


def add_arguments(parser) -> None:
    parser.add_argument("--index", type=Path, default=None, metavar="DIR",
                        help="index folder (default: build/index)")
    parser.add_argument("--full", action="store_true",
                        help="rebuild from scratch instead of rewriting changed documents only")
    parser.add_argument("--procs", type=int, default=None,
                        help="writer processes for a full build (default: by corpus size)")


def run(args) -> int:
    from indexer.search import engine as search_engine  # here: other commands never load Whoosh
    from indexer.search import textnorm
    from indexer.search.documents import documents

    textnorm.set_jieba_cache_dir(default_build_dir() / "cache")
    corpus = load_valid_corpus(args.corpus)
    report = search_engine.build_index(args.index or default_index_dir(), documents(corpus),
                                       full=args.full, procs=args.procs)
    if report.mode == "unchanged":
        what = "up to date"
    elif report.mode == "repaired":
        what = f"rebuilt in full: the previous index could not be trusted ({report.repaired})"
    else:
        what = (f"{report.mode} build: {report.added} added, {report.updated} updated, "
                f"{report.removed} removed")
    print(f"{report.path}: {report.documents} documents, {what} ({report.seconds:.2f} s)",
          file=sys.stderr)
    return 0
