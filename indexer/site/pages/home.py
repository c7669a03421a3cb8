"""The home page and the index of the Plan's paragraphs."""

from __future__ import annotations

from collections import Counter

from indexer.corpus.plan import PILLARS, SECTIONS, SYMBOL
from indexer.publish.dates import long_date_or_text as long_date
from indexer.site.pages.common import (
    A_Z,
    BROWSE,
    BY_PILLAR,
    BY_REGION,
    BY_TYPE,
    CONTRIBUTING,
    GROUPS,
    HOME,
    MATRIX,
    NOINDEX,
    PLAN_INDEX,
    TIMELINE,
    Site,
    SitePage,
    Writer,
    groups,
    h,
    heading,
    plural,
    table,
    type_labels,
    ul,
)
from indexer.text import clip


def home_page(site: Site) -> SitePage:
    w = Writer(site, HOME)
    corpus, plan = site.corpus, site.plan
    cited_paras = sum(1 for k in plan.paragraphs if site.cited.get(k))
    citations = sum(len(v) for v in site.cited.values())
    links = sum(len(v) for v in site.links.values()) // 2
    types = Counter(e.type for e in corpus)
    regions = Counter(e.region for e in corpus)
    reviewed = max((e.last_reviewed for e in corpus), default="")
    w.md(heading(1, "The Global Plan of Action against Trafficking in Persons", "title"))
    w.md(f"On 30 July 2010 the General Assembly adopted resolution {SYMBOL}, the **United "
         "Nations Global Plan of Action to Combat Trafficking in Persons**. The Plan asks "
         "States, the United Nations system, other organizations and civil society to act "
         "together against trafficking, and relies throughout on earlier conventions, "
         "resolutions, mandates, bodies and regional mechanisms.\n\n"
         "This knowledge base has a page for each of those items, with its facts and sources, "
         "and a page for each paragraph of the resolution. Every entry links to the paragraphs "
         "that cite it, and every paragraph links back.\n\n")
    w.md(heading(2, "The four pillars", "pillars"))
    pillar_counts = Counter(p.pillar for p in plan.paragraphs.values() if p.pillar)
    w.html(ul(f"{w.link(BY_PILLAR, f'<strong>{h(PILLARS[pillar])}</strong>', pillar, escape=False)}"
              f": {h(title)} ({plural(pillar_counts[pillar], 'paragraph')} of the Plan)"
              for key, (pillar, title, _) in SECTIONS.items() if pillar))
    w.md(heading(2, "How to find things", "find"))
    w.html(ul([
        "<strong>Search</strong> (the box at the top, or press <kbd>/</kbd>) in English or "
        "Chinese: titles, acronyms such as <em>UNTOC</em>, Chinese names such as "
        '<span lang="zh">议定书</span>, document symbols.',
        f"<strong>{w.link(PLAN_INDEX, 'The Plan')}</strong>: every paragraph of the "
        "resolution, in Chinese and in English, with the entries each one cites.",
        f"<strong>{w.link(BROWSE, 'Browse')}</strong>: entries by "
        f"{w.link(BY_PILLAR, 'pillar')}, {w.link(BY_TYPE, 'type')} and "
        f"{w.link(BY_REGION, 'region')}, {w.link(A_Z, 'A-Z with other names')}, a "
        f"{w.link(TIMELINE, 'timeline')} and a {w.link(MATRIX, 'matrix')} of which paragraph "
        "cites what.",
        f"<strong>{w.link(CONTRIBUTING, 'Contributing')}</strong>: how entries are written, "
        "checked and reviewed.",
    ]))
    w.md(heading(2, "The corpus in numbers", "numbers"))
    numbers = [("Entries", len(corpus)), ("Paragraphs of the resolution", len(plan.paragraphs)),
               ("Paragraphs citing at least one entry", cited_paras),
               ("Citations (entry × paragraph)", citations),
               ("Typed links between entries", links),
               ("Footnotes of the resolution", len(plan.footnotes))]
    w.html(table(["", "Number"], ([h(k), str(n)] for k, n in numbers), numeric=[1]))
    w.html(table(["Type", "Entries"], ([w.link(BY_TYPE, label, value), str(types[value])]
                                      for value, label in type_labels(site)
                                      if types[value]), numeric=[1]))
    w.html(table(["Region", "Entries"], ([w.link(BY_REGION, label, value), str(regions[value])]
                                        for value, label in site.vocab.regions.en.items()
                                        if regions[value]), numeric=[1]))
    if reviewed:
        w.html(f'<p class="tipkb-note">Most recent review: {long_date(reviewed)}.</p>')
    return w.page(title="Global Plan of Action against Trafficking in Persons",
                  description="A sourced reference to every instrument, body and practice cited "
                              "by the UN Global Plan of Action to Combat Trafficking in Persons "
                              f"({SYMBOL}).")


def plan_index_page(site: Site) -> SitePage:
    w = Writer(site, PLAN_INDEX)
    w.breadcrumbs([("The Plan", None)])
    w.md(heading(1, f"The Plan: resolution {SYMBOL}", "title"))
    w.md("The resolution has a preamble, an operative part and an annex, the Global Plan "
         "itself. The annex opens with general provisions, then has one section per pillar. "
         "Each paragraph has its own page with the Chinese text, an English rendering, its "
         "footnotes and the entries it cites.\n\n")
    for group, paras in groups(site).items():
        w.md(heading(2, GROUPS[group], group))
        w.html(table(["Paragraph", "Text", "Entries"],
                     ([w.para(p), h(clip(p.text_en or p.text_zh, 110)),
                       str(len(site.cited.get(p.key, [])))] for p in paras), numeric=[2]))
    return w.page(title=f"The Plan: every paragraph of resolution {SYMBOL}",
                  description="Every paragraph of the resolution and its annex, the Global "
                              "Plan, with the entries each one cites.", search=NOINDEX)
