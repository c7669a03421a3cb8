"""The browse pages, in one registry: each is declared once, with the title the navigation
and the Browse page give it, and the registry feeds both (see :func:`browse_nav`).

Adding a browse page is one decorated function in any module of this package::

    @browse_page("browse/compare.md", "Compare", "what each instrument says on one topic")
    def compare_page(site: Site) -> SitePage: ...
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from indexer.corpus.model import Entry
from indexer.corpus.plan import SYMBOL, Paragraph
from indexer.publish.dates import long_date_or_text as long_date
from indexer.site import matrix
from indexer.site.bibliographies import download_links
from indexer.site.i18n import EN, english_only, has, pinyin_letter, t
from indexer.site.pages.common import (
    A_Z,
    BROWSE,
    BY_PILLAR,
    BY_REGION,
    BY_TYPE,
    ENTRIES_INDEX,
    MATRIX,
    NOINDEX,
    TIMELINE,
    Site,
    SitePage,
    Writer,
    english,
    group_label,
    groups,
    h,
    heading,
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

    def title_in(self, lang: str) -> str:
        """Its title in ``lang`` (site/i18n.py "nav.<src>"), else the declared one."""
        return t(f"nav.{self.src}", lang) if has(f"nav.{self.src}", lang) else self.title

    def blurb_in(self, lang: str) -> str:
        return t(f"blurb.{self.src}", lang) if has(f"blurb.{self.src}", lang) else self.blurb


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


def browse_nav(lang: str = EN) -> list:
    """The Browse section of the navigation, as mkdocs.yml writes it, in ``lang``."""
    return [BROWSE] + [{page.title_in(lang): page.src} for page in REGISTRY]


def browse_pages(site: Site) -> list[SitePage]:
    """The Browse page, the registry's pages and their subpages. Pages without Chinese text
    yet (site/i18n.py ENGLISH_ONLY) are rendered in English in every edition."""
    pages = [browse_index(site)]
    pages += [page.build(site.english_site if english_only(page.src) else site)
              for page in REGISTRY]
    for build in SUBPAGES:
        made = build(site)
        if site.lang != EN and any(english_only(p.src) for p in made):
            made = build(site.english_site)
        pages += made
    return pages


def _downloads(w: Writer, stem: str) -> str:
    """The list's bibliography downloads (see site/bibliographies.py), where there is one."""
    if stem not in w.site.bibliographies:
        return ""
    return download_links(stem, w.src, w.site.url_style, w.lang, w.site.files_root)


def browse_index(site: Site) -> SitePage:
    w = Writer(site, BROWSE)
    lang = site.lang
    w.breadcrumbs([(w.t("browse"), None)])
    w.md(heading(1, w.t("browse"), "title"))
    w.html(ul(f"<strong>{w.link(page.src, page.title_in(lang))}</strong>{h(w.t('colon'))}"
              f"{h(page.blurb_in(lang))}{h(w.t('stop'))}" for page in REGISTRY))
    pages = w.t("list_sep").join(page.title_in(lang) for page in REGISTRY)
    return w.page(title=w.t("browse"), description=w.t("browse.description", pages=pages))


ENTRY_HEAD = ("entry", "type", "region", "adopted", "paragraphs")  # keys of site/i18n.py


def _entry_head(w: Writer) -> list[str]:
    return [w.t(key) for key in ENTRY_HEAD]


def _entry_rows(w: Writer, entries: Iterable[Entry]) -> Iterable[list[str]]:
    v = w.site.vocab
    for e in entries:
        yield [w.entry(e), h(v.type_label(e.type, w.lang)), h(v.region_label(e.region, w.lang)),
               e.year, str(len(e.plan_refs))]


@browse_page(ENTRIES_INDEX, "All entries", "every entry by title, with its type, region and year")
def entries_index_page(site: Site) -> SitePage:
    w = Writer(site, ENTRIES_INDEX)
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t("all.h1"), None)])
    w.md(heading(1, w.t("all.h1"), "title"))
    w.md(w.t("all.intro", count=w.t("entry_n", n=len(site.entries)), symbol=SYMBOL))
    w.html(table(_entry_head(w), _entry_rows(w, site.entries), numeric=[4]))
    return w.page(title=w.t("all.h1"), description=w.t("all.description"), search=NOINDEX)


@browse_page(BY_PILLAR, "By pillar",
             "the preamble, the operative part, and each section of the Plan with what it cites")
def pillars_page(site: Site) -> SitePage:
    w = Writer(site, BY_PILLAR)
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t("pillars.h1"), None)])
    w.md(heading(1, w.t("pillars.h1"), "title"))
    w.md(w.t("pillars.intro"))
    for group, paras in groups(site).items():
        w.md(heading(2, group_label(group, site.lang), group))
        by_entry: dict[str, list[Paragraph]] = defaultdict(list)
        for para in paras:
            for eid, _ in site.cited.get(para.key, []):
                by_entry[eid].append(para)
        out = ['<p class="tipkb-paras">'
               + w.t("pillars.paragraphs", list=w.t("list_sep").join(w.para(p) for p in paras))
               + "</p>"]
        if by_entry:
            ranked = sorted(by_entry.items(), key=lambda kv: (
                -len(kv[1]), site.sort_key(site.name(site.corpus.entries[kv[0]]))))
            out.append(ul(f"{w.entry(site.corpus.entries[eid])}{h(w.t('colon'))}"
                          + w.t("list_sep").join(w.para(p) for p in cited)
                          for eid, cited in ranked))
        else:
            out.append(f"<p>{h(w.t('pillars.none'))}</p>")
        pillar = next((p.pillar for p in paras if p.pillar), None)
        if pillar:
            out.append(_downloads(w, f"pillar-{pillar}"))
        w.html("\n".join(out))
    return w.page(title=w.t("pillars.h1"), description=w.t("pillars.description"),
                  search=NOINDEX)


@browse_page(BY_TYPE, "By type", "conventions, resolutions, mandates, bodies, practices…")
def types_page(site: Site) -> SitePage:
    w = Writer(site, BY_TYPE)
    by_type: dict[str, list[Entry]] = defaultdict(list)
    for entry in site.entries:
        by_type[entry.type].append(entry)
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t("types.h1"), None)])
    w.md(heading(1, w.t("types.h1"), "title"))
    w.html(ul(f'<a href="#{value}">{h(label)}</a> ({len(by_type.get(value, []))})'
              for value, label in type_labels(site)))
    for value, label in type_labels(site):
        w.md(heading(2, label, value))
        entries = by_type.get(value, [])
        # The types' descriptions are in English only (the schema's x-types).
        w.html(english(w, f"<p>{h(site.vocab.types[value].description)}</p>", "div") + "\n"
               + (table(_entry_head(w), _entry_rows(w, entries), numeric=[4]) if entries
                  else f"<p>{h(w.t('browse.no_entries_type'))}</p>")
               + "\n" + _downloads(w, f"type-{value}"))
    return w.page(title=w.t("types.h1"), description=w.t("types.description"), search=NOINDEX)


@browse_page(BY_REGION, "By region", "global, regional and subregional instruments and mechanisms")
def regions_page(site: Site) -> SitePage:
    w = Writer(site, BY_REGION)
    v = site.vocab
    by_region: dict[str, dict[str | None, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in site.entries:
        by_region[entry.region][entry.subregion].append(entry)
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t("regions.h1"), None)])
    w.md(heading(1, w.t("regions.h1"), "title"))
    regions = [(value, v.regions.label(value, site.lang)) for value in v.regions.values]
    w.html(ul(f'<a href="#{value}">{h(label)}</a> '
              f"({sum(len(x) for x in by_region.get(value, {}).values())})"
              for value, label in regions))
    for value, label in regions:
        subs = by_region.get(value, {})
        w.md(heading(2, label, value))
        if not subs:
            w.html(f"<p>{h(w.t('browse.no_entries_region'))}</p>")
            continue
        w.html(_downloads(w, f"region-{value}"))
        if subs.get(None):
            w.html(table(_entry_head(w), _entry_rows(w, subs[None]), numeric=[4]))
        for sub in sorted((s for s in subs if s),
                          key=lambda s: site.sort_key(v.region_label(s, site.lang))):
            w.md(heading(3, v.region_label(sub, site.lang), sub))
            w.html(table(_entry_head(w), _entry_rows(w, subs[sub]), numeric=[4]))
    return w.page(title=w.t("regions.h1"), description=w.t("regions.description"), search=NOINDEX)


def _letter(name: str) -> str:
    first = name.lstrip("\"'“‘(«")[:1].upper()
    if first.isdigit():
        return "0-9"
    return first if "A" <= first <= "Z" else "#"


def _letter_anchor(key: str) -> str:
    return {"#": "other", "0-9": "digits"}.get(key, key.lower())


_CJK = re.compile("[\u3400-\u9fff]")


def _names(site: Site, entry: Entry) -> tuple[str, list[str], list[str]]:
    """(the entry's name in the edition, its other names in that language, its names in the
    other language): titles and Latin aliases are English, Chinese names and aliases Chinese."""
    english = [entry.display_title, entry.title] + [a for a in entry.aliases if not _CJK.search(a)]
    chinese = entry.zh_names + [a for a in entry.aliases if _CJK.search(a)]
    primary = site.name(entry)
    own, other = (english, chinese) if site.lang == EN else (chinese, english)
    return primary, [n for n in dict.fromkeys(own) if n != primary], list(dict.fromkeys(other))


@browse_page(A_Z, "A-Z", "every title, short title, acronym and Chinese name")
def a_z_page(site: Site) -> SitePage:
    """Every name in the edition's language, by letter (in Chinese by the pinyin's first
    letter), then the names in the other language."""
    w = Writer(site, A_Z)
    letter_of = _letter if site.lang == EN else pinyin_letter
    names: list[tuple[str, Entry, bool]] = []  # (name, entry, is the entry's own name here)
    others: list[tuple[str, Entry]] = []
    for entry in site.entries:
        primary, more, other_lang = _names(site, entry)
        names.append((primary, entry, True))
        names += [(n, entry, False) for n in more]
        others += [(n, entry) for n in other_lang]
    names.sort(key=lambda x: (site.sort_key(x[0]), x[1].id))
    letters: dict[str, list[tuple[str, Entry, bool]]] = {}
    for item in names:
        letters.setdefault(letter_of(item[0]), []).append(item)
    keys = sorted(letters, key=lambda k: (k == "#", k == "0-9", k))
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t("a_z.h1"), None)])
    w.md(heading(1, w.t("a_z.h1"), "title"))
    w.md(w.t("a_z.intro"))
    other_anchor = "zh" if site.lang == EN else "en"
    jump = [f'<a href="#{_letter_anchor(k)}">{h(k)}</a>' for k in keys]
    jump.append(f'<a href="#{other_anchor}">{h(w.t("a_z.other_lang_jump"))}</a>')
    w.html('<p class="tipkb-jump">' + " · ".join(jump) + "</p>")
    for key in keys:
        w.md(heading(2, key, _letter_anchor(key)))
        w.html(ul(w.entry(e) if primary else w.t("a_z.see", name=h(name), entry=w.entry(e))
                  for name, e, primary in letters[key]))
    # The other language's names: in English the Chinese names in the order of their
    # characters, in Chinese the English names alphabetically.
    others_lang = "zh" if site.lang == EN else "en"
    others.sort(key=lambda x: (x[0] if site.lang == EN else x[0].casefold(), x[1].id))
    w.md(heading(2, w.t("a_z.other_lang"), other_anchor))
    if others:
        w.html(ul(f'<a href="{h(href(w.src, entry_src(e), site.url_style))}" lang="{others_lang}">'
                  f"{h(name)}</a>{h(w.t('colon'))}{h(site.name(e))}" for name, e in others))
    else:
        w.html(f"<p>{h(w.t('a_z.other_lang_none'))}</p>")
    return w.page(title=w.t("a_z.h1"), description=w.t("a_z.description"), search=NOINDEX)


@browse_page(TIMELINE, "Timeline", "adoption dates, from the oldest to the newest")
def timeline_page(site: Site) -> SitePage:
    w = Writer(site, TIMELINE)
    lang = site.lang
    dated = sorted((e for e in site.entries if e.adopted),
                   key=lambda e: (e.adopted or "", site.sort_key(site.name(e))))
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t("timeline.h1"), None)])
    w.md(heading(1, w.t("timeline.h1"), "title"))
    undated = len(site.entries) - len(dated)
    w.md(w.t("timeline.intro", count=w.t("entry_n", n=len(dated)), undated=undated))
    if dated:
        w.html(matrix.timeline_html([e.year for e in dated], lang))
    by_decade: dict[int, list[Entry]] = {}
    for entry in dated:
        by_decade.setdefault(int(entry.year) // 10 * 10, []).append(entry)
    for decade, entries in by_decade.items():
        w.md(heading(2, w.t("timeline.decade", decade=decade), f"d{decade}"))
        items = []
        for e in entries:
            extra = w.t("timeline.in_force", date=long_date(e.in_force, lang)) if e.in_force else ""
            items.append(f"<strong>{h(long_date(e.adopted, lang))}</strong>{h(w.t('colon'))}"
                         f"{w.entry(e)}"
                         f"{h(w.t('paren', text=site.vocab.type_label(e.type, lang) + extra))}")
        w.html(ul(items))
    return w.page(title=w.t("timeline.h1"), description=w.t("timeline.description"),
                  search=NOINDEX)


@browse_page(MATRIX, "Matrix", "which paragraph of the resolution cites which entry")
def matrix_page(site: Site) -> SitePage:
    w = Writer(site, MATRIX)
    w.breadcrumbs([(w.t("browse"), BROWSE), (w.t("nav.browse/matrix.md"), None)])
    w.md(heading(1, w.t("matrix.h1"), "title"))
    w.md(w.t("matrix.intro"))
    w.html(matrix.matrix_html(site.corpus, site.entries, w.src, site.url_style))
    w.md(heading(2, w.t("matrix.by_entry"), "by-entry"))
    for value, label, block in matrix.by_entry(site.corpus, site.entries, w.src, site.url_style):
        w.md(heading(3, label, f"entries-{value}"))
        w.html(block)
    w.md(heading(2, w.t("matrix.by_paragraph"), "by-paragraph"))
    for group, label, block in matrix.by_paragraph(site.corpus, site.entries, w.src,
                                                   site.url_style):
        w.md(heading(3, label, f"paras-{group}"))
        w.html(block)
    return w.page(title=w.t("matrix.h1"), description=w.t("matrix.description"),
                  search=NOINDEX, hide=["navigation", "toc"])
