"""Bibliography files (BibTeX, RIS, CSL-JSON) and the CSV table, from CSL-JSON items.

Record types follow the document: a treaty is a treaty, a resolution a piece of legislation, a
judgment a case, a report a report, a page of the knowledge base a web page (BibTeX uses the
biblatex names, which OSCOLA styles understand). Values are escaped for each format: BibTeX's
special characters become LaTeX commands, RIS values are one line, CSV cells never start a
formula.
"""

from __future__ import annotations

import csv
import io
import json
import re

import bibtexparser
import rispy
from bibtexparser.model import Entry as BibEntry
from bibtexparser.model import Field

# genre (indexer.publish.cite.kind) -> BibTeX entry type, RIS type
BIB_TYPES = {"treaty": "legal", "resolution": "legislation", "decision": "legislation",
             "document": "misc", "guidance": "report", "report": "report", "case": "jurisdiction",
             "entry": "online"}
RIS_TYPES = {"treaty": "TREATY", "resolution": "GOVDOC", "decision": "GOVDOC",
             "document": "GOVDOC", "guidance": "RPRT", "report": "RPRT", "case": "CASE",
             "entry": "ELEC"}

# BibTeX has no quoting: a value is safe when every character with a meaning to BibTeX or
# LaTeX is written as a command. Braces become \textbraceleft{}/\textbraceright{} (not \{ \}:
# BibTeX counts those as braces, so an unbalanced one would end the value). ``bib_unescape``
# is the exact inverse, used by the tests to check that any title round-trips.
BIB_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "%": r"\%", "$": r"\$", "&": r"\&", "#": r"\#", "_": r"\_",
    "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}
_BIB_UNESCAPE = re.compile("|".join(re.escape(v) for v in sorted(BIB_ESCAPES.values(), key=len,
                                                                 reverse=True)))
_BIB_INVERSE = {v: k for k, v in BIB_ESCAPES.items()}


def one_line(value) -> str:
    """A value on one line: line breaks and runs of spaces become one space."""
    return " ".join(str(value).split())


_BIB_TABLE = str.maketrans(BIB_ESCAPES)


def bib_escape(value) -> str:
    return one_line(value).translate(_BIB_TABLE)


def bib_unescape(value: str) -> str:
    return _BIB_UNESCAPE.sub(lambda m: _BIB_INVERSE[m.group()], value)


def _year(item: dict) -> str | None:
    parts = item.get("issued", {}).get("date-parts")
    return str(parts[0][0]) if parts else None


def _date(item: dict) -> str | None:
    parts = item.get("issued", {}).get("date-parts")
    return "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(parts[0])) if parts else None


def _series(item: dict) -> str | None:
    if item.get("container-title") == "United Nations Treaty Series":
        note = f"United Nations, Treaty Series, vol. {item['volume']}"
        note += f", No. {item['number']}" if item.get("number") else ""
        return note + (f", p. {item['page']}" if item.get("page") else "")
    if item.get("container-title") == "Council of Europe Treaty Series":
        return f"Council of Europe Treaty Series, No. {item['number']}"
    return None


def to_bibtex(items: list[dict]) -> str:
    library = bibtexparser.Library()
    for item in items:
        genre = item.get("genre", "entry")
        fields = {"title": item["title"]}
        if _year(item):
            fields["year"] = _year(item) or ""
            fields["date"] = _date(item) or ""
        org = item.get("authority") or item.get("publisher")
        if org:
            key = {"report": "institution", "jurisdiction": "institution",
                   "legislation": "organization"}.get(BIB_TYPES[genre], "organization")
            fields[key] = org
        if item.get("publisher-place"):
            fields["address"] = item["publisher-place"]
        if genre == "entry":
            fields["organization"] = item.get("container-title", "")
            fields["version"] = item.get("version", "")
        if item.get("archive_location"):
            fields["number"] = item["archive_location"]
        elif item.get("number") and genre == "case":
            fields["number"] = item["number"]
        if item.get("note"):
            fields["howpublished"] = item["note"]
        if (series := _series(item)) is not None:
            fields["note"] = series
        if genre in ("treaty", "resolution", "decision"):
            fields["entrysubtype"] = genre
        if item.get("URL"):
            fields["url"] = item["URL"]
        # Values are enclosed here, so the writer needs none of its middlewares (which
        # deep-copy every block: most of the time of a site build's 3,000 small files).
        entry = BibEntry(BIB_TYPES[genre], item["id"],
                         [Field(k, ("{{" if k == "title" else "{") + bib_escape(v)
                                + ("}}" if k == "title" else "}"))
                          for k, v in fields.items() if v])
        library.add(entry)
    return bibtexparser.write_string(library, unparse_stack=[])


def bibtex_header(name: str, edition: str, site_url: str) -> str:
    """Comment lines that say which release a BibTeX file comes from. BibTeX reads nothing
    outside an entry but an '@', so none is written ('@' in the address is %-encoded)."""
    text = f"% {one_line(name)}, {one_line(edition)}.\n% {one_line(site_url)}\n\n"
    return text.replace("@", "%40")


def to_ris(items: list[dict]) -> str:
    records = []
    for item in items:
        rec = {"type_of_reference": RIS_TYPES[item.get("genre", "entry")], "title": item["title"],
               "id": item["id"]}
        if _date(item):
            rec["date"] = (_date(item) or "").replace("-", "/")
            rec["year"] = _year(item)
        org = item.get("authority") or item.get("publisher")
        if org:
            rec["authors"] = [org]
        if item.get("publisher-place"):
            rec["place_published"] = item["publisher-place"]
        if item.get("container-title"):
            rec["secondary_title"] = item["container-title"]
        for key, ris in (("volume", "volume"), ("number", "number"), ("page", "start_page"),
                         ("version", "edition")):
            if item.get(key):
                rec[ris] = item[key]
        if item.get("note"):
            rec["notes"] = [item["note"]]
        if item.get("URL"):
            rec["urls"] = [item["URL"]]
        records.append(rec)
    # RIS is one tag per line: a line break inside a value would start a forged tag
    return rispy.dumps([{k: [one_line(x) for x in v] if isinstance(v, list) else one_line(v)
                         for k, v in rec.items()} for rec in records])


def to_csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula gets a leading
    apostrophe (OWASP, CSV injection)."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: list[dict], fields: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()
