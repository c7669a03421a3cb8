"""Every fact has a source (TIP070, TIP071) on a host the source policy accepts (TIP055, TIP056)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from indexer.problems import Problem
from indexer.rules.registry import check, declare, problem

if TYPE_CHECKING:
    from indexer.corpus.frontmatter import Document

declare("TIP055", "error", "No source or link points to a refused host (mirrors, document-sharing "
                           "and aggregator sites, machine translation, dataset viewers, test or "
                           "staging servers, malformed hosts).")
declare("TIP056", "error", "Every source host is classified in indexer/schema/source-policy.yaml.")
declare("TIP070", "error", "Every fact field present is supported by a listed source.")
declare("TIP071", "warning", "A source only claims to support facts the entry has.")


def present_facts(data: dict) -> dict[str, tuple]:
    """The fact fields (``citation.unts``, ``adopted``...) the front matter gives, with paths."""
    from indexer.schema import SOURCED_FACTS  # here: only a file being read needs the schema

    facts: dict[str, tuple] = {}
    for name in SOURCED_FACTS:
        head, _, sub = name.partition(".")
        if sub:
            if isinstance(data.get(head), dict) and sub in data[head]:
                facts[name] = (head, sub)
        elif name in data:
            facts[name] = (name,)
    return facts


@check("file")
def check_sources(doc: Document) -> list[Problem]:
    from indexer.schema import SOURCED_FACTS

    sources = doc.data.get("sources")
    if not isinstance(sources, list):
        return []
    supported: dict[str, int] = {}
    for i, src in enumerate(sources):
        facts = src.get("supports") if isinstance(src, dict) else None
        for fact in facts if isinstance(facts, list) else []:
            if isinstance(fact, str):
                supported.setdefault(fact, i)
    out = []
    present = present_facts(doc.data)
    for fact, path in present.items():
        if fact not in supported:
            out.append(problem(doc, doc.line_of(*path), "TIP070", f"{fact} has no source",
                               f"add '{fact}' to the supports list of the source it comes from, "
                               "or leave the field out and say so in unverified"))
    for fact, i in supported.items():
        if fact in SOURCED_FACTS and fact not in present:
            out.append(problem(doc, doc.line_of("sources", i, "supports"), "TIP071",
                               f"a source supports '{fact}', which the entry does not give"))
    return out


@check("file")
def check_source_hosts(doc: Document) -> list[Problem]:
    from indexer.schema.policy import OFFICIAL, RECOGNISED, REFUSED, classify

    urls: list[tuple[tuple, str]] = []
    if isinstance(doc.data.get("url"), str):
        urls.append((("url",), doc.data["url"]))
    sources = doc.data.get("sources")
    for i, src in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(src, dict) and isinstance(src.get("url"), str):
            urls.append((("sources", i, "url"), src["url"]))
    out = []
    for path, url in urls:
        if not url.startswith("https://") or "TODO" in url:
            continue  # the schema reports the form; TIP090 the placeholder of `tipkb new`
        host = classify(url)
        where = ".".join(map(str, path))
        if host.kind == REFUSED:
            out.append(problem(doc, doc.line_of(*path), "TIP055",
                               f"{where}: {host.host or url} is refused as a source ({host.why})",
                               "cite the official copy (the organisation's own site, the UN Official "
                               "Document System, the Treaty Collection), or remove the fact and say "
                               "so in unverified"))
        elif host.kind not in (OFFICIAL, RECOGNISED):
            out.append(problem(doc, doc.line_of(*path), "TIP056",
                               f"{where}: {host.host} is not in the source policy",
                               "add it to indexer/schema/source-policy.yaml under official or "
                               "recognised, with the organisation's name, or cite another source"))
    return out
