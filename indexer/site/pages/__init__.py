"""Every page of the site, rendered from the model (no MkDocs here).

``render_site(corpus)`` returns the pages; the MkDocs plugin adds them to a build
(indexer/site/plugin.py) and ``tipkb site-src`` writes them out as files
(indexer/site/source.py). One module per kind of page; browse pages declare themselves in the
registry of :mod:`indexer.site.pages.browse`, which also feeds the navigation.
"""

from __future__ import annotations

import importlib

from indexer.corpus.model import Corpus
from indexer.site.i18n import DEFAULT_LANG
from indexer.site.pages.browse import REGISTRY, browse_nav, browse_pages
from indexer.site.pages.common import Site, SitePage
from indexer.site.pages.entry import entry_page
from indexer.site.pages.home import home_page, plan_index_page
from indexer.site.pages.paragraph import paragraph_page
from indexer.site.urls import DIRECTORY

# Modules whose browse pages register themselves, in navigation order.
PAGE_MODULES = ("indexer.site.pages.browse", "indexer.site.pages.compare",
                "indexer.site.pages.checklist")
for _name in PAGE_MODULES:
    importlib.import_module(_name)


def render_site(corpus: Corpus, url_style: str = DIRECTORY, lang: str = DEFAULT_LANG
                ) -> list[SitePage]:
    """Every generated page of the site's edition in ``lang``, in a stable order: every
    edition has the same pages, at the same paths."""
    site = Site(corpus, url_style, lang)
    pages = [home_page(site), plan_index_page(site)]
    pages += browse_pages(site)
    pages += [paragraph_page(site, p) for p in site.plan.paragraphs.values()]
    pages += [entry_page(site, e) for e in site.entries]
    return pages


__all__ = ["REGISTRY", "SitePage", "Site", "browse_nav", "render_site"]
