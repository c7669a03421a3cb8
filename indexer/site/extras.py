"""Files the site publishes beside its pages: citation downloads for every entry and
paragraph, the open data, a bibliography per pillar, type and region, and a redirect page at
the old address of every renamed entry. One list for the MkDocs plugin and ``tipkb site-src``.
"""

from __future__ import annotations

from pathlib import Path

from indexer.corpus.model import Corpus
from indexer.site.bibliographies import bibliography_files
from indexer.site.citebox import citation_files
from indexer.site.i18n import DEFAULT_LANG
from indexer.site.pages.checklist import checklist_files
from indexer.site.pages.compare import compare_files
from indexer.site.redirects import redirect_files
from indexer.site.urls import DIRECTORY, SOURCE


def site_files(corpus: Corpus, url_style: str = DIRECTORY, lang: str = DEFAULT_LANG
               ) -> dict[str, str | bytes]:
    """Site path -> content. Redirect pages are finished HTML, so they always carry output
    URLs (a generator copies them as they are). Citation files and bibliographies are the same
    in every language: only the default edition has them (the others link to them)."""
    files: dict[str, str | bytes] = {}
    if lang == DEFAULT_LANG:
        files.update(citation_files(corpus))
        files.update(bibliography_files(corpus))
    # The comparison and checklist CSVs are in every edition: their pages link to the file
    # beside them.
    files.update(compare_files(corpus))  # the comparison tables as CSV
    files.update(checklist_files(corpus))  # the checklists to fill in, as CSV
    files.update(redirect_files(corpus, DIRECTORY if url_style == SOURCE else url_style))
    return files


def write_downloads(site_dir: Path, files: dict[str, str | bytes]) -> None:
    """Write ``site_files`` into the built site at ``site_dir`` (the plugin does, beside the
    pages MkDocs writes; ``tipkb site-src`` puts them among the pages' sources instead)."""
    root = Path(site_dir).resolve()
    for path, content in files.items():
        dest = (root / path).resolve()
        if not dest.is_relative_to(root):
            raise ValueError(f"a download outside the site folder: {path!r}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        dest.write_bytes(data)
