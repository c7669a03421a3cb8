"""Whole-corpus exports built from the model (JSON here; other formats add functions)."""

from __future__ import annotations

import json

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import OFFICIAL_URL, PARTS, PILLARS, SECTIONS, SYMBOL, Paragraph

TRANSLATION_NOTE = (
    "Unofficial English rendering written by the project from the Chinese text; "
    f"the official texts are those of document {SYMBOL}."
)


def entry_record(corpus: Corpus, entry: Entry) -> dict:
    record = {k: v for k, v in entry.data.items()}
    record["url"] = entry.url
    record["links"] = [
        {"id": link.target, "relation": link.relation, "inverse": link.inverse,
         **({"note": link.note} if link.note else {})}
        for link in corpus.links()[entry.id]
    ]
    sections = entry.sections()
    record["summary"] = sections.get("Summary", "")
    record["body"] = entry.body.strip()
    return record


def paragraph_record(para: Paragraph, cited_by: list[tuple[str, str]]) -> dict:
    return {
        "key": para.key,
        "label": para.label,
        "part": para.part,
        "part_label": PARTS[para.part],
        "number": para.number,
        "section": para.section,
        "section_label": SECTIONS[para.section][1] if para.section else None,
        "pillar": para.pillar,
        "pillar_label": PILLARS.get(para.pillar) if para.pillar else None,
        "text_zh": para.text_zh,
        "text_en": para.text_en,
        "text_en_note": TRANSLATION_NOTE,
        "footnotes": para.footnotes,
        "footnote_calls": [{"number": c.number, "offset": c.offset} for c in para.calls],
        "url": para.url,
        "cited_by": [eid for eid, _ in cited_by],
        "cited_by_notes": [{"id": eid, "note": note} for eid, note in cited_by],
    }


def to_json_data(corpus: Corpus) -> dict:
    from indexer.search.related import see_also  # builds a throwaway in-memory index: no prebuilt one needed

    cited = corpus.cited_by()
    related = see_also(corpus)
    entries = []
    for e in sorted(corpus, key=lambda e: e.id):
        record = entry_record(corpus, e)
        record["see_also"] = related.get(e.id, [])
        entries.append(record)
    return {
        "resolution": {"symbol": SYMBOL, "url": OFFICIAL_URL, "schema_version": corpus.vocab.version},
        "entries": entries,
        "paragraphs": [paragraph_record(p, cited[k]) for k, p in corpus.plan.paragraphs.items()],
        "footnotes": [
            {"number": f.number, "text_zh": f.text_zh, "text_en": f.text_en,
             "called_by": f.called_by, "paragraph": f.called_by[0] if f.called_by else None}
            for f in corpus.plan.footnotes.values()
        ],
    }


def to_json(corpus: Corpus) -> str:
    return json.dumps(to_json_data(corpus), ensure_ascii=False, indent=2) + "\n"


def _csl_items(corpus: Corpus) -> list[dict]:
    from indexer.publish.cite import csl_item

    return [csl_item(corpus, e) for e in sorted(corpus, key=lambda e: e.id)]


def to_bibliography(style: str):
    def render(corpus: Corpus) -> str:
        from indexer.publish.bibliography import render as render_items

        return render_items(_csl_items(corpus), style)

    return render


def to_csv(corpus: Corpus) -> str:
    from indexer.publish.bibliography import to_csv as rows_to_csv

    rows = []
    for e in sorted(corpus, key=lambda e: e.id):
        c = e.get("citation") or {}
        unts = c.get("unts") or {}
        rows.append({**{k: e.get(k) for k in ("id", "type", "title", "short_title", "title_zh", "cited_as_zh",
                                               "region", "subregion", "adopted", "opened_for_signature",
                                               "in_force", "adopted_by", "place", "status",
                                               "url", "last_reviewed")},
                     "symbol": c.get("symbol"), "number": c.get("number"),
                     "unts_volume": unts.get("volume"), "unts_number": unts.get("number"),
                     "unts_page": unts.get("page"), "cets": c.get("cets"), "ilo": c.get("ilo"),
                     "plan_refs": " ".join(r["para"] for r in e.plan_refs), "page": e.url})
    return rows_to_csv(rows)


EXPORTERS = {
    "json": to_json,
    "bibtex": to_bibliography("bibtex"),
    "ris": to_bibliography("ris"),
    "csl-json": to_bibliography("csl-json"),
    "csv": to_csv,
}
EXTENSIONS = {"json": "json", "bibtex": "bib", "ris": "ris", "csl-json": "csl.json", "csv": "csv"}
