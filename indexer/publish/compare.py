"""One topic compared across instruments, as rows: what each provision on the topic provides,
whether it binds, and where it applies. The site's comparison pages show these rows and publish
them as CSV (cells that could start a spreadsheet formula are neutralised, as in every CSV the
project writes)."""

from __future__ import annotations

from indexer.corpus.model import Corpus
from indexer.publish.bibliography import to_csv
from indexer.publish.provisions import ProvisionRef, on_topic

CSV_FIELDS = ["topic", "topic_label", "instrument_id", "instrument", "type", "binding",
              "region", "subregion", "provision", "unit", "number", "title", "summary",
              "source", "source_url", "page_url"]


def page_url(corpus: Corpus, ref: ProvisionRef) -> str:
    """The full address of the provision on its entry's page."""
    return corpus.manifest.page_url(ref.entry.url_path) + "#" + ref.anchor


def row(corpus: Corpus, topic: str, ref: ProvisionRef) -> dict:
    v, e, p = corpus.vocab, ref.entry, ref.provision
    source = e.source(p.source)
    return {
        "topic": topic, "topic_label": v.topics.label(topic), "instrument_id": e.id,
        "instrument": e.display_title, "type": e.type, "binding": "yes" if ref.binding else "no",
        "region": v.region_label(e.region), "subregion": v.region_label(e.subregion),
        "provision": ref.label(v), "unit": p.unit, "number": p.number, "title": p.title,
        "summary": " ".join(p.summary.split()),
        "source": source.title if source else "", "source_url": source.url if source else "",
        "page_url": page_url(corpus, ref),
    }


def comparison_csv(corpus: Corpus, topic: str) -> str:
    """The comparison table of ``topic`` as CSV (a header row, then one row per provision)."""
    return to_csv([row(corpus, topic, ref) for ref in on_topic(corpus, topic)], CSV_FIELDS)
