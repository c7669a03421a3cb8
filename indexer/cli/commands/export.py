"""tipkb export: the corpus, or a selection of it, as open data or a bibliography."""

from __future__ import annotations

import sys
from pathlib import Path

from indexer.corpus.loader import load_valid_corpus
from indexer.files import OutputError, write_atomic
from indexer.publish.formats import FORMATS, exports
from indexer.publish.selection import Selection

NAME = "export"
HELP = "Export the corpus (or a selection: --type, --region, --pillar, --para, --ids, --scope)."


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (value or "").split(",") if x.strip())


def add_selection_arguments(parser) -> None:
    """The filters shared by export, bibliographies and handouts (comma-separated lists)."""
    parser.add_argument("--type", help="entry types, e.g. convention,guidance")
    parser.add_argument("--region", help="regions or subregions, e.g. europe,south-asia")
    parser.add_argument("--pillar", help="prevention, protection, prosecution, partnership")
    parser.add_argument("--para", help="entries linked to these paragraphs, e.g. gpa30,gpa39")
    parser.add_argument("--ids", help="these entries, e.g. untoc,trafficking-protocol")
    parser.add_argument("--scope", help="cited (named by the Plan), later, context")


def selection_of(args, with_paragraphs: bool = False) -> Selection:
    return Selection(_list(args.type), _list(args.region), _list(args.pillar), _list(args.para),
                     _list(args.ids), _list(args.scope), with_paragraphs)


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=exports(), default="json")
    add_selection_arguments(parser)
    parser.add_argument("--paragraphs", action="store_true",
                        help="also the Plan's paragraphs that match (by --pillar or --para)")
    parser.add_argument("--output", "-o", type=Path, help="write here (atomically) instead of stdout")


def run(args) -> int:
    corpus = load_valid_corpus(args.corpus)
    selection = selection_of(args, args.paragraphs)
    if unknown := selection.unknown(corpus):
        print(f"tipkb export: no {', '.join(unknown)}", file=sys.stderr)
        return 2
    fmt = FORMATS[args.format]
    assert fmt.render is not None
    text = fmt.render(corpus, selection)
    if args.output:
        try:
            write_atomic(args.output, text)
        except OutputError as exc:
            print(f"tipkb export: {exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    return 0
