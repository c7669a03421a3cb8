"""The browse pages, in one registry: each is declared once, with the title the navigation
and the Browse page give it, and the registry feeds both (see :func:`browse_nav`).

Adding a browse page is one decorated function in any module of this package::

    @browse_page("browse/compare.md", "Compare", "what each instrument says on one topic")
    def compare_page(site: Site) -> SitePage: ...
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from indexer.corpus.model import Entry
from indexer.corpus.plan import SYMBOL, Paragraph
from indexer.publish.dates import long_date_or_text as long_date
from indexer.site import matrix
from indexer.site.bibliographies import download_links
from indexer.site.pages.common import (
    A_Z,
    BROWSE,
    BY_PILLAR,
    BY_REGION,
    BY_TYPE,
    ENTRIES_INDEX,
    GROUPS,
    MATRIX,
    NOINDEX,
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
from indexer.site.urls import entry_src, href


@dataclass(frozen=True)
class BrowsePage:
    src: str  # its path in the docs folder
    title: str  # in the navigation and on the Browse page
    blurb: str  # one line on the Browse page
    build: Callable[[Site], SitePage]


REGISTRY: list[BrowsePage] = []
# Pages reached from a browse page but not listed in the navigation (one per topic, per
# pillar...): functions that return them, declared with @browse_subpages.
SUBPAGES: list[Callable[[Site], list[SitePage]]] = []


def browse_page(src: str, title: str, blurb: str) -> Callable:
    """Declare a browse page: listed on the Browse page and in the navigation, in the order of
    declaration (modules are loaded in the order of ``PAGE_MODULES`` in pages/__init__.py)."""
    def register(build: Callable[[Site], SitePage]) -> Callable[[Site], SitePage]:
        if any(page.src == src for page in REGISTRY):
            raise ValueError(f"two browse pages at {src}")
        REGISTRY.append(BrowsePage(src, title, blurb, build))
        return build
    return register


def browse_subpages(build: Callable[[Site], list[SitePage]]) -> Callable[[Site], list[SitePage]]:
    """Declare a function that returns pages reached from a browse page (e.g. one per topic);
    they are built with the browse pages and left out of the navigation."""
    SUBPAGES.append(build)
    return build


def browse_nav() -> list:
    """The Browse section of the navigation, as mkdocs.yml writes it."""
    return [BROWSE] + [{page.title: page.src} for page in REGISTRY]


def browse_pages(site: Site) -> list[SitePage]:
    return ([browse_index(site)] + [page.build(site) for page in REGISTRY]
            + [page for build in SUBPAGES for page in build(site)])


def _downloads(w: Writer, stem: str) -> str:
    """The list's bibliography downloads (see site/bibliographies.py), where there is one."""
    if stem not in w.site.bibliographies:
        return ""
    return download_links(stem, w.src, w.site.url_style)


def browse_index(site: Site) -> SitePage:
    w = Writer(site, BROWSE)
    w.breadcrumbs([("Browse", None)])
    w.md(heading(1, "Browse", "title"))
    w.html(ul(f"<strong>{w.link(page.src, page.title)}</strong>: {h(page.blurb)}."
              for page in REGISTRY))
    return w.page(title="Browse", description="Ways into the knowledge base: "
                  + ", ".join(page.title for page in REGISTRY) + ".")


ENTRY_HEAD = ["Entry", "Type", "Region", "Adopted", "Paragraphs"]


def _entry_rows(w: Writer, entries: Iterable[Entry]) -> Iterable[list[str]]:
    v = w.site.vocab
    for e in entries:
        yield [w.entry(e), h(v.type_label(e.type)), h(v.region_label(e.region)), e.year,
               str(len(e.plan_refs))]


@browse_page(ENTRIES_INDEX, "All entries", "every entry by title, with its type, region and year")
def entries_index_page(site: Site) -> SitePage:
    w = Writer(site, ENTRIES_INDEX)
    w.breadcrumbs([("Browse", BROWSE), ("All entries", None)])
    w.md(heading(1, "All entries", "title"))
    w.md(f"{plural(len(site.entries), 'entry', 'entries')}, by title. “Paragraphs” counts the "
         f"paragraphs of resolution {SYMBOL} that cite each.\n\n")
    w.html(table(ENTRY_HEAD, _entry_rows(w, site.entries), numeric=[4]))
    return w.page(title="All entries", description="Every entry of the knowledge base, by title.",
                  search=NOINDEX)


@browse_page(BY_PILLAR, "By pillar",
             "the preamble, the operative part, and each section of the Plan with what it cites")
def pillars_page(site: Site) -> SitePage:
    w = Writer(site, BY_PILLAR)
    w.breadcrumbs([("Browse", BROWSE), ("By pillar and section", None)])
    w.md(heading(1, "By pillar and section", "title"))
    w.md("The Plan is organised around four pillars: prevention, protection of victims, "
         "prosecution and partnership. For each part of the resolution and each section of "
         "the Plan: its paragraphs, then the entries they cite, most cited first.\n\n")
    for group, paras in groups(site).items():
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
        pillar = next((p.pillar for p in paras if p.pillar), None)
        if pillar:
            out.append(_downloads(w, f"pillar-{pillar}"))
        w.html("\n".join(out))
    return w.page(title="By pillar and section", description="The parts and pillars of the "
                  "Global Plan and the entries each one cites.", search=NOINDEX)


@browse_page(BY_TYPE, "By type", "conventions, resolutions, mandates, bodies, practices…")
def types_page(site: Site) -> SitePage:
    w = Writer(site, BY_TYPE)
    by_type: dict[str, list[Entry]] = defaultdict(list)
    for entry in site.entries:
        by_type[entry.type].append(entry)
    w.breadcrumbs([("Browse", BROWSE), ("By type", None)])
    w.md(heading(1, "By type", "title"))
    w.html(ul(f'<a href="#{value}">{h(label)}</a> ({len(by_type.get(value, []))})'
              for value, label in type_labels(site)))
    for value, label in type_labels(site):
        w.md(heading(2, label, value))
        entries = by_type.get(value, [])
        w.html(f"<p>{h(site.vocab.types[value].description)}</p>\n"
               + (table(ENTRY_HEAD, _entry_rows(w, entries), numeric=[4]) if entries
                  else "<p>No entry of this type yet.</p>")
               + "\n" + _downloads(w, f"type-{value}"))
    return w.page(title="By type", description="Entries by type: conventions, resolutions, "
                  "declarations, mandates, bodies, practices and more.", search=NOINDEX)


@browse_page(BY_REGION, "By region", "global, regional and subregional instruments and mechanisms")
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
        w.html(_downloads(w, f"region-{value}"))
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


@browse_page(A_Z, "A-Z", "every title, short title, acronym and Chinese name")
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
        w.html(ul(f'<a href="{h(href(w.src, entry_src(e), site.url_style))}" lang="zh">'
                  f"{h(name)}</a>: {h(e.display_title)}" for name, e in zh))
    else:
        w.html("<p>No Chinese names yet.</p>")
    return w.page(title="A-Z", description="Every title, short title, acronym and Chinese name "
                  "in the knowledge base, in alphabetical order.", search=NOINDEX)


@browse_page(TIMELINE, "Timeline", "adoption dates, from the oldest to the newest")
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


@browse_page(MATRIX, "Matrix", "which paragraph of the resolution cites which entry")
def matrix_page(site: Site) -> SitePage:
    w = Writer(site, MATRIX)
    w.breadcrumbs([("Browse", BROWSE), ("Matrix", None)])
    w.md(heading(1, "Matrix: paragraphs × entries", "title"))
    w.md("One row per entry, one column per paragraph of the resolution (preamble, operative "
         "part, then the Plan's sections). A filled square means the paragraph cites the entry; "
         "point at it for the details. Entry names link to the entries, column labels to the "
         "paragraphs. The same links are listed as text on every entry and paragraph page.\n\n")
    w.html(matrix.matrix_html(site.corpus, site.entries, w.src, site.url_style))
    return w.page(title="Matrix: paragraphs × entries",
                  description="Which paragraph of resolution 64/293 cites which entry, at a "
                              "glance.", search=NOINDEX, hide=["navigation", "toc"])
