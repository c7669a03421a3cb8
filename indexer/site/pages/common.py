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
from pathlib import Path

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import PARTS, SECTIONS, Paragraph
from indexer.site import citebox
from indexer.site.bibliographies import bibliographies
from indexer.site.body import BodyRenderer
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
GROUPS = {
    "preamble": "Preamble of the resolution",
    "operative": "Operative part of the resolution",
    **{key: f"Annex: {title}" if key == "general" else title
       for key, (_, title, _) in SECTIONS.items()},
}
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

    def link(self, to_src: str, text: str, anchor: str = "", cls: str = "",
             escape: bool = True) -> str:
        url = href(self.src, to_src, self.site.url_style, anchor)
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
                        edit_path, self.site.slots, str(meta.get("title", "")))


# ---------------------------------------------------------------- shared data and helpers


class Site:
    """What the pages share, computed once per build."""

    def __init__(self, corpus: Corpus, url_style: str = DIRECTORY):
        self.slots = Slots()  # a fresh nonce for every build
        self.bodies = BodyRenderer(url_style)
        self.corpus = corpus
        self.vocab = corpus.vocab
        self.plan = corpus.plan
        self.url_style = url_style
        self.cited = corpus.cited_by()
        self.links = corpus.links()
        self.entries = sorted(corpus, key=lambda e: (e.display_title.casefold(), e.id))
        self.see_also = _see_also(corpus)
        self.bibliographies = {b.stem for b in bibliographies(corpus)}

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
    return citebox.entry_box(w.site.corpus, entry, w.src, w.site.url_style)


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


def type_labels(site: Site) -> list[tuple[str, str]]:
    return [(value, info.label) for value, info in site.vocab.types.items()]


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
