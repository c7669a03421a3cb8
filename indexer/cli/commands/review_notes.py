"""tipkb review-notes: every fact an entry leaves unverified, grouped by entry (Markdown)."""

from __future__ import annotations

from indexer.corpus.loader import load_corpus

NAME = "review-notes"
HELP = "List every review note (facts left out or in doubt), grouped by entry, as Markdown."


def add_arguments(parser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="only these entries (default: all)")
    parser.add_argument("--type", help="only entries of this type")


def run(args) -> int:
    corpus, _ = load_corpus(args.corpus)
    total = 0
    for entry in sorted(corpus, key=lambda e: e.id):
        notes = entry.review_notes
        if not notes or (args.ids and entry.id not in args.ids) or (args.type and entry.type != args.type):
            continue
        print(f"- **{entry.id}** ({entry.type})")
        for note in notes:
            print(f"  - {' '.join(str(note).split())}")
        total += len(notes)
    print(f"\n{total} review note(s).")
    return 0
