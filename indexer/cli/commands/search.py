"""tipkb search: search entries and paragraphs from the command line.

JSON output (``--json``)::

    {"query": str, "total": int,
     "results": [{"id", "kind", "title", "score", "url", "snippet", "type", "region",
                  "pillar", "scope", "provisions"}],
     "facets": {"type": {value: count}, "region": {...}, "pillar": {...}},
     "suggestion": null | str}

``snippet`` is HTML-escaped text with the matched words in ``<mark>``. ``scope`` is cited,
later or context (null for a paragraph); ``provisions`` lists the key provisions the query names
by number ("Art. 6") or that are on the ``--topic`` given, as 'Art. 6 Title'.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from indexer.cli.commands.index import default_index_dir
from indexer.problems import printable

NAME = "search"
HELP = "Search the index (run `tipkb index` first); --json for machines."


def add_arguments(parser) -> None:
    parser.add_argument("query", nargs="+", help="words, \"a phrase\", an identifier, 中文")
    parser.add_argument("--type", help="only entries of this type (e.g. convention)")
    parser.add_argument("--region", help="only entries of this region (e.g. europe)")
    parser.add_argument("--pillar", help="prevention, protection, prosecution or partnership")
    parser.add_argument("--scope", choices=("cited", "later", "context"),
                        help="cited (named by the resolution), later (since 2010) or context")
    parser.add_argument("--topic", metavar="TOPIC",
                        help="only entries with a key provision on this topic (e.g. "
                             "non-punishment: a topic of the schema's vocabulary)")
    parser.add_argument("--para", metavar="KEY",
                        help="only this paragraph and the entries that cite it (e.g. gpa5)")
    parser.add_argument("--limit", type=int, default=10, help="number of results (default 10)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--index", type=Path, default=None, metavar="DIR",
                        help="index folder (default: build/index)")


def _terminal_snippet(snippet: str, color: bool) -> str:
    """The HTML snippet as terminal text: marks become bold (or *...*), the text itself is
    unescaped and shown with any control character made visible."""
    import html

    on, off = ("\033[1m", "\033[0m") if color else ("*", "*")
    parts = re.split(r"(</?mark>)", snippet)
    return "".join(on if p == "<mark>" else off if p == "</mark>" else printable(html.unescape(p))
                   for p in parts)


def format_text(result: dict, color: bool = False) -> str:
    lines = []
    if result["suggestion"]:
        lines.append(f"Did you mean: {result['suggestion']}")
    shown = len(result["results"])
    lines.append(f"{result['total']} result(s) for {result['query']!r}"
                 + (f", showing {shown}" if shown < result["total"] else ""))
    for i, r in enumerate(result["results"], 1):
        kind = r["type"] or r["kind"]
        lines.append(f"\n{i}. {printable(r['title'])}  [{r['id']}, {kind}]  {r['score']:.2f}")
        lines.append(f"   /{r['url']}")
        if r["snippet"]:
            lines.append(f"   {_terminal_snippet(r['snippet'], color)}")
        for provision in r.get("provisions") or []:
            lines.append(f"   - {printable(provision)}")
    facets = [f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
              for name, counts in result["facets"].items() if counts]
    if facets:
        lines.append("\n" + "\n".join(facets))
    return "\n".join(lines)


def run(args) -> int:
    from indexer.search import engine as search_engine  # imported here: other commands never load Whoosh

    folder = args.index or default_index_dir()
    if args.topic:
        from indexer.schema import vocabulary

        topics = list(vocabulary().topics.values)
        if args.topic not in topics:
            print(f"tipkb search: unknown topic {printable(args.topic)!r}; the topics are: "
                  + ", ".join(topics), file=sys.stderr)
            return 2
    try:
        with search_engine.open_index(folder) as searcher:
            result = searcher.search(" ".join(args.query), limit=args.limit, type=args.type,
                                     region=args.region, pillar=args.pillar, para=args.para,
                                     scope=args.scope, topic=args.topic)
    except search_engine.IndexNotFound as exc:
        print(f"tipkb search: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a damaged index file: say so in one line, and how to mend it
        print(f"tipkb search: the search index at {folder} could not be read "
              f"({type(exc).__name__}); run `tipkb index` to repair it", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_text(result, color=sys.stdout.isatty()))
    return 0
