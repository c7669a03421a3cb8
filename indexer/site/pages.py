"""Every page of the site, rendered from the model.

Plain functions, no MkDocs: ``render_site(corpus)`` returns the pages; the MkDocs plugin adds
them to the build. A page is Markdown for what Markdown is good at (headings, which make the
table of contents, and the entry's own body as its author wrote it) and pre-rendered HTML
blocks for everything generated (facts, lists, tables, links). Markdown carries only a
slot for each block (see sanitize.Slots); the plugin sanitises what Markdown made of the page
(entry bodies are untrusted) and then puts the HTML blocks in: the
generated HTML never goes through Markdown's inline parser, which would otherwise be most of
the build time. Links in blocks are relative URLs from :func:`links.href`; the site tests
check that every one of them resolves.

Only the entry and paragraph pages grow with the corpus; none of them is in the navigation,
so each page stays small and the build grows linearly with the number of entries.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.publish.dates import long_date_or_text as long_date
from indexer.publish.export import TRANSLATION_NOTE
from indexer.corpus.model import Corpus, Entry, Link
from indexer.corpus.plan import OFFICIAL_URL, PARTS, PILLARS, SECTIONS, SYMBOL, Paragraph
from indexer.site import citebox, matrix
from indexer.site.urls import entry_src, href, para_src
from indexer.site.body import BodyRenderer, anchor_of, sections
from indexer.site.sanitize import Slots
from indexer.text import clip, first_sentence, plain

HOME = "index.md"
PLAN_INDEX = "plan/index.md"
ENTRIES_INDEX = "entries/index.md"
BROWSE = "browse/index.md"
BY_PILLAR = "browse/pillars.md"
BY_TYPE = "browse/types.md"
BY_REGION = "browse/regions.md"
A_Z = "browse/a-z.md"
TIMELINE = "browse/timeline.md"
MATRIX = "browse/matrix.md"
CONTRIBUTING = "contributing/index.md"  # hand-written, in docs/

STATUS_LABELS = {"active": "Active", "concluded": "Concluded", "succeeded": "Succeeded"}
FACT_LABELS = {
    "title": "title", "title_zh": "Chinese name", "short_title": "short title",
    "aliases": "other names", "adopted": "adoption date",
    "opened_for_signature": "opening for signature", "in_force": "entry into force",
    "adopted_by": "adopting body", "place": "place", "status": "status",
    "citation.symbol": "document symbol", "citation.unts": "Treaty Series citation",
    "citation.cets": "CETS number", "citation.ilo": "ILO number", "url": "official link",
    "plan_refs": "paragraphs of the Plan", "related": "related entries", "body": "summary",
}
# Groups of paragraphs in document order: the two parts of the resolution, then the sections
# of the annex. Keys double as anchors on the Plan index and the pillar page.
GROUPS = {
    "preamble": "Preamble of the resolution",
    "operative": "Operative part of the resolution",
    **{key: f"Annex: {title}" if key == "general" else title
       for key, (_, title, _) in SECTIONS.items()},
}
# Index pages only list what the entry and paragraph pages say: kept out of the search index,
# so a query finds the page about a thing, and the index stays small.
NOINDEX = {"exclude": True}


@dataclass
class SitePage:
    src: str  # path in the (virtual) docs folder, e.g. "entries/untoc.md"
    content: str  # Markdown with front matter and block slots
    blocks: list[str] = field(default_factory=list)  # HTML for the slots, in order
    edit_path: Path | None = None  # the corpus file to edit, for the page's edit link
    slots: Slots | None = None  # the build's slot marker (its nonce)

    def fill(self, page_html: str, late: bool = False) -> str:
        """The converted page with its slots replaced by their HTML blocks.

        First the blocks to index (``late=False``, before the search plugin reads the page),
        then the late ones: navigation, lists of links to other pages and texts the search
        index has elsewhere. Leaving them out of what the search plugin parses keeps the index
        to what the page is about, and saves most of the indexing time.
        """
        if not self.blocks or self.slots is None:
            return page_html
        return self.slots.fill(page_html, self.blocks, "late" if late else "block")


class Writer:
    """Builds one page: Markdown text, with HTML blocks set aside behind placeholders."""

    def __init__(self, site: Site, src: str):
        self.site, self.src = site, src
        self.parts: list[str] = []
        self.blocks: list[str] = []

    def md(self, text: str) -> None:
        self.parts.append(text)

    def html(self, block: str, index: bool = True) -> None:
        """Add an HTML block; ``index=False`` keeps it out of the search index."""
        if not block:
            return
        slot = self.site.slots.mark("block" if index else "late", len(self.blocks))
        self.parts.append("\n\n" + slot + "\n\n")
        self.blocks.append(block)

    def link(self, to_src: str, text: str, anchor: str = "", cls: str = "",
             escape: bool = True) -> str:
        url = href(self.src, to_src, self.site.directory_urls, anchor)
        attr = f' class="{cls}"' if cls else ""
        return f'<a href="{h(url)}"{attr}>{h(text) if escape else text}</a>'

    def entry(self, entry: Entry) -> str:
        return self.link(entry_src(entry), entry.display_title)

    def para(self, para: Paragraph) -> str:
        return self.link(para_src(para), para.label)

    def breadcrumbs(self, trail: Iterable[tuple[str, str | None]]) -> None:
        """Home, then (label, target) pairs; a target is a page source with an optional
        ``#anchor``, or None for plain text."""
        parts = [self.link(HOME, "Home")]
        for label, target in trail:
            if target:
                page, _, anchor = target.partition("#")
                parts.append(self.link(page, label, anchor))
            else:
                parts.append(h(label))
        self.html('<nav class="tipkb-breadcrumbs" aria-label="Breadcrumb">'
                  + " › ".join(parts) + "</nav>", index=False)

    def page(self, edit_path: Path | None = None, **meta) -> SitePage:
        return SitePage(self.src, front_matter(**meta) + "".join(self.parts), self.blocks,
                        edit_path, self.site.slots)


# ---------------------------------------------------------------- shared data and helpers


class Site:
    """What the pages share, computed once per build."""

    def __init__(self, corpus: Corpus, directory_urls: bool = True):
        self.slots = Slots()  # a fresh nonce for every build
        self.bodies = BodyRenderer(directory_urls)
        self.corpus = corpus
        self.vocab = corpus.vocab
        self.plan = corpus.plan
        self.directory_urls = directory_urls
        self.cited = corpus.cited_by()
        self.links = corpus.links()
        self.entries = sorted(corpus, key=lambda e: (e.display_title.casefold(), e.id))
        self.see_also = _see_also(corpus)

    def group_of(self, para: Paragraph) -> str:
        return para.group

    def where(self, para: Paragraph) -> str:
        return PARTS[para.part] + (f", {SECTIONS[para.section][1]}" if para.section else "")


def _see_also(corpus: Corpus) -> dict[str, list[str]]:
    """More-like-this suggestions, when the module that computes them is there."""
    try:
        from indexer.search.related import see_also
    except ImportError:
        return {}
    return see_also(corpus, limit=5)


def cite_block(w: Writer, entry: Entry) -> str:
    """HTML for the entry's "Cite this" box: UN style and OSCOLA with a copy button, and
    the BibTeX, RIS and CSL-JSON files published beside the site."""
    return citebox.entry_box(w.site.corpus, entry, w.src, w.site.directory_urls)


def h(text) -> str:
    return html.escape(str(text), quote=True)


def front_matter(**meta) -> str:
    # JSON strings are valid YAML scalars, and far quicker to write than yaml.dump.
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading with a fixed id (plain text: no Markdown in the title)."""
    text = re.sub(r"([\\`*_\[\]<>#{}])", r"\\\1", text)
    return f"\n\n{'#' * level} {text} {{ #{anchor} }}\n\n"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def table(head: list[str], rows: Iterable[list[str]], numeric: Iterable[int] = ()) -> str:
    """An HTML table (cells already HTML). No class on <table>, so the theme styles it."""
    right = set(numeric)

    def cell(tag: str, i: int, value: str) -> str:
        return f'<{tag} align="right">{value}</{tag}>' if i in right else f"<{tag}>{value}</{tag}>"

    out = ["<table><thead><tr>" + "".join(cell("th", i, c) for i, c in enumerate(head))
           + "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(cell("td", i, c) for i, c in enumerate(r)) + "</tr>" for r in rows]
    return "\n".join(out) + "\n</tbody></table>"


def ul(items: Iterable[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ul>"


def _type_labels(site: Site) -> list[tuple[str, str]]:
    return [(value, info.label) for value, info in site.vocab.types.items()]


def badge(w: Writer, text: str, kind: str, to_src: str | None = None, anchor: str = "") -> str:
    cls = f"tipkb-badge tipkb-badge--{kind}"
    if to_src:
        return w.link(to_src, text, anchor, cls)
    return f'<span class="{cls}">{h(text)}</span>'


# ---------------------------------------------------------------- entry pages


def entry_page(site: Site, entry: Entry) -> SitePage:
    w = Writer(site, entry_src(entry))
    v = site.vocab
    w.breadcrumbs([("Browse", BROWSE), (v.type_label(entry.type), f"{BY_TYPE}#{entry.type}")])
    w.md(heading(1, entry.title, "title"))
    w.html(_badges(w, entry) + "\n" + _facts_table(w, entry))
    _body(w, entry)
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
    return '<p class="tipkb-badges">' + " ".join(badges) + "</p>"


def _facts_table(w: Writer, entry: Entry) -> str:
    v = w.site.vocab
    rows: list[tuple[str, str]] = []
    if entry.short_title:
        rows.append(("Short title", h(entry.short_title)))
    if entry.title_zh:
        rows.append(("Official Chinese title", f'<span lang="zh">{h(entry.title_zh)}</span>'))
    elif entry.title_zh_project:
        rows.append(("Chinese title (the project's rendering)",
                     f'<span lang="zh">{h(entry.title_zh_project)}</span>'))
    if entry.cited_as_zh:
        rows.append(("Words of resolution 64/293", f'<span lang="zh">{h(entry.cited_as_zh)}</span>'))
    if entry.aliases:
        rows.append(("Also known as", h(", ".join(entry.aliases))))
    rows.append(("Type", h(v.type_label(entry.type))))
    region = v.region_label(entry.region)
    if entry.subregion:
        region += f" ({v.region_label(entry.subregion)})"
    rows.append(("Region", h(region)))
    for key, label in (("adopted", "Adopted"), ("opened_for_signature", "Opened for signature"),
                       ("in_force", "Entered into force")):
        if value := getattr(entry, key):
            rows.append((label, h(long_date(value))))
    if entry.adopted_by:
        rows.append(("Adopted by", h(entry.adopted_by)))
    if entry.place:
        rows.append(("Place", h(entry.place)))
    if entry.status:
        status = STATUS_LABELS.get(entry.status, entry.status)
        if entry.status_since:
            status += f" since {long_date(entry.status_since)}"
        rows.append(("Status", h(status)))
    citation = entry.citation
    if citation.symbol:
        rows.append(("Document symbol", h(citation.symbol)))
    if u := citation.unts:
        no = f", No. {h(u.number)}" if u.number else ""
        page = f", p. {h(u.page)}" if u.page else ""
        rows.append(("Treaty Series", f"United Nations, <i>Treaty Series</i>, "
                                      f"vol. {h(u.volume)}{no}{page}"))
    if citation.cets:
        rows.append(("Council of Europe Treaty Series", f"CETS No. {h(citation.cets)}"))
    if citation.ilo:
        rows.append(("ILO convention", f"No. {h(citation.ilo)}"))
    if citation.oj:
        rows.append(("Official Journal of the EU", h(citation.oj)))
    if entry.url:
        url = entry.url
        host = re.sub(r"^https?://(www\.)?", "", url).split("/", 1)[0]
        rows.append(("Official link", f'<a href="{h(url)}">{h(host)}</a>'))
    body = "\n".join(f"<tr><th scope=\"row\">{label}</th>\n<td>{value}</td></tr>"
                     for label, value in rows)
    return f'<div class="tipkb-facts"><table>\n<tbody>\n{body}\n</tbody></table></div>'


def _in_the_plan(w: Writer, entry: Entry) -> None:
    site = w.site
    plan = site.plan
    order = {k: i for i, k in enumerate(plan.paragraphs)}
    refs = sorted((r for r in entry.plan_refs if r.para in plan.paragraphs),
                  key=lambda r: order[r.para])
    w.md(heading(2, "In the Global Plan", "in-the-plan"))
    w.html(f'<p class="tipkb-note">Cited in {plural(len(refs), "paragraph")} of resolution '
           f"{SYMBOL}. The English renderings are the project's own and unofficial; the Chinese "
           "text is the resolution's.</p>", index=False)
    # One block per citing paragraph, not one heading each: a heading per paragraph would make
    # a search-index section per citation and a long table of contents.
    items = []
    for ref in refs:
        para = plan[ref.para]
        items.append(f'<div class="tipkb-cite" id="{para.key}">\n<p class="tipkb-cite__head">'
                     f"<strong>{w.para(para)}</strong> · <em>{h(site.where(para))}</em>. "
                     f"{h(ref.note)}</p>\n{_texts(para)}\n</div>")
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


def _zh_with_calls(para: Paragraph) -> str:
    text, out, pos = para.text_zh, [], 0
    for call in sorted(para.calls, key=lambda c: c.offset):
        out.append(h(text[pos : call.offset]))
        out.append(f'<sup class="tipkb-fn"><a href="#fn-{call.number}">{call.number}</a></sup>')
        pos = call.offset
    out.append(h(text[pos:]))
    return "".join(out)


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
    if entry.unverified:
        out.append("<p>Not verified:</p>\n" + ul(h(n) for n in entry.unverified))
    out.append(f'<p class="tipkb-reviewed">Last reviewed {long_date(entry.last_reviewed)}.</p>')
    w.html("\n".join(out), index=False)


# ---------------------------------------------------------------- paragraph pages


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
    cited = site.cited.get(para.key, [])
    w.md(heading(2, "Entries citing this paragraph", "cited-by"))
    if cited:
        items = []
        for eid, ref in cited:
            entry = site.corpus.entries[eid]
            items.append(f"{w.entry(entry)} ({h(site.vocab.type_label(entry.type))}): {h(ref.note)}")
        w.html(ul(items, "tipkb-cited-by"), index=False)
    else:
        w.html("<p>No entry cites this paragraph yet.</p>")
    w.md(heading(2, "Cite this", "cite"))
    w.html(citebox.paragraph_box(site.corpus, para, w.src, w.site.directory_urls), index=False)
    prev_p, next_p = site.plan.neighbours(para.key)
    nav = []
    if prev_p:
        nav.append(f'← Previous: <a href="{h(href(w.src, para_src(prev_p), site.directory_urls))}"'
                   f' rel="prev">{h(prev_p.label)}</a>')
    nav.append(w.link(PLAN_INDEX, "All paragraphs"))
    if next_p:
        nav.append(f'Next: <a href="{h(href(w.src, para_src(next_p), site.directory_urls))}"'
                   f' rel="next">{h(next_p.label)}</a> →')
    w.html('<nav class="tipkb-pager" aria-label="Paragraphs">' + " · ".join(nav) + "</nav>",
           index=False)
    summary = para.text_en or para.text_zh
    return w.page(title=f"{para.label}: resolution {SYMBOL}",
                  description=clip(f"{para.label} ({site.where(para)}): {summary}"))


# ---------------------------------------------------------------- index pages


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
                                      for value, label in _type_labels(site)
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


def _groups(site: Site) -> dict[str, list[Paragraph]]:
    groups: dict[str, list[Paragraph]] = {}
    for para in site.plan.paragraphs.values():
        groups.setdefault(site.group_of(para), []).append(para)
    return groups


def plan_index_page(site: Site) -> SitePage:
    w = Writer(site, PLAN_INDEX)
    w.breadcrumbs([("The Plan", None)])
    w.md(heading(1, f"The Plan: resolution {SYMBOL}", "title"))
    w.md("The resolution has a preamble, an operative part and an annex, the Global Plan "
         "itself. The annex opens with general provisions, then has one section per pillar. "
         "Each paragraph has its own page with the Chinese text, an English rendering, its "
         "footnotes and the entries it cites.\n\n")
    for group, paras in _groups(site).items():
        w.md(heading(2, GROUPS[group], group))
        w.html(table(["Paragraph", "Text", "Entries"],
                     ([w.para(p), h(clip(p.text_en or p.text_zh, 110)),
                       str(len(site.cited.get(p.key, [])))] for p in paras), numeric=[2]))
    return w.page(title=f"The Plan: every paragraph of resolution {SYMBOL}",
                  description="Every paragraph of the resolution and its annex, the Global "
                              "Plan, with the entries each one cites.", search=NOINDEX)


ENTRY_HEAD = ["Entry", "Type", "Region", "Adopted", "Paragraphs"]


def _entry_rows(w: Writer, entries: Iterable[Entry]) -> Iterable[list[str]]:
    v = w.site.vocab
    for e in entries:
        yield [w.entry(e), h(v.type_label(e.type)), h(v.region_label(e.region)), e.year,
               str(len(e.plan_refs))]


def entries_index_page(site: Site) -> SitePage:
    w = Writer(site, ENTRIES_INDEX)
    w.breadcrumbs([("Browse", BROWSE), ("All entries", None)])
    w.md(heading(1, "All entries", "title"))
    w.md(f"{plural(len(site.entries), 'entry', 'entries')}, by title. “Paragraphs” counts the "
         f"paragraphs of resolution {SYMBOL} that cite each.\n\n")
    w.html(table(ENTRY_HEAD, _entry_rows(w, site.entries), numeric=[4]))
    return w.page(title="All entries", description="Every entry of the knowledge base, by title.",
                  search=NOINDEX)


def browse_page(site: Site) -> SitePage:
    w = Writer(site, BROWSE)
    w.breadcrumbs([("Browse", None)])
    w.md(heading(1, "Browse", "title"))
    items = [
        ("All entries", ENTRIES_INDEX, "every entry by title, with its type, region and year"),
        ("By pillar and section", BY_PILLAR,
         "the preamble, the operative part, and each section of the Plan with what it cites"),
        ("By type", BY_TYPE, "conventions, resolutions, mandates, bodies, practices…"),
        ("By region", BY_REGION, "global, regional and subregional instruments and mechanisms"),
        ("A-Z", A_Z, "every title, short title, acronym and Chinese name"),
        ("Timeline", TIMELINE, "adoption dates, from the oldest to the newest"),
        ("Matrix", MATRIX, "which paragraph of the resolution cites which entry"),
    ]
    w.html(ul(f"<strong>{w.link(target, label)}</strong>: {h(text)}."
              for label, target, text in items))
    return w.page(title="Browse", description="Ways into the knowledge base: by pillar, type "
                  "and region, A-Z, timeline and the paragraph matrix.")


def pillars_page(site: Site) -> SitePage:
    w = Writer(site, BY_PILLAR)
    w.breadcrumbs([("Browse", BROWSE), ("By pillar and section", None)])
    w.md(heading(1, "By pillar and section", "title"))
    w.md("The Plan is organised around four pillars: prevention, protection of victims, "
         "prosecution and partnership. For each part of the resolution and each section of "
         "the Plan: its paragraphs, then the entries they cite, most cited first.\n\n")
    for group, paras in _groups(site).items():
        w.md(heading(2, GROUPS[group], group))
        by_entry: dict[str, list[Paragraph]] = defaultdict(list)
        for para in paras:
            for eid, _ in site.cited.get(para.key, []):
                by_entry[eid].append(para)
        out = ['<p class="tipkb-paras">Paragraphs: '
               + ", ".join(w.para(p) for p in paras) + ".</p>"]
        if by_entry:
            ranked = sorted(by_entry.items(), key=lambda kv: (
                -len(kv[1]), site.corpus.entries[kv[0]].display_title.casefold()))
            out.append(ul(f"{w.entry(site.corpus.entries[eid])}: "
                          + ", ".join(w.para(p) for p in cited) for eid, cited in ranked))
        else:
            out.append("<p>No entry is cited here yet.</p>")
        w.html("\n".join(out))
    return w.page(title="By pillar and section", description="The parts and pillars of the "
                  "Global Plan and the entries each one cites.", search=NOINDEX)


def types_page(site: Site) -> SitePage:
    w = Writer(site, BY_TYPE)
    by_type: dict[str, list[Entry]] = defaultdict(list)
    for entry in site.entries:
        by_type[entry.type].append(entry)
    w.breadcrumbs([("Browse", BROWSE), ("By type", None)])
    w.md(heading(1, "By type", "title"))
    w.html(ul(f'<a href="#{value}">{h(label)}</a> ({len(by_type.get(value, []))})'
              for value, label in _type_labels(site)))
    for value, label in _type_labels(site):
        w.md(heading(2, label, value))
        entries = by_type.get(value, [])
        w.html(f"<p>{h(site.vocab.types[value].description)}</p>\n"
               + (table(ENTRY_HEAD, _entry_rows(w, entries), numeric=[4]) if entries
                  else "<p>No entry of this type yet.</p>"))
    return w.page(title="By type", description="Entries by type: conventions, resolutions, "
                  "declarations, mandates, bodies, practices and more.", search=NOINDEX)


def regions_page(site: Site) -> SitePage:
    w = Writer(site, BY_REGION)
    v = site.vocab
    by_region: dict[str, dict[str | None, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in site.entries:
        by_region[entry.region][entry.subregion].append(entry)
    w.breadcrumbs([("Browse", BROWSE), ("By region", None)])
    w.md(heading(1, "By region", "title"))
    w.html(ul(f'<a href="#{value}">{h(label)}</a> '
              f"({sum(len(x) for x in by_region.get(value, {}).values())})"
              for value, label in v.regions.en.items()))
    for value, label in v.regions.en.items():
        subs = by_region.get(value, {})
        w.md(heading(2, label, value))
        if not subs:
            w.html("<p>No entry for this region yet.</p>")
            continue
        if subs.get(None):
            w.html(table(ENTRY_HEAD, _entry_rows(w, subs[None]), numeric=[4]))
        for sub in sorted((s for s in subs if s), key=v.region_label):
            w.md(heading(3, v.region_label(sub), sub))
            w.html(table(ENTRY_HEAD, _entry_rows(w, subs[sub]), numeric=[4]))
    return w.page(title="By region", description="Entries by region and subregion: global "
                  "instruments, then regional and subregional ones.", search=NOINDEX)


def _letter(name: str) -> str:
    first = name.lstrip("\"'“‘(«")[:1].upper()
    if first.isdigit():
        return "0-9"
    return first if "A" <= first <= "Z" else "#"


def _letter_anchor(key: str) -> str:
    return {"#": "other", "0-9": "digits"}.get(key, key.lower())


def a_z_page(site: Site) -> SitePage:
    w = Writer(site, A_Z)
    names: list[tuple[str, Entry, bool]] = []  # (name, entry, is the entry's display title)
    for entry in site.entries:
        names.append((entry.display_title, entry, True))
        others = ([entry.title] if entry.display_title != entry.title else []) + list(entry.aliases)
        names += [(n, entry, False) for n in dict.fromkeys(others) if n != entry.display_title]
    names.sort(key=lambda x: (x[0].casefold(), x[1].id))
    letters: dict[str, list[tuple[str, Entry, bool]]] = {}
    for item in names:
        letters.setdefault(_letter(item[0]), []).append(item)
    keys = sorted(letters, key=lambda k: (k == "#", k == "0-9", k))
    w.breadcrumbs([("Browse", BROWSE), ("A-Z", None)])
    w.md(heading(1, "A-Z", "title"))
    w.md("Every title, short title and other name (acronyms, popular names), then the Chinese "
         "names as resolution 64/293 gives them.\n\n")
    jump = [f'<a href="#{_letter_anchor(k)}">{h(k)}</a>' for k in keys]
    w.html('<p class="tipkb-jump">' + " · ".join(jump + ['<a href="#zh">中文</a>']) + "</p>")
    for key in keys:
        w.md(heading(2, key, _letter_anchor(key)))
        w.html(ul(w.entry(e) if primary else f"{h(name)}: see {w.entry(e)}"
                  for name, e, primary in letters[key]))
    zh = sorted(((e.zh_title, e) for e in site.entries if e.zh_title), key=lambda x: x[0])
    w.md(heading(2, "Chinese names", "zh"))
    if zh:
        w.html(ul(f'<a href="{h(href(w.src, entry_src(e), site.directory_urls))}" lang="zh">'
                  f"{h(name)}</a>: {h(e.display_title)}" for name, e in zh))
    else:
        w.html("<p>No Chinese names yet.</p>")
    return w.page(title="A-Z", description="Every title, short title, acronym and Chinese name "
                  "in the knowledge base, in alphabetical order.", search=NOINDEX)


def timeline_page(site: Site) -> SitePage:
    w = Writer(site, TIMELINE)
    dated = sorted((e for e in site.entries if e.adopted),
                   key=lambda e: (e.adopted or "", e.display_title.casefold()))
    w.breadcrumbs([("Browse", BROWSE), ("Timeline", None)])
    w.md(heading(1, "Timeline", "title"))
    undated = len(site.entries) - len(dated)
    w.md(f"{plural(len(dated), 'entry', 'entries')} with an adoption or launch date, oldest "
         f"first; {undated} without one are left out. The Global Plan itself was adopted on "
         "30 July 2010.\n\n")
    if dated:
        w.html(matrix.timeline_svg([e.year for e in dated]))
    by_decade: dict[int, list[Entry]] = {}
    for entry in dated:
        by_decade.setdefault(int(entry.year) // 10 * 10, []).append(entry)
    for decade, entries in by_decade.items():
        w.md(heading(2, f"{decade}s", f"d{decade}"))
        items = []
        for e in entries:
            extra = f"; in force {long_date(e.in_force)}" if e.in_force else ""
            items.append(f"<strong>{long_date(e.adopted)}</strong>: {w.entry(e)} "
                         f"({h(site.vocab.type_label(e.type))}{extra})")
        w.html(ul(items))
    return w.page(title="Timeline", description="Adoption dates of the instruments, bodies and "
                  "initiatives the Global Plan relies on, oldest first.", search=NOINDEX)


def matrix_page(site: Site) -> SitePage:
    w = Writer(site, MATRIX)
    w.breadcrumbs([("Browse", BROWSE), ("Matrix", None)])
    w.md(heading(1, "Matrix: paragraphs × entries", "title"))
    w.md("One row per entry, one column per paragraph of the resolution (preamble, operative "
         "part, then the Plan's sections). A filled square means the paragraph cites the entry; "
         "point at it for the details. Entry names link to the entries, column labels to the "
         "paragraphs. The same links are listed as text on every entry and paragraph page.\n\n")
    w.html(matrix.matrix_html(site.corpus, site.entries, w.src, site.directory_urls))
    return w.page(title="Matrix: paragraphs × entries",
                  description="Which paragraph of resolution 64/293 cites which entry, at a "
                              "glance.", search=NOINDEX, hide=["navigation", "toc"])


# ---------------------------------------------------------------- the whole site


def render_site(corpus: Corpus, directory_urls: bool = True) -> list[SitePage]:
    """Every generated page of the site, in a stable order."""
    site = Site(corpus, directory_urls)
    pages = [home_page(site), plan_index_page(site), entries_index_page(site), browse_page(site),
             pillars_page(site), types_page(site), regions_page(site), a_z_page(site),
             timeline_page(site), matrix_page(site)]
    pages += [paragraph_page(site, p) for p in site.plan.paragraphs.values()]
    pages += [entry_page(site, e) for e in site.entries]
    return pages
