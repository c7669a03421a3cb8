"""Bibliography files (BibTeX, RIS, CSL-JSON, CSV) from CSL-JSON items.

BibTeX is written with bibtexparser and RIS with rispy, well-kept libraries that handle
escaping and field order; CSL-JSON is the items themselves.
"""

from __future__ import annotations

import csv
import io
import json

import bibtexparser
import rispy
from bibtexparser.model import Entry as BibEntry
from bibtexparser.model import Field

BIB_TYPES = {"treaty": "misc", "legislation": "misc", "document": "misc", "report": "techreport",
             "entry-encyclopedia": "misc"}
RIS_TYPES = {"treaty": "LEGAL", "legislation": "GOVDOC", "document": "GOVDOC", "report": "RPRT",
             "entry-encyclopedia": "ENCYC"}


def _year(item: dict) -> str | None:
    parts = item.get("issued", {}).get("date-parts")
    return str(parts[0][0]) if parts else None


def _date(item: dict) -> str | None:
    parts = item.get("issued", {}).get("date-parts")
    return "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(parts[0])) if parts else None


def _series_note(item: dict) -> str | None:
    if item.get("container-title") == "United Nations Treaty Series":
        note = f"United Nations, Treaty Series, vol. {item['volume']}, No. {item['number']}"
        return note + (f", p. {item['page']}" if item.get("page") else "")
    if item.get("container-title") == "Council of Europe Treaty Series":
        return f"Council of Europe Treaty Series, No. {item['number']}"
    return None


def to_bibtex(items: list[dict]) -> str:
    library = bibtexparser.Library()
    for item in items:
        fields = {"title": "{" + item["title"] + "}"}  # double braces keep the title's case
        if _year(item):
            fields["year"] = _year(item)
            fields["date"] = _date(item)
        org = item.get("authority") or item.get("publisher")
        if org:
            fields["institution" if BIB_TYPES[item["type"]] == "techreport" else "organization"] = org
        if item.get("publisher-place"):
            fields["address"] = item["publisher-place"]
        if item.get("archive_location"):
            fields["number"] = item["archive_location"]
            fields["howpublished"] = f"UN Doc {item['archive_location']}"
        note = _series_note(item)
        if note:
            fields["note"] = note
        if item.get("URL"):
            fields["url"] = item["URL"]
        # Values are enclosed here, so the writer needs none of its middlewares (which
        # deep-copy every block: most of the time of a site build's 3,000 small files).
        entry = BibEntry(BIB_TYPES[item["type"]], item["id"],
                         [Field(k, "{" + v + "}") for k, v in fields.items()])
        library.add(entry)
    return bibtexparser.write_string(library, unparse_stack=[])


def to_ris(items: list[dict]) -> str:
    records = []
    for item in items:
        rec = {"type_of_reference": RIS_TYPES[item["type"]], "title": item["title"], "id": item["id"]}
        if _date(item):
            rec["date"] = _date(item).replace("-", "/")
            rec["year"] = _year(item)
        org = item.get("authority") or item.get("publisher")
        if org:
            rec["authors"] = [org]
        if item.get("publisher-place"):
            rec["place_published"] = item["publisher-place"]
        if item.get("container-title"):
            rec["secondary_title"] = item["container-title"]
        if item.get("volume"):
            rec["volume"] = item["volume"]
        if item.get("number"):
            rec["number"] = item["number"]
        if item.get("page"):
            rec["start_page"] = item["page"]
        if item.get("archive_location"):
            rec["notes"] = [f"UN Doc {item['archive_location']}"]
        if item.get("URL"):
            rec["urls"] = [item["URL"]]
        records.append(rec)
    return rispy.dumps(records)


def to_csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


CSV_FIELDS = ["id", "type", "title", "short_title", "title_zh", "cited_as_zh", "region", "subregion",
              "adopted",
              "opened_for_signature", "in_force", "adopted_by", "place", "status", "symbol",
              "number", "unts_volume", "unts_number", "unts_page", "cets", "ilo", "url",
              "plan_refs", "last_reviewed", "page"]


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


RENDERERS = {"bibtex": to_bibtex, "ris": to_ris, "csl-json": to_csl_json}


def render(items: list[dict], style: str) -> str:
    return RENDERERS[style](items)
