"""Provisions as data, and what links them to topics, to the Plan's asks and to practices.

Every link here is one the corpus states; nothing is inferred from words:

- a provision is *on* a topic when its ``topics`` list it;
- a provision is *linked* to an ask when its ``asks`` list it (a curator's pinpoint);
- a provision is on *the same topic* as an ask when they share a topic (corpus/plan/asks.yaml
  gives an ask the topics its own words name): a match of topics, not a judgement that the
  article answers the ask, and always shown apart from the links;
- an entry *serves* an ask when one of its ``plan_refs`` lists it; a paragraph *names* an entry
  when the entry's link to it has ``basis: named``.

The comparison pages, the checklist, their CSV files and the JSON export all read these
functions, so the site, the command line and the open data agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.corpus.asks import Ask
from indexer.corpus.model import Corpus, Entry, PlanRef, Provision
from indexer.corpus.plan import SYMBOL
from indexer.schema import Vocabulary

PRACTICE = "practice"  # the entry type of best practices
ANCHOR_PREFIX = "provision-"  # ids of provisions on entry pages: provision-article-6-3


def compare_page(topic: str) -> str:
    """Site path of the comparison page of a topic (a value of the schema's vocabulary)."""
    return f"browse/compare/{topic}/"


def compare_csv(topic: str) -> str:
    """Site path of the comparison table of a topic as CSV."""
    return f"data/compare/{topic}.csv"


@dataclass(frozen=True)
class ProvisionRef:
    """One provision of one entry, with what the site and the exports need to show it."""

    entry: Entry
    provision: Provision
    anchor: str  # its id on the entry's page
    binding: bool  # as the provision says, else as the entry's type says

    def label(self, vocab: Vocabulary, lang: str = "en") -> str:
        """'Art. 6(3)', 'Principle 7'; in Chinese '第6(3)条'."""
        return vocab.provision_label(self.provision.unit, self.provision.number, lang)


def binding_of(vocab: Vocabulary, entry: Entry, provision: Provision) -> bool:
    """Whether the provision binds: its own ``binding`` where given (a treaty's hortatory
    clause is false), else the entry type's (the schema's x-types: conventions bind)."""
    if provision.binding is not None:
        return provision.binding
    info = vocab.types.get(entry.type)
    return bool(info and info.binding)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def provision_anchors(entry: Entry) -> list[str]:
    """The id of each provision on the entry's page, in order: ``provision-article-6-3``;
    made of ASCII letters, digits and hyphens only, and unique within the page."""
    seen: set[str] = set()
    out = []
    for prov in entry.provisions:
        base = f"{ANCHOR_PREFIX}{_slug(prov.unit) or 'unit'}-{_slug(prov.number) or 'x'}"
        anchor, n = base, 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        out.append(anchor)
    return out


def all_provisions(corpus: Corpus) -> list[ProvisionRef]:
    """Every provision of every entry, in entry-id order, then as the entry lists them."""
    return corpus.memo("provision-refs", lambda: _all(corpus))


def _all(corpus: Corpus) -> list[ProvisionRef]:
    out = []
    for entry in sorted(corpus, key=lambda e: e.id):
        for prov, anchor in zip(entry.provisions, provision_anchors(entry), strict=True):
            out.append(ProvisionRef(entry, prov, anchor, binding_of(corpus.vocab, entry, prov)))
    return out


def of_entry(corpus: Corpus, entry: Entry) -> list[ProvisionRef]:
    """The entry's provisions, in its order (an index built once: every entry page asks)."""
    return corpus.memo("provisions-by-entry", lambda: _by_entry_id(corpus)).get(entry.id, [])


def _by_entry_id(corpus: Corpus) -> dict[str, list[ProvisionRef]]:
    out: dict[str, list[ProvisionRef]] = {}
    for ref in all_provisions(corpus):
        out.setdefault(ref.entry.id, []).append(ref)
    return out


def comparison_order(corpus: Corpus, refs: list[ProvisionRef]) -> list[ProvisionRef]:
    """Binding first, then global before regional (in the vocabulary's order of regions), then
    oldest first, then by title; an entry's provisions stay in the order it gives them."""
    regions = {r: i for i, r in enumerate(corpus.vocab.regions.values)}
    position = corpus.memo("provision-positions", lambda: {
        (r.entry.id, r.anchor): i for i, r in enumerate(all_provisions(corpus))})
    return sorted(refs, key=lambda r: (not r.binding, regions.get(r.entry.region, len(regions)),
                                       r.entry.adopted or "9999", r.entry.display_title.casefold(),
                                       r.entry.id, position.get((r.entry.id, r.anchor), 0)))


def _index(corpus: Corpus) -> tuple[dict[str, list[ProvisionRef]], dict[str, list[ProvisionRef]]]:
    """Topic -> provisions on it, and ask id -> provisions linked to it (entry order)."""
    topics: dict[str, list[ProvisionRef]] = {}
    asks: dict[str, list[ProvisionRef]] = {}
    for ref in all_provisions(corpus):
        for topic in dict.fromkeys(ref.provision.topics):
            topics.setdefault(topic, []).append(ref)
        for ask_id in dict.fromkeys(ref.provision.asks):
            asks.setdefault(ask_id, []).append(ref)
    return topics, asks


def _indexes(corpus: Corpus) -> tuple[dict[str, list[ProvisionRef]], dict[str, list[ProvisionRef]]]:
    return corpus.memo("provision-indexes", lambda: _index(corpus))


def on_topic(corpus: Corpus, topic: str) -> list[ProvisionRef]:
    """The provisions on ``topic``, in comparison order."""
    return comparison_order(corpus, list(_indexes(corpus)[0].get(topic, [])))


def by_entry(refs: list[ProvisionRef]) -> list[tuple[Entry, list[ProvisionRef]]]:
    """The provisions grouped by entry, entries in the order of their first provision."""
    groups: dict[str, tuple[Entry, list[ProvisionRef]]] = {}
    for ref in refs:
        groups.setdefault(ref.entry.id, (ref.entry, []))[1].append(ref)
    return list(groups.values())


# ------------------------------------------------------------------------- asks


def asks_on_topic(corpus: Corpus, topic: str) -> list[Ask]:
    """The asks whose own words name ``topic`` (corpus/plan/asks.yaml), in document order."""
    return [a for a in corpus.asks().all() if topic in a.topics]


def paragraphs_on_topic(corpus: Corpus, topic: str) -> list[str]:
    """Paragraphs that ask nothing but speak of ``topic`` (e.g. gpa2 and the definition)."""
    return [key for key, topics in corpus.asks().topics.items() if topic in topics]


def linked_provisions(corpus: Corpus, ask_id: str) -> list[ProvisionRef]:
    """Provisions whose ``asks`` name this ask, in comparison order."""
    return comparison_order(corpus, list(_indexes(corpus)[1].get(ask_id, [])))


def of_the_plan(ref: ProvisionRef) -> bool:
    """Whether the provision is a paragraph of resolution 64/293 itself (its source, or the
    entry, is that document): the asks are made of those paragraphs already."""
    source = ref.entry.source(ref.provision.source)
    return SYMBOL in ((source.symbol if source else None), ref.entry.citation.symbol)


def same_topic_provisions(corpus: Corpus, ask: Ask) -> list[ProvisionRef]:
    """Provisions sharing a topic with the ask and not linked to it, in comparison order;
    the Plan's own paragraphs are left out (they are the asks, not what serves them)."""
    by_topic = _indexes(corpus)[0]
    found: dict[tuple[str, str], ProvisionRef] = {}
    for topic in ask.topics:
        for ref in by_topic.get(topic, []):
            if ask.id not in ref.provision.asks and not of_the_plan(ref):
                found[(ref.entry.id, ref.anchor)] = ref
    return comparison_order(corpus, list(found.values()))


def _serving(corpus: Corpus) -> dict[str, list[tuple[Entry, PlanRef]]]:
    out: dict[str, list[tuple[Entry, PlanRef]]] = {}
    for entry in sorted(corpus, key=lambda e: (e.display_title.casefold(), e.id)):
        for ref in entry.plan_refs:
            for ask_id in ref.asks:
                out.setdefault(ask_id, []).append((entry, ref))
    return out


def serving(corpus: Corpus, ask_id: str) -> list[tuple[Entry, PlanRef]]:
    """Entries whose link to the ask's paragraph lists the ask, by title."""
    return corpus.memo("serving", lambda: _serving(corpus)).get(ask_id, [])


def practices_for(corpus: Corpus, ask_id: str) -> list[Entry]:
    """Practice entries that serve the ask."""
    return [e for e, _ in serving(corpus, ask_id) if e.type == PRACTICE]


def entries_linked(corpus: Corpus, ask_id: str) -> list[tuple[Entry, PlanRef]]:
    """Entries other than practices that serve the ask (the whole text, not an article)."""
    return [(e, ref) for e, ref in serving(corpus, ask_id) if e.type != PRACTICE]


def named_in(corpus: Corpus, para: str) -> list[Entry]:
    """Entries the paragraph names (``basis: named``), by title."""
    named = [corpus.entries[eid] for eid, ref in corpus.cited_by().get(para, [])
             if ref.basis == "named" and eid in corpus.entries]
    return sorted(named, key=lambda e: (e.display_title.casefold(), e.id))


def practices_on_topic(corpus: Corpus, topic: str) -> list[tuple[Entry, list[Ask], list[str]]]:
    """Practice entries that serve an ask on ``topic``, or link to a paragraph that speaks of it
    without asking: (entry, those asks, those paragraphs), by title."""
    asks = {a.id: a for a in asks_on_topic(corpus, topic)}
    paras = set(paragraphs_on_topic(corpus, topic))
    out = []
    for entry in sorted(corpus, key=lambda e: (e.display_title.casefold(), e.id)):
        if entry.type != PRACTICE:
            continue
        served = [asks[a] for ref in entry.plan_refs for a in ref.asks if a in asks]
        spoken = [ref.para for ref in entry.plan_refs if ref.para in paras]
        if served or spoken:
            out.append((entry, list(dict.fromkeys(served)), spoken))
    return out


def compared_topics(corpus: Corpus, entry: Entry) -> list[str]:
    """The topics with a comparison page that cover the entry: those of its provisions, and
    for a practice those of the asks it serves (and of the paragraphs it links that speak of
    a topic without asking), in the vocabulary's order."""
    mine: set[str] = {t for p in entry.provisions for t in p.topics}
    if entry.type == PRACTICE:
        asks = corpus.asks()
        for ref in entry.plan_refs:
            mine.update(asks.topics.get(ref.para, ()))
            for ask_id in ref.asks:
                if ask_id in asks:
                    mine.update(asks[ask_id].topics)
    return [t for t in corpus.vocab.compared_topics if t in mine]
