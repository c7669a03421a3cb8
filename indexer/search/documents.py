"""The documents of the search index, as plain dicts built from the model (no engine here).

One document per entry and one per paragraph of the resolution. Every value is a string or a
list of strings, so that any search engine can take them and a document's hash says whether
it changed since the last build.
"""

from __future__ import annotations

import hashlib
import re

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import PARTS, PILLARS, SECTIONS, Paragraph

# Field -> role. The engine maps roles to analysis and weights.
TEXT_FIELDS = ("title", "short_title", "aliases", "title_zh", "ident", "summary", "body",
               "text_en", "text_zh", "notes")
FACET_FIELDS = ("type", "region", "pillar")
KEYWORD_FIELDS = ("kind", "type", "region", "pillar", "paras", "entries")
STORED_ONLY = ("url", "label")

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = str.maketrans("", "", "*_`#>")


def plain(markdown: str) -> str:
    """Markdown reduced to its words (links keep their text)."""
    if "](" in markdown:
        markdown = _MD_LINK.sub(lambda m: m.group(1), markdown)
    return markdown.translate(_MD_MARKS).strip()


def _citation_text(entry: Entry) -> str:
    cit = entry.get("citation") or {}
    parts = []
    if cit.get("symbol"):
        parts.append(str(cit["symbol"]))
    if unts := cit.get("unts"):
        parts.append(f"UNTS {unts.get('volume')} {unts.get('number')} "
                     f"vol. {unts.get('volume')} No. {unts.get('number')}")
    if cit.get("cets"):
        parts.append(f"CETS {cit['cets']} CETS No. {cit['cets']}")
    if cit.get("ilo"):
        parts.append(f"ILO C{int(cit['ilo']):03d} C{cit['ilo']} ILO {cit['ilo']}")
    return "\n".join(parts)


def entry_document(corpus: Corpus, entry: Entry) -> dict:
    sections = entry.sections()
    summary = sections.get("Summary", "")
    rest = "\n\n".join(f"{h}\n{t}" for h, t in sections.items() if h != "Summary")
    if not sections:
        rest = entry.body
    paras = [r["para"] for r in entry.plan_refs if r.get("para") in corpus.plan.paragraphs]
    pillars = sorted({p for k in paras if (p := corpus.plan.paragraphs[k].pillar)})
    ident = [entry.id.replace("-", " "), _citation_text(entry)]
    facts = [str(entry.get(k)) for k in ("adopted_by", "place") if entry.get(k)]
    return {
        "docid": f"entry:{entry.id}",
        "id": entry.id,
        "kind": "entry",
        "type": entry.type,
        "region": entry.get("region") or "",
        "pillar": pillars,
        "paras": list(dict.fromkeys(paras)),
        "entries": [entry.id],
        "title": entry.title,
        "short_title": entry.get("short_title") or "",
        "aliases": list(entry.aliases),
        "title_zh": "\n".join(entry.zh_names),
        "ident": "\n".join(x for x in ident if x),
        "summary": plain(summary),
        "body": plain(rest),
        "text_en": "",
        "text_zh": "",
        "notes": "\n".join([*(r.get("note", "") for r in entry.plan_refs), *facts]),
        "url": entry.url,
        "label": entry.display_title,
    }


def paragraph_document(corpus: Corpus, para: Paragraph, cited_by: list[str]) -> dict:
    section = SECTIONS[para.section][1] if para.section else PARTS[para.part]
    footnotes = [corpus.plan.footnotes[n] for n in para.footnotes if n in corpus.plan.footnotes]
    return {
        "docid": f"paragraph:{para.key}",
        "id": para.key,
        "kind": "paragraph",
        "type": "",
        "region": "",
        "pillar": [para.pillar] if para.pillar else [],
        "paras": [para.key],
        "entries": list(cited_by),
        "title": f"{para.label} ({section})",
        "short_title": "",
        "aliases": [],
        "title_zh": "",
        "ident": f"{para.key} {para.label} {PILLARS.get(para.pillar or '', '')}".strip(),
        "summary": "",
        "body": "",
        "text_en": para.text_en,
        "text_zh": para.text_zh,
        "notes": "\n".join(x for f in footnotes for x in (f.text_zh, f.text_en) if x),
        "url": para.url,
        "label": para.label,
    }


def entry_documents(corpus: Corpus) -> list[dict]:
    return [entry_document(corpus, e) for e in sorted(corpus, key=lambda e: e.id)]


def paragraph_documents(corpus: Corpus) -> list[dict]:
    cited = corpus.cited_by()
    return [paragraph_document(corpus, p, list(dict.fromkeys(eid for eid, _ in cited[k])))
            for k, p in corpus.plan.paragraphs.items()]


def documents(corpus: Corpus) -> list[dict]:
    """Every document of the index: entries (by id), then paragraphs (in document order)."""
    return entry_documents(corpus) + paragraph_documents(corpus)


def document_hash(doc: dict) -> str:
    """A fingerprint of the document (its fields in a fixed order)."""
    parts = []
    for key in sorted(doc):
        value = doc[key]
        parts.append(key)
        parts.append("\x1f".join(value) if isinstance(value, list) else str(value))
    return hashlib.sha1("\x1e".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
