"""tipkb cite: cite an entry or a paragraph of the resolution in one style."""

from __future__ import annotations

import sys

from indexer.corpus.loader import load_valid_corpus
from indexer.publish.cite import MISSING_WORDS_ZH, CitationMissing
from indexer.publish.formats import FORMATS, styles, styles_zh

NAME = "cite"
HELP = ("Cite an entry (id) or a paragraph (e.g. gpa38) in UN style, OSCOLA, BibTeX, RIS or "
        "CSL-JSON.")


def add_arguments(parser) -> None:
    parser.add_argument("subject", metavar="ID", help="entry id or paragraph key (pp6, op4, gpa43b)")
    parser.add_argument("--style", choices=styles(), default="un")
    parser.add_argument("--lang", choices=("en", "zh"), default="en",
                        help="zh: the citation in Chinese, where the style has a Chinese form "
                             f"({', '.join(styles_zh())}): an official Chinese title is needed "
                             "to cite a text, and is never made up")


def run(args) -> int:
    corpus = load_valid_corpus(args.corpus)
    subject = corpus.plan.paragraphs.get(args.subject) or corpus.entries.get(args.subject)
    if subject is None:
        print(f"tipkb cite: no entry or paragraph '{args.subject}'", file=sys.stderr)
        return 2
    fmt = FORMATS[args.style]
    if args.lang == "zh":
        return _cite_zh(corpus, subject, args)
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


def _cite_zh(corpus, subject, args) -> int:
    fmt = FORMATS[args.style]
    if fmt.cite_zh is None:
        print(f"tipkb cite: {fmt.label} has no Chinese form; cite in Chinese with --style "
              f"{' or --style '.join(styles_zh())}, or leave out --lang zh", file=sys.stderr)
        return 2
    try:
        text = fmt.cite_zh(corpus, subject)
    except CitationMissing as exc:
        facts = "、".join(MISSING_WORDS_ZH.get(f, f) for f in exc.facts)
        print(f"tipkb cite：无法以中文引用“{args.subject}”：本条目尚未提供{facts}。可以不加 "
              "--lang zh，以英文格式引用；或补充该事实及其出处。", file=sys.stderr)
        return 1
    print(text.rstrip("\n"))
    return 0
