"""The home page and the index of the Plan's paragraphs."""

from __future__ import annotations

from collections import Counter

from indexer.corpus.plan import SECTIONS, SYMBOL, Paragraph
from indexer.publish.dates import long_date_or_text as long_date
from indexer.site.i18n import EN
from indexer.site.pages.common import (
    A_Z,
    BROWSE,
    BY_PILLAR,
    BY_REGION,
    BY_TYPE,
    CONTRIBUTING,
    HOME,
    MATRIX,
    NOINDEX,
    PLAN_INDEX,
    TIMELINE,
    Site,
    SitePage,
    Writer,
    group_label,
    groups,
    h,
    heading,
    table,
    type_labels,
    ul,
)
from indexer.text import clip


def home_page(site: Site) -> SitePage:
    w = Writer(site, HOME)
    corpus, plan, lang = site.corpus, site.plan, site.lang
    cited_paras = sum(1 for k in plan.paragraphs if site.cited.get(k))
    citations = sum(len(v) for v in site.cited.values())
    links = sum(len(v) for v in site.links.values()) // 2
    types = Counter(e.type for e in corpus)
    regions = Counter(e.region for e in corpus)
    reviewed = max((e.last_reviewed for e in corpus), default="")
    w.md(heading(1, w.t("home.h1"), "title"))
    w.md(w.t("home.intro", symbol=SYMBOL))
    w.md(heading(2, w.t("home.pillars"), "pillars"))
    pillar_counts = Counter(p.pillar for p in plan.paragraphs.values() if p.pillar)
    pillar_items = []
    for key, (pillar, _, _) in SECTIONS.items():
        if pillar:
            name = f"<strong>{h(site.vocab.pillars.label(pillar, lang))}</strong>"
            pillar_items.append(
                f"{w.link(BY_PILLAR, name, pillar, escape=False)}{h(w.t('colon'))}"
                f"{h(group_label(key, lang))}"
                f"{h(w.t('home.pillar_paragraphs', n=pillar_counts[pillar]))}")
    w.html(ul(pillar_items))
    w.md(heading(2, w.t("home.find"), "find"))
    w.html(ul([
        w.t("home.find.search"),
        w.t("home.find.plan", link=w.link(PLAN_INDEX, w.t("the_plan"))),
        w.t("home.find.browse", browse=w.link(BROWSE, w.t("browse")),
            pillar=w.link(BY_PILLAR, w.t("home.find.pillar")),
            type=w.link(BY_TYPE, w.t("home.find.type")),
            region=w.link(BY_REGION, w.t("home.find.region")),
            a_z=w.link(A_Z, w.t("home.find.a_z")),
            timeline=w.link(TIMELINE, w.t("home.find.timeline")),
            matrix=w.link(MATRIX, w.t("home.find.matrix"))),
        w.t("home.find.contributing", link=w.link(CONTRIBUTING, w.t("contributing"))),
    ]))
    w.md(heading(2, w.t("home.numbers"), "numbers"))
    numbers = [("home.n.entries", len(corpus)), ("home.n.paragraphs", len(plan.paragraphs)),
               ("home.n.cited", cited_paras), ("home.n.citations", citations),
               ("home.n.links", links), ("home.n.footnotes", len(plan.footnotes))]
    w.html(table([w.t("home.in_corpus"), w.t("number")], ([h(w.t(k)), str(n)] for k, n in numbers),
                 numeric=[1]))
    w.html(table([w.t("type"), w.t("entries")],
                 ([w.link(BY_TYPE, label, value), str(types[value])]
                  for value, label in type_labels(site) if types[value]), numeric=[1]))
    w.html(table([w.t("region"), w.t("entries")],
                 ([w.link(BY_REGION, site.vocab.regions.label(value, lang), value),
                   str(regions[value])]
                  for value in site.vocab.regions.values if regions[value]), numeric=[1]))
    if reviewed:
        w.html(f'<p class="tipkb-note">{h(w.t("home.reviewed", date=long_date(reviewed, lang)))}'
               "</p>")
    return w.page(title=w.t("home.title"), description=w.t("home.description", symbol=SYMBOL))


def plan_index_page(site: Site) -> SitePage:
    w = Writer(site, PLAN_INDEX)
    w.breadcrumbs([(w.t("the_plan"), None)])
    w.md(heading(1, w.t("plan.h1", symbol=SYMBOL), "title"))
    w.md(w.t("plan.intro"))
    for group, paras in groups(site).items():
        w.md(heading(2, group_label(group, site.lang), group))
        w.html(table([w.t("paragraph"), w.t("text"), w.t("entries")],
                     ([w.para(p), _text_cell(w, p), str(len(site.cited.get(p.key, [])))]
                      for p in paras), numeric=[2]))
    return w.page(title=w.t("plan.title", symbol=SYMBOL),
                  description=w.t("plan.description"), search=NOINDEX)


def _text_cell(w: Writer, para: Paragraph) -> str:
    """The start of the paragraph: its English rendering, or in Chinese the resolution's text."""
    if w.lang == EN:
        return h(clip(para.text_en or para.text_zh, 110))
    return f'<span lang="zh">{h(clip(para.text_zh, 60))}</span>'
