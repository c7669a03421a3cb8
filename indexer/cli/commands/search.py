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

``--lang zh`` gives titles, types, regions and pillars in Chinese (an entry's official Chinese
title, else the project's rendering; a paragraph as the resolution numbers it) and the address
of the page in the site's Chinese edition; the JSON keeps the English title as ``title_en``.
The query itself may be in either language.
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
    parser.add_argument("--lang", choices=("en", "zh"), default="en",
                        help="titles and labels in English (default) or Chinese (zh)")
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


# The text output's words, by language.
WORDS = {
    "en": {"suggest": "Did you mean: {q}", "count": "{n} result(s) for {q!r}",
           "showing": ", showing {n}", "sep": ", ", "colon": ": "},
    "zh": {"suggest": "您是否要找：{q}", "count": "“{q}”共有{n}个结果",
           "showing": "，显示前{n}个", "sep": "、", "colon": "：", "paragraph": "段落"},
}


def format_text(result: dict, color: bool = False, lang: str = "en") -> str:
    words = WORDS[lang]
    lines = []
    if result["suggestion"]:
        lines.append(words["suggest"].format(q=result["suggestion"]))
    shown = len(result["results"])
    lines.append(words["count"].format(n=result["total"], q=result["query"])
                 + (words["showing"].format(n=shown) if shown < result["total"] else ""))
    for i, r in enumerate(result["results"], 1):
        kind = r.get("type_label") or r["type"] or r["kind"]
        lines.append(f"\n{i}. {printable(r['title'])}  [{r['id']}, {kind}]  {r['score']:.2f}")
        lines.append(f"   /{r['url']}")
        if r["snippet"]:
            lines.append(f"   {_terminal_snippet(r['snippet'], color)}")
        for provision in r.get("provisions") or []:
            lines.append(f"   - {printable(provision)}")
    labels = result.get("facet_labels", {})
    facets = [f"{labels.get(name, {}).get('', name)}{words['colon']}"
              + words["sep"].join(f"{labels.get(name, {}).get(k, k)} {v}" for k, v in counts.items())
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
    if args.lang != "en":
        result = in_language(result, args.corpus, args.lang)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_text(result, color=sys.stdout.isatty(), lang=args.lang))
    return 0


FACET_NAMES_ZH = {"type": "类型", "region": "区域", "pillar": "支柱", "scope": "范围"}


def in_language(result: dict, corpus_dir: Path, lang: str) -> dict:
    """The result with titles, labels and page addresses of the site's edition in ``lang``
    (read from the corpus: the index holds the English ones)."""
    from indexer.corpus.loader import load_corpus
    from indexer.corpus.manifest import edition_dir
    from indexer.corpus.names import entry_title, para_label
    from indexer.schema import vocabulary

    vocab = vocabulary()
    try:
        corpus, _ = load_corpus(Path(corpus_dir))
    except Exception:  # no readable corpus: labels from the schema, titles as indexed
        corpus = None
    out = []
    for r in result["results"]:
        r = {**r, "title_en": r["title"], "url": edition_dir(lang) + r["url"]}
        entry = corpus.entries.get(r["id"]) if corpus and r["kind"] == "entry" else None
        para = corpus.plan.paragraphs.get(r["id"]) if corpus and r["kind"] == "paragraph" else None
        if entry is not None:
            r["title"] = entry_title(entry, lang)[0]
        elif para is not None:
            where = vocab.pillars.label(para.pillar, lang) if para.pillar else ""
            r["title"] = para_label(para, lang) + (f"（{where}）" if where else "")
        if r.get("type"):
            r["type_label"] = vocab.type_label(r["type"], lang)
        elif r["kind"] == "paragraph":
            r["type_label"] = WORDS[lang].get("paragraph", "paragraph")
        out.append(r)
    labels = {
        "type": {"": FACET_NAMES_ZH["type"], **{v: vocab.type_label(v, lang) for v in vocab.types}},
        "region": {"": FACET_NAMES_ZH["region"],
                   **{v: vocab.region_label(v, lang) for v in vocab.regions.values}},
        "pillar": {"": FACET_NAMES_ZH["pillar"],
                   **{v: vocab.pillars.label(v, lang) for v in vocab.pillars.values}},
        "scope": {"": FACET_NAMES_ZH["scope"],
                  **{v: vocab.scopes.label(v, lang) for v in vocab.scopes.values}},
    }
    return {**result, "results": out, "facet_labels": labels}
