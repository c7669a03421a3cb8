"""What every page shares: the page object, the writer that builds one, the site-wide data
computed once per build, and small HTML helpers.

A page is Markdown for what Markdown is good at (headings, which make the table of contents)
and pre-rendered HTML blocks for everything generated (facts, lists, tables, links, and each
section of an entry's body, converted and sanitised on its own by site/body.py). Markdown carries
only a slot for each block (see sanitize.Slots): the MkDocs plugin sanitises what Markdown made
of the page and then puts the blocks in, so generated HTML never goes through Markdown's inline
parser; :meth:`SitePage.as_file` puts them in place instead, for a generator that reads files
(``tipkb site-src``). Links in blocks are relative URLs from :func:`urls.href`; the site tests
check that every one of them resolves.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.names import entry_title, para_label
from indexer.corpus.plan import PARTS, SECTIONS, Paragraph
from indexer.site import citebox
from indexer.site.bibliographies import bibliographies
from indexer.site.body import BodyRenderer
from indexer.site.i18n import DEFAULT_LANG, EN, ZH, pinyin_key, t
from indexer.site.sanitize import Slots
from indexer.site.urls import DIRECTORY, entry_src, href, para_src

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

# Groups of paragraphs in document order: the two parts of the resolution, then the sections
# of the annex. Keys double as anchors on the Plan index and the pillar page.
def group_label(group: str, lang: str = EN) -> str:
    """A group's name in ``lang``: the annex's sections by their own titles (in Chinese, the
    headings of the Chinese text), the rest from site/i18n.py ("group.<group>")."""
    if group in SECTIONS and SECTIONS[group][0]:
        _, title_en, title_zh = SECTIONS[group]
        return title_en if lang == EN else (title_zh or title_en)
    return t(f"group.{group}", lang)


GROUPS = {key: group_label(key) for key in ("preamble", "operative", *SECTIONS)}


BLOCK_START = re.compile(r"<(?:div|p|nav|table|ul|ol|dl|figure|section|details|h[1-6])[\s>]")
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
    title: str = ""  # as the front matter gives it (an entry's title as its author wrote it)

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
        """Add an HTML block; ``index=False`` keeps it out of the search index.

        A block starts with a block-level element, so that Markdown passes it through as it is
        when the page is written out as a file (see site/source.py)."""
        if not block:
            return
        if not BLOCK_START.match(block):
            raise ValueError(f"an HTML block must start with a block-level element: {block[:40]!r}")
        slot = self.site.slots.mark("block" if index else "late", len(self.blocks))
        self.parts.append("\n\n" + slot + "\n\n")
        self.blocks.append(block)

    @property
    def lang(self) -> str:
        return self.site.lang

    def t(self, key: str, n: int | None = None, **fmt: object) -> str:
        """The interface string ``key`` in the page's language (see site/i18n.py)."""
        return t(key, self.site.lang, n, **fmt)

    def link(self, to_src: str, text: str, anchor: str = "", cls: str = "",
             escape: bool = True) -> str:
        url = href(self.src, to_src, self.site.url_style, anchor)
        attr = f' class="{cls}"' if cls else ""
        return f'<a href="{h(url)}"{attr}>{h(text) if escape else text}</a>'

    def entry(self, entry: Entry) -> str:
        return self.link(entry_src(entry), self.site.name(entry))

    def para(self, para: Paragraph) -> str:
        return self.link(para_src(para), para_label(para, self.site.lang))

    def breadcrumbs(self, trail: Iterable[tuple[str, str | None]]) -> None:
        """Home, then (label, target) pairs; a target is a page source with an optional
        ``#anchor``, or None for plain text."""
        parts = [self.link(HOME, self.t("home"))]
        for label, target in trail:
            if target:
                page, _, anchor = target.partition("#")
                parts.append(self.link(page, label, anchor))
            else:
                parts.append(h(label))
        self.html(f'<nav class="tipkb-breadcrumbs" aria-label="{h(self.t("breadcrumb"))}">'
                  + " › ".join(parts) + "</nav>", index=False)

    def page(self, edit_path: Path | None = None, **meta) -> SitePage:
        return SitePage(self.src, front_matter(**meta) + "".join(self.parts), self.blocks,
                        edit_path, self.site.slots, str(meta.get("title", "")))


# ---------------------------------------------------------------- shared data and helpers


class Site:
    """What the pages share, computed once per build, for one edition (``lang``)."""

    def __init__(self, corpus: Corpus, url_style: str = DIRECTORY, lang: str = DEFAULT_LANG):
        self.lang = lang
        self.slots = Slots()  # a fresh nonce for every build
        self.bodies = BodyRenderer(url_style)
        self.corpus = corpus
        self.vocab = corpus.vocab
        self.plan = corpus.plan
        self.url_style = url_style
        self.cited = corpus.cited_by()
        self.links = corpus.links()
        self.entries = sorted(corpus, key=lambda e: (self.sort_key(self.name(e)), e.id))
        self.see_also = _see_also(corpus)
        self.bibliographies = {b.stem for b in bibliographies(corpus)}
        # Citation files and bibliographies are the same in every edition: one copy, at the
        # root of the default edition; another edition's pages link up to it.
        self.files_root = "" if lang == DEFAULT_LANG else "../"

    @cached_property
    def english_site(self) -> Site:
        """The default edition's view of the same corpus, for the pages that are English in
        every edition (site/i18n.py ENGLISH_ONLY)."""
        return self if self.lang == EN else Site(self.corpus, self.url_style, EN)

    def group_of(self, para: Paragraph) -> str:
        return para.group

    def where(self, para: Paragraph) -> str:
        if self.lang == ZH:
            section = SECTIONS[para.section][2] if para.section else None
            return t(f"part.{para.part}", ZH) + (f"，{section}" if section else "")
        return PARTS[para.part] + (f", {SECTIONS[para.section][1]}" if para.section else "")

    def name(self, entry: Entry) -> str:
        """What the edition calls an entry in lists and links: its display title, or in
        Chinese its Chinese name (official, else the project's, else the resolution's words)."""
        if self.lang == ZH:
            return entry_title(entry, ZH)[0]
        return entry.display_title

    def sort_key(self, name: str) -> str:
        """Names in the edition's order: by pinyin in Chinese, alphabetically in English."""
        return pinyin_key(name) if self.lang == ZH else name.casefold()


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
    return citebox.entry_box(w.site.corpus, entry, w.src, w.site.url_style, w.lang,
                             w.site.files_root)


def h(text) -> str:
    return html.escape(str(text), quote=True)


def english(w: Writer, inner: str, tag: str = "span") -> str:
    """HTML of the entry's own English words: as it is in the English edition, marked
    ``lang="en"`` in another, so that readers, screen readers and fonts know."""
    if w.lang == EN:
        return inner
    return f'<{tag} lang="en">{inner}</{tag}>' if tag == "span" else \
        f'<{tag} lang="en">\n{inner}\n</{tag}>'


def front_matter(**meta) -> str:
    # JSON strings are valid YAML scalars, and far quicker to write than yaml.dump.
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading with a fixed id (plain text: no Markdown in the title)."""
    text = re.sub(r"([\\`*_\[\]<>#{}])", r"\\\1", text)
    return f"\n\n{'#' * level} {text} {{ #{anchor} }}\n\n"


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


def type_labels(site: Site) -> list[tuple[str, str]]:
    return [(value, site.vocab.type_label(value, site.lang)) for value in site.vocab.types]


def badge(w: Writer, text: str, kind: str, to_src: str | None = None, anchor: str = "") -> str:
    cls = f"tipkb-badge tipkb-badge--{kind}"
    if to_src:
        return w.link(to_src, text, anchor, cls)
    return f'<span class="{cls}">{h(text)}</span>'




def groups(site: Site) -> dict[str, list[Paragraph]]:
    """The paragraphs by group (see GROUPS), in document order."""
    out: dict[str, list[Paragraph]] = {}
    for para in site.plan.paragraphs.values():
        out.setdefault(para.group, []).append(para)
    return out
