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
from indexer.site.pages.browse import browse_page, browse_subpages
from indexer.site.pages.common import BROWSE, Site, SitePage, Writer, h, heading, plural, ul
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

# Interface words (kept together so that a translation table can take them over).
HEAD = ("Instrument", "Provision", "What it provides", "Binding", "Region")  # the table's columns
T = {
    "nav": "Compare",
    "blurb": "what each instrument provides on one topic, binding or not, with the Plan's asks",
    "index_title": "Compare instruments by topic",
    "index_intro": ("Each page compares what the instruments in this knowledge base provide on "
                    "one topic: the article, what it provides, whether it binds and where it "
                    "applies; then the asks of the Plan whose own words name the topic, and the "
                    "practices that serve them. Everything comes from the entries' provisions "
                    "data; each table can be downloaded as CSV."),
    "index_description": "What each instrument provides on a topic, side by side.",
    "counts": "{provisions} in {texts}; {asks} of the Plan; {practices}",
    "title": "Compare: {topic}",
    "description": "What each instrument provides on {topic}, binding or not, and what the "
                   "Global Plan asks.",
    "intro": ("{provisions} in {texts} are on this topic, binding first, then global before "
              "regional, oldest first. Binding follows the entry's type (conventions bind, "
              "other texts do not) unless the provision says otherwise, as a treaty's "
              "“shall consider” clause does. The summaries are the project's own words; the "
              "article links lead to each text's key provisions and sources."),
    "download": "Download this table: ",
    "csv": "CSV",
    "provisions_heading": "What each instrument provides",
    "none": "No provision in the knowledge base is on this topic yet.",
    "plan_heading": "In the Global Plan",
    "plan_intro": ("The asks of the Plan whose own words name this topic. Under each: how "
                   "the paragraph is linked to the texts compared here (named in it, judged "
                   "relevant by the curators, or a later text that develops it), and the articles "
                   "the knowledge base links to the ask itself."),
    "no_asks": "No ask of the Plan names this topic in its own words.",
    "speaks": "{para} speaks of this topic but asks nothing: {note}",
    "ask_head": "{para}, ask {n}",
    "in_checklist": "in the checklist",
    "named": "Names: ",
    "relevant": "Judged relevant by the curators: ",
    "develops": "Later texts that develop it: ",
    "linked": "Articles linked to this ask: ",
    "nothing_linked": "None of the texts compared here is linked to this paragraph.",
    "practices_heading": "Practices",
    "practices_intro": "Practice entries that serve an ask on this topic.",
    "no_practices": "No practice entry serves an ask on this topic yet.",
    "serves": " serves ",
    "links_para": " links ",
    "back": "All comparisons",
    "checklist": "The Plan as a checklist",
}


def compare_files(corpus: Corpus) -> dict[str, str]:
    """Site path -> CSV, one table per compared topic (published beside the open data)."""
    return {compare_csv(t): comparison_csv(corpus, t) for t in corpus.vocab.compared_topics}


def _count_texts(refs: list[ProvisionRef]) -> int:
    return len({r.entry.id for r in refs})


@browse_page(COMPARE, T["nav"], T["blurb"])
def compare_index(site: Site) -> SitePage:
    w = Writer(site, COMPARE)
    v, corpus = site.vocab, site.corpus
    w.breadcrumbs([("Browse", BROWSE), (T["nav"], None)])
    w.md(heading(1, T["index_title"], "title"))
    w.html(f"<p>{h(T['index_intro'])}</p>")
    items = []
    for topic in v.compared_topics:
        refs = on_topic(corpus, topic)
        counts = T["counts"].format(
            provisions=plural(len(refs), "provision"),
            texts=plural(_count_texts(refs), "text"),
            asks=plural(len(asks_on_topic(corpus, topic)), "ask"),
            practices=plural(len(practices_on_topic(corpus, topic)), "practice"))
        items.append(f"<strong>{w.link(topic_src(topic), v.topics.label(topic))}</strong> "
                     f'<span lang="zh">{h(v.topics.label(topic, "zh"))}</span>: {h(counts)}')
    w.html(ul(items, "tipkb-compare-index"), index=False)
    return w.page(title=T["index_title"], description=T["index_description"])


@browse_subpages
def topic_pages(site: Site) -> list[SitePage]:
    return [topic_page(site, topic) for topic in site.vocab.compared_topics]


def topic_page(site: Site, topic: str) -> SitePage:
    corpus, v = site.corpus, site.vocab
    w = Writer(site, topic_src(topic))
    label = v.topics.label(topic)
    refs = on_topic(corpus, topic)
    w.breadcrumbs([("Browse", BROWSE), (T["nav"], COMPARE), (label, None)])
    w.md(heading(1, T["title"].format(topic=label), "title"))
    intro = T["intro"].format(provisions=plural(len(refs), "provision").capitalize(),
                              texts=plural(_count_texts(refs), "text"))
    csv_link = (f'<a href="{h(file_href(w.src, compare_csv(topic), site.url_style))}" download>'
                f"{h(T['csv'])}</a>")
    w.html(f'<p lang="zh" class="tipkb-compare-zh">{h(v.topics.label(topic, "zh"))}</p>\n'
           f"<p>{h(intro)}</p>\n"
           f'<p class="tipkb-downloads">{h(T["download"])}{csv_link}</p>')
    w.md(heading(2, T["provisions_heading"], "provisions"))
    w.html(_table(w, refs) if refs else f"<p>{h(T['none'])}</p>", index=False)
    w.md(heading(2, T["plan_heading"], "in-the-plan"))
    w.html(_in_the_plan(w, topic, refs), index=False)
    w.md(heading(2, T["practices_heading"], "practices"))
    w.html(_practices(w, topic), index=False)
    w.html(f'<p class="tipkb-note">{w.link(COMPARE, T["back"])} · '
           f'{w.link(CHECKLIST, T["checklist"])}</p>', index=False)
    return w.page(title=T["title"].format(topic=label),
                  description=T["description"].format(topic=label.lower()), hide=["navigation"])


def _region(site: Site, entry: Entry) -> str:
    v = site.vocab
    region = v.region_label(entry.region)
    return f"{region} ({v.region_label(entry.subregion)})" if entry.subregion else region


def _table(w: Writer, refs: list[ProvisionRef]) -> str:
    """The comparison table; each cell carries its column's name for the stacked layout."""
    head = HEAD
    rows = []
    for ref in refs:
        p = ref.provision
        state = "yes" if ref.binding else "no"
        cells = [
            w.entry(ref.entry),
            f"<strong>{provision_link(w, ref)}</strong><br>{h(p.title)}",
            h(" ".join(p.summary.split())),
            f'<span class="tipkb-binding tipkb-binding--{state}">{h(binding_text(w, ref))}'
            "</span>",
            h(_region(w.site, ref.entry)),
        ]
        rows.append("<tr>" + "".join(f'<td data-label="{h(label)}">{cell}</td>'
                                     for label, cell in zip(head, cells, strict=True)) + "</tr>")
    return ('<div class="tipkb-stack tipkb-compare">\n<table>\n<thead><tr>'
            + "".join(f'<th scope="col">{h(c)}</th>' for c in head)
            + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n</div>")


def _in_the_plan(w: Writer, topic: str, refs: list[ProvisionRef]) -> str:
    site, corpus = w.site, w.site.corpus
    compared = {r.entry.id: r.entry for r in refs}
    out = [f"<p>{h(T['plan_intro'])}</p>"]
    asks = asks_on_topic(corpus, topic)
    if not asks:
        out.append(f"<p>{h(T['no_asks'])}</p>")
    for ask in asks:
        out.append(_ask_card(w, ask, compared))
    for key in paragraphs_on_topic(corpus, topic):
        para = site.plan[key]
        note = corpus.asks().notes.get(key, "")
        out.append('<p class="tipkb-note">' + T["speaks"].format(para=w.para(para), note=h(note))
                   + "</p>")
    return "\n".join(out)


def _ask_card(w: Writer, ask: Ask, compared: dict[str, Entry]) -> str:
    site = w.site
    para = site.plan[ask.para]
    n = ask.id.rsplit(".", 1)[1]
    head = T["ask_head"].format(para=w.para(para), n=h(n))
    checklist = w.link(checklist_src(part_of(para)), T["in_checklist"], ask_anchor(ask.id))
    by_basis: dict[str, list[Entry]] = {"named": [], "relevant": [], "develops": []}
    for eid, ref in site.cited.get(ask.para, []):
        if eid in compared:
            by_basis.setdefault(ref.basis, []).append(compared[eid])
    lines = []
    for basis in ("named", "relevant", "develops"):
        if by_basis[basis]:
            lines.append(h(T[basis]) + ", ".join(w.entry(e) for e in by_basis[basis]))
    linked = linked_provisions(site.corpus, ask.id)
    if linked:
        lines.append(h(T["linked"]) + ", ".join(provision_link(w, r, True) for r in linked))
    if not lines:
        lines.append(h(T["nothing_linked"]))
    return (f'<div class="tipkb-ask">\n'
            f'<p class="tipkb-ask__head"><strong>{head}</strong> · {checklist}</p>\n'
            f"{ask_words(ask)}\n"
            + ul(lines, "tipkb-ask__links") + "\n</div>")


def _practices(w: Writer, topic: str) -> str:
    site = w.site
    found = practices_on_topic(site.corpus, topic)
    if not found:
        return f"<p>{h(T['no_practices'])}</p>"
    items = []
    for entry, asks, paras in found:
        links = [ask_link(w, a.id) for a in asks] + [w.para(site.plan[key]) for key in paras]
        said = []
        if asks:
            said.append(h(T["serves"]) + ", ".join(links[:len(asks)]))
        if paras:
            said.append(h(T["links_para"]) + ", ".join(links[len(asks):]))
        items.append(w.entry(entry) + ";".join(said))
    return f"<p>{h(T['practices_intro'])}</p>\n" + ul(items)
