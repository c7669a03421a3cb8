"""The page of one entry: its facts, its own text, the paragraphs that cite it, its links,
how to cite it and its sources."""

from __future__ import annotations

import re

from indexer.corpus.authority import recognised_only
from indexer.corpus.model import Entry, Link
from indexer.corpus.names import UNOFFICIAL_ZH, entry_title
from indexer.corpus.plan import SYMBOL, Paragraph
from indexer.publish.dates import long_date_or_text as long_date
from indexer.site.body import anchor_of, sections
from indexer.site.i18n import EN, ZH, has
from indexer.site.pages.common import (
    BROWSE,
    BY_REGION,
    BY_TYPE,
    Site,
    SitePage,
    Writer,
    badge,
    cite_block,
    english,
    h,
    heading,
    ul,
)
from indexer.site.urls import entry_src
from indexer.text import cjk_text, clip, first_sentence, first_sentence_zh, plain

# Statuses with a label in site/i18n.py ("status.<value>"); another value is shown as it is.
STATUSES = ("active", "concluded", "succeeded")
# A fact that rests only on recognised publishers (indexer/corpus/authority.py) is marked
# with site/i18n.py's "entry.recognised_mark".


def entry_page(site: Site, entry: Entry) -> SitePage:
    w = Writer(site, entry_src(entry))
    v = site.vocab
    w.breadcrumbs([(w.t("browse"), BROWSE),
                   (v.type_label(entry.type, w.lang), f"{BY_TYPE}#{entry.type}")])
    title = entry_title(entry, w.lang)[0]
    w.md(heading(1, title, "title"))
    w.html(_title_note(w, entry) + _badges(w, entry) + "\n" + _facts_table(w, entry))
    _summary_zh(w, entry)
    _body(w, entry)
    _key_provisions(w, entry)
    _in_the_plan(w, entry)
    _related(w, entry)
    w.md(heading(2, w.t("cite_this"), "cite"))
    w.html(cite_block(w, entry), index=False)
    _sources(w, entry)
    # The Chinese name as a tag too: the search plugin cuts page text into words with jieba,
    # but indexes tags whole, so typing the full name as the resolution gives it finds it.
    tags = entry.zh_names
    if w.lang == ZH and entry.summary_zh:
        description = clip(first_sentence_zh(cjk_text(entry.summary_zh)))
    else:
        description = clip(first_sentence(plain(entry.summary)) or entry.title)
    return w.page(entry.path, title=title, description=description, tags=tags,
                  search={"boost": 2})


def _status(w: Writer, status: str) -> str:
    return w.t(f"status.{status}") if status in STATUSES else status


def _title_note(w: Writer, entry: Entry) -> str:
    """Chinese edition: under the Chinese title, whether it is official, and the English title."""
    if w.lang == EN:
        return ""
    _, note = entry_title(entry, w.lang)
    out = '<p class="tipkb-title-note">'
    if note == UNOFFICIAL_ZH:
        out += (f'<span class="tipkb-badge tipkb-badge--unofficial" '
                f'title="{h(w.t("entry.unofficial_title_note"))}">'
                f"{h(w.t('entry.unofficial_title'))}</span> ")
    elif note:
        out += f'<span class="tipkb-badge tipkb-badge--unofficial">{h(note)}</span> '
    return out + f'{english(w, h(entry.title))}</p>\n'


def _summary_zh(w: Writer, entry: Entry) -> None:
    """Chinese edition: the project's Chinese summary, marked as unofficial, before the
    entry's own (English) sections."""
    if w.lang == EN:
        return
    w.md(heading(2, w.t("entry.summary_zh"), "summary-zh"))
    if entry.summary_zh:
        w.html(f'<p class="tipkb-summary-zh">{h(cjk_text(entry.summary_zh))}</p>\n'
               f'<p class="tipkb-note">{h(w.t("entry.summary_zh_note"))}</p>')
    else:
        w.html(f"<p>{h(w.t('entry.no_summary_zh'))}</p>")


RESERVED_ANCHORS = frozenset({"title", "in-the-plan", "related", "see-also", "cite", "sources",
                              "key-provisions", "summary-zh"})


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
            key = f"section.{name}"
            w.md(heading(2, w.t(key) if has(key, w.lang) else name, anchor))
        if text:
            # In another edition the entry's own text is still English: say so to the browser.
            w.html(english(w, w.site.bodies.section(text, w.src), "div"))


def _key_provisions(w: Writer, entry: Entry) -> None:
    """Key provisions, generated from the entry's provisions data, and the comparison pages
    that cover the entry (see site/pages/provisions.py)."""
    from indexer.site.pages.provisions import key_provisions

    key_provisions(w, entry)


def _badges(w: Writer, entry: Entry) -> str:
    v, lang = w.site.vocab, w.lang
    badges = [badge(w, v.type_label(entry.type, lang), "type", BY_TYPE, entry.type)]
    badges.append(badge(w, v.region_label(entry.region, lang), "region", BY_REGION, entry.region))
    if entry.subregion:
        badges.append(badge(w, v.region_label(entry.subregion, lang), "region", BY_REGION,
                            entry.subregion))
    status = entry.status
    if status and status != "active":
        badges.append(badge(w, _status(w, status), "status"))
    # Whether the resolution names it, or the corpus adds it (later law, or context).
    scope = w.site.corpus.scope(entry)
    badges.append(badge(w, v.scopes.label(scope, lang), f"scope-{scope}"))
    return '<p class="tipkb-badges">' + " ".join(badges) + "</p>"


def _facts_table(w: Writer, entry: Entry) -> str:
    v, lang, t = w.site.vocab, w.lang, w.t
    rows: list[tuple[str, str, str]] = []  # (fact field, label, HTML value)
    if lang != EN:
        rows.append(("title", t("fact.title"), english(w, h(entry.title))))
    if entry.short_title:
        rows.append(("short_title", t("fact.short_title"), english(w, h(entry.short_title))))
    if entry.title_zh:
        rows.append(("title_zh", t("fact.title_zh"), f'<span lang="zh">{h(entry.title_zh)}</span>'))
    elif entry.title_zh_project:
        rows.append(("title_zh_project", t("fact.title_zh_project"),
                     f'<span lang="zh">{h(entry.title_zh_project)}</span>'))
    if entry.cited_as_zh:
        rows.append(("cited_as_zh", t("fact.cited_as_zh"), f'<span lang="zh">{h(entry.cited_as_zh)}</span>'))
    if entry.aliases:
        rows.append(("aliases", t("fact.aliases"), english(w, h(", ".join(entry.aliases)))))
    rows.append(("type", t("fact.type"), h(v.type_label(entry.type, lang))))
    region = v.region_label(entry.region, lang)
    if entry.subregion:
        sub = v.region_label(entry.subregion, lang)
        region += w.t("paren", text=sub)
    rows.append(("region", t("fact.region"), h(region)))
    for key in ("adopted", "opened_for_signature", "in_force"):
        if value := getattr(entry, key):
            rows.append((key, t(f"fact.{key}"), h(long_date(value, lang))))
    if entry.adopted_by:
        rows.append(("adopted_by", t("fact.adopted_by"), english(w, h(entry.adopted_by))))
    if entry.place:
        rows.append(("place", t("fact.place"), english(w, h(entry.place))))
    if entry.status:
        status = _status(w, entry.status)
        if entry.status_since:
            status = t("fact.status_since", status=status, date=long_date(entry.status_since, lang))
        rows.append(("status", t("fact.status"), h(status)))
    citation = entry.citation
    if citation.symbol:
        rows.append(("citation.symbol", t("fact.symbol"), h(citation.symbol)))
    if u := citation.unts:
        no = t("fact.unts.number", no=h(u.number)) if u.number else ""
        page = t("fact.unts.page", no=h(u.page)) if u.page else ""
        rows.append(("citation.unts", t("fact.unts"), t("fact.unts.value", volume=h(u.volume), number=no,
                                       page=page)))
    if citation.cets:
        rows.append(("citation.cets", t("fact.cets"), t("fact.cets.value", no=h(citation.cets))))
    if citation.ilo:
        rows.append(("citation.ilo", t("fact.ilo"), t("fact.ilo.value", no=h(citation.ilo))))
    if citation.oj:
        rows.append(("citation.oj", t("fact.oj"), h(citation.oj)))
    if entry.url:
        url = entry.url
        host = re.sub(r"^https?://(www\.)?", "", url).split("/", 1)[0]
        rows.append(("url", t("fact.url"), f'<a href="{h(url)}">{h(host)}</a>'))
    weak = recognised_only(entry)
    mark = w.t("entry.recognised_mark")
    body = "\n".join(f"<tr><th scope=\"row\">{h(label)}</th>\n<td>{value}"
                     f"{mark if fact in weak else ''}</td></tr>"
                     for fact, label, value in rows)
    return f'<div class="tipkb-facts"><table>\n<tbody>\n{body}\n</tbody></table></div>'


def _in_the_plan(w: Writer, entry: Entry) -> None:
    site = w.site
    plan = site.plan
    order = {k: i for i, k in enumerate(plan.paragraphs)}
    refs = sorted((r for r in entry.plan_refs if r.para in plan.paragraphs),
                  key=lambda r: order[r.para])
    w.md(heading(2, w.t("entry.in_the_plan"), "in-the-plan"))
    counts = {b: sum(1 for r in refs if r.basis == b) for b in ("named", "relevant", "develops")}
    said = [w.t(f"entry.plan.{basis}", n=counts[basis], symbol=SYMBOL)
            for basis in ("named", "relevant", "develops") if counts[basis]]
    summary = w.t("entry.plan.sep").join(said) or w.t("entry.plan.none")
    summary = summary[:1].upper() + summary[1:]
    w.html(f'<p class="tipkb-note">{h(summary)}{h(w.t("sentence_sep"))}'
           f'{h(w.t("entry.plan.note"))}</p>', index=False)
    # One block per paragraph, not one heading each: a heading per paragraph would make a
    # search-index section per link and a long table of contents.
    items = []
    for ref in refs:
        para = plan[ref.para]
        label = site.vocab.bases.label(ref.basis, w.lang)
        items.append(f'<div class="tipkb-cite tipkb-basis--{ref.basis}" id="{para.key}">\n'
                     f'<p class="tipkb-cite__head"><strong>{w.para(para)}</strong> · '
                     f"<em>{h(site.where(para))}</em> · "
                     f'<span class="tipkb-basis">{h(label)}</span>{h(w.t("sentence_sep"))}'
                     f"{english(w, h(ref.note))}</p>\n"
                     f"{_texts(para, w.lang)}\n</div>")
    w.html("\n".join(items), index=False)


def _texts(para: Paragraph, lang: str = EN) -> str:
    """The English rendering and the Chinese text of a paragraph (not indexed on entry pages:
    the paragraph's own page is where search finds them); the Chinese text first in Chinese."""
    zh = f'<p class="tipkb-zh" lang="zh">{h(para.text_zh)}</p>'
    en = f'<p class="tipkb-en" lang="en">{h(para.text_en)}</p>' if para.text_en else ""
    texts = [en, zh] if lang == EN else [zh, en]
    return "\n".join(['<div class="tipkb-texts">', *(x for x in texts if x), "</div>"])



def _related(w: Writer, entry: Entry) -> None:
    site, corpus, lang = w.site, w.site.corpus, w.lang
    links: list[Link] = sorted(
        site.links.get(entry.id, []),
        key=lambda link: (site.vocab.relation_label(link.relation, lang),
                          site.sort_key(site.name(corpus.entries[link.target]))))
    if links:
        w.md(heading(2, w.t("entry.related"), "related"))
        items = []
        for link in links:
            note = w.t("paren", text=english(w, h(link.note))) if link.note else ""
            items.append(f"{h(site.vocab.relation_label(link.relation, lang))}{h(w.t('colon'))}"
                         f"{w.entry(corpus.entries[link.target])}{note}")
        w.html(ul(items, "tipkb-related"), index=False)
    linked = {link.target for link in links}
    suggestions = [eid for eid in site.see_also.get(entry.id, [])
                   if eid in corpus.entries and eid != entry.id and eid not in linked]
    if suggestions:
        w.md(heading(2, w.t("entry.see_also"), "see-also"))
        w.html(ul((f"{w.entry(corpus.entries[eid])}"
                   f"{h(w.t('paren', text=site.vocab.type_label(corpus.entries[eid].type, lang)))}"
                   for eid in suggestions), "tipkb-see-also"), index=False)


def _sources(w: Writer, entry: Entry) -> None:
    w.md(heading(2, w.t("entry.sources"), "sources"))
    lang = w.lang
    items = []
    for source in entry.sources:
        bits = [f"<i>{h(source.title)}</i>"]
        if source.publisher:
            bits.append(h(source.publisher))
        if source.symbol:
            bits.append(h(source.symbol))
        line = english(w, ", ".join(bits))
        if source.url:
            line += f'. <a href="{h(source.url)}">{h(source.url)}</a>'
        if source.accessed:
            line += h(w.t("entry.accessed", date=long_date(source.accessed, lang)))
        supports = [w.t(f"supports.{f}") if has(f"supports.{f}", lang) else f
                    for f in source.supports]
        if supports:
            line += h(w.t("entry.supports", facts=w.t("list_sep").join(supports)))
        items.append(line + h(w.t("stop")))
    out = ["<ol>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ol>"]
    if weak := sorted(w.t(f"supports.{f}") if has(f"supports.{f}", lang) else f
                      for f in recognised_only(entry)):
        out.append('<p class="tipkb-recognised-note">'
                   f'{h(w.t("entry.recognised_note", facts=w.t("list_sep").join(weak)))}</p>')
    if entry.unverified:
        out.append(f"<p>{h(w.t('entry.not_verified'))}</p>\n"
                   + english(w, ul(h(n) for n in entry.unverified), "div"))
    out.append(f'<p class="tipkb-reviewed">'
               f'{h(w.t("entry.reviewed", date=long_date(entry.last_reviewed, lang)))}</p>')
    w.html("\n".join(out), index=False)
