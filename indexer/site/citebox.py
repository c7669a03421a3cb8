"""The site's "Cite this" boxes and the citation files published with the site."""

from __future__ import annotations

from ..bibliography import render
from ..cite import CitationMissing, csl_item, oscola, paragraph_csl, paragraph_oscola, paragraph_un, un_style
from ..export import EXPORTERS, EXTENSIONS
from ..model import Corpus, Entry
from ..plan import Paragraph

CITE_DIR = "cite"
DATA_DIR = "data"
FORMATS = (("bibtex", "bib", "BibTeX"), ("ris", "ris", "RIS"), ("csl-json", "csl.json", "CSL-JSON"))


def _style_block(label: str, render_style) -> str:
    try:
        text = render_style()
    except CitationMissing as exc:
        return (f"**{label}**: not available yet; the entry lacks "
                + ", ".join(f"`{m}`" for m in exc.missing) + ".\n\n")
    return f"**{label}**\n\n```text\n{text}\n```\n\n"


def _downloads(from_src: str, stem: str, rel) -> str:
    links = [f"[{label}]({rel(from_src, f'{CITE_DIR}/{stem}.{ext}')})" for _, ext, label in FORMATS]
    return "Download: " + " · ".join(links) + "\n{ .tipkb-downloads }\n"


def entry_box(entry: Entry, from_src: str, rel) -> str:
    return (_style_block("United Nations style", lambda: un_style(entry))
            + _style_block("OSCOLA", lambda: oscola(entry))
            + _downloads(from_src, entry.id, rel))


def paragraph_box(para: Paragraph, from_src: str, rel) -> str:
    return (_style_block("United Nations style", lambda: paragraph_un(para))
            + _style_block("OSCOLA", lambda: paragraph_oscola(para))
            + _downloads(from_src, f"a-res-64-293-{para.key}", rel))


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
