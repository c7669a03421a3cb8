"""tipkb handout: a printable handout (HTML and Markdown) for a pillar or a few paragraphs."""

from __future__ import annotations

import sys
from pathlib import Path

from indexer.cli.paths import default_build_dir
from indexer.corpus.loader import load_valid_corpus
from indexer.files import write_atomic
from indexer.publish.handout import HandoutError, select, to_html, to_markdown

NAME = "handout"
HELP = "Write a printable handout: --pillar protection, or --paras gpa30,gpa39,gpa42."


def add_arguments(parser) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--pillar", help="prevention, protection, prosecution or partnership")
    group.add_argument("--paras", help="comma-separated paragraph keys")
    parser.add_argument("--output", type=Path, help="folder (default: build/handouts)")
    parser.add_argument("--name", help="file name without extension (default: from the selection)")


def run(args) -> int:
    corpus = load_valid_corpus(args.corpus)
    paras = [k.strip() for k in args.paras.split(",") if k.strip()] if args.paras else None
    try:
        handout = select(corpus, pillar=args.pillar, paras=paras)
    except HandoutError as exc:
        print(f"tipkb handout: {exc}", file=sys.stderr)
        return 2
    folder = args.output or default_build_dir() / "handouts"
    name = args.name or args.pillar or "-".join(paras or [])
    for ext, text in (("html", to_html(handout)), ("md", to_markdown(handout))):
        write_atomic(folder / f"{name}.{ext}", text)
        print(folder / f"{name}.{ext}")
    return 0
