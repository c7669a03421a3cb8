"""The site's "Cite this" boxes and the citation files published with the site.

Both read the format registry (indexer/publish/formats.py): the styles marked ``text`` are shown
with a copy button, those marked ``download`` are offered as files, and every format that renders
a selection is published whole under ``data/``.
"""

from __future__ import annotations

import html
import posixpath

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import Paragraph
from indexer.publish.cite import CitationMissing
from indexer.publish.formats import FORMATS, Subject
from indexer.publish.selection import EVERYTHING
from indexer.site.urls import DIRECTORY, url_of

CITE_DIR = "cite"
DATA_DIR = "data"


def file_href(from_src: str, path: str, url_style: str = DIRECTORY) -> str:
    """Relative URL from the page built from ``from_src`` to a file of the site."""
    here = url_of(from_src, url_style)
    folder = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    return posixpath.relpath(path, folder or ".")


def stem_of(subject: Subject) -> str:
    return f"a-res-64-293-{subject.key}" if isinstance(subject, Paragraph) else subject.id


def _text(corpus: Corpus, subject: Subject, name: str) -> str:
    fmt = FORMATS[name]
    assert fmt.cite is not None
    try:
        text = fmt.cite(corpus, subject)
    except CitationMissing as exc:
        return (f'<p class="tipkb-citebox-missing"><strong>{html.escape(fmt.label)}</strong>: not '
                f"available: the entry does not give {html.escape(' or '.join(exc.missing))}."
                "</p>")
    # Pygments' markup, so Material's copy button attaches to the block. The block wraps its
    # line (tipkb.css), so the button never hides the end of the citation.
    return (f"<p><strong>{html.escape(fmt.label)}</strong></p>\n"
            f'<div class="highlight tipkb-cite-text"><pre><span></span><code>'
            f"{html.escape(text)}</code></pre></div>")


def _downloads(subject: Subject, from_src: str, url_style: str) -> str:
    def link(f) -> str:
        url = file_href(from_src, f"{CITE_DIR}/{stem_of(subject)}.{f.extension}", url_style)
        return f'<a href="{html.escape(url)}" download>{html.escape(f.label)}</a>'

    links = [link(f) for f in FORMATS.values() if f.citebox == "download"]
    return '<p class="tipkb-downloads">Download: ' + " · ".join(links) + "</p>"


def box(corpus: Corpus, subject: Subject, from_src: str, url_style: str = DIRECTORY) -> str:
    texts = [_text(corpus, subject, name) for name, f in FORMATS.items() if f.citebox == "text"]
    edition = html.escape(corpus.manifest.edition)
    return "\n".join(['<div class="tipkb-citebox">', *texts,
                      _downloads(subject, from_src, url_style),
                      f'<p class="tipkb-edition">Knowledge base {edition}.</p>', "</div>"])


def entry_box(corpus: Corpus, entry: Entry, from_src: str, url_style: str = DIRECTORY) -> str:
    return box(corpus, entry, from_src, url_style)


def paragraph_box(corpus: Corpus, para: Paragraph, from_src: str,
                  url_style: str = DIRECTORY) -> str:
    return box(corpus, para, from_src, url_style)


def citation_files(corpus: Corpus) -> dict[str, str]:
    """Site path -> content: one file per download format for every entry and paragraph, and
    the whole corpus in every format that renders a selection (the open data)."""
    files: dict[str, str] = {}
    subjects: list[Subject] = [*corpus, *corpus.plan.paragraphs.values()]
    for fmt in FORMATS.values():
        if fmt.citebox == "download" and fmt.cite:
            for subject in subjects:
                files[f"{CITE_DIR}/{stem_of(subject)}.{fmt.extension}"] = fmt.cite(corpus, subject)
        if fmt.render:
            files[f"{DATA_DIR}/tipkb.{fmt.extension}"] = fmt.render(corpus, EVERYTHING)
    return files
