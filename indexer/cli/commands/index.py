"""tipkb index: build or update the search index (entries and paragraphs)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

from indexer.cli.paths import default_build_dir

NAME = "index"
HELP = "Build or update the search index of every entry and paragraph."
READS_WHOLE_CORPUS = True  # how it runs and ends: indexer.cli.entry


def default_index_dir() -> Path:
    return default_build_dir() / "index"


def add_arguments(parser) -> None:
    parser.add_argument("--index", type=Path, default=None, metavar="DIR",
                        help="index folder (default: build/index)")
    parser.add_argument("--full", action="store_true",
                        help="rebuild from scratch instead of rewriting changed documents only")
    parser.add_argument("--procs", type=int, default=None,
                        help="writer processes for a full build (default: by corpus size)")
    parser.add_argument("--no-cache", action="store_true",
                        help="read and check every file, without the corpus cache "
                             "(.tipkb-cache/ beside the corpus)")


def _build(args, cache: bool):
    from indexer.corpus.loader import CorpusError, check_corpus, no_gc
    from indexer.problems import has_errors

    with no_gc(freeze=True):  # what was read lives until the command ends: never collect it
        checked = check_corpus(args.corpus, cache=cache, documents=True)
    if has_errors(checked.problems):
        raise CorpusError(checked.problems)
    from indexer.search import engine as search_engine  # here: other commands never load Whoosh
    from indexer.search import textnorm

    textnorm.set_jieba_cache_dir(default_build_dir() / "cache")
    # documents are mappings; those the corpus cache kept are read only if the build needs them
    docs = cast(list[dict], checked.documents)
    return search_engine.build_index(args.index or default_index_dir(), docs,
                                     full=args.full, procs=args.procs)


def run(args) -> int:
    from indexer.search.documents import StaleDocument

    try:
        report = _build(args, cache=not args.no_cache)
    except StaleDocument:  # an entry changed while the index was built: read every file
        report = _build(args, cache=False)
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
