"""The page of one paragraph of the resolution: its texts, footnotes, what it names and what
the curators relate to it, and how to cite it."""

from __future__ import annotations

from indexer.corpus.names import para_label
from indexer.corpus.plan import OFFICIAL_URL, SYMBOL, Paragraph
from indexer.site import citebox
from indexer.site.i18n import EN
from indexer.site.pages.common import (
    BY_PILLAR,
    PLAN_INDEX,
    Site,
    SitePage,
    Writer,
    badge,
    english,
    group_label,
    h,
    heading,
    ul,
)
from indexer.site.urls import href, para_src
from indexer.text import clip

# (basis, anchor, whether to say so when the list is empty: else the section is left out);
# the words are in site/i18n.py: "para.note.<basis>" and "para.empty.<basis>".
BASIS_SECTIONS = (
    ("named", "named", True),
    ("relevant", "relevant", False),
    ("develops", "develops", False),
)


def _since_2010(w: Writer, cited: list) -> None:
    """What came after the Plan and bears on this paragraph, newest first: the entries of
    scope "later" among those linked to it (each keeps its basis label)."""
    site = w.site
    later = [(site.corpus.entries[eid], ref) for eid, ref in cited
             if site.corpus.scope(site.corpus.entries[eid]) == "later"]
    if not later:
        return
    later.sort(key=lambda er: (er[0].adopted or (er[0].case.decided if er[0].case else "") or ""),
               reverse=True)
    w.md(heading(2, w.t("since_2010"), "since-2010"))
    items = []
    for entry, ref in later:
        when = entry.adopted or (entry.case.decided if entry.case else None)
        year = f"{when[:4]}{w.t('colon')}" if when else ""
        basis = w.t("paren", text=site.vocab.bases.label(ref.basis, w.lang))
        items.append(f"{h(year)}{w.entry(entry)}{h(basis)}")
    w.html(ul(items, "tipkb-since"), index=False)


def paragraph_page(site: Site, para: Paragraph) -> SitePage:
    w = Writer(site, para_src(para))
    group = site.group_of(para)
    label = para_label(para, w.lang)
    w.breadcrumbs([(w.t("the_plan"), PLAN_INDEX),
                   (group_label(group, w.lang), f"{PLAN_INDEX}#{group}")])
    w.md(heading(1, label, "title"))
    badges = [badge(w, group_label(group, w.lang), "part", PLAN_INDEX, group)]
    if para.pillar:
        badges.append(badge(w, site.vocab.pillars.label(para.pillar, w.lang), "pillar",
                            BY_PILLAR, para.pillar))
    w.html('<p class="tipkb-badges">' + " ".join(badges) + "</p>")
    # The Chinese edition leads with the resolution's own text, the English one with the
    # rendering; anchors stay the same in both.
    if w.lang == EN:
        _english(w, para)
        _chinese(w, para)
    else:
        _chinese(w, para)
        _english(w, para)
    if para.calls:
        w.md(heading(2, w.t("para.footnotes"), "footnotes"))
        notes = []
        for number in dict.fromkeys(para.footnotes):
            fn = site.plan.footnotes[number]
            en = f'\n<p lang="en">{h(fn.text_en)}</p>' if fn.text_en else ""
            notes.append(f'<div class="tipkb-footnote" id="fn-{number}">\n'
                         f'<p lang="zh"><sup>{number}</sup> {h(fn.text_zh)}</p>{en}\n</div>')
        w.html("\n".join(notes))
    # What the text names is a fact about the resolution; what curators relate to it is a
    # judgement, and what came later develops it: three lists, never one.
    cited = site.cited.get(para.key, [])
    for basis, anchor, say_empty in BASIS_SECTIONS:
        refs = [(eid, ref) for eid, ref in cited if ref.basis == basis]
        if not refs and not say_empty:
            continue
        w.md(heading(2, site.vocab.bases.label(basis, w.lang), anchor))
        if not refs:
            w.html(f"<p>{h(w.t(f'para.empty.{basis}'))}</p>")
            continue
        w.html(f'<p class="tipkb-note">{h(w.t(f"para.note.{basis}"))}</p>', index=False)
        items = []
        for eid, ref in refs:
            entry = site.corpus.entries[eid]
            kind = w.t("paren", text=site.vocab.type_label(entry.type, w.lang))
            items.append(f"{w.entry(entry)}{h(kind)}"
                         f"{h(w.t('colon'))}{english(w, h(ref.note))}")
        w.html(ul(items, f"tipkb-cited-by tipkb-basis--{basis}"), index=False)
    _since_2010(w, cited)
    w.md(heading(2, w.t("cite_this"), "cite"))
    w.html(citebox.paragraph_box(site.corpus, para, w.src, w.site.url_style, w.lang,
                                 site.files_root), index=False)
    prev_p, next_p = site.plan.neighbours(para.key)
    nav = []
    if prev_p:
        link = (f'<a href="{h(href(w.src, para_src(prev_p), site.url_style))}"'
                f' rel="prev">{h(para_label(prev_p, w.lang))}</a>')
        nav.append(w.t("para.previous", link=link))
    nav.append(w.link(PLAN_INDEX, w.t("para.all")))
    if next_p:
        link = (f'<a href="{h(href(w.src, para_src(next_p), site.url_style))}"'
                f' rel="next">{h(para_label(next_p, w.lang))}</a>')
        nav.append(w.t("para.next", link=link))
    w.html(f'<nav class="tipkb-pager" aria-label="{h(w.t("para.pager"))}">' + " · ".join(nav)
           + "</nav>", index=False)
    summary = para.text_en or para.text_zh
    if w.lang != EN:
        summary = para.text_zh
    return w.page(title=w.t("para.title", label=label, symbol=SYMBOL),
                  description=clip(f"{label} ({site.where(para)}): {summary}"
                                   if w.lang == EN else f"{label}（{site.where(para)}）：{summary}"))


def _english(w: Writer, para: Paragraph) -> None:
    w.md(heading(2, w.t("para.en"), "en"))
    if para.text_en:
        w.html(f'<p class="tipkb-en" lang="en">{h(para.text_en)}</p>\n'
               f'<p class="tipkb-note">{h(w.t("para.translation_note", symbol=SYMBOL))}</p>')
    else:
        w.html(f"<p>{h(w.t('para.no_en'))}</p>")


def _chinese(w: Writer, para: Paragraph) -> None:
    w.md(heading(2, w.t("para.zh"), "zh"))
    link = f'<a href="{OFFICIAL_URL}">{SYMBOL}</a>'
    w.html(f'<p class="tipkb-zh" lang="zh">{_zh_with_calls(para)}</p>\n'
           f'<p class="tipkb-note">{w.t("para.zh_source", link=link)}</p>')


def _zh_with_calls(para: Paragraph) -> str:
    text, out, pos = para.text_zh, [], 0
    for call in sorted(para.calls, key=lambda c: c.offset):
        out.append(h(text[pos : call.offset]))
        out.append(f'<sup class="tipkb-fn"><a href="#fn-{call.number}">{call.number}</a></sup>')
        pos = call.offset
    out.append(h(text[pos:]))
    return "".join(out)
