"""Bibliography downloads for the site: one per pillar, per entry type and per region.

Each is the selection a browse page shows (the same ``Selection`` as ``tipkb export --pillar
...``), written in every format the site's "Cite this" box offers as a download (BibTeX, RIS,
CSL-JSON), through the one format registry. A pillar's bibliography also holds the Plan's
paragraphs of that pillar, so a trainer can cite both the paragraph and the instrument.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from indexer.corpus.model import Corpus
from indexer.publish.formats import FORMATS
from indexer.publish.selection import Selection
from indexer.site.citebox import DATA_DIR, file_href
from indexer.site.i18n import EN, t
from indexer.site.urls import DIRECTORY

BIB_DIR = f"{DATA_DIR}/bibliographies"


@dataclass(frozen=True)
class Bibliography:
    stem: str  # file name without extension: pillar-prosecution, type-convention, region-europe
    label: str  # what it holds, for a link's title
    selection: Selection


def download_formats() -> list[str]:
    """The formats of the downloads: those the Cite this box offers as files."""
    return [name for name, f in FORMATS.items() if f.citebox == "download" and f.render]


def bibliographies(corpus: Corpus) -> list[Bibliography]:
    """Every pillar, and every type and region that has at least one entry."""
    v = corpus.vocab
    out = [Bibliography(f"pillar-{p}", f"Pillar: {v.pillars.label(p)}",
                        Selection(pillars=(p,), with_paragraphs=True)) for p in v.pillars.values]
    types = {e.type for e in corpus}
    out += [Bibliography(f"type-{t}", f"Type: {v.type_label(t)}", Selection(types=(t,)))
            for t in v.types if t in types]
    regions = {e.region for e in corpus}
    out += [Bibliography(f"region-{r}", f"Region: {v.region_label(r)}", Selection(regions=(r,)))
            for r in v.regions.values if r in regions]
    return out


def bibliography_path(stem: str, fmt: str) -> str:
    """Site path of one download, e.g. ``data/bibliographies/pillar-prosecution.bib``."""
    return f"{BIB_DIR}/{stem}.{FORMATS[fmt].extension}"


def bibliography_files(corpus: Corpus) -> dict[str, bytes]:
    """Site path -> file content, for every bibliography in every download format."""
    files: dict[str, bytes] = {}
    for bib in bibliographies(corpus):
        for fmt in download_formats():
            render = FORMATS[fmt].render
            assert render is not None
            files[bibliography_path(bib.stem, fmt)] = render(corpus, bib.selection).encode("utf-8")
    return files


def download_links(stem: str, from_src: str, url_style: str = DIRECTORY, lang: str = EN,
                   files_root: str = "") -> str:
    """HTML for a browse page: 'Download this list: BibTeX · RIS · CSL-JSON'; ``files_root``
    leads from another language's edition to the one copy of the files."""
    def link(fmt: str) -> str:
        url = file_href(from_src, files_root + bibliography_path(stem, fmt), url_style)
        return f'<a href="{html.escape(url)}" download>{html.escape(FORMATS[fmt].label)}</a>'

    links = " · ".join(link(fmt) for fmt in download_formats())
    return f'<p class="tipkb-downloads">{t("cite.download_list", lang, links=links)}</p>'
