"""Citations of entries and paragraphs: United Nations style, OSCOLA, and bibliography records.

A style never guesses. When an entry lacks a fact the style needs, ``CitationMissing`` says in
plain words what is missing (never a field name), and the caller offers another style instead of
a half citation. Who issued a text comes from the entry's ``issuer`` (a vocabulary of the
schema, matched exactly), so 'UN Doc' goes only before United Nations document symbols.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.corpus.manifest import Manifest
from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import SYMBOL, Paragraph
from indexer.publish.dates import long_date
from indexer.schema import load_schema

PLAN_ADOPTED = "2010-07-30"
ORDINAL = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
           "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"]
# Series of UN document symbols (the first part of the symbol): only these get "UN Doc".
_UN_SYMBOL = re.compile(r"^(A|E|S|ST|CTOC|CRC|CEDAW|CCPR|CERD|CAT|CMW|CED|CRPD|HRI|TD|DP|UNEP|"
                        r"JIU|ECE|ESCAP|ECA|ECLAC|ESCWA)/")
# What a reader is told is missing (no schema field names).
MISSING_WORDS = {
    "adopted": "the date it was adopted",
    "in_force": "the date it entered into force",
    "issuer": "the body that adopted it",
    "citation.number": "its number",
    "citation.symbol": "its document symbol",
    "citation.unts": "its Treaty Series reference",
    "citation.unts.page": "the first page of the treaty in the Treaty Series volume",
    "case": "the court, the date and the case number",
    "last_reviewed": "the date the entry was last reviewed",
    "title_zh": "its official Chinese title",
}
MISSING_WORDS_ZH = {
    "adopted": "通过日期",
    "in_force": "生效日期",
    "issuer": "通过机构",
    "citation.number": "编号",
    "citation.symbol": "文件编号",
    "citation.unts": "《联合国条约汇编》出处",
    "citation.unts.page": "在《联合国条约汇编》该卷中的起始页码",
    "case": "法院、判决日期和案号",
    "last_reviewed": "最近审核日期",
    "title_zh": "正式中文名称",
}


class CitationMissing(Exception):
    """A style cannot cite the subject: ``missing`` names the facts in plain words."""

    def __init__(self, subject: str, style: str, missing: list[str]):
        self.subject, self.style = subject, style
        self.facts = list(missing)  # the fields, for other languages' words (MISSING_WORDS_ZH)
        self.missing = [MISSING_WORDS.get(m, m) for m in missing]
        super().__init__(f"cannot cite {subject} in {style}: the entry does not give "
                         + ", ".join(self.missing))


@dataclass(frozen=True)
class Issuer:
    key: str
    name: str
    name_zh: str
    oscola: str
    un: bool  # a United Nations organ or office: its documents are UN documents
    acts: str  # what it adopts: resolution, decision, document, convention, ...


def issuers() -> dict[str, Issuer]:
    table = load_schema()["$defs"]["issuer"]["x-issuers"]
    return {k: Issuer(k, v["name"], v["name_zh"], v["oscola"], v["un"], v["acts"])
            for k, v in table.items()}


def issuer_of(entry: Entry) -> Issuer | None:
    key = entry.data.get("issuer")
    return issuers().get(key) if key else None


def is_un_symbol(symbol: str) -> bool:
    return bool(_UN_SYMBOL.match(symbol))


def doc_ref(symbol: str) -> str:
    """'UN Doc A/RES/55/25' for a UN document symbol; other symbols as they are."""
    return f"UN Doc {symbol}" if is_un_symbol(symbol) else symbol


def kind(entry: Entry) -> str:
    """treaty | resolution | decision | document | guidance | report | case | entry."""
    cite_as = _cite_as(entry.type)
    if cite_as == "resolution":
        decision = re.search(r"\bdecision\b", entry.title, re.I)
        who = issuer_of(entry)
        return "decision" if decision or (who and who.acts == "decision") else "resolution"
    return {"treaty": "treaty", "document": "document", "guidance": "guidance",
            "report": "report", "case": "case"}.get(cite_as, "entry")


def _cite_as(entry_type: str) -> str:
    from indexer.schema import vocabulary

    info = vocabulary().types.get(entry_type)
    return info.cite_as if info else "reference"


def _need(entry: Entry, style: str, facts: dict[str, object]) -> None:
    """Raise CitationMissing naming each of ``facts`` (field -> value) that has no value."""
    missing = [name for name, value in facts.items() if value in (None, "")]
    if missing:
        raise CitationMissing(entry.id, style, missing)


def _dates(entry: Entry) -> str:
    parts = []
    if entry.adopted:
        parts.append(f"adopted {long_date(entry.adopted)}")
    if entry.in_force:
        parts.append(f"entered into force {long_date(entry.in_force)}")
    return f" ({', '.join(parts)})" if parts else ""


def _oj_oscola(oj: str) -> str | None:
    """'OJ L 101, 15.4.2011, p. 1' -> '[2011] OJ L101/1'."""
    m = re.match(r"^OJ ([A-Z]{1,2}) ([0-9]+[A-Z]?), [0-9]{1,2}\.[0-9]{1,2}\.([0-9]{4}), p\. ([0-9]+)$",
                 oj)
    return f"[{m.group(3)}] OJ {m.group(1)}{m.group(2)}/{m.group(4)}" if m else None


# ------------------------------------------------------------------ United Nations style


def un_style(entry: Entry, manifest: Manifest) -> str:
    k, who, c = kind(entry), issuer_of(entry), entry.citation
    if k == "treaty":
        if c.unts:
            no = f", No. {c.unts.number}" if c.unts.number else f", p. {c.unts.page}" \
                if c.unts.page else ""
            return f"{entry.title}, United Nations, Treaty Series, vol. {c.unts.volume}{no}."
        if c.cets:
            return f"{entry.title}, Council of Europe, Treaty Series, No. {c.cets}."
        if c.oj:
            return f"{entry.title}, Official Journal of the European Union, {c.oj.removeprefix('OJ ')}."
        _need(entry, "United Nations style", {"adopted": entry.adopted})
        where = f" at {entry.place}" if entry.place else ""
        return f"{entry.title}, adopted{where} on {long_date(entry.adopted or '')}."
    if k in ("resolution", "decision"):
        _need(entry, "United Nations style",
              {"issuer": who, "citation.number": c.number, "adopted": entry.adopted})
        assert who is not None and entry.adopted
        text = f"{who.name} {k} {c.number} of {long_date(entry.adopted)}"
        if c.symbol and not c.symbol.endswith(f"/{c.number}"):
            text += f" (see {c.symbol})"
        return text + "."
    if k in ("document", "guidance", "report"):
        if who and who.acts == "resolution" and c.number and entry.adopted:
            return (f"{entry.title}, {who.name} resolution {c.number} of "
                    f"{long_date(entry.adopted)}.")
        if c.symbol:
            return f"{entry.title} ({c.symbol})."
        if entry.adopted:
            by = f", {who.name if who else entry.adopted_by}" if (who or entry.adopted_by) else ""
            return f"{entry.title}{by}, {long_date(entry.adopted)}."
        return _kb_entry(entry, manifest, "un")
    if k == "case":
        _need(entry, "United Nations style", {"case": entry.case})
        assert entry.case is not None
        case = entry.case
        return (f"{case.court}, {case.parties or entry.title}, {case.number}, judgment of "
                f"{long_date(case.decided)}.")
    return _kb_entry(entry, manifest, "un")


# ------------------------------------------------------------------ United Nations style, in Chinese


def un_style_zh(entry: Entry, manifest: Manifest) -> str:
    """The entry as Chinese United Nations documents cite it: 《联合国打击跨国有组织犯罪公约》，
    联合国，《条约汇编》，第2225卷，第39574号。 A text is named by its official Chinese title
    only (``title_zh``): a project's rendering is not a title to cite, so without one the citation
    is missing, never made up. Resolutions and decisions are cited by body, date and number;
    bodies, mechanisms and practices by the knowledge base's Chinese page."""
    k, who, c = kind(entry), issuer_of(entry), entry.citation
    style = "United Nations style (Chinese)"
    if k in ("resolution", "decision"):
        _need(entry, style, {"issuer": who, "citation.number": c.number, "adopted": entry.adopted})
        assert who is not None and entry.adopted
        act = "决定" if k == "decision" else "决议"
        text = f"{who.name_zh}{long_date(entry.adopted, 'zh')}第{c.number}号{act}"
        if c.symbol and not c.symbol.endswith(f"/{c.number}"):
            text += f"（见{c.symbol}）"
        return text + "。"
    if k == "entry":
        return _kb_entry_zh(entry, manifest)
    _need(entry, style, {"title_zh": entry.title_zh})
    title = f"《{entry.title_zh}》"
    if k == "treaty":
        if c.unts:
            no = (f"，第{c.unts.number}号" if c.unts.number else
                  f"，第{c.unts.page}页" if c.unts.page else "")
            return f"{title}，联合国，《条约汇编》，第{c.unts.volume}卷{no}。"
        if c.cets:
            return f"{title}，欧洲委员会，《条约汇编》，第{c.cets}号。"
        if c.oj:
            return f"{title}，《欧洲联盟公报》，{c.oj.removeprefix('OJ ')}。"
        _need(entry, style, {"adopted": entry.adopted})
        return f"{title}，{long_date(entry.adopted or '', 'zh')}通过。"
    if k in ("document", "guidance", "report"):
        if who and who.acts == "resolution" and c.number and entry.adopted:
            return f"{title}，{who.name_zh}{long_date(entry.adopted, 'zh')}第{c.number}号决议。"
        if c.symbol:
            return f"{title}（{c.symbol}）。"
        if entry.adopted:
            by = f"，{who.name_zh}" if who else ""
            return f"{title}{by}，{long_date(entry.adopted, 'zh')}。"
        return _kb_entry_zh(entry, manifest)
    _need(entry, style, {"case": entry.case})
    assert entry.case is not None
    return f"{title}，{entry.case.number}，{long_date(entry.case.decided, 'zh')}判决。"


def _kb_entry_zh(entry: Entry, manifest: Manifest) -> str:
    """The knowledge base's Chinese page, named as that page names the entry."""
    from indexer.corpus.names import entry_title

    name = manifest.name_zh or manifest.name
    title, _ = entry_title(entry, "zh")
    url = manifest.page_url(entry.url_path, "zh")
    return (f"{name}，“{title}”，版本{manifest.version}，{long_date(manifest.released, 'zh')}。"
            f"网址：{url}")


def _kb_entry(entry: Entry, manifest: Manifest, style: str) -> str:
    """Bodies, mandates, mechanisms, events, practices: cite the knowledge base's own page."""
    url = manifest.page_url(entry.url_path)
    if style == "oscola":
        return (f"{manifest.name}, '{entry.title}' (version {manifest.version}, "
                f"{long_date(manifest.released)}) <{url}>")
    return f"{manifest.name}, \"{entry.title}\", {manifest.edition}. Available at {url}."


# ------------------------------------------------------------------ OSCOLA


def oscola(entry: Entry, manifest: Manifest) -> str:
    k, who, c = kind(entry), issuer_of(entry), entry.citation
    if k == "treaty":
        head = entry.title + _dates(entry)
        if c.unts:
            _need(entry, "OSCOLA", {"citation.unts.page": c.unts.page})
            return f"{head} {c.unts.volume} UNTS {c.unts.page}"
        if c.cets:
            return f"{head} CETS No {c.cets}"
        if c.oj and (oj := _oj_oscola(c.oj)):
            return f"{entry.title} {oj}"
        _need(entry, "OSCOLA", {"citation.unts": None})
    if k in ("resolution", "decision"):
        _need(entry, "OSCOLA", {"issuer": who, "citation.number": c.number, "adopted": entry.adopted})
        assert who is not None and entry.adopted
        short = "Res" if k == "resolution" else "Dec"
        sep = ", " if " " in who.oscola else " "  # "UNGA Res", "Conference of ..., Dec"
        text = f"{who.oscola}{sep}{short} {c.number} ({long_date(entry.adopted)})"
        return text + (f" {doc_ref(c.symbol)}" if c.symbol else "")
    if k in ("document", "guidance", "report"):
        author = f"{who.oscola if who else entry.adopted_by}, " if (who or entry.adopted_by) else ""
        if who and who.acts == "resolution" and c.number and entry.adopted:
            sep = ", " if " " in who.oscola else " "
            text = f"{entry.title}, {who.oscola}{sep}Res {c.number} ({long_date(entry.adopted)})"
            return text + (f" {doc_ref(c.symbol)}" if c.symbol else "")
        year = f" ({entry.adopted[:4]})" if entry.adopted else ""
        if c.symbol:
            return f"{author}'{entry.title}'{year} {doc_ref(c.symbol)}"
        if entry.adopted:
            url = f" <{entry.url}>" if entry.url else ""
            return f"{author}{entry.title}{year}{url}"
        return _kb_entry(entry, manifest, "oscola")
    if k == "case":
        _need(entry, "OSCOLA", {"case": entry.case})
        assert entry.case is not None
        case = entry.case
        parties = (case.parties or entry.title).replace(" v. ", " v ")
        court = {"European Court of Human Rights": "ECtHR"}.get(case.court, case.court)
        number = case.number.replace("Application no. ", "App no ").replace("Application No. ",
                                                                                "App no ")
        return f"{parties} {number} ({court}, {long_date(case.decided)})"
    return _kb_entry(entry, manifest, "oscola")


# ------------------------------------------------------------------ paragraphs of the Plan


def paragraph_un(para: Paragraph) -> str:
    base = "General Assembly resolution 64/293"
    if para.part == "preamble":
        m = re.match(r"\d+", para.number)
        n = int(m.group()) if m else 0
        item = para.number[len(str(n)):]
        text = f"{base}, {ORDINAL[n - 1]} preambular paragraph"
        return text + (f", subparagraph {item}" if item else "") + "."
    if para.part == "operative":
        return f"{base}, para. {para.number}."
    if para.key == "gpa0":
        return f"{base}, annex, introductory part."
    return f"{base}, annex, para. {para.number.replace('(', ' (')}."


def paragraph_zh(para: Paragraph) -> str:
    """The paragraph cited as Chinese UN documents cite one: 大会第64/293号决议，附件，第52段。"""
    base = "大会第64/293号决议"
    if para.part == "preamble":
        return f"{base}，序言部分第{para.number}段。"
    if para.part == "operative":
        return f"{base}，第{para.number}段。"
    if para.key == "gpa0":
        return f"{base}，附件，导言部分。"
    return f"{base}，附件，第{para.number}段。"


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

CSL_TYPES = {"treaty": "treaty", "resolution": "legislation", "decision": "legislation",
             "document": "document", "guidance": "report", "report": "report",
             "case": "legal_case", "entry": "webpage"}


def csl_item(corpus: Corpus, entry: Entry) -> dict:
    """A CSL-JSON item with only the facts the entry has. Every record has a year: its date of
    adoption or judgment, or for a page of the knowledge base the date of its release."""
    k, who, c = kind(entry), issuer_of(entry), entry.citation
    if k in ("document", "guidance", "report") and not (entry.adopted or c.symbol):
        k = "entry"  # cited, as in the styles, by the knowledge base's own page
    manifest = corpus.manifest
    item: dict = {"id": entry.id, "type": CSL_TYPES[k], "title": entry.title,
                  "genre": k}
    if entry.short_title:
        item["title-short"] = entry.short_title
    date = entry.adopted or (entry.case.decided if entry.case else None)
    if k == "entry":
        date = manifest.released
        item["container-title"] = manifest.name
        item["version"] = manifest.version
        item["URL"] = manifest.page_url(entry.url_path)
    if date:
        y, m, d = (int(x) for x in date.split("-"))
        item["issued"] = {"date-parts": [[y, m, d]]}
    if k in ("resolution", "decision"):
        item["authority"] = who.name if who else (entry.adopted_by or "")
    elif k == "case" and entry.case:
        item["authority"] = entry.case.court
        item["number"] = entry.case.number
    elif k != "entry" and (who or entry.adopted_by):
        item["publisher"] = who.name if who else entry.adopted_by
    if entry.place:
        item["publisher-place"] = entry.place
    if c.number:
        item["number"] = c.number
    if c.symbol:
        item["archive_location"] = c.symbol
        item["note"] = doc_ref(c.symbol)
    if c.unts:
        item["container-title"] = "United Nations Treaty Series"
        item["volume"] = str(c.unts.volume)
        if c.unts.number:
            item["number"] = str(c.unts.number)
        if c.unts.page:
            item["page"] = str(c.unts.page)
    elif c.cets:
        item["container-title"] = "Council of Europe Treaty Series"
        item["number"] = str(c.cets)
    elif c.oj:
        item["container-title"] = "Official Journal of the European Union"
        item["note"] = c.oj
    if entry.url and k != "entry":
        item["URL"] = entry.url
    return item


def paragraph_csl(para: Paragraph, manifest: Manifest) -> dict:
    return {"id": f"a-res-64-293-{para.key}", "type": "legislation", "genre": "resolution",
            "title": f"United Nations Global Plan of Action to Combat Trafficking in Persons, "
                     f"{para.label}",
            "authority": "General Assembly", "number": "64/293", "archive_location": SYMBOL,
            "note": f"UN Doc {SYMBOL}", "issued": {"date-parts": [[2010, 7, 30]]},
            "section": para.label, "URL": manifest.page_url(para.url)}
