"""Citations of entries and paragraphs: UN style, OSCOLA, and bibliography records.

A citation style never guesses: when an entry lacks a fact the style needs, ``cite`` raises
CitationMissing naming the fields to add, instead of printing a wrong citation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import SYMBOL, Paragraph

PLAN_ADOPTED = "2010-07-30"
KB_NAME = "Global Plan of Action against Trafficking in Persons: Reference Knowledge Base"

# adopted_by prefix -> (UN-style name, OSCOLA abbreviation, resolution-symbol prefix)
ISSUERS = [
    ("General Assembly", "General Assembly", "UNGA", "A/RES/"),
    ("Economic and Social Council", "Economic and Social Council", "ECOSOC", "E/RES/"),
    ("Commission on Human Rights", "Commission on Human Rights", "UNCHR", ""),
    ("Human Rights Council", "Human Rights Council", "HRC", "A/HRC/RES/"),
    ("Conference of the Parties", "Conference of the Parties to the United Nations Convention "
     "against Transnational Organized Crime", "Conference of the Parties to the UNTOC", ""),
    ("Security Council", "Security Council", "UNSC", "S/RES/"),
]
ORDINAL = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
           "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"]


class CitationMissing(Exception):
    def __init__(self, subject: str, style: str, missing: list[str]):
        self.missing = missing
        super().__init__(f"cannot cite {subject} in {style} style: missing "
                         + ", ".join(missing) + " (add the fact with its source, or cite another way)")


def long_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _year(iso: str | None) -> str:
    return iso[:4] if iso else ""


@dataclass(frozen=True)
class Facts:
    """What the citation styles read from an entry, with names for what is missing."""

    entry: Entry

    def get(self, path: str):
        value = self.entry.data
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def need(self, style: str, *paths: str) -> None:
        missing = [p for p in paths if self.get(p) in (None, "")]
        if missing:
            raise CitationMissing(self.entry.id, style, missing)


def kind(entry: Entry) -> str:
    """treaty | resolution | decision | document | guidance | reference (bodies, mandates...)."""
    t = entry.type
    if t == "convention":
        return "treaty"
    if t == "resolution":
        return "decision" if re.search(r"\bdecision\b", entry.title, re.I) else "resolution"
    if t in ("declaration", "action-plan"):
        return "document"
    if t == "guidance":
        return "guidance"
    return "reference"


def issuer(entry: Entry) -> tuple[str, str, str] | None:
    by = entry.get("adopted_by") or ""
    for prefix, un_name, oscola_name, sym in ISSUERS:
        if by.startswith(prefix):
            return un_name, oscola_name, sym
    return None


def _treaty_series_un(f: Facts) -> str | None:
    if f.get("citation.unts"):
        return f"United Nations, Treaty Series, vol. {f.get('citation.unts.volume')}, " \
               f"No. {f.get('citation.unts.number')}"
    if f.get("citation.cets"):
        return f"Council of Europe, Treaty Series, No. {f.get('citation.cets')}"
    return None


# ------------------------------------------------------------------ UN style


def un_style(entry: Entry) -> str:
    f, k = Facts(entry), kind(entry)
    if k == "treaty":
        series = _treaty_series_un(f)
        if series:
            return f"{entry.title}, {series}."
        f.need("UN style", "adopted")
        where = f" at {entry.get('place')}" if entry.get("place") else ""
        return f"{entry.title}, adopted{where} on {long_date(entry.get('adopted'))}."
    if k in ("resolution", "decision"):
        f.need("UN style", "adopted_by", "citation.number", "adopted")
        who = issuer(entry)
        if who is None:
            raise CitationMissing(entry.id, "UN style", ["adopted_by (a known issuing body)"])
        text = f"{who[0]} {k} {f.get('citation.number')} of {long_date(entry.get('adopted'))}"
        symbol = f.get("citation.symbol")
        if symbol and not symbol.startswith(who[2] or "\0"):
            text += f" (see {symbol})"
        return text + "."
    if k in ("document", "guidance"):
        who, number = issuer(entry), f.get("citation.number")
        if who and number and entry.get("adopted"):  # a declaration adopted by a resolution
            return (f"{entry.title}, {who[0]} resolution {number} of "
                    f"{long_date(entry.get('adopted'))}.")
        symbol = f.get("citation.symbol")
        if symbol:
            return f"{entry.title} ({symbol})."
        f.need("UN style", "adopted")
        by = f", {entry.get('adopted_by')}" if entry.get("adopted_by") else ""
        return f"{entry.title}{by}, {long_date(entry.get('adopted'))}."
    return _reference(entry, "UN style")


def _reference(entry: Entry, style: str) -> str:
    """Bodies, mandates, mechanisms, events, practices: cite the knowledge-base entry."""
    reviewed = entry.get("last_reviewed")
    if not reviewed:
        raise CitationMissing(entry.id, style, ["last_reviewed"])
    if style == "OSCOLA":
        return f"{KB_NAME}, '{entry.title}' (last reviewed {long_date(reviewed)}) <{entry.url}>"
    return f"{KB_NAME}, \"{entry.title}\", entry {entry.id} (last reviewed {long_date(reviewed)})."


# ------------------------------------------------------------------ OSCOLA


def oscola(entry: Entry) -> str:
    f, k = Facts(entry), kind(entry)
    if k == "treaty":
        dates = []
        if entry.get("adopted"):
            dates.append(f"adopted {long_date(entry.get('adopted'))}")
        if entry.get("in_force"):
            dates.append(f"entered into force {long_date(entry.get('in_force'))}")
        head = entry.title + (f" ({', '.join(dates)})" if dates else "")
        if f.get("citation.unts"):
            f.need("OSCOLA", "citation.unts.page")
            return f"{head} {f.get('citation.unts.volume')} UNTS {f.get('citation.unts.page')}"
        if f.get("citation.cets"):
            return f"{head} CETS No {f.get('citation.cets')}"
        f.need("OSCOLA", "citation.unts", "adopted")
    if k in ("resolution", "decision"):
        f.need("OSCOLA", "adopted_by", "citation.number", "adopted", "citation.symbol")
        who = issuer(entry)
        if who is None:
            raise CitationMissing(entry.id, "OSCOLA", ["adopted_by (a known issuing body)"])
        short = "Res" if k == "resolution" else "Dec"
        sep = ", " if " " in who[1] else " "  # "UNGA Res", but "Conference of ..., Dec"
        return (f"{who[1]}{sep}{short} {f.get('citation.number')} ({long_date(entry.get('adopted'))}) "
                f"UN Doc {f.get('citation.symbol')}")
    if k in ("document", "guidance"):
        who, number = issuer(entry), f.get("citation.number")
        if who and number and entry.get("adopted") and f.get("citation.symbol"):
            sep = ", " if " " in who[1] else " "
            return (f"{entry.title}, {who[1]}{sep}Res {number} ({long_date(entry.get('adopted'))}) "
                    f"UN Doc {f.get('citation.symbol')}")
        symbol = f.get("citation.symbol")
        by = entry.get("adopted_by")
        year = _year(entry.get("adopted"))
        if symbol:
            author = f"{by}, " if by else ""
            when = f" ({year})" if year else ""
            return f"{author}'{entry.title}'{when} UN Doc {symbol}"
        f.need("OSCOLA", "adopted_by", "adopted")
        url = f" <{entry.get('url')}>" if entry.get("url") else ""
        return f"{by}, {entry.title} ({year}){url}"
    return _reference(entry, "OSCOLA")


# ------------------------------------------------------------------ paragraphs


def paragraph_un(para: Paragraph) -> str:
    base = f"General Assembly resolution {SYMBOL.split('/')[-2]}/{SYMBOL.split('/')[-1]}"
    if para.part == "preamble":
        n = int(re.match(r"\d+", para.number).group())
        item = para.number[len(str(n)):]
        text = f"{base}, {ORDINAL[n - 1]} preambular paragraph"
        return text + (f", subparagraph {item}" if item else "") + "."
    if para.part == "operative":
        return f"{base}, para. {para.number}."
    if para.key == "gpa0":
        return f"{base}, annex, introductory part."
    return f"{base}, annex, para. {para.number.replace('(', ' (')}."


def paragraph_oscola(para: Paragraph) -> str:
    head = f"UNGA Res 64/293 ({long_date(PLAN_ADOPTED)}) UN Doc {SYMBOL}"
    if para.part == "preamble":
        return f"{head}, preamble para {para.number}"
    if para.part == "operative":
        return f"{head}, para {para.number}"
    if para.key == "gpa0":
        return f"{head}, annex, introduction"
    return f"{head}, annex para {para.number}"


# ------------------------------------------------------------------ records for bibliographies


def csl_item(corpus: Corpus, entry: Entry) -> dict:
    """A CSL-JSON item with only the facts the entry has."""
    k = kind(entry)
    csl_type = {"treaty": "treaty", "resolution": "legislation", "decision": "legislation",
                "document": "document", "guidance": "report"}.get(k, "entry-encyclopedia")
    item: dict = {"id": entry.id, "type": csl_type, "title": entry.title}
    if entry.get("short_title"):
        item["title-short"] = entry.get("short_title")
    if entry.get("adopted"):
        y, m, d = (int(x) for x in entry.get("adopted").split("-"))
        item["issued"] = {"date-parts": [[y, m, d]]}
    who = issuer(entry)
    if entry.get("adopted_by"):
        item["authority" if k in ("resolution", "decision") else "publisher"] = (
            who[0] if who else entry.get("adopted_by"))
    if entry.get("place"):
        item["publisher-place"] = entry.get("place")
    f = Facts(entry)
    if f.get("citation.number"):
        item["number"] = f.get("citation.number")
    if f.get("citation.symbol"):
        item["archive_location"] = f.get("citation.symbol")
    if f.get("citation.unts"):
        item["container-title"] = "United Nations Treaty Series"
        item["volume"] = str(f.get("citation.unts.volume"))
        item["number"] = str(f.get("citation.unts.number"))
        if f.get("citation.unts.page"):
            item["page"] = str(f.get("citation.unts.page"))
    elif f.get("citation.cets"):
        item["container-title"] = "Council of Europe Treaty Series"
        item["number"] = str(f.get("citation.cets"))
    if entry.get("url"):
        item["URL"] = entry.get("url")
    if csl_type == "entry-encyclopedia":
        item["container-title"] = KB_NAME
    return item


def paragraph_csl(para: Paragraph) -> dict:
    return {"id": f"a-res-64-293-{para.key}", "type": "legislation",
            "title": f"United Nations Global Plan of Action to Combat Trafficking in Persons, {para.label}",
            "authority": "General Assembly", "number": "64/293", "archive_location": SYMBOL,
            "issued": {"date-parts": [[2010, 7, 30]]}, "section": para.label}


STYLES = ("un", "oscola", "bibtex", "ris", "csl-json")


def cite_text(corpus: Corpus, subject: str, style: str) -> str:
    """The citation of an entry id or paragraph key in one style."""
    from indexer.publish import bibliography  # formats that use third-party writers

    if subject in corpus.plan.paragraphs:
        para = corpus.plan.paragraphs[subject]
        if style == "un":
            return paragraph_un(para)
        if style == "oscola":
            return paragraph_oscola(para)
        return bibliography.render([paragraph_csl(para)], style)
    if subject not in corpus.entries:
        raise KeyError(subject)
    entry = corpus.entries[subject]
    if style == "un":
        return un_style(entry)
    if style == "oscola":
        return oscola(entry)
    return bibliography.render([csl_item(corpus, entry)], style)
