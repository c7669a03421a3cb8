"""tipkb new: write the skeleton of a new entry, refusing duplicates."""

from __future__ import annotations

import sys

from indexer.corpus.loader import load_corpus
from indexer.corpus.scaffold import ScaffoldError, check_new, skeleton, slugify
from indexer.problems import relative
from indexer.schema import vocabulary

NAME = "new"
HELP = "Create corpus/entries/<id>.md with the fields TYPE needs (refuses a duplicate id or title)."


def add_arguments(parser) -> None:
    parser.add_argument("type", choices=list(vocabulary().types), metavar="TYPE",
                        help="one of: " + ", ".join(vocabulary().types))
    parser.add_argument("title", help="the official English title")
    parser.add_argument("--id", dest="entry_id", help="the id (default: made from the title)")


def run(args) -> int:
    corpus, _ = load_corpus(args.corpus)  # existing problems do not block a new entry
    entry_id = args.entry_id or slugify(args.title)
    try:
        check_new(corpus, entry_id, args.title)
    except ScaffoldError as exc:
        print(f"tipkb new: {exc}", file=sys.stderr)
        return 1
    path = corpus.root / "entries" / f"{entry_id}.md"
    with open(path, "x", encoding="utf-8") as fh:  # never overwrite
        fh.write(skeleton(args.type, args.title, entry_id))
    print(f"created {relative(path)}")
    print("next: fill in every TODO, then run `tipkb validate` and `tipkb suggest-links "
          f"{entry_id}`", file=sys.stderr)
    return 0
