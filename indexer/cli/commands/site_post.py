"""tipkb site-post: the plugin's after-build steps, for a site another generator built."""

from __future__ import annotations

import json
import sys
from pathlib import Path

NAME = "site-post"
HELP = ("Add the Content-Security-Policy to every page of a built site, compact its HTML and "
        "escape its search index's titles (what the MkDocs plugin does after a build).")


def add_arguments(parser) -> None:
    parser.add_argument("site", type=Path, metavar="SITE_DIR", help="the built site")
    parser.add_argument("--titles", type=Path, help="tipkb-titles.json written by site-src")


def run(args) -> int:
    from indexer.site.source import post_process

    if not args.site.is_dir():
        print(f"tipkb site-post: no folder {args.site}", file=sys.stderr)
        return 2
    titles = json.loads(args.titles.read_text("utf-8")) if args.titles else {}
    print(f"{args.site}: {post_process(args.site, titles)} pages")
    return 0
