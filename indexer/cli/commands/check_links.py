"""tipkb check-links: internal references always; external URLs with --online."""

from __future__ import annotations

import sys

from indexer.corpus.loader import load_corpus
from indexer.problems import format_problems, has_errors
from indexer.rules.links import external_links, internal_problems, online_problems

NAME = "check-links"
HELP = "Check internal links (always) and external URLs (--online; off by default since builds run offline)."


def add_arguments(parser) -> None:
    parser.add_argument("--online", action="store_true", help="also request every external URL")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request (default 15)")
    parser.add_argument("--format", choices=["text", "json", "github"], default="text")


def run(args) -> int:
    corpus, _ = load_corpus(args.corpus)
    problems = internal_problems(corpus)
    if args.online:
        problems += online_problems(corpus, timeout=args.timeout)
    if problems:
        print(format_problems(problems, args.format))
    checked = f", {len(external_links(corpus))} external link(s) requested" if args.online else ""
    print(f"{len(problems)} problem(s){checked}", file=sys.stderr)
    return 1 if has_errors(problems) else 0
