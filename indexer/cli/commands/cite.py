"""tipkb cite: cite an entry or a paragraph of the resolution in one style."""

from __future__ import annotations

import sys

from indexer.corpus.loader import load_valid_corpus
from indexer.publish.cite import STYLES, CitationMissing, cite_text

NAME = "cite"
HELP = "Cite an entry (id) or a paragraph (e.g. gpa38) in UN style, OSCOLA, BibTeX, RIS or CSL-JSON."


def add_arguments(parser) -> None:
    parser.add_argument("subject", metavar="ID", help="entry id or paragraph key (pp6, op4, gpa43b)")
    parser.add_argument("--style", choices=STYLES, default="un")


def run(args) -> int:
    corpus = load_valid_corpus(args.corpus)
    try:
        text = cite_text(corpus, args.subject, args.style)
    except KeyError:
        print(f"tipkb cite: no entry or paragraph '{args.subject}'", file=sys.stderr)
        return 2
    except CitationMissing as exc:
        print(f"tipkb cite: {exc}", file=sys.stderr)
        return 1
    print(text.rstrip("\n"))
    return 0
