"""The documents of the search index, as plain dicts built from the model (no engine here).

One document per entry and one per paragraph of the resolution. Every value is a string or a
list of strings, so that any search engine can take them and a document's hash says whether
it changed since the last build.

An entry's document depends on the entry and the Plan only, so the corpus cache keeps it with
the entry's file; it comes back as a ``StoredDocument``, read only when a build needs it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from indexer.corpus.plan import PARTS, PILLARS, SECTIONS, Paragraph, Plan
from indexer.text import plain

if TYPE_CHECKING:
    from indexer.corpus.model import Corpus, Entry, Provision

# Field -> role. The engine maps roles to analysis and weights.
TEXT_FIELDS = ("title", "short_title", "aliases", "title_zh", "ident", "summary", "body",
               "text_en", "text_zh", "notes")
FACET_FIELDS = ("type", "region", "pillar")
KEYWORD_FIELDS = ("kind", "type", "region", "pillar", "paras", "entries")
STORED_ONLY = ("url", "label")

def _citation_text(entry: Entry) -> str:
    cit = entry.citation
    parts = []
    if cit.symbol:
        parts.append(cit.symbol)
    if unts := cit.unts:
        parts.append(f"UNTS {unts.volume} {unts.number or ''} vol. {unts.volume} "
                     f"No. {unts.number or ''} {unts.volume} UNTS {unts.page or ''}")
    if cit.cets:
        parts.append(f"CETS {cit.cets} CETS No. {cit.cets}")
    if cit.ilo:
        parts.append(f"ILO C{cit.ilo:03d} C{cit.ilo} ILO {cit.ilo}")
    if cit.oj:
        parts.append(cit.oj)
    if cit.celex:
        parts.append(cit.celex)
    return "\n".join(parts)


def entry_document(plan: Plan, entry: Entry) -> dict:
    sections = entry.sections()
    summary = sections.get("Summary", "")
    rest = "\n\n".join(f"{h}\n{t}" for h, t in sections.items() if h != "Summary")
    if not sections:
        rest = entry.body
    paras = [r.para for r in entry.plan_refs if r.para in plan.paragraphs]
    pillars = sorted({p for k in paras if (p := plan.paragraphs[k].pillar)})
    ident = [entry.id.replace("-", " "), _citation_text(entry), _provision_refs(entry)]
    facts = [x for x in (entry.adopted_by, entry.place) if x]
    return {
        "docid": f"entry:{entry.id}",
        "id": entry.id,
        "kind": "entry",
        "type": entry.type,
        "region": entry.region,
        "pillar": pillars,
        "paras": list(dict.fromkeys(paras)),
        "entries": [entry.id],
        "title": entry.title,
        "short_title": entry.short_title or "",
        "aliases": list(entry.aliases),
        "title_zh": "\n".join(entry.zh_names),
        "ident": "\n".join(x for x in ident if x),
        "summary": plain(summary),
        "body": plain(rest),
        "text_en": "",
        "text_zh": plain(entry.summary_zh or ""),  # the Chinese summary, searched as Chinese
        "notes": "\n".join([*(r.note for r in entry.plan_refs), *facts]),
        "url": entry.url_path,
        "label": entry.display_title,
        "scope": entry.scope,
        "topics": sorted({t for p in entry.provisions for t in p.topics}),
        "provision_refs": sorted({ref for p in entry.provisions for ref in provision_refs(p)}),
        "provisions": [{"ref": f"{_UNIT_SHORT.get(p.unit, p.unit.capitalize())} {p.number}",
                        "refs": sorted(provision_refs(p)), "title": p.title,
                        "topics": list(p.topics)} for p in entry.provisions],
    }


# How a provision is named in results, and the words a query may use for it ("Art. 6").
_UNIT_SHORT = {"article": "Art.", "paragraph": "Para.", "principle": "Principle",
               "guideline": "Guideline", "rule": "Rule", "regulation": "Regulation"}
_UNIT_WORDS = {"article": "art article", "paragraph": "para paragraph"}


# "Art. 6", "articles 14", "para 3", "principle 2" in a query: the unit word and the number.
_PROVISION_QUERY = re.compile(r"\b(art(?:icle)?s?|para(?:graph)?s?|principles?|guidelines?)\.?"
                              r"\s*(\d+[a-z]?)\b", re.I)
_QUERY_UNITS = {"art": "article", "para": "paragraph", "principle": "principle",
                "guideline": "guideline"}


def provision_refs(p: Provision) -> set[str]:
    """'article:14(7)' and 'article:14' for Art. 14(7): what a query naming it matches."""
    number = p.number.lower()
    return {f"{p.unit}:{number}", f"{p.unit}:{number.split('(')[0]}"}


def query_provision_refs(q: str) -> set[str]:
    """The provisions a query names: "Art. 6" -> {'article:6'}."""
    out = set()
    for word, number in _PROVISION_QUERY.findall(q):
        unit = next(u for prefix, u in _QUERY_UNITS.items() if word.lower().startswith(prefix))
        out.add(f"{unit}:{number.lower()}")
    return out


def _provision_refs(entry: Entry) -> str:
    """'art article 6' for each provision, so that "Art. 6" finds the instruments that have
    one among their key provisions before the texts that mention a 6."""
    return "\n".join(f"{_UNIT_WORDS.get(p.unit, p.unit)} {p.number}" for p in entry.provisions)


def paragraph_document(plan: Plan, para: Paragraph, cited_by: list[str]) -> dict:
    section = SECTIONS[para.section][1] if para.section else PARTS[para.part]
    footnotes = [plan.footnotes[n] for n in para.footnotes if n in plan.footnotes]
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
        "scope": "",
        "topics": [],
        "provision_refs": [],
        "provisions": [],
    }


def entry_documents(corpus: Corpus) -> list[dict]:
    return [entry_document(corpus.plan, e) for e in sorted(corpus, key=lambda e: e.id)]


def paragraph_documents(plan: Plan, citing: dict[str, list[str]]) -> list[dict]:
    """The paragraphs' documents; ``citing``: paragraph key -> ids of the entries citing it."""
    return [paragraph_document(plan, p, citing.get(k, [])) for k, p in plan.paragraphs.items()]


def citing_entries(corpus: Corpus) -> dict[str, list[str]]:
    """Paragraph key -> ids of the entries citing it, each once, in the corpus's order."""
    return {k: list(dict.fromkeys(eid for eid, _ in refs))
            for k, refs in corpus.cited_by().items()}


def documents(corpus: Corpus) -> list[dict]:
    """Every document of the index: entries (by id), then paragraphs (in document order)."""
    return entry_documents(corpus) + paragraph_documents(corpus.plan, citing_entries(corpus))


class StaleDocument(Exception):
    """A stored document is gone or no longer the one its hash names: build from the files."""


class DocumentSource(Protocol):
    def load_document(self, key: str, doc_hash: str) -> dict | None: ...


class StoredDocument(Mapping[str, Any]):
    """A document kept outside memory (by the corpus cache), read in full on first use.

    It knows its ``docid``, its ``title`` and its hash without being read, so that a build
    that rewrites only changed documents reads none of the others. Whatever is read is checked
    against the hash: a document is never given to an index under another's fingerprint.
    """

    __slots__ = ("docid", "title", "hash", "_source", "_key", "_full")

    def __init__(self, docid: str, title: str, doc_hash: str, source: DocumentSource,
                 key: str):
        self.docid = docid
        self.title = title
        self.hash = doc_hash
        self._source = source
        self._key = key
        self._full: dict | None = None

    def full(self) -> dict:
        if self._full is None:
            doc = self._source.load_document(self._key, self.hash)
            if doc is None or _hash(doc) != self.hash or doc.get("docid") != self.docid:
                raise StaleDocument(f"the stored document of {self.docid} is gone or changed")
            self._full = doc
        return self._full

    def __getitem__(self, key: str) -> Any:
        if self._full is None:
            if key == "docid":
                return self.docid
            if key == "title":
                return self.title
        return self.full()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.full())

    def __len__(self) -> int:
        return len(self.full())


def document_hash(doc: Mapping[str, Any]) -> str:
    """A fingerprint of the document (its fields in a fixed order)."""
    if isinstance(doc, StoredDocument):
        return doc.hash  # the hash it was stored under; checked whenever it is read
    return _hash(doc)


def _hash(doc: Mapping[str, Any]) -> str:
    parts = []
    for key in sorted(doc):
        value = doc[key]
        parts.append(key)
        parts.append(_joined(value) if isinstance(value, list) else str(value))
    return hashlib.sha1("\x1e".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _joined(values: list) -> str:
    """A list field as ``_hash`` writes it: strings as they are, anything else as JSON."""
    try:
        return "\x1f".join(values)  # the common case (a paragraph's citing entries: hundreds)
    except TypeError:
        return "\x1f".join(v if isinstance(v, str) else json.dumps(v, sort_keys=True)
                            for v in values)
