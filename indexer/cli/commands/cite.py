"""tipkb cite: cite an entry or a paragraph of the resolution in one style."""

from __future__ import annotations

import sys

from indexer.corpus.loader import load_valid_corpus
from indexer.publish.cite import CitationMissing
from indexer.publish.formats import FORMATS, styles

NAME = "cite"
HELP = ("Cite an entry (id) or a paragraph (e.g. gpa38) in UN style, OSCOLA, BibTeX, RIS or "
        "CSL-JSON.")


def add_arguments(parser) -> None:
    parser.add_argument("subject", metavar="ID", help="entry id or paragraph key (pp6, op4, gpa43b)")
    parser.add_argument("--style", choices=styles(), default="un")


def run(args) -> int:
    corpus = load_valid_corpus(args.corpus)
    subject = corpus.plan.paragraphs.get(args.subject) or corpus.entries.get(args.subject)
    if subject is None:
        print(f"tipkb cite: no entry or paragraph '{args.subject}'", file=sys.stderr)
        return 2
    fmt = FORMATS[args.style]
    assert fmt.cite is not None
    try:
        text = fmt.cite(corpus, subject)
    except CitationMissing as exc:
        others = [FORMATS[s].label for s in styles() if s != args.style]
        print(f"tipkb cite: cannot cite '{args.subject}' in {fmt.label}: the entry does not give "
              f"{' or '.join(exc.missing)}. Cite it in another style ({', '.join(others)}), or "
              "add the fact with its source.", file=sys.stderr)
        return 1
    print(text.rstrip("\n"))
    return 0
