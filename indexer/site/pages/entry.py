"""The page of one entry: its facts, its own text, the paragraphs that cite it, its links,
how to cite it and its sources."""

from __future__ import annotations

import re

from indexer.corpus.authority import recognised_only
from indexer.corpus.model import Entry, Link
from indexer.corpus.plan import SYMBOL, Paragraph
from indexer.publish.dates import long_date_or_text as long_date
from indexer.site.body import anchor_of, sections
from indexer.site.pages.common import (
    BROWSE,
    BY_REGION,
    BY_TYPE,
    Site,
    SitePage,
    Writer,
    badge,
    cite_block,
    h,
    heading,
    plural,
    ul,
)
from indexer.site.urls import entry_src
from indexer.text import clip, first_sentence, plain

STATUS_LABELS = {"active": "Active", "concluded": "Concluded", "succeeded": "Succeeded"}
# After a fact that rests only on recognised publishers (indexer/corpus/authority.py).
RECOGNISED_MARK = (' <span class="tipkb-recognised">(publisher\u2019s source only: '
                   '<a href="#sources">see Sources</a>)</span>')
FACT_LABELS = {
    "title": "title", "title_zh": "Chinese name", "short_title": "short title",
    "aliases": "other names", "adopted": "adoption date",
    "opened_for_signature": "opening for signature", "in_force": "entry into force",
    "adopted_by": "adopting body", "place": "place", "status": "status",
    "citation.symbol": "document symbol", "citation.unts": "Treaty Series citation",
    "citation.cets": "CETS number", "citation.ilo": "ILO number", "url": "official link",
    "plan_refs": "paragraphs of the Plan", "related": "related entries", "body": "summary",
    "provisions": "key provisions", "title_zh_project": "Chinese rendering",
    "case.court": "court", "case.decided": "date of judgment", "case.number": "application or "
    "case number", "case.parties": "parties",
}


def entry_page(site: Site, entry: Entry) -> SitePage:
    w = Writer(site, entry_src(entry))
    v = site.vocab
    w.breadcrumbs([("Browse", BROWSE), (v.type_label(entry.type), f"{BY_TYPE}#{entry.type}")])
    w.md(heading(1, entry.title, "title"))
    w.html(_badges(w, entry) + "\n" + _facts_table(w, entry))
    _body(w, entry)
    _key_provisions(w, entry)
    _in_the_plan(w, entry)
    _related(w, entry)
    w.md(heading(2, "Cite this", "cite"))
    w.html(cite_block(w, entry), index=False)
    _sources(w, entry)
    # The Chinese name as a tag too: the search plugin cuts page text into words with jieba,
    # but indexes tags whole, so typing the full name as the resolution gives it finds it.
    tags = entry.zh_names
    return w.page(entry.path, title=entry.title,
                  description=clip(first_sentence(plain(entry.summary)) or entry.title),
                  tags=tags, search={"boost": 2})


RESERVED_ANCHORS = frozenset({"title", "in-the-plan", "related", "see-also", "cite", "sources",
                              "key-provisions"})


def _body(w: Writer, entry: Entry) -> None:
    """The entry's own sections: headings as the page's Markdown (so the table of contents
    has them), each section's text converted and sanitised on its own (see site/body.py)."""
    used = set(RESERVED_ANCHORS)
    for name, text in sections(entry.body):
        if name is not None:
            anchor = base = anchor_of(name)
            n = 1
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            w.md(heading(2, name, anchor))
        if text:
            w.html(w.site.bodies.section(text, w.src))


def _key_provisions(w: Writer, entry: Entry) -> None:
    """Key provisions, generated from the entry's provisions data, and the comparison pages
    that cover the entry (see site/pages/provisions.py)."""
    from indexer.site.pages.provisions import key_provisions

    key_provisions(w, entry)


def _badges(w: Writer, entry: Entry) -> str:
    v = w.site.vocab
    badges = [badge(w, v.type_label(entry.type), "type", BY_TYPE, entry.type)]
    badges.append(badge(w, v.region_label(entry.region), "region", BY_REGION, entry.region))
    if entry.subregion:
        badges.append(badge(w, v.region_label(entry.subregion), "region", BY_REGION,
                            entry.subregion))
    status = entry.status
    if status and status != "active":
        badges.append(badge(w, STATUS_LABELS.get(status, status), "status"))
    # Whether the resolution names it, or the corpus adds it (later law, or context).
    scope = w.site.corpus.scope(entry)
    badges.append(badge(w, v.scopes.label(scope), f"scope-{scope}"))
    return '<p class="tipkb-badges">' + " ".join(badges) + "</p>"


def _facts_table(w: Writer, entry: Entry) -> str:
    v = w.site.vocab
    rows: list[tuple[str, str, str]] = []  # (fact field, label, HTML value)
    if entry.short_title:
        rows.append(("short_title", "Short title", h(entry.short_title)))
    if entry.title_zh:
        rows.append(("title_zh", "Official Chinese title",
                     f'<span lang="zh">{h(entry.title_zh)}</span>'))
    elif entry.title_zh_project:
        rows.append(("title_zh_project", "Chinese title (the project's rendering)",
                     f'<span lang="zh">{h(entry.title_zh_project)}</span>'))
    if entry.cited_as_zh:
        rows.append(("cited_as_zh", "Words of resolution 64/293",
                     f'<span lang="zh">{h(entry.cited_as_zh)}</span>'))
    if entry.aliases:
        rows.append(("aliases", "Also known as", h(", ".join(entry.aliases))))
    rows.append(("type", "Type", h(v.type_label(entry.type))))
    region = v.region_label(entry.region)
    if entry.subregion:
        region += f" ({v.region_label(entry.subregion)})"
    rows.append(("region", "Region", h(region)))
    for key, label in (("adopted", "Adopted"), ("opened_for_signature", "Opened for signature"),
                       ("in_force", "Entered into force")):
        if value := getattr(entry, key):
            rows.append((key, label, h(long_date(value))))
    if entry.adopted_by:
        rows.append(("adopted_by", "Adopted by", h(entry.adopted_by)))
    if entry.place:
        rows.append(("place", "Place", h(entry.place)))
    if entry.status:
        status = STATUS_LABELS.get(entry.status, entry.status)
        if entry.status_since:
            status += f" since {long_date(entry.status_since)}"
        rows.append(("status", "Status", h(status)))
    citation = entry.citation
    if citation.symbol:
        rows.append(("citation.symbol", "Document symbol", h(citation.symbol)))
    if u := citation.unts:
        no = f", No. {h(u.number)}" if u.number else ""
        page = f", p. {h(u.page)}" if u.page else ""
        rows.append(("citation.unts", "Treaty Series", f"United Nations, <i>Treaty Series</i>, "
                                      f"vol. {h(u.volume)}{no}{page}"))
    if citation.cets:
        rows.append(("citation.cets", "Council of Europe Treaty Series",
                     f"CETS No. {h(citation.cets)}"))
    if citation.ilo:
        rows.append(("citation.ilo", "ILO convention", f"No. {h(citation.ilo)}"))
    if citation.oj:
        rows.append(("citation.oj", "Official Journal of the EU", h(citation.oj)))
    if entry.url:
        url = entry.url
        host = re.sub(r"^https?://(www\.)?", "", url).split("/", 1)[0]
        rows.append(("url", "Official link", f'<a href="{h(url)}">{h(host)}</a>'))
    weak = recognised_only(entry)
    body = "\n".join(f"<tr><th scope=\"row\">{label}</th>\n<td>{value}"
                     f"{RECOGNISED_MARK if fact in weak else ''}</td></tr>"
                     for fact, label, value in rows)
    return f'<div class="tipkb-facts"><table>\n<tbody>\n{body}\n</tbody></table></div>'


def _in_the_plan(w: Writer, entry: Entry) -> None:
    site = w.site
    plan = site.plan
    order = {k: i for i, k in enumerate(plan.paragraphs)}
    refs = sorted((r for r in entry.plan_refs if r.para in plan.paragraphs),
                  key=lambda r: order[r.para])
    w.md(heading(2, "In the Global Plan", "in-the-plan"))
    counts = {b: sum(1 for r in refs if r.basis == b) for b in ("named", "relevant", "develops")}
    said = []
    if counts["named"]:
        said.append(f"named in {plural(counts['named'], 'paragraph')} of resolution {SYMBOL}")
    if counts["relevant"]:
        said.append(f"judged relevant by the curators to {plural(counts['relevant'], 'other')}")
    if counts["develops"]:
        said.append(f"develops {plural(counts['develops'], 'paragraph')}")
    summary = ("; ".join(said) or "linked to no paragraph").capitalize()
    w.html(f'<p class="tipkb-note">{h(summary)}. The English renderings are the project\'s own '
           "and unofficial; the Chinese text is the resolution's.</p>", index=False)
    # One block per paragraph, not one heading each: a heading per paragraph would make a
    # search-index section per link and a long table of contents.
    items = []
    for ref in refs:
        para = plan[ref.para]
        label = site.vocab.bases.label(ref.basis)
        items.append(f'<div class="tipkb-cite tipkb-basis--{ref.basis}" id="{para.key}">\n'
                     f'<p class="tipkb-cite__head"><strong>{w.para(para)}</strong> · '
                     f"<em>{h(site.where(para))}</em> · "
                     f'<span class="tipkb-basis">{h(label)}</span>. {h(ref.note)}</p>\n'
                     f"{_texts(para)}\n</div>")
    w.html("\n".join(items), index=False)


def _texts(para: Paragraph) -> str:
    """The English rendering and the Chinese text of a paragraph (not indexed on entry pages:
    the paragraph's own page is where search finds them)."""
    parts = ['<div class="tipkb-texts">']
    if para.text_en:
        parts.append(f'<p class="tipkb-en" lang="en">{h(para.text_en)}</p>')
    parts.append(f'<p class="tipkb-zh" lang="zh">{h(para.text_zh)}</p>')
    parts.append("</div>")
    return "\n".join(parts)



def _related(w: Writer, entry: Entry) -> None:
    site, corpus = w.site, w.site.corpus
    links: list[Link] = sorted(
        site.links.get(entry.id, []),
        key=lambda link: (site.vocab.relation_label(link.relation),
                          corpus.entries[link.target].display_title.casefold()))
    if links:
        w.md(heading(2, "Related entries", "related"))
        items = []
        for link in links:
            note = f" ({h(link.note)})" if link.note else ""
            items.append(f"{h(site.vocab.relation_label(link.relation))}: "
                         f"{w.entry(corpus.entries[link.target])}{note}")
        w.html(ul(items, "tipkb-related"), index=False)
    linked = {link.target for link in links}
    suggestions = [eid for eid in site.see_also.get(entry.id, [])
                   if eid in corpus.entries and eid != entry.id and eid not in linked]
    if suggestions:
        w.md(heading(2, "See also", "see-also"))
        w.html(ul((f"{w.entry(corpus.entries[eid])} "
                   f"({h(site.vocab.type_label(corpus.entries[eid].type))})"
                   for eid in suggestions), "tipkb-see-also"), index=False)


def _sources(w: Writer, entry: Entry) -> None:
    w.md(heading(2, "Sources", "sources"))
    items = []
    for source in entry.sources:
        bits = [f"<i>{h(source.title)}</i>"]
        if source.publisher:
            bits.append(h(source.publisher))
        if source.symbol:
            bits.append(h(source.symbol))
        line = ", ".join(bits)
        if source.url:
            line += f'. <a href="{h(source.url)}">{h(source.url)}</a>'
        if source.accessed:
            line += f" (accessed {long_date(source.accessed)})"
        supports = [FACT_LABELS.get(f, f) for f in source.supports]
        if supports:
            line += f". Supports: {h(', '.join(supports))}"
        items.append(line + ".")
    out = ["<ol>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ol>"]
    if weak := sorted(FACT_LABELS.get(f, f) for f in recognised_only(entry)):
        out.append('<p class="tipkb-recognised-note">No official copy was found for: '
                   f"{h(', '.join(weak))}. These rest only on the recognised publishers listed "
                   "above; check them against the official text before quoting them.</p>")
    if entry.unverified:
        out.append("<p>Not verified:</p>\n" + ul(h(n) for n in entry.unverified))
    out.append(f'<p class="tipkb-reviewed">Last reviewed {long_date(entry.last_reviewed)}.</p>')
    w.html("\n".join(out), index=False)


