"""The Plan as a checklist: one page per pillar (and one for the general part), each ask with
who is asked, the verb as the resolution uses it, what, the Chinese words, and what the corpus
links to it: the entries the paragraph names, the entries and articles linked to the ask, the
articles on the same topic (kept apart: a match of topics, not a link), and the practices that
serve it. The same table as ``tipkb checklist`` is published as CSV beside each page.
"""

from __future__ import annotations

from indexer.corpus.model import Corpus
from indexer.corpus.names import para_label
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
from indexer.site.i18n import EN, ZH, t
from indexer.site.pages.browse import browse_page, browse_subpages
from indexer.site.pages.common import BROWSE, Site, SitePage, Writer, english, h, heading, ul
from indexer.site.pages.provisions import (
    CHECKLIST,
    COMPARE,
    ask_anchor,
    ask_words,
    checklist_src,
    provision_link,
    topic_link,
)

# Interface words: site/i18n.py, keys "checklist.*" (and "addressee.*" for who is asked).


def checklist_files(corpus: Corpus) -> dict[str, str]:
    """Site path -> CSV: the checklist of every part, in English and in Chinese."""
    return {checklist_csv(part, lang): to_csv_text(corpus, part, lang)
            for part in PARTS for lang in (EN, ZH)}


def _paragraphs(site: Site, part: str) -> list[Paragraph]:
    """The paragraphs of the part that the asks file covers (operative and annex)."""
    return [p for p in site.plan.paragraphs.values()
            if p.part in ("operative", "annex") and part_of(p) == part]


@browse_page(CHECKLIST, t(f"nav.{CHECKLIST}"), t(f"blurb.{CHECKLIST}"))
def checklist_index(site: Site) -> SitePage:
    w = Writer(site, CHECKLIST)
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t(f"nav.{CHECKLIST}"), None)])
    w.md(heading(1, w.t("checklist.h1"), "title"))
    w.html(f"<p>{w.t('checklist.intro')}</p>")  # the table's own HTML (a <code> command)
    items = []
    for part in PARTS:
        count = w.t("checklist.index_item", asks=w.t("ask_n", n=len(asks_of(site.corpus, part))),
                    paras=w.t("paragraph_n", n=len(_paragraphs(site, part))))
        label = part_label(site.corpus, part, w.lang)
        items.append(f"<strong>{w.link(checklist_src(part), label)}</strong>{h(w.t('colon'))}"
                     f"{h(part_scope(part, w.lang))}{h(w.t('entry.plan.sep'))}{h(count)} · "
                     + _downloads(w, part, inline=True))
    w.html(ul(items, "tipkb-checklist-index"), index=False)
    return w.page(title=w.t("checklist.h1"), description=w.t("checklist.description"))


@browse_subpages
def part_pages(site: Site) -> list[SitePage]:
    return [part_page(site, part) for part in PARTS]


def _downloads(w: Writer, part: str, inline: bool = False) -> str:
    links = " · ".join(
        f'<a href="{h(file_href(w.src, checklist_csv(part, lang), w.site.url_style))}" download>'
        f"{h(w.t(key))}</a>" for lang, key in ((EN, "checklist.csv_en"), (ZH, "checklist.csv_zh")))
    if inline:
        return links
    return f'<p class="tipkb-downloads">{h(w.t("checklist.download"))}{links}</p>'


def part_page(site: Site, part: str) -> SitePage:
    corpus = site.corpus
    w = Writer(site, checklist_src(part))
    label = part_label(corpus, part, w.lang)
    scope = part_scope(part, w.lang)
    rows = checklist(corpus, part)
    by_para: dict[str, list[Row]] = {}
    for row in rows:
        by_para.setdefault(row.para.key, []).append(row)
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t(f"nav.{CHECKLIST}"), CHECKLIST), (label, None)])
    w.md(heading(1, w.t("checklist.title", part=label), "title"))
    intro = w.t("checklist.page_intro", asks=w.t("ask_n", n=len(rows)), scope=scope)
    w.html(f"<p>{h(intro)}</p>\n" + _downloads(w, part))
    notes = corpus.asks().notes
    for para in _paragraphs(site, part):
        w.md(heading(2, para_label(para, w.lang), para.key))
        para_rows = by_para.get(para.key, [])
        if not para_rows:
            # Why it asks nothing: the curators' words, in English.
            w.html(f'<p class="tipkb-note">{w.para(para)}{h(w.t("sentence_sep"))}'
                   f'{h(w.t("checklist.asks_nothing"))}'
                   f"{english(w, h(notes.get(para.key, '')))}</p>", index=False)
            continue
        w.html("\n".join(_ask(w, row) for row in para_rows), index=False)
    w.html(f'<p class="tipkb-note">{w.link(CHECKLIST, w.t("checklist.back"))} · '
           f'{w.link(COMPARE, w.t("compare.h1"))}</p>', index=False)
    return w.page(title=w.t("checklist.title", part=label),
                  description=w.t("checklist.page_description", scope=scope),
                  hide=["navigation"])


def _provisions(w: Writer, refs: list[ProvisionRef]) -> str:
    """Articles grouped by instrument: 'Protocol: Art. 6, Art. 7', one instrument a line."""
    colon, sep = h(w.t("colon")), w.t("list_sep")
    return ul(w.entry(entry) + colon + sep.join(provision_link(w, r) for r in group)
              for entry, group in by_entry(refs))


def _ask(w: Writer, row: Row) -> str:
    ask = row.ask
    n = ask.id.rsplit(".", 1)[1]
    head = w.t("checklist.ask_head", number=h(n), para=w.para(row.para))
    if ask.addressee != "states":
        head += f" · {h(w.t(f'addressee.{ask.addressee}'))}"
    parts = [f'<p class="tipkb-ask__head"><strong>{head}</strong></p>', ask_words(w, ask)]
    if ask.topics:
        parts.append('<p class="tipkb-ask__topics">' + h(w.t("prov.topics"))
                     + w.t("list_sep").join(topic_link(w, topic) for topic in ask.topics)
                     + "</p>")
    bases = w.site.vocab.bases
    found = []
    if row.named:
        found.append((w.t("checklist.named"), ul(w.entry(e) for e in row.named)))
    if row.entries:
        found.append((w.t("checklist.linked_entries"), ul(
            w.entry(e) + h(w.t("paren", text=bases.label(ref.basis, w.lang).lower()))
            for e, ref in row.entries)))
    if row.provisions:
        found.append((w.t("checklist.linked_provisions"), _provisions(w, row.provisions)))
    if row.same_topic:
        found.append((w.t("checklist.same_topic"), _provisions(w, row.same_topic)))
    if row.practices:
        found.append((w.t("practices"), ul(w.entry(e) for e in row.practices)))
    if found:
        parts.append('<dl class="tipkb-ask__links">' + "".join(
            f"<dt>{h(title)}</dt><dd>{body}</dd>" for title, body in found) + "</dl>")
    else:
        parts.append(f'<p class="tipkb-note">{h(w.t("checklist.nothing"))}</p>')
    return (f'<div class="tipkb-ask" id="{h(ask_anchor(ask.id))}">\n' + "\n".join(parts)
            + "\n</div>")
