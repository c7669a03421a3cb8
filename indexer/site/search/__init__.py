"""The site's search box: a static index built with the site, read by a script in the page.

The index (index.py) is cut into small script files, so that a query loads only the few it
needs, whatever the size of the corpus, and so that it works from the offline copy opened
from disk, where browsers refuse fetch() and WebAssembly. The analysis (analysis.py) is the
CLI's, through indexer.search.textnorm; the browser's half is
docs/assets/javascripts/tipkb-search.js.
"""

from __future__ import annotations

from pathlib import Path

from indexer.corpus.model import Corpus
from indexer.site.i18n import DEFAULT_LANG, LANGS
from indexer.site.search.documents import site_documents
from indexer.site.search.index import BuildStats, build_index

SEARCH_DIR = "search"
TRANSLATION_SUFFIXES = tuple(f".{lang}.md" for lang in LANGS if lang != DEFAULT_LANG)


def page_sources(docs_dir: Path) -> list[str]:
    """The hand-written pages: every Markdown file under docs/, as 'contributing/site.md'
    (translations, 'contributing/index.zh.md', are built in their original's place)."""
    root = Path(docs_dir)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md")
                  if not p.name.endswith(TRANSLATION_SUFFIXES))


def build_site_search(corpus: Corpus, site_dir: Path, docs_dir: Path,
                      directory_urls: bool = True, cjk_mode: str = "jieba",
                      generated: frozenset[str] = frozenset(), lang: str = "en") -> BuildStats:
    """Write the search index of the built site at ``site_dir`` into its search/ folder.
    ``generated``: pages under ``docs_dir`` made from the corpus (as site-src writes them),
    which are searched as entries and paragraphs, not as hand-written pages."""
    pages = [src for src in page_sources(docs_dir) if src not in generated]
    docs = site_documents(corpus, Path(site_dir), pages, directory_urls, lang)
    return build_index(docs, Path(site_dir) / SEARCH_DIR, cjk_mode)


__all__ = ["SEARCH_DIR", "BuildStats", "build_site_search", "page_sources"]
