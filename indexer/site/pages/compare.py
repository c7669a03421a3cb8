"""Comparison pages: for each topic the schema marks for comparison (``x-compare``), what each
instrument provides on it, whether it binds and where; the asks of the Plan whose own words
name the topic, with what the paragraph says of the instruments compared; and the practices
that serve those asks. Each table is also published as CSV (see :func:`compare_files`).

The rows come from indexer/publish/provisions.py and indexer/publish/compare.py, so the page,
its CSV and the JSON export agree. Tables turn into stacked cards on narrow screens
(docs/assets/tipkb.css, "Comparison tables and checklists").
"""

from __future__ import annotations

from indexer.corpus.asks import Ask
from indexer.corpus.model import Corpus, Entry
from indexer.publish.checklist import part_of
from indexer.publish.compare import comparison_csv
from indexer.publish.provisions import (
    ProvisionRef,
    asks_on_topic,
    compare_csv,
    linked_provisions,
    on_topic,
    paragraphs_on_topic,
    practices_on_topic,
)
from indexer.site.citebox import file_href
from indexer.site.i18n import EN, ZH, t
from indexer.site.pages.browse import browse_page, browse_subpages
from indexer.site.pages.common import BROWSE, Site, SitePage, Writer, english, h, heading, ul
from indexer.site.pages.provisions import (
    CHECKLIST,
    COMPARE,
    ask_anchor,
    ask_link,
    ask_words,
    binding_text,
    checklist_src,
    provision_link,
    topic_src,
)

# Interface words: site/i18n.py, keys "compare.*" (the table's columns: "compare.col.*").
COLUMNS = ("instrument", "provision", "provides", "binding", "region")


def compare_files(corpus: Corpus) -> dict[str, str]:
    """Site path -> CSV, one table per compared topic (published beside the open data)."""
    return {compare_csv(topic): comparison_csv(corpus, topic)
            for topic in corpus.vocab.compared_topics}


def _count_texts(refs: list[ProvisionRef]) -> int:
    return len({r.entry.id for r in refs})


def _other_label(w: Writer, topic: str, tag: str = "span") -> str:
    """The topic's name in the other language, marked as such: the Chinese one in English,
    the English one in Chinese."""
    other = ZH if w.lang == EN else EN
    label = w.site.vocab.topics.label(topic, other)
    cls = ' class="tipkb-compare-zh"' if tag == "p" else ""
    return f'<{tag} lang="{other}"{cls}>{h(label)}</{tag}>'


@browse_page(COMPARE, t(f"nav.{COMPARE}"), t(f"blurb.{COMPARE}"))
def compare_index(site: Site) -> SitePage:
    w = Writer(site, COMPARE)
    v, corpus = site.vocab, site.corpus
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t(f"nav.{COMPARE}"), None)])
    w.md(heading(1, w.t("compare.h1"), "title"))
    w.html(f"<p>{h(w.t('compare.intro'))}</p>")
    items = []
    for topic in v.compared_topics:
        refs = on_topic(corpus, topic)
        counts = w.t("compare.counts",
                     provisions=w.t("provision_n", n=len(refs)),
                     texts=w.t("text_n", n=_count_texts(refs)),
                     asks=w.t("ask_n", n=len(asks_on_topic(corpus, topic))),
                     practices=w.t("practice_n", n=len(practices_on_topic(corpus, topic))))
        items.append(f"<strong>{w.link(topic_src(topic), v.topics.label(topic, w.lang))}</strong> "
                     f"{_other_label(w, topic)}{h(w.t('colon'))}{h(counts)}")
    w.html(ul(items, "tipkb-compare-index"), index=False)
    return w.page(title=w.t("compare.h1"), description=w.t("compare.description"))


@browse_subpages
def topic_pages(site: Site) -> list[SitePage]:
    return [topic_page(site, topic) for topic in site.vocab.compared_topics]


def topic_page(site: Site, topic: str) -> SitePage:
    corpus, v = site.corpus, site.vocab
    w = Writer(site, topic_src(topic))
    label = v.topics.label(topic, w.lang)
    refs = on_topic(corpus, topic)
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t(f"nav.{COMPARE}"), COMPARE), (label, None)])
    w.md(heading(1, w.t("compare.title", topic=label), "title"))
    intro = w.t("compare.page_intro", provisions=w.t("provision_n", n=len(refs)),
                texts=w.t("text_n", n=_count_texts(refs)))
    csv_link = (f'<a href="{h(file_href(w.src, compare_csv(topic), site.url_style))}" download>'
                f"{h(w.t('compare.csv'))}</a>")
    w.html(f"{_other_label(w, topic, 'p')}\n"
           f"<p>{h(intro)}</p>\n"
           f'<p class="tipkb-downloads">{h(w.t("compare.download"))}{csv_link}</p>')
    w.md(heading(2, w.t("compare.provisions"), "provisions"))
    w.html(_table(w, refs) if refs else f"<p>{h(w.t('compare.none'))}</p>", index=False)
    w.md(heading(2, w.t("entry.in_the_plan"), "in-the-plan"))
    w.html(_in_the_plan(w, topic, refs), index=False)
    w.md(heading(2, w.t("practices"), "practices"))
    w.html(_practices(w, topic), index=False)
    w.html(f'<p class="tipkb-note">{w.link(COMPARE, w.t("compare.back"))} · '
           f'{w.link(CHECKLIST, w.t("checklist.h1"))}</p>', index=False)
    return w.page(title=w.t("compare.title", topic=label),
                  description=w.t("compare.page_description", topic=label.lower()),
                  hide=["navigation"])


def _region(w: Writer, entry: Entry) -> str:
    v = w.site.vocab
    region = v.region_label(entry.region, w.lang)
    if not entry.subregion:
        return region
    return region + w.t("paren", text=v.region_label(entry.subregion, w.lang))


def _table(w: Writer, refs: list[ProvisionRef]) -> str:
    """The comparison table; each cell carries its column's name for the stacked layout."""
    head = [w.t(f"compare.col.{c}") for c in COLUMNS]
    rows = []
    for ref in refs:
        p = ref.provision
        state = "yes" if ref.binding else "no"
        cells = [
            w.entry(ref.entry),
            f"<strong>{provision_link(w, ref)}</strong><br>{english(w, h(p.title))}",
            english(w, h(" ".join(p.summary.split()))),
            f'<span class="tipkb-binding tipkb-binding--{state}">{h(binding_text(w, ref))}'
            "</span>",
            h(_region(w, ref.entry)),
        ]
        rows.append("<tr>" + "".join(f'<td data-label="{h(label)}">{cell}</td>'
                                     for label, cell in zip(head, cells, strict=True)) + "</tr>")
    return ('<div class="tipkb-stack tipkb-compare">\n<table>\n<thead><tr>'
            + "".join(f'<th scope="col">{h(c)}</th>' for c in head)
            + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n</div>")


def _in_the_plan(w: Writer, topic: str, refs: list[ProvisionRef]) -> str:
    site, corpus = w.site, w.site.corpus
    compared = {r.entry.id: r.entry for r in refs}
    out = [f"<p>{h(w.t('compare.plan_intro'))}</p>"]
    asks = asks_on_topic(corpus, topic)
    if not asks:
        out.append(f"<p>{h(w.t('compare.no_asks'))}</p>")
    for ask in asks:
        out.append(_ask_card(w, ask, compared))
    for key in paragraphs_on_topic(corpus, topic):
        para = site.plan[key]
        note = corpus.asks().notes.get(key, "")  # the curators' words, in English
        out.append('<p class="tipkb-note">'
                   + w.t("compare.speaks", para=w.para(para), note=english(w, h(note)))
                   + "</p>")
    return "\n".join(out)


def _ask_card(w: Writer, ask: Ask, compared: dict[str, Entry]) -> str:
    site = w.site
    para = site.plan[ask.para]
    n = ask.id.rsplit(".", 1)[1]
    head = w.t("prov.ask", para=w.para(para), number=h(n))
    checklist = w.link(checklist_src(part_of(para)), w.t("compare.in_checklist"),
                       ask_anchor(ask.id))
    by_basis: dict[str, list[Entry]] = {"named": [], "relevant": [], "develops": []}
    for eid, ref in site.cited.get(ask.para, []):
        if eid in compared:
            by_basis.setdefault(ref.basis, []).append(compared[eid])
    sep = w.t("list_sep")
    lines = []
    for basis in ("named", "relevant", "develops"):
        if by_basis[basis]:
            lines.append(h(w.t(f"compare.{basis}")) + sep.join(w.entry(e) for e in by_basis[basis]))
    linked = linked_provisions(site.corpus, ask.id)
    if linked:
        lines.append(h(w.t("compare.linked")) + sep.join(provision_link(w, r, True)
                                                         for r in linked))
    if not lines:
        lines.append(h(w.t("compare.nothing_linked")))
    return (f'<div class="tipkb-ask">\n'
            f'<p class="tipkb-ask__head"><strong>{head}</strong> · {checklist}</p>\n'
            f"{ask_words(w, ask)}\n"
            + ul(lines, "tipkb-ask__links") + "\n</div>")


def _practices(w: Writer, topic: str) -> str:
    site = w.site
    found = practices_on_topic(site.corpus, topic)
    if not found:
        return f"<p>{h(w.t('compare.no_practices'))}</p>"
    sep = w.t("list_sep")
    items = []
    for entry, asks, paras in found:
        said = []
        if asks:
            said.append(w.t("compare.serves", links=sep.join(ask_link(w, a.id) for a in asks)))
        if paras:
            said.append(w.t("compare.links_paras",
                            paras=sep.join(w.para(site.plan[key]) for key in paras)))
        items.append(w.entry(entry) + (h(w.t("colon")) + h(w.t("entry.plan.sep")).join(said)
                                       if said else ""))
    return f"<p>{h(w.t('compare.practices_intro'))}</p>\n" + ul(items)
