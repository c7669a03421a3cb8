"""The static site's pages, rendered from the model as Markdown strings (no MkDocs here).

``indexer.site.plugin`` is the thin layer that hands these pages to MkDocs.
"""

from indexer.site.pages import SitePage, render_site

__all__ = ["SitePage", "render_site"]
