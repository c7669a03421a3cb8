"""tipkb suggest-links: paragraphs that mention an entry but are not in its plan_refs."""

from __future__ import annotations

import json
import sys

from indexer.corpus.loader import load_corpus
from indexer.corpus.suggest import suggest_links

NAME = "suggest-links"
HELP = ("List paragraphs whose text names the entry (titles, aliases, Chinese title) "
        "but that it does not cite.")


def add_arguments(parser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="entry ids (default with --all: every entry)")
    parser.add_argument("--all", action="store_true", help="check every entry")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args) -> int:
    corpus, _ = load_corpus(args.corpus)
    ids = sorted(corpus.entries) if args.all else args.ids
    if not ids:
        print("tipkb suggest-links: give an entry id, or --all", file=sys.stderr)
        return 2
    unknown = [i for i in ids if i not in corpus.entries]
    if unknown:
        print(f"tipkb suggest-links: no entry {', '.join(unknown)}", file=sys.stderr)
        return 2
    result = {eid: suggest_links(corpus, corpus.entries[eid]) for eid in ids}
    if args.json:
        print(json.dumps({eid: [s.__dict__ for s in found] for eid, found in result.items()},
                         ensure_ascii=False, indent=2))
        return 0
    total = 0
    for eid, found in result.items():
        for s in found:
            total += 1
            print(f"{eid}: {s.para} ({s.label}) names it as '{s.matched}' -- add to plan_refs:")
            print(f"  - para: {s.para}\n    note: ...")
    print(f"{total} suggestion(s) for {len(ids)} entr{'y' if len(ids) == 1 else 'ies'}", file=sys.stderr)
    return 0
