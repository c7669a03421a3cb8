"""The page of one paragraph of the resolution: its texts, footnotes, what it names and what
the curators relate to it, and how to cite it."""

from __future__ import annotations

from indexer.corpus.plan import OFFICIAL_URL, PILLARS, SYMBOL, Paragraph
from indexer.publish.export import TRANSLATION_NOTE
from indexer.site import citebox
from indexer.site.pages.common import (
    BY_PILLAR,
    GROUPS,
    PLAN_INDEX,
    Site,
    SitePage,
    Writer,
    badge,
    h,
    heading,
    ul,
)
from indexer.site.urls import href, para_src
from indexer.text import clip

# (basis, anchor, what to say when the list is empty: None leaves the section out)
BASIS_SECTIONS = (
    ("named", "named", "The paragraph names no instrument, body or text of the corpus."),
    ("relevant", "relevant", None),
    ("develops", "develops", None),
)
BASIS_NOTES = {
    "named": "The paragraph or its footnote names these; the list is checked against the text.",
    "relevant": "Not named in the paragraph: the curators judge these relevant to it, for the "
                "reason given with each.",
    "develops": "Later texts that reaffirm or develop what the paragraph asks.",
}


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
    w.md(heading(2, "Since 2010", "since-2010"))
    items = []
    for entry, ref in later:
        when = entry.adopted or (entry.case.decided if entry.case else None)
        year = f"{when[:4]}: " if when else ""
        items.append(f"{h(year)}{w.entry(entry)} ({h(site.vocab.bases.label(ref.basis))})")
    w.html(ul(items, "tipkb-since"), index=False)


def paragraph_page(site: Site, para: Paragraph) -> SitePage:
    w = Writer(site, para_src(para))
    group = site.group_of(para)
    w.breadcrumbs([("The Plan", PLAN_INDEX), (GROUPS[group], f"{PLAN_INDEX}#{group}")])
    w.md(heading(1, para.label, "title"))
    badges = [badge(w, GROUPS[group], "part", PLAN_INDEX, group)]
    if para.pillar:
        badges.append(badge(w, PILLARS[para.pillar], "pillar", BY_PILLAR, para.pillar))
    w.html('<p class="tipkb-badges">' + " ".join(badges) + "</p>")
    w.md(heading(2, "English rendering", "en"))
    if para.text_en:
        w.html(f'<p class="tipkb-en" lang="en">{h(para.text_en)}</p>\n'
               f'<p class="tipkb-note">{h(TRANSLATION_NOTE)}</p>')
    else:
        w.html("<p>No English rendering has been written for this paragraph yet.</p>")
    w.md(heading(2, "Chinese text", "zh"))
    w.html(f'<p class="tipkb-zh" lang="zh">{_zh_with_calls(para)}</p>\n'
           f'<p class="tipkb-note">From the Chinese text of document '
           f'<a href="{OFFICIAL_URL}">{SYMBOL}</a>.</p>')
    if para.calls:
        w.md(heading(2, "Footnotes", "footnotes"))
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
    for basis, anchor, empty in BASIS_SECTIONS:
        refs = [(eid, ref) for eid, ref in cited if ref.basis == basis]
        if not refs and not empty:
            continue
        w.md(heading(2, site.vocab.bases.label(basis), anchor))
        if not refs:
            w.html(f"<p>{h(empty)}</p>")
            continue
        w.html(f'<p class="tipkb-note">{h(BASIS_NOTES[basis])}</p>', index=False)
        items = []
        for eid, ref in refs:
            entry = site.corpus.entries[eid]
            items.append(f"{w.entry(entry)} ({h(site.vocab.type_label(entry.type))}): {h(ref.note)}")
        w.html(ul(items, f"tipkb-cited-by tipkb-basis--{basis}"), index=False)
    _since_2010(w, cited)
    w.md(heading(2, "Cite this", "cite"))
    w.html(citebox.paragraph_box(site.corpus, para, w.src, w.site.url_style), index=False)
    prev_p, next_p = site.plan.neighbours(para.key)
    nav = []
    if prev_p:
        nav.append(f'← Previous: <a href="{h(href(w.src, para_src(prev_p), site.url_style))}"'
                   f' rel="prev">{h(prev_p.label)}</a>')
    nav.append(w.link(PLAN_INDEX, "All paragraphs"))
    if next_p:
        nav.append(f'Next: <a href="{h(href(w.src, para_src(next_p), site.url_style))}"'
                   f' rel="next">{h(next_p.label)}</a> →')
    w.html('<nav class="tipkb-pager" aria-label="Paragraphs">' + " · ".join(nav) + "</nav>",
           index=False)
    summary = para.text_en or para.text_zh
    return w.page(title=f"{para.label}: resolution {SYMBOL}",
                  description=clip(f"{para.label} ({site.where(para)}): {summary}"))


def _zh_with_calls(para: Paragraph) -> str:
    text, out, pos = para.text_zh, [], 0
    for call in sorted(para.calls, key=lambda c: c.offset):
        out.append(h(text[pos : call.offset]))
        out.append(f'<sup class="tipkb-fn"><a href="#fn-{call.number}">{call.number}</a></sup>')
        pos = call.offset
    out.append(h(text[pos:]))
    return "".join(out)
