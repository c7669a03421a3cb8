"""The Plan as a checklist: one page per pillar (and one for the general part), each ask with
who is asked, the verb as the resolution uses it, what, the Chinese words, and what the corpus
links to it: the entries the paragraph names, the entries and articles linked to the ask, the
articles on the same topic (kept apart: a match of topics, not a link), and the practices that
serve it. The same table as ``tipkb checklist`` is published as CSV beside each page.
"""

from __future__ import annotations

from indexer.corpus.model import Corpus
from indexer.corpus.plan import Paragraph
from indexer.publish.checklist import (
    PARTS,
    Row,
    asks_of,
    checklist,
    checklist_csv,
    part_label,
    part_of,
    part_scope,
    to_csv_text,
)
from indexer.publish.provisions import ProvisionRef, by_entry
from indexer.site.citebox import file_href
from indexer.site.pages.browse import browse_page, browse_subpages
from indexer.site.pages.common import BROWSE, Site, SitePage, Writer, h, heading, plural, ul
from indexer.site.pages.provisions import (
    CHECKLIST,
    COMPARE,
    ask_anchor,
    ask_words,
    checklist_src,
    provision_link,
    topic_link,
)

# Interface words (kept together so that a translation table can take them over).
T = {
    "nav": "Checklist",
    "blurb": "the Plan's asks, pillar by pillar, with the instruments, articles and practices "
             "linked to each, as tables to fill in",
    "index_title": "The Plan as a checklist",
    "index_intro": ("Each operative paragraph and each paragraph of the annex is broken into "
                    "the asks it makes: who is asked, the verb as the resolution uses it, and "
                    "what. One page per pillar shows each ask with what the knowledge base "
                    "links to it; the same table downloads as CSV with empty columns for a "
                    "country's status and notes (tipkb checklist gives it in Markdown or in "
                    "Chinese too)."),
    "index_description": "The Global Plan's asks, pillar by pillar, as checklists to fill in.",
    "index_item": "{asks} in {paras}",
    "title": "Checklist: {part}",
    "description": "Every ask of {scope}, with the instruments, articles and practices linked "
                   "to it.",
    "intro": ("{asks} of {scope}, in the Plan's order. Under each ask, kept apart: the entries "
              "the paragraph names; the entries and articles the knowledge base links to the "
              "ask itself; the articles whose topic the ask's own words name (a match of "
              "topics, not a judgement that the article answers the ask); and the practices "
              "that serve it. The English renderings are the project's own; the Chinese words "
              "are the resolution's."),
    "download": "Download the table to fill in (status and notes): ",
    "csv_en": "CSV",
    "csv_zh": "CSV in Chinese",
    "asks_nothing": "Asks nothing: ",
    "ask_head": "Ask {n} of {para}",
    "named": "Named in the paragraph",
    "linked_entries": "Linked to this ask",
    "linked_provisions": "Articles linked to this ask",
    "same_topic": "Articles on the same topic",
    "practices": "Practices",
    "topics": "Topics: ",
    "nothing": ("Nothing in the knowledge base is linked to this ask yet, and its words name "
                "no topic of the vocabulary."),
    "back": "All checklists",
    "compare": "Compare instruments by topic",
}


def checklist_files(corpus: Corpus) -> dict[str, str]:
    """Site path -> CSV: the checklist of every part, in English and in Chinese."""
    return {checklist_csv(part, lang): to_csv_text(corpus, part, lang)
            for part in PARTS for lang in ("en", "zh")}


def _paragraphs(site: Site, part: str) -> list[Paragraph]:
    """The paragraphs of the part that the asks file covers (operative and annex)."""
    return [p for p in site.plan.paragraphs.values()
            if p.part in ("operative", "annex") and part_of(p) == part]


@browse_page(CHECKLIST, T["nav"], T["blurb"])
def checklist_index(site: Site) -> SitePage:
    w = Writer(site, CHECKLIST)
    w.breadcrumbs([("Browse", BROWSE), (T["nav"], None)])
    w.md(heading(1, T["index_title"], "title"))
    w.html(f"<p>{h(T['index_intro'])}</p>")
    items = []
    for part in PARTS:
        count = T["index_item"].format(asks=plural(len(asks_of(site.corpus, part)), "ask"),
                                       paras=plural(len(_paragraphs(site, part)), "paragraph"))
        items.append(f"<strong>{w.link(checklist_src(part), part_label(site.corpus, part))}"
                     f"</strong>: {h(part_scope(part))}; {h(count)} · "
                     + _downloads(w, part, inline=True))
    w.html(ul(items, "tipkb-checklist-index"), index=False)
    return w.page(title=T["index_title"], description=T["index_description"])


@browse_subpages
def part_pages(site: Site) -> list[SitePage]:
    return [part_page(site, part) for part in PARTS]


def _downloads(w: Writer, part: str, inline: bool = False) -> str:
    links = " · ".join(
        f'<a href="{h(file_href(w.src, checklist_csv(part, lang), w.site.url_style))}" download>'
        f"{h(label)}</a>" for lang, label in (("en", T["csv_en"]), ("zh", T["csv_zh"])))
    return links if inline else f'<p class="tipkb-downloads">{h(T["download"])}{links}</p>'


def part_page(site: Site, part: str) -> SitePage:
    corpus = site.corpus
    w = Writer(site, checklist_src(part))
    label = part_label(corpus, part)
    rows = checklist(corpus, part)
    by_para: dict[str, list[Row]] = {}
    for row in rows:
        by_para.setdefault(row.para.key, []).append(row)
    w.breadcrumbs([("Browse", BROWSE), (T["nav"], CHECKLIST), (label, None)])
    w.md(heading(1, T["title"].format(part=label), "title"))
    intro = T["intro"].format(asks=plural(len(rows), "ask").capitalize(),
                              scope=part_scope(part))
    w.html(f"<p>{h(intro)}</p>\n" + _downloads(w, part))
    notes = corpus.asks().notes
    for para in _paragraphs(site, part):
        w.md(heading(2, para.label, para.key))
        para_rows = by_para.get(para.key, [])
        if not para_rows:
            w.html(f'<p class="tipkb-note">{w.para(para)}. {h(T["asks_nothing"])}'
                   f"{h(notes.get(para.key, ''))}</p>", index=False)
            continue
        w.html("\n".join(_ask(w, row) for row in para_rows), index=False)
    w.html(f'<p class="tipkb-note">{w.link(CHECKLIST, T["back"])} · '
           f'{w.link(COMPARE, T["compare"])}</p>', index=False)
    return w.page(title=T["title"].format(part=label),
                  description=T["description"].format(scope=part_scope(part)), hide=["navigation"])


def _provisions(w: Writer, refs: list[ProvisionRef]) -> str:
    """Articles grouped by instrument: 'Protocol: Art. 6, Art. 7', one instrument a line."""
    return ul(w.entry(entry) + ": " + ", ".join(provision_link(w, r) for r in group)
              for entry, group in by_entry(refs))


def _ask(w: Writer, row: Row) -> str:
    ask = row.ask
    n = ask.id.rsplit(".", 1)[1]
    head = T["ask_head"].format(n=h(n), para=w.para(row.para))
    if ask.addressee != "states":
        head += f" · {h(ask.addressee)}"
    parts = [f'<p class="tipkb-ask__head"><strong>{head}</strong></p>', ask_words(ask)]
    if ask.topics:
        parts.append('<p class="tipkb-ask__topics">' + h(T["topics"])
                     + ", ".join(topic_link(w, t) for t in ask.topics) + "</p>")
    found = []
    if row.named:
        found.append((T["named"], ul(w.entry(e) for e in row.named)))
    if row.entries:
        found.append((T["linked_entries"], ul(
            f"{w.entry(e)} ({h(w.site.vocab.bases.label(ref.basis).lower())})"
            for e, ref in row.entries)))
    if row.provisions:
        found.append((T["linked_provisions"], _provisions(w, row.provisions)))
    if row.same_topic:
        found.append((T["same_topic"], _provisions(w, row.same_topic)))
    if row.practices:
        found.append((T["practices"], ul(w.entry(e) for e in row.practices)))
    if found:
        parts.append('<dl class="tipkb-ask__links">' + "".join(
            f"<dt>{h(title)}</dt><dd>{body}</dd>" for title, body in found) + "</dl>")
    else:
        parts.append(f'<p class="tipkb-note">{h(T["nothing"])}</p>')
    return (f'<div class="tipkb-ask" id="{h(ask_anchor(ask.id))}">\n' + "\n".join(parts)
            + "\n</div>")
