"""How well each fact of an entry is sourced: on an official host, or only a recognised one.

The source policy (indexer/schema/source-policy.yaml) sorts hosts into official, recognised and
refused; refused hosts never pass validation (TIP055). A fact that rests *only* on sources from
recognised publishers is shown as such on the entry's page, so that a trainer knows to check it
against the official text before quoting it. A source without an address (a printed Treaty
Series volume, a document symbol) is not counted as recognised-only: it names the official
record itself.
"""

from __future__ import annotations

from indexer.corpus.model import Entry
from indexer.schema.policy import RECOGNISED, classify


def recognised_only(entry: Entry) -> frozenset[str]:
    """The fact fields (``adopted``, ``citation.unts``...) every source of which is on a
    recognised host, none on an official one and none without an address."""
    kinds: dict[str, set[str]] = {}
    for source in entry.sources:
        kind = classify(source.url).kind if source.url else "record"
        for fact in source.supports:
            kinds.setdefault(fact, set()).add(kind)
    return frozenset(fact for fact, seen in kinds.items() if seen == {RECOGNISED})


__all__ = ["recognised_only"]
