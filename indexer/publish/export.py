"""The corpus as open data: JSON (entries, paragraphs, footnotes, provisions, asks and the
topic vocabulary) and a CSV table. The layout is documented in docs/contributing/data.md.

Each entry record keeps the official address the entry gives (``url``) apart from the address of
its page on the site (``page``), and says what the resolution does with it (``scope``, and for
each linked paragraph whether it is named there or judged relevant). Provisions and asks are
also given as flat lists, with what the corpus links to them (indexer/publish/provisions.py).
"""

from __future__ import annotations

import json

from indexer.corpus.asks import Ask
from indexer.corpus.model import Corpus, Entry, PlanRef
from indexer.corpus.plan import OFFICIAL_URL, PARTS, SECTIONS, SYMBOL, Paragraph
from indexer.publish.checklist import PARTS as CHECKLISTS
from indexer.publish.checklist import checklist_csv, checklist_page, part_of
from indexer.publish.provisions import (
    ProvisionRef,
    all_provisions,
    compare_csv,
    compare_page,
    linked_provisions,
    serving,
)
from indexer.publish.selection import EVERYTHING, Selection

TRANSLATION_NOTE = (
    "Unofficial English rendering written by the project from the Chinese text; "
    f"the official texts are those of document {SYMBOL}."
)


def _release(corpus: Corpus) -> dict:
    m = corpus.manifest
    return {"name": m.name, "version": m.version, "released": m.released,
            "site_url": m.site_url, "schema_version": corpus.vocab.version}


def entry_record(corpus: Corpus, entry: Entry, see_also: list[str]) -> dict:
    record = dict(entry.data)  # the front matter as written, url included
    record["page"] = entry.url_path
    record["page_url"] = corpus.manifest.page_url(entry.url_path)
    record["scope"] = corpus.scope(entry)
    record["links"] = [
        {"id": link.target, "relation": link.relation, "inverse": link.inverse,
         **({"note": link.note} if link.note else {})}
        for link in corpus.links()[entry.id]
    ]
    record["summary"] = entry.summary
    record["body"] = entry.body.strip()
    record["see_also"] = see_also
    return record


def paragraph_record(corpus: Corpus, para: Paragraph, cited_by: list[tuple[str, PlanRef]]) -> dict:
    v = corpus.vocab
    asks = corpus.asks().by_para.get(para.key, [])
    return {
        "key": para.key,
        "label": para.label,
        "part": para.part,
        "part_label": PARTS[para.part],
        "number": para.number,
        "section": para.section,
        "section_label": SECTIONS[para.section][1] if para.section else None,
        "pillar": para.pillar,
        "pillar_label": v.pillars.label(para.pillar) if para.pillar else None,
        "text_zh": para.text_zh,
        "text_en": para.text_en,
        "text_en_note": TRANSLATION_NOTE,
        "footnotes": para.footnotes,
        "footnote_calls": [{"number": c.number, "offset": c.offset} for c in para.calls],
        "page": para.url,
        "page_url": corpus.manifest.page_url(para.url),
        "named": [eid for eid, ref in cited_by if ref.basis == "named"],
        "relevant": [eid for eid, ref in cited_by if ref.basis == "relevant"],
        "developed_by": [eid for eid, ref in cited_by if ref.basis == "develops"],
        "links": [{"id": eid, "basis": ref.basis, "note": ref.note, "asks": list(ref.asks)}
                  for eid, ref in cited_by],
        "asks": [{"id": a.id, "addressee": a.addressee, "who": a.who, "verb": a.verb,
                  "verb_zh": a.verb_zh, "what": a.what, "zh": a.zh, "topics": list(a.topics)}
                 for a in asks],
        "topics": list(corpus.asks().topics.get(para.key, ())),
    }


def provision_record(corpus: Corpus, ref: ProvisionRef) -> dict:
    """One provision with its label, whether it binds (as resolved) and its address."""
    v, p = corpus.vocab, ref.provision
    source = ref.entry.source(p.source)
    page = f"{ref.entry.url_path}#{ref.anchor}"
    return {
        "entry": ref.entry.id, "anchor": ref.anchor, "unit": p.unit, "number": p.number,
        "label": ref.label(v), "label_zh": ref.label(v, "zh"), "title": p.title,
        "summary": " ".join(p.summary.split()), "topics": list(p.topics),
        "binding": ref.binding, "binding_as_written": p.binding,
        "source": {"id": p.source, "title": source.title if source else None,
                   "url": source.url if source else None,
                   "symbol": source.symbol if source else None},
        "asks": list(p.asks), "page": page, "page_url": corpus.manifest.page_url(page),
    }


def ask_record(corpus: Corpus, ask: Ask) -> dict:
    """One ask with the entries that serve it and the provisions linked to it."""
    para = corpus.plan[ask.para]
    part = part_of(para)
    return {
        "id": ask.id, "paragraph": ask.para, "checklist": part, "addressee": ask.addressee,
        "who": ask.who, "verb": ask.verb, "verb_zh": ask.verb_zh, "what": ask.what,
        "zh": ask.zh, "topics": list(ask.topics),
        "served_by": [{"id": e.id, "type": e.type, "basis": ref.basis}
                      for e, ref in serving(corpus, ask.id)],
        "provisions": [{"entry": r.entry.id, "anchor": r.anchor} for r in
                       linked_provisions(corpus, ask.id)],
        "checklist_page": checklist_page(part),
    }


def vocabulary_record(corpus: Corpus) -> dict:
    """The topic and provision-unit vocabularies, with the comparison pages and tables."""
    v = corpus.vocab
    return {
        "topics": [{"value": t, "label": v.topics.label(t), "label_zh": v.topics.label(t, "zh"),
                    "compared": t in v.compared_topics,
                    "page": compare_page(t) if t in v.compared_topics else None,
                    "csv": compare_csv(t) if t in v.compared_topics else None}
                   for t in v.topics.values],
        "provision_units": [{"value": u, "label": v.units.label(u),
                             "label_zh": v.units.label(u, "zh")} for u in v.units.values],
        "checklists": [{"part": part, "page": checklist_page(part),
                        "csv": checklist_csv(part), "csv_zh": checklist_csv(part, "zh")}
                       for part in CHECKLISTS],
    }


def to_json_data(corpus: Corpus, selection: Selection = EVERYTHING) -> dict:
    from indexer.search.related import see_also

    cited = corpus.cited_by()
    related = see_also(corpus)
    entries = selection.entries(corpus)
    whole = selection == EVERYTHING
    paragraphs = list(corpus.plan.paragraphs.values()) if whole else selection.paragraphs(corpus)
    chosen = {e.id for e in entries}
    return {
        "release": _release(corpus),
        "resolution": {"symbol": SYMBOL, "url": OFFICIAL_URL},
        "vocabulary": vocabulary_record(corpus),
        "entries": [entry_record(corpus, e, related.get(e.id, [])) for e in entries],
        "provisions": [provision_record(corpus, r) for r in all_provisions(corpus)
                       if r.entry.id in chosen],
        "asks": [ask_record(corpus, a) for a in corpus.asks().all()
                 if whole or a.para in {p.key for p in paragraphs}],
        "paragraphs": [paragraph_record(corpus, p, cited[p.key]) for p in paragraphs],
        "footnotes": [
            {"number": f.number, "text_zh": f.text_zh, "text_en": f.text_en,
             "called_by": f.called_by, "paragraph": f.called_by[0] if f.called_by else None}
            for f in corpus.plan.footnotes.values()
        ] if whole else [],
    }


def to_json(corpus: Corpus, selection: Selection = EVERYTHING) -> str:
    return json.dumps(to_json_data(corpus, selection), ensure_ascii=False, indent=2) + "\n"


CSV_FIELDS = ["id", "type", "scope", "title", "short_title", "title_zh", "title_zh_project",
              "cited_as_zh", "region", "subregion", "adopted", "opened_for_signature", "in_force",
              "adopted_by", "place", "status", "symbol", "number", "unts_volume", "unts_number",
              "unts_page", "cets", "ilo", "oj", "url", "named_in", "relevant_to", "develops",
              "last_reviewed", "page_url", "version"]


def csv_row(corpus: Corpus, e: Entry) -> dict:
    c, unts = e.citation, e.citation.unts

    def paras(basis: str) -> str:
        return " ".join(r.para for r in e.plan_refs if r.basis == basis)

    return {"id": e.id, "type": e.type, "scope": corpus.scope(e), "title": e.title,
            "short_title": e.short_title, "title_zh": e.title_zh,
            "title_zh_project": e.title_zh_project, "cited_as_zh": e.cited_as_zh,
            "region": e.region, "subregion": e.subregion, "adopted": e.adopted,
            "opened_for_signature": e.opened_for_signature, "in_force": e.in_force,
            "adopted_by": e.adopted_by, "place": e.place, "status": e.status,
            "symbol": c.symbol, "number": c.number,
            "unts_volume": unts.volume if unts else None,
            "unts_number": unts.number if unts else None,
            "unts_page": unts.page if unts else None, "cets": c.cets, "ilo": c.ilo, "oj": c.oj,
            "url": e.url, "named_in": paras("named"), "relevant_to": paras("relevant"),
            "develops": paras("develops"), "last_reviewed": e.last_reviewed,
            "page_url": corpus.manifest.page_url(e.url_path),
            "version": corpus.manifest.version}


def to_csv(corpus: Corpus, selection: Selection = EVERYTHING) -> str:
    from indexer.publish.bibliography import to_csv as table

    return table([csv_row(corpus, e) for e in selection.entries(corpus)], CSV_FIELDS)
