"""tipkb handout: a handout for a room (HTML, Markdown, and PDF with --pdf) for a pillar or a
few paragraphs, in English or Chinese, on A4 or Letter."""

from __future__ import annotations

import sys
from pathlib import Path

from indexer.cli.paths import default_build_dir
from indexer.corpus.loader import load_valid_corpus
from indexer.files import OutputError, write_atomic
from indexer.publish.handout import LANGS, PAPERS, HandoutError, select
from indexer.publish.handout_html import to_html
from indexer.publish.handout_md import to_markdown
from indexer.publish.pdf import PdfError, print_pdf

NAME = "handout"
HELP = ("Write a handout: --pillar prosecution, or --paras gpa30,gpa39,gpa42 (HTML and "
        "Markdown; --pdf prints it with Chromium; --lang zh; --paper letter).")


def add_arguments(parser) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--pillar", help="prevention, protection, prosecution or partnership")
    group.add_argument("--paras", help="comma-separated paragraph keys, e.g. gpa52,gpa54")
    parser.add_argument("--lang", choices=LANGS, default="en",
                        help="en: the English renderings; zh: the Chinese text verbatim")
    parser.add_argument("--scope", help="only entries of these scopes beside each paragraph: "
                        "cited (named by the Plan), later, context (comma-separated)")
    parser.add_argument("--paper", choices=list(PAPERS), default="a4", help="paper size (A4)")
    parser.add_argument("--pdf", action="store_true", help="also print a PDF with Chromium")
    parser.add_argument("--output", type=Path, help="folder (default: build/handouts)")
    parser.add_argument("--name", help="file name without extension (default: from the selection)")


def run(args) -> int:
    corpus = load_valid_corpus(args.corpus)
    paras = [k.strip() for k in args.paras.split(",") if k.strip()] if args.paras else None
    try:
        scopes = tuple(x.strip() for x in (args.scope or "").split(",") if x.strip())
        handout = select(corpus, pillar=args.pillar, paras=paras, lang=args.lang,
                         paper=args.paper, scopes=scopes)
    except HandoutError as exc:
        print(f"tipkb handout: {exc}", file=sys.stderr)
        return 2
    folder = args.output or default_build_dir() / "handouts"
    name = args.name or (args.pillar or "-".join(paras or [])) + (
        f".{args.lang}" if args.lang != "en" else "")
    html_file = folder / f"{name}.html"
    try:
        for path, text in ((html_file, to_html(handout)), (folder / f"{name}.md",
                                                           to_markdown(handout))):
            write_atomic(path, text)
            print(path)
        if args.pdf:
            print_pdf(html_file, folder / f"{name}.pdf")
            print(folder / f"{name}.pdf")
    except (OutputError, PdfError) as exc:
        print(f"tipkb handout: {exc}", file=sys.stderr)
        return 1
    return 0
