"""tipkb site-post: the plugin's after-build steps, for a site another generator built."""

from __future__ import annotations

import sys
from pathlib import Path

NAME = "site-post"
HELP = ("Add the Content-Security-Policy to every page of a built site, compact its HTML and, "
        "with --docs, write its search index (what the MkDocs plugin does after a build).")


def add_arguments(parser) -> None:
    parser.add_argument("site", type=Path, metavar="SITE_DIR", help="the built site")
    parser.add_argument("--docs", type=Path, metavar="DIR",
                        help="the docs folder the site was built from (site-src's OUT/docs): "
                             "also write the site's search index, from it and the corpus")


def run(args) -> int:
    from indexer.site.source import post_process

    if not args.site.is_dir():
        print(f"tipkb site-post: no folder {args.site}", file=sys.stderr)
        return 2
    corpus = None
    if args.docs is not None:
        from indexer.corpus.loader import load_valid_corpus

        if not args.docs.is_dir():
            print(f"tipkb site-post: no folder {args.docs}", file=sys.stderr)
            return 2
        corpus = load_valid_corpus(args.corpus)
    try:
        pages = post_process(args.site, corpus, args.docs)
    except ValueError as exc:
        print(f"tipkb site-post: {exc}", file=sys.stderr)
        return 2
    print(f"{args.site}: {pages} pages")
    return 0
