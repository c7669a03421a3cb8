"""The site's "Cite this" boxes and the citation files published with the site."""

from __future__ import annotations

import html
import posixpath

from indexer.publish.bibliography import render
from indexer.publish.cite import CitationMissing, csl_item, oscola, paragraph_csl, paragraph_oscola, paragraph_un, un_style
from indexer.publish.export import EXPORTERS, EXTENSIONS
from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import Paragraph
from indexer.site.urls import url_of

CITE_DIR = "cite"
DATA_DIR = "data"
FORMATS = (("bibtex", "bib", "BibTeX"), ("ris", "ris", "RIS"), ("csl-json", "csl.json", "CSL-JSON"))


def file_href(from_src: str, path: str, directory_urls: bool = True) -> str:
    """Relative URL from the page built from ``from_src`` to a file of the site."""
    here = url_of(from_src, directory_urls)
    folder = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    return posixpath.relpath(path, folder or ".")


def _style(label: str, render_style) -> str:
    try:
        text = render_style()
    except CitationMissing as exc:
        missing = ", ".join(f"<code>{html.escape(m)}</code>" for m in exc.missing)
        return (f'<p class="tipkb-citebox-missing"><strong>{label}</strong>: not available yet; '
                f"the entry lacks {missing}.</p>")
    # Pygments' markup, so Material's copy button attaches to the block.
    return (f"<p><strong>{label}</strong></p>\n"
            f'<div class="highlight"><pre><span></span><code>{html.escape(text)}</code></pre></div>')


def _downloads(from_src: str, stem: str, directory_urls: bool) -> str:
    links = [f'<a href="{html.escape(file_href(from_src, f"{CITE_DIR}/{stem}.{ext}", directory_urls))}"'
             f' download>{label}</a>' for _, ext, label in FORMATS]
    return '<p class="tipkb-downloads">Download: ' + " · ".join(links) + "</p>"


def entry_box(entry: Entry, from_src: str, directory_urls: bool = True) -> str:
    return "\n".join(['<div class="tipkb-citebox">',
                      _style("United Nations style", lambda: un_style(entry)),
                      _style("OSCOLA", lambda: oscola(entry)),
                      _downloads(from_src, entry.id, directory_urls), "</div>"])


def paragraph_box(para: Paragraph, from_src: str, directory_urls: bool = True) -> str:
    return "\n".join(['<div class="tipkb-citebox">',
                      _style("United Nations style", lambda: paragraph_un(para)),
                      _style("OSCOLA", lambda: paragraph_oscola(para)),
                      _downloads(from_src, f"a-res-64-293-{para.key}", directory_urls), "</div>"])


def citation_files(corpus: Corpus) -> dict[str, str]:
    """Site path -> content: one file per format for every entry and paragraph, and the
    whole-corpus exports (the open data)."""
    files: dict[str, str] = {}
    items = [(e.id, csl_item(corpus, e)) for e in corpus]
    items += [(f"a-res-64-293-{p.key}", paragraph_csl(p)) for p in corpus.plan.paragraphs.values()]
    for stem, item in items:
        for fmt, ext, _ in FORMATS:
            files[f"{CITE_DIR}/{stem}.{ext}"] = render([item], fmt)
    for fmt, exporter in EXPORTERS.items():
        files[f"{DATA_DIR}/tipkb.{EXTENSIONS[fmt]}"] = exporter(corpus)
    return files
